"""Parties: the names of the seller, the buyer and the ship-to party, and their addresses.

A LightGBM model (``models/names.lgb``) scores each name candidate (names.py) for each role; a
segment serves one role only. The address is then read below the chosen name (addresses.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from docsift.extraction.document.analysis import Analysis
from docsift.extraction.document.segments import Seg, page_segments
from docsift.extraction.knowledge.lexicon import always_present, role_map
from docsift.extraction.models.ranker import Ranker
from docsift.extraction.normalize.text import clean_text
from docsift.extraction.parties.addresses import (
    ADDRESS_FEATURES,
    ADDRESS_ROLES,
    AddrCand,
    address_candidates,
    address_row,
    assemble,
    postcode_steps,
)
from docsift.extraction.parties.names import (
    NAME_CATEGORICAL,
    NAME_FEATURES,
    NAME_ROLES,
    NameCand,
    for_role,
    name_base,
    name_candidates,
    name_context,
)
from docsift.reading.model import union_bbox
from docsift.result import FieldValue
from docsift.schema import DocSchema

__all__ = [
    "NAME_CATEGORICAL",
    "NAME_FEATURES",
    "NAME_ROLES",
    "PartyChoice",
    "extract_parties",
    "find_parties",
]


@dataclass
class PartyChoice:
    """A chosen party: the name candidate, its score, and its address lines (may be empty)."""

    role: str
    name: NameCand
    score: float
    address: list[AddrCand]


def name_rows(analysis: Analysis, roles: list[str]) -> dict[str, list[NameCand]]:
    """Name candidates of the first page per role, each with its feature row (not yet scored)."""
    if not analysis.index.pages:
        return {}
    segs = page_segments(analysis.index, 0)
    cands = name_candidates(segs)
    ctx = name_context(analysis, segs)
    bases = [name_base(c, ctx, analysis) for c in cands]
    per: dict[str, list[NameCand]] = {}
    for role in roles:
        per[role] = []
        for c, (base, labels) in zip(cands, bases, strict=True):
            copy = NameCand(c.seg, c.second, c.text, c.stripped, c.part)
            copy.row = for_role(role, base, labels)
            per[role].append(copy)
    return per


def score_names(analysis: Analysis, roles: list[str], model: Ranker) -> dict[str, list[NameCand]]:
    """The scored name candidates per role, best first."""
    per = name_rows(analysis, roles)
    flat = [c for role in roles for c in per.get(role, [])]
    scores = model.score([c.row or [] for c in flat])
    for c, s in zip(flat, scores, strict=True):
        c.score = float(s)
    for cands in per.values():
        cands.sort(key=lambda c: -c.score)
    return per


def choose_names(
    per: dict[str, list[NameCand]], threshold: float, overrides: dict[str, float] | None = None
) -> dict[str, NameCand]:
    """The best name per role, a segment serving one role only (the surer role first); a role
    in ``overrides`` uses its own threshold."""
    chosen: dict[str, NameCand] = {}
    used: set[int] = set()
    for role in sorted(per, key=lambda r: -(per[r][0].score if per[r] else 0.0)):
        for c in per[role]:
            if c.score < (overrides or {}).get(role, threshold):
                break
            if id(c.seg.line) in used and any(id(s.line) in used for s in c.segs):
                continue
            chosen[role] = c
            used.update(id(s.line) for s in c.segs)
            break
    return chosen


def address_rows(role: str, name: NameCand, analysis: Analysis) -> list[AddrCand]:
    """Address candidates under ``name`` for the address role ``role``, with feature rows."""
    cands = address_candidates(name.segs, name.seg.w1)
    postcodes = postcode_steps(cands)
    for c in cands:
        c.row = address_row(role, c, name.seg, analysis, postcodes)
    return cands


def score_address(role: str, name: NameCand, analysis: Analysis, model: Ranker) -> list[AddrCand]:
    """The scored address candidates under ``name`` for the address role ``role``."""
    cands = address_rows(role, name, analysis)
    if cands:
        for c, s in zip(cands, model.score([c.row or [] for c in cands]), strict=True):
            c.score = float(s)
    return cands


NAME_THRESHOLD = 0.3
ADDRESS_THRESHOLD = 0.5
PRESENT_ADDRESS = 0.3


def find_parties(
    analysis: Analysis, roles: list[str], names: Ranker, addresses: Ranker
) -> dict[str, PartyChoice]:
    """The parties (by name role) found in the document, each with its address lines."""
    per = score_names(analysis, [r for r in roles if r in NAME_ROLES], names)
    present = always_present(analysis.doc_type)
    chosen = choose_names(per, NAME_THRESHOLD, {r: t for r, t in present.items() if r in per})
    out: dict[str, PartyChoice] = {}
    for role, cand in chosen.items():
        addr_role = role.replace("_name", "_address")
        lines: list[AddrCand] = []
        if addr_role in roles:
            threshold = PRESENT_ADDRESS if addr_role in present else ADDRESS_THRESHOLD
            lines = assemble(score_address(addr_role, cand, analysis, addresses), threshold)
        out[role] = PartyChoice(role, cand, cand.score, lines)
    return out


def _value(text: str, segs: list[Seg], confidence: float, source: str) -> FieldValue:
    box = union_bbox(s.bbox for s in segs)
    return FieldValue(
        value=clean_text(text),
        raw=text,
        confidence=round(confidence, 4),
        page=segs[0].page + 1,
        bbox=tuple(round(v, 4) for v in box),  # type: ignore[arg-type]
        source=source,
    )


def extract_parties(analysis: Analysis, schema: DocSchema) -> dict[str, FieldValue]:
    """Name and address fields of ``schema`` found in the document, with calibrated confidence.

    Raises ExtractionError when a shipped model cannot be loaded.
    """
    from docsift.extraction.confidence.calibration import shipped_calibrator, spans_confidence
    from docsift.extraction.models.ranker import shipped_ranker

    roles = role_map(schema.document_type, schema.field_names)
    wanted = [r for r in roles.values() if r in NAME_ROLES or r in ADDRESS_ROLES]
    if not wanted or not analysis.doc.pages:
        return {}
    found = find_parties(
        analysis,
        wanted,
        shipped_ranker("names", NAME_FEATURES),
        shipped_ranker("addresses", ADDRESS_FEATURES),
    )
    calibrate = shipped_calibrator()
    source = analysis.doc.pages[0].source.value
    by_role: dict[str, FieldValue] = {}
    for role, party in found.items():
        ocr = analysis.stats.ocr
        conf = calibrate(role, party.score, ocr, spans_confidence(party.name.segs))
        by_role[role] = _value(party.name.text, party.name.segs, conf, source)
        if party.address:
            text = ", ".join(c.seg.text.rstrip(", ") for c in party.address)
            segs = [c.seg for c in party.address]
            score = min(c.score for c in party.address)
            conf = calibrate(role.replace("_name", "_address"), score, ocr, spans_confidence(segs))
            by_role[role.replace("_name", "_address")] = _value(
                text, [c.seg for c in party.address], conf, source
            )
    return {name: by_role[role] for name, role in roles.items() if role in by_role}
