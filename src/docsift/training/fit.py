"""Training the ranker: candidate rows labelled against truth, LightGBM fitted with a fixed seed.

A candidate is positive when its value equals the truth of its role (compared as the benchmark
compares: amounts to the cent, dates as dates, text as letters and digits). For sets whose truth
lists every printed field (``complete``: the synthetic documents), roles without truth are
absent and all their candidates are negative; for the others only the roles with truth are used.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from docsift.bench.extraction_score import same
from docsift.extraction.confidence.calibration import spans_confidence
from docsift.extraction.document.analysis import Analysis
from docsift.extraction.document.index import DocIndex
from docsift.extraction.fields.candidates import generate
from docsift.extraction.fields.features import CATEGORICAL, FEATURES, roles
from docsift.training.records import Sample

PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.1,
    "num_leaves": 31,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "max_cat_to_onehot": 64,
    "cat_smooth": 10,
    "num_threads": 1,
    "deterministic": True,
    "force_row_wise": True,
    "verbose": -1,
}
ROUNDS = 150
REAL_WEIGHT = 3.0  # a real document's rows count this many times a synthetic one's


MASK_SHARE = 0.3  # share of synthetic documents trained with some labels hidden
MASKABLE = (
    "invoice_date", "invoice_number", "invoice_total", "subtotal", "total_tax", "due_date", "vendor_name",
    "customer_name", "vendor_tax_id", "purchase_order",
)  # fmt: skip


FLAT_SHARE = 0.3  # share of synthetic documents trained with every line in one print size


def flatten_fonts(index: DocIndex, key: str, seed: int) -> bool:
    """Print every line of some documents (chosen from ``key`` and ``seed``) in the page's median
    size, so the ranker does not learn that a name is always printed large. Returns whether it did."""
    if random.Random(f"font:{seed}:{key}").random() >= FLAT_SHARE:
        return False
    for page in index.pages:
        for line in page.lines:
            line.font = page.median_font
    return True


def mask_labels(index: DocIndex, key: str, seed: int) -> list[str]:
    """Hide the labels of a few roles on some documents (chosen from ``key`` and ``seed``), so the
    ranker also learns to find values whose label is missing, unusual or misread. Returns the
    hidden roles ([] for most documents)."""
    rng = random.Random(f"{seed}:{key}")
    if rng.random() >= MASK_SHARE:
        return []
    hidden = set(rng.sample(MASKABLE, k=rng.randint(1, 3)))
    for line in index.lines:
        line.labels = [h for h in line.labels if not (h.classes & hidden)]
    return sorted(hidden)


def compare_kind(role: str) -> str:
    """How values of ``role`` compare: amount, date or text."""
    spec = roles().get(role) or {}
    return str(spec.get("compare", "text"))


def is_match(role: str, value: str, truth: str) -> bool:
    """Whether candidate ``value`` equals ``truth`` for ``role``."""
    return same(compare_kind(role), truth, value)


def sample(doc_id: str, group: str, analysis: Analysis, truth: dict[str, str], complete: bool) -> Sample:
    """The labelled rows of one analysed document."""
    wanted = [r for r in roles() if complete or r in truth]
    cands = generate(analysis.ents, analysis.features, wanted)
    s = Sample(doc_id, group, cands=cands, truth=truth)
    for role, cs in cands.items():
        for c in cs:
            s.rows.append(c.row)
            s.labels.append(int(role in truth and is_match(role, c.value, truth[role])))
            s.roles.append(role)
    return s


def fit(
    samples: Iterable[Sample],
    seed: int = 0,
    rounds: int = ROUNDS,
    features: tuple[str, ...] = FEATURES,
    categorical: tuple[str, ...] = CATEGORICAL,
) -> Any:
    """A LightGBM booster fitted on the rows of ``samples`` (deterministic for a seed)."""
    import lightgbm as lgb

    rows: list[list[float]] = []
    labels: list[int] = []
    weights: list[float] = []
    for s in samples:
        rows += s.rows
        labels += s.labels
        weights += [s.weight] * len(s.rows)
    x = np.asarray(rows, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    params = {
        **PARAMS,
        "seed": seed,
        "bagging_seed": seed,
        "feature_fraction_seed": seed,
        "data_random_seed": seed,
    }
    data = lgb.Dataset(
        x,
        y,
        weight=np.asarray(weights),
        feature_name=list(features),
        categorical_feature=list(categorical),
        free_raw_data=False,
    )
    return lgb.train(params, data, num_boost_round=rounds)


def folds(groups: list[str], k: int, seed: int) -> list[set[str]]:
    """``groups`` split into ``k`` folds at random (fixed seed); documents of a group stay together."""
    unique = sorted(set(groups))
    random.Random(seed).shuffle(unique)
    return [set(unique[i::k]) for i in range(k)]


def save(
    booster: Any,
    folder: Path,
    meta: dict[str, Any],
    name: str = "fields",
    features: tuple[str, ...] = FEATURES,
) -> None:
    """Write ``<name>.lgb`` (LightGBM text) and ``<name>.json`` (features and ``meta``) to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.lgb").write_text(booster.model_to_string(), encoding="utf-8")
    body = {"features": list(features), **meta}
    (folder / f"{name}.json").write_text(json.dumps(body, indent=1, sort_keys=True) + "\n", encoding="utf-8")


