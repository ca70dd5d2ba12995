"""Candidates: for each field role, the values on the page that could fill it.

A candidate is a typed entity of a kind the role accepts (labels/roles.yaml). Generic kinds
(a plain identifier, a run of digits) are kept only where they are plausible: identifiers with a
digit or right after a label of the role, and for ``needs_label`` kinds only beside or below a
label of the role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docsift.extraction.document.entities import Entities, Entity
from docsift.extraction.fields.features import FeatureBuilder, roles

_PRICE = re.compile(r"\d[.,]\d{2}$")


@dataclass(slots=True, eq=False)
class Candidate:
    """One value proposed for one role, with its feature row and (once ranked) its score."""

    role: str
    entity: Entity
    row: list[float]
    score: float = 0.0

    @property
    def value(self) -> str:
        return self.entity.value


def _plausible(role: str, e: Entity, fb: FeatureBuilder, needs_label: set[str]) -> bool:
    if e.kind == "id" or e.kind in needs_label:
        ctx = fb.context(e)
        beside = ctx.left is not None and role in ctx.left.classes
        below = ctx.above is not None and role in ctx.above.classes
        digits = e.attrs.get("digits", 0)
        if e.kind in needs_label:  # a labelled identifier: several digits, not a price
            return (beside or below) and digits >= 4 and not _PRICE.search(e.raw)
        return beside or below or role in ctx.prev_classes or digits > 0
    return not (e.kind == "amount" and e.attrs.get("pct"))


def generate(ents: Entities, fb: FeatureBuilder, wanted: list[str]) -> dict[str, list[Candidate]]:
    """Candidates per role for the roles in ``wanted`` (roles without a spec are skipped)."""
    specs = roles()
    labelled = {c for line in fb.index.lines for hit in line.labels for c in hit.classes}
    out: dict[str, list[Candidate]] = {}
    for role in wanted:
        spec = specs.get(role)
        if spec is None:
            continue
        if spec.get("label_in_document") and role not in labelled:
            out[role] = []
            continue
        kinds = [str(k) for k in spec["kinds"]]  # type: ignore[attr-defined]
        needs = {str(k) for k in spec.get("needs_label") or []}  # type: ignore[attr-defined]
        cands = []
        for e in ents.of(*kinds):
            if _plausible(role, e, fb, needs):
                cands.append(Candidate(role, e, fb.row(role, e)))
        out[role] = cands
    return out
