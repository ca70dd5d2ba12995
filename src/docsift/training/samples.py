"""Labelled rows of one analysed document for the field, name and address models.

A field candidate is positive when its value equals the truth of its role (compared as the
benchmark compares: amounts to the cent, dates as dates, text as letters and digits). A name
candidate is positive when its text reads the truth name; address rows are taken under the name
candidate that matches, a segment positive when its letters and digits occur in the truth
address. For sets whose truth lists every printed field (``complete``: the synthetic documents),
roles without truth are absent and all their candidates are negative; for the others only the
roles with truth are used.
"""

from __future__ import annotations

from docsift.bench.extraction_score import same
from docsift.extraction.fields.rank import candidates
from docsift.extraction.knowledge.registry import TypeFields, roles
from docsift.extraction.normalize.text import compare_key
from docsift.extraction.parties.choose import NameCand, address_rows, name_rows, party_roles
from docsift.training.records import DocSamples, Prepared, Sample

REAL_WEIGHT = 3.0  # a real document's rows count this many times a synthetic one's


def role_truth(registry: TypeFields, truth: dict[str, str]) -> dict[str, str]:
    """Truth by field name -> truth by role (fields the registry does not know are left out)."""
    out: dict[str, str] = {}
    for name, value in truth.items():
        f = registry.fields.get(name)
        if f is not None and value not in (None, ""):
            out.setdefault(f.role.name, str(value))
    return out


def is_match(role: str, value: str, truth: str) -> bool:
    """Whether candidate ``value`` equals ``truth`` for ``role``."""
    return same(roles()[role].compare, truth, value)


def name_matches(cand_text: str, truth: str) -> bool:
    """Whether a name candidate reads the truth name."""
    return bool(compare_key(truth)) and compare_key(cand_text) == compare_key(truth)


def address_part(seg_text: str, truth: str) -> bool:
    """Whether a segment is part of the truth address."""
    n = compare_key(seg_text)
    return len(n) >= 2 and n in compare_key(truth)


def field_sample(p: Prepared) -> Sample:
    """The labelled field-ranker rows of one document."""
    reg = p.analysis.registry
    wanted = [roles()[r] for r in reg.roles if p.complete or r in p.truth]
    s = Sample(p.doc_id, p.group)
    for role, cands in candidates(p.analysis, wanted).items():
        for c in cands:
            s.add(c.features, role in p.truth and is_match(role, c.value, p.truth[role]), role)
    return s


def party_samples(p: Prepared) -> tuple[Sample, Sample]:
    """(name rows, address rows) of one document."""
    names, addresses = Sample(p.doc_id, p.group), Sample(p.doc_id, p.group)
    name_roles, address_roles = party_roles(p.analysis)
    asked = [r for r in name_roles if p.complete or r in p.truth]
    for role, cands in name_rows(p.analysis, asked).items():
        anchor: NameCand | None = None
        for c in cands:
            ok = role in p.truth and name_matches(c.text, p.truth[role])
            names.add(c.features or {}, ok, role)
            if ok and anchor is None:
                anchor = c
        addr_role = role.replace("_name", "_address")
        if anchor is None or addr_role not in p.truth or addr_role not in address_roles:
            continue
        for a in address_rows(addr_role, anchor, p.analysis):
            addresses.add(a.features or {}, address_part(a.seg.text, p.truth[addr_role]), addr_role)
    return names, addresses


def document_samples(p: Prepared) -> DocSamples:
    """The rows ``p`` gives each of the three models, weighted (real documents count more)."""
    names, addresses = party_samples(p)
    out = DocSamples(field_sample(p), names, addresses)
    for s in (out.fields, out.names, out.addresses):
        s.weight = 1.0 if p.set == "synth" else REAL_WEIGHT
    return out
