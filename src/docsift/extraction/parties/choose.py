"""Parties: the names of the issuer, the recipient and the ship-to party, and their addresses.

A LightGBM model (``models/names.lgb``) scores each name candidate (names.py) for each name role;
a segment serves one role only. The address is then read below the chosen name (addresses.py).
Which parties a document type has, and which of its fields they fill, is registry data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import product

from docsift.extraction.document.analysis import Analysis
from docsift.extraction.document.segments import page_segments
from docsift.extraction.models.model import Model
from docsift.extraction.parties.addresses import (
    AddrCand,
    address_candidates,
    address_row,
    assemble,
    postcode_steps,
)
from docsift.extraction.parties.names import NameCand, for_role, name_base, name_candidates, name_context

NAME_THRESHOLD = 0.3
# The recipient is printed on nearly every invoice and its name scores low on unseen layouts: out of
# fold (zugferd, vendor-grouped) 0.3 left 17 recipients out for 9 wrong, 0.1 left 5 out for 10 wrong.
ROLE_THRESHOLDS = {"recipient_name": 0.1}
ADDRESS_THRESHOLD = 0.5
PRESENT_ADDRESS = 0.3


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
            copy = NameCand(c.seg, c.second, c.text, c.stripped, c.part, c.salutation)
            copy.features = for_role(role, base, labels)
            per[role].append(copy)
    return per


def score_names(analysis: Analysis, roles: list[str], model: Model) -> dict[str, list[NameCand]]:
    """The scored name candidates per role, best first."""
    per = name_rows(analysis, roles)
    flat = [c for role in roles for c in per.get(role, [])]
    scores = model.score([c.features or {} for c in flat])
    for c, s in zip(flat, scores, strict=True):
        c.score = float(s)
    for cands in per.values():
        cands.sort(key=lambda c: -c.score)
    return per


JOINT_TOP = 5  # the best candidates per role considered together


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _overlap(a: NameCand, b: NameCand) -> bool:
    """Whether two name candidates share printed words (one segment serves one party only)."""
    return any(s.line is t.line and s.w0 < t.w1 and t.w0 < s.w1 for s in a.segs for t in b.segs)


def choose_names(
    per: dict[str, list[NameCand]], threshold: float, overrides: dict[str, float] | None = None
) -> dict[str, NameCand]:
    """The names of the roles chosen together: among the best few candidates of each role (or none),
    the assignment whose candidates share no words and whose log-odds sum highest, a role left
    empty counting as a candidate at its threshold (``overrides``: thresholds of some roles). So
    the seller's block is not taken for the buyer just because the buyer's name scored a little
    higher as a seller too."""
    roles = [r for r in per if per[r]]
    limits = {r: (overrides or {}).get(r, threshold) for r in roles}
    options = {r: [c for c in per[r][:JOINT_TOP] if c.score >= limits[r]] for r in roles}
    best: tuple[float, dict[str, NameCand]] | None = None
    for combo in product(*[[*options[r], None] for r in roles]):
        picked = [c for c in combo if c is not None]
        if any(_overlap(a, b) for i, a in enumerate(picked) for b in picked[i + 1 :]):
            continue
        total = sum(
            _logit(c.score) if c is not None else _logit(limits[r]) for r, c in zip(roles, combo, strict=True)
        )
        if best is None or total > best[0]:
            best = (total, {r: c for r, c in zip(roles, combo, strict=True) if c is not None})
    return best[1] if best else {}


def address_rows(role: str, name: NameCand, analysis: Analysis) -> list[AddrCand]:
    """Address candidates under ``name`` for the address role ``role``, with feature rows."""
    cands = address_candidates(name.segs, name.seg.w1)
    postcodes = postcode_steps(cands)
    for c in cands:
        c.features = address_row(role, c, name.seg, analysis, postcodes)
    return cands


def score_address(role: str, name: NameCand, analysis: Analysis, model: Model) -> list[AddrCand]:
    """The scored address candidates under ``name`` for the address role ``role``."""
    cands = address_rows(role, name, analysis)
    for c, s in zip(cands, model.score([c.features or {} for c in cands]), strict=True):
        c.score = float(s)
    return cands


def party_roles(analysis: Analysis) -> tuple[list[str], list[str]]:
    """(name roles, address roles) of the parties the document's type asks for: a party whose name
    or address is a field of the type is looked for by its name."""
    reg = analysis.registry
    parties = {f.role.party for f in reg.fields.values() if f.role.is_party}
    names = [f"{p}_name" for p in ("issuer", "recipient", "ship_to") if p in parties]
    addresses = [f"{p}_address" for p in ("issuer", "recipient", "ship_to") if f"{p}_address" in reg.roles]
    return names, addresses


def find_parties(analysis: Analysis, names: Model, addresses: Model) -> dict[str, PartyChoice]:
    """The parties (by name role) found on the first page, each with its address lines when the
    type asks for the address."""
    if not analysis.index.pages:
        return {}
    name_roles, address_roles = party_roles(analysis)
    if not name_roles:
        return {}
    per = score_names(analysis, name_roles, names)
    present = analysis.registry.required_roles()
    limits = {r: t for r, t in present.items() if r in per}
    for role, t in ROLE_THRESHOLDS.items():
        if role in per:
            limits[role] = min(t, limits.get(role, t))
    chosen = choose_names(per, NAME_THRESHOLD, limits)
    out: dict[str, PartyChoice] = {}
    for role, cand in chosen.items():
        addr_role = role.replace("_name", "_address")
        lines: list[AddrCand] = []
        if addr_role in address_roles:
            threshold = PRESENT_ADDRESS if addr_role in present else ADDRESS_THRESHOLD
            lines = assemble(score_address(addr_role, cand, analysis, addresses), threshold)
        out[role] = PartyChoice(role, cand, cand.score, lines)
    return out
