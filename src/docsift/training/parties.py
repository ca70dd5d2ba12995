"""Training rows for the name and address models (see parties.py, addresses.py).

A name candidate is positive when its text equals the truth name (letters and digits, any case).
Address rows are taken under the candidate that matches the truth name; a segment is positive when
its letters and digits occur in the truth address.
"""

from __future__ import annotations

import re

from docsift.extraction.document.analysis import Analysis
from docsift.extraction.parties.choose import NAME_ROLES, NameCand, address_rows, name_rows
from docsift.training.records import Sample


def norm(text: str) -> str:
    """Upper-case letters and digits only (how names and addresses are compared)."""
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def name_matches(cand_text: str, truth: str) -> bool:
    """Whether a name candidate reads the truth name."""
    return bool(norm(truth)) and norm(cand_text) == norm(truth)


def address_part(seg_text: str, truth: str) -> bool:
    """Whether a segment is part of the truth address."""
    n = norm(seg_text)
    return len(n) >= 2 and n in norm(truth)


def asked_name_roles(doc_type: str) -> list[str]:
    """The party name roles extraction ranks for ``doc_type`` (a receipt: the merchant alone), so a
    role never asked of such a document teaches the models nothing from it."""
    from docsift.extraction.knowledge.lexicon import role_map
    from docsift.schema import get_schema

    schema = get_schema(doc_type)
    asked = set(role_map(schema.document_type, schema.field_names).values())
    return [r for r in NAME_ROLES if r in asked]


def party_samples(doc_id: str, group: str, analysis: Analysis, truth: dict[str, str], complete: bool
                  ) -> tuple[Sample, Sample]:  # fmt: skip
    """(name rows, address rows) of one document."""
    roles = [r for r in asked_name_roles(analysis.doc_type) if complete or r in truth]
    names = Sample(doc_id, group, truth=truth)
    addresses = Sample(doc_id, group, truth=truth)
    per = name_rows(analysis, roles)
    for role, cands in per.items():
        anchor: NameCand | None = None
        for c in cands:
            ok = role in truth and name_matches(c.text, truth[role])
            names.rows.append(c.row or [])
            names.labels.append(int(ok))
            names.roles.append(role)
            if ok and anchor is None:
                anchor = c
        addr_role = role.replace("_name", "_address")
        if anchor is None or addr_role not in truth:
            continue
        for a in address_rows(addr_role, anchor, analysis):
            addresses.rows.append(a.row or [])
            addresses.labels.append(int(address_part(a.seg.text, truth[addr_role])))
            addresses.roles.append(addr_role)
    return names, addresses
