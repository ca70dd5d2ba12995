"""What the training code passes around: a document ready for training, and labelled rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from docsift.extraction.document.analysis import Analysis
from docsift.extraction.models.space import AnyRow


@dataclass
class Prepared:
    """A document ready for training: its id, set, vendor group, analysis and truth by role."""

    doc_id: str
    set: str
    group: str
    analysis: Analysis
    truth: dict[str, str]  # role -> canonical value
    complete: bool  # the truth lists every printed field (synthetic documents)

    @property
    def address_as_printed(self) -> bool:
        """Whether the truth's addresses are the printed text (not composed of street, postcode...)."""
        return self.complete or self.set.startswith("sroie")


@dataclass
class Sample:
    """The labelled rows of one document for one model."""

    doc_id: str
    group: str
    rows: list[AnyRow] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    weight: float = 1.0

    def add(self, row: AnyRow, label: bool, role: str) -> None:
        """Append one labelled row."""
        self.rows.append(row)
        self.labels.append(int(label))
        self.roles.append(role)


@dataclass
class DocSamples:
    """The rows one document gives each model."""

    fields: Sample
    names: Sample
    addresses: Sample
