"""Out-of-fold evaluation: each document's roles chosen by models that never saw its vendor.

Folds are grouped by vendor (``Prepared.group``), never by file, since one vendor's template
appears in several files. The out-of-fold choices give the per-set counts printed by training,
the records the calibration is fitted on, and the errors on real documents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from docsift.extraction.confidence.calibration import Calibrator, fit_calibrator, spans_confidence
from docsift.extraction.fields.rank import rank_fields
from docsift.extraction.knowledge.registry import roles
from docsift.extraction.models.bundle import ModelSet
from docsift.extraction.parties.addresses import address_text
from docsift.extraction.parties.choose import find_parties, party_roles
from docsift.training.fit import fit_models, folds, save_models
from docsift.training.records import DocSamples, Prepared
from docsift.training.samples import is_match, name_matches

Record = tuple[str, float, int, bool, float]  # role, score, correct, OCR, lowest word confidence


@dataclass
class Outcome:
    """What the out-of-fold choices of a set of documents showed."""

    records: list[tuple[str, Record]] = field(default_factory=list)  # (group, record)
    counts: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # set -> role -> c/w/m
    errors: list[tuple[str, str, str, str | None, str | None]] = field(default_factory=list)

    def count(self, p: Prepared, role: str, truth: str | None, ok: bool | None, chosen: str | None) -> None:
        """Count one choice of ``role`` (``ok`` None: nothing chosen) against ``truth``."""
        if truth is None:
            return
        c = self.counts.setdefault(p.set, {}).setdefault(role, [0, 0, 0])
        c[2 if ok is None else 0 if ok else 1] += 1
        if not ok and p.set != "synth":
            self.errors.append((p.set, p.doc_id, role, truth, chosen))

    def calibrator(self, exclude: set[str] = frozenset()) -> Calibrator:  # type: ignore[assignment]
        """The calibration fitted on the records of groups not in ``exclude``."""
        return fit_calibrator([r for g, r in self.records if g not in exclude])


def _fields(p: Prepared, models: ModelSet, out: Outcome) -> None:
    reg = p.analysis.registry
    wanted = [roles()[r] for r in reg.roles if (p.complete or r in p.truth) and roles()[r].values]
    chosen = rank_fields(p.analysis, models.fields, wanted)
    for role in wanted:
        choice, truth = chosen.get(role.name), p.truth.get(role.name)
        ok = None if choice is None else truth is not None and is_match(role.name, choice.value, truth)
        if choice is not None:
            weak = spans_confidence([choice.candidate.entity])
            out.records.append((p.group, (role.name, choice.score, int(bool(ok)), p.analysis.ocr, weak)))
        out.count(p, role.name, truth, ok, choice.value if choice else None)


def _parties(p: Prepared, models: ModelSet, out: Outcome) -> None:
    name_roles, address_roles = party_roles(p.analysis)
    found = find_parties(p.analysis, models.names, models.addresses)
    for role in [r for r in name_roles if p.complete or r in p.truth]:
        truth, party = p.truth.get(role), found.get(role)
        ok = None if party is None else truth is not None and name_matches(party.name.text, truth)
        if ok is not None:
            conf = spans_confidence(party.name.segs) if party else 1.0
            out.records.append(
                (p.group, (role, party.score if party else 0.0, int(ok), p.analysis.ocr, conf))
            )
        out.count(p, role, truth, ok, party.name.text if party else None)
        addr_role = role.replace("_name", "_address")
        if not p.address_as_printed or addr_role not in address_roles:
            continue  # an address truth composed of parts (zugferd): not comparable as a whole
        truth = p.truth.get(addr_role)
        lines = party.address if party else []
        text = "".join(c.seg.text for c in lines)
        ok = None if not lines else truth is not None and name_matches(text, truth)
        if ok is not None:
            conf = spans_confidence([c.seg for c in lines])
            score = min(c.score for c in lines)
            out.records.append((p.group, (addr_role, score, int(ok), p.analysis.ocr, conf)))
        out.count(p, addr_role, truth, ok, address_text([c.seg for c in lines]))


def evaluate(p: Prepared, models: ModelSet, out: Outcome) -> None:
    """Choose every role of ``p`` with ``models`` and record the outcome in ``out``."""
    _fields(p, models, out)
    _parties(p, models, out)


@dataclass
class CrossValidation:
    """The out-of-fold outcome and the models of each fold (with the groups each held out)."""

    outcome: Outcome
    folds: list[tuple[set[str], ModelSet]]


def cross_validate(
    docs: list[Prepared], samples: dict[str, DocSamples], k: int, seed: int
) -> CrossValidation:
    """Group k-fold over ``docs``: per fold, models fitted on the other folds choose the roles of
    the held-out documents. Each fold's models get a calibration fitted on the out-of-fold records
    of the other folds' documents."""
    out = Outcome()
    fitted: list[tuple[set[str], ModelSet]] = []
    for held in folds([d.group for d in docs], k, seed):
        train = [samples[d.doc_id] for d in docs if d.group not in held]
        if not train:
            continue
        models = fit_models(train, Calibrator({}), seed)
        for d in docs:
            if d.group in held:
                evaluate(d, models, out)
        fitted.append((held, models))
    for held, models in fitted:
        models.calibration = out.calibrator(exclude=held)
    return CrossValidation(out, fitted)


def save_folds(folder: Path, folds: list[tuple[set[str], ModelSet]]) -> None:
    """Write each fold's models under ``folder/fold-<i>`` and the groups each held out to
    ``folder/folds.json`` (read by the benchmark, bench/oof.py)."""
    for i, (_, models) in enumerate(folds):
        save_models(models, folder / f"fold-{i}", {"fold": i})
    held = [sorted(groups) for groups, _ in folds]
    (folder / "folds.json").write_text(json.dumps(held, indent=1), encoding="utf-8")
