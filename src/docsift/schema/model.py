"""What a document schema is: its fields and line-item columns, each with a value kind and a
KlearStack name."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """How a field's value is normalised and compared."""

    TEXT = "text"  # free text: names, addresses, descriptions
    ID = "id"  # identifiers: upper-case, no spaces
    DATE = "date"  # YYYY-MM-DD
    TIME = "time"  # HH:MM[:SS]
    AMOUNT = "amount"  # decimal string "1180.00"
    NUMBER = "number"  # decimal string without fixed scale (quantities)
    RATE = "rate"  # percent as decimal string "18"
    CURRENCY = "currency"  # ISO 4217
    ENUM = "enum"  # one of a small set of words
    BOOL = "bool"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: Kind
    klearstack: str | None = None  # key in the KlearStack-compatible API
    description: str = ""


@dataclass(frozen=True)
class DocSchema:
    """The fields, line-item columns and KlearStack names of one document type."""

    document_type: str  # canonical, e.g. "invoice"
    klearstack_request: str  # request value, e.g. "Invoices"
    klearstack_result: str  # result value, e.g. "Invoice"
    fields: tuple[FieldSpec, ...]
    line_columns: tuple[FieldSpec, ...] = ()
    tax_columns: tuple[FieldSpec, ...] = ()
    by_name: dict[str, FieldSpec] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_name.update({f.name: f for f in self.fields})

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def kind(self, name: str) -> Kind:
        """The kind of a field or line-item column; TEXT when unknown."""
        spec = self.by_name.get(name) or next((c for c in self.line_columns if c.name == name), None)
        return spec.kind if spec else Kind.TEXT
