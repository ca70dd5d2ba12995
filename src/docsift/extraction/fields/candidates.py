"""Candidates: for each role a document type asks for, the values on the page that could fill it.

A candidate is a typed entity of a kind the role accepts (``values`` in knowledge/registry.yaml).
Generic kinds (a plain identifier, a run of digits) are kept only where they are plausible:
identifiers with a digit or right after a label of the role, and for ``needs_label`` kinds only
beside or below a label of the role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docsift.extraction.document.entities import Entities, Entity
from docsift.extraction.fields.features import FeatureBuilder
from docsift.extraction.knowledge.registry import Role
from docsift.extraction.models.space import SharedRow

_PRICE = re.compile(r"\d[.,]\d{2}$")


@dataclass(slots=True, eq=False)
class Candidate:
    """One value proposed for one role, with its features and (once ranked) its score."""

    role: str
    entity: Entity
    features: SharedRow
    score: float = 0.0

    @property
    def value(self) -> str:
        return self.entity.value


def _plausible(role: Role, e: Entity, fb: FeatureBuilder) -> bool:
    if e.kind == "id" or e.kind in role.needs_label:
        ctx = fb.context(e)
        cls = role.label_class
        beside = ctx.left is not None and cls in ctx.left.classes
        below = ctx.above is not None and cls in ctx.above.classes
        digits = e.attrs.get("digits", 0)
        if e.kind in role.needs_label:  # a labelled identifier: several digits, not a price
            return (beside or below) and digits >= 4 and not _PRICE.search(e.raw)
        return beside or below or cls in ctx.prev_classes or digits > 0
    return not (e.kind == "amount" and e.attrs.get("pct"))


def generate(ents: Entities, fb: FeatureBuilder, wanted: list[Role]) -> dict[str, list[Candidate]]:
    """Candidates per role name for the roles in ``wanted`` that values fill (party roles have no
    value kinds and are left out)."""
    labelled = {c for line in fb.index.lines for hit in line.labels for c in hit.classes}
    out: dict[str, list[Candidate]] = {}
    for role in wanted:
        if not role.values:
            continue
        if role.label_in_document and role.label_class not in labelled:
            out[role.name] = []
            continue
        out[role.name] = [
            Candidate(role.name, e, fb.row(role, e)) for e in ents.of(*role.values) if _plausible(role, e, fb)
        ]
    return out