@dataclass
class Prepared:
    """A document ready for training: its id, set, group, analysis and truth."""

    doc_id: str
    set: str
    group: str
    analysis: Analysis
    truth: dict[str, str]
    complete: bool


Records = list[tuple[str, float, int, bool, float]]  # role, score, correct, OCR, lowest word confidence
Counts = dict[str, dict[str, list[int]]]


@dataclass
class Models:
    """The three models, fitted together on the same documents."""

    fields: Any
    names: Any
    addresses: Any


def all_samples(docs: list[Prepared]) -> dict[str, tuple[Sample, Sample, Sample]]:
    """(field rows, name rows, address rows) per document id."""
    from docsift.training.parties import party_samples

    out = {}
    for d in docs:
        names, addresses = party_samples(d.doc_id, d.group, d.analysis, d.truth, d.complete)
        fields = sample(d.doc_id, d.group, d.analysis, d.truth, d.complete)
        for s in (fields, names, addresses):
            s.weight = REAL_WEIGHT if d.set != "synth" else 1.0
        out[d.doc_id] = (fields, names, addresses)
    return out


def fit_models(samples: list[tuple[Sample, Sample, Sample]], seed: int) -> Models:
    """The field, name and address models fitted on ``samples``."""
    from docsift.extraction.parties.addresses import ADDRESS_FEATURES
    from docsift.extraction.parties.choose import NAME_CATEGORICAL, NAME_FEATURES

    return Models(
        fit([s[0] for s in samples], seed),
        fit([s[1] for s in samples], seed, features=NAME_FEATURES, categorical=NAME_CATEGORICAL),
        fit([s[2] for s in samples], seed, features=ADDRESS_FEATURES, categorical=("role",)),
    )


ERRORS: list[tuple[str, str, str, str | None, str | None]] = []  # (set, doc, role, truth, chosen) out of fold


def _count(per: dict[str, list[int]], role: str, truth: str | None, ok: bool | None,
           d: Prepared | None = None, chosen: str | None = None) -> None:  # fmt: skip
    if truth is None:
        return
    c = per.setdefault(role, [0, 0, 0])
    c[2 if ok is None else 0 if ok else 1] += 1
    if not ok and d is not None and d.set != "synth":
        ERRORS.append((d.set, d.doc_id, role, truth, chosen))


def evaluate(d: Prepared, models: Models, records: Records, counts: Counts) -> None:
    """Choose every role of ``d`` with ``models``; add (role, score, correct) and per-role counts."""
    from docsift.extraction.fields.rank import rank_fields
    from docsift.extraction.models.ranker import Ranker
    from docsift.extraction.parties.choose import find_parties
    from docsift.training.parties import asked_name_roles, name_matches, norm

    per = counts.setdefault(d.set, {})
    wanted = [r for r in roles() if d.complete or r in d.truth]
    chosen = rank_fields(d.analysis, Ranker(models.fields, {}), wanted)
    for role in wanted:
        choice, truth = chosen.get(role), d.truth.get(role)
        ok = None if choice is None else truth is not None and is_match(role, choice.value, truth)
        if choice is not None:
            low = spans_confidence([choice.candidate.entity])
            records.append((role, choice.score, int(bool(ok)), d.analysis.stats.ocr, low))
        _count(per, role, truth, ok, d, choice.value if choice else None)
    party_roles = [r for r in asked_name_roles(d.analysis.doc_type) if d.complete or r in d.truth]
    party_roles += [r.replace("_name", "_address") for r in party_roles]
    parties = find_parties(d.analysis, party_roles, Ranker(models.names, {}), Ranker(models.addresses, {}))
    for role in party_roles:
        truth = d.truth.get(role)
        if role.endswith("_name"):
            p = parties.get(role)
            ok = None if p is None else truth is not None and name_matches(p.name.text, truth)
            score = p.score if p else 0.0
            picked = p.name.text if p else None
            conf = spans_confidence(p.name.segs) if p else 1.0
        else:
            p = parties.get(role.replace("_address", "_name"))
            lines = p.address if p else []
            text = "".join(c.seg.text for c in lines)
            ok = None if not lines else truth is not None and norm(text) == norm(truth)
            score = min((c.score for c in lines), default=0.0)
            picked = ", ".join(c.seg.text for c in lines)
            conf = spans_confidence([c.seg for c in lines])
            if not d.complete:
                continue  # composite address truth (zugferd): not comparable as a whole
        if ok is not None:
            records.append((role, score, int(bool(ok)), d.analysis.stats.ocr, conf))
        _count(per, role, truth, ok, d, picked)


def cross_validate(docs: list[Prepared], k: int, seed: int) -> tuple[Records, Counts]:
    """Out-of-fold choices: (role, score, correct) records for calibration, and per set and role
    the counts [correct, wrong, missing] of the roles with truth."""
    samples = all_samples(docs)
    records: Records = []
    counts: Counts = {}
    for held in folds([d.group for d in docs], k, seed):
        train = [samples[d.doc_id] for d in docs if d.group not in held]
        if not train:
            continue
        models = fit_models(train, seed)
        for d in docs:
            if d.group in held:
                evaluate(d, models, records, counts)
    return records, counts
