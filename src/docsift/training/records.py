"""The labelled rows of one document, as the training code passes them around."""

from __future__ import annotations

from dataclasses import dataclass, field

from docsift.extraction.fields.candidates import Candidate


@dataclass
class Sample:
    """The labelled candidate rows of one document."""

    doc_id: str
    group: str
    rows: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    cands: dict[str, list[Candidate]] = field(default_factory=dict)
    truth: dict[str, str] = field(default_factory=dict)
    weight: float = 1.0
