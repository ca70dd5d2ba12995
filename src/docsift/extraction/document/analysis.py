"""One document analysed for extraction: lines and labels, typed values, conventions, its type's fields.

``analyse(doc, fields)`` is the shared first step of extraction, training and the benchmark.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from docsift.extraction.document.doctype import is_credit_note
from docsift.extraction.document.entities import (
    Entities,
    document_currency_votes,
    find_entities,
    refresh_dates,
)
from docsift.extraction.document.index import DocIndex, attach_labels, build_index
from docsift.extraction.knowledge.registry import TypeFields, type_fields
from docsift.extraction.normalize.amounts import format_amount
from docsift.extraction.normalize.dates import infer_date_order
from docsift.extraction.normalize.hints import Hints
from docsift.reading.model import Document, TextSource


@dataclass
class Analysis:
    """What extraction knows about one document before choosing values."""

    doc: Document
    registry: TypeFields
    index: DocIndex
    ents: Entities
    currency: str | None
    country: str | None
    ocr: bool
    credit_note: bool = False  # amounts printed negative were turned positive (see credit_amounts)

    @property
    def doc_type(self) -> str:
        return self.registry.document_type


def _country(ents: Entities) -> str | None:
    votes: Counter[str] = Counter()
    for e in ents.of("eu_vat", "iban"):
        votes[e.value[:2]] += 1
    for _ in ents.of("gstin"):
        votes["IN"] += 2
    if not votes:
        return None
    code = votes.most_common(1)[0][0]
    return {"EL": "GR", "XI": "GB"}.get(code, code)


def analyse(doc: Document, registry: TypeFields | str, index: DocIndex | None = None) -> Analysis:
    """Index (labelled with the type's lexicon), entities and conventions of ``doc`` read as a
    document of ``registry``'s type (or of the type named; ``index``: the DocIndex of ``doc`` when
    already built). Raises KeyError for an unknown type name; never for content."""
    if isinstance(registry, str):
        registry = type_fields(registry)
    index = index or build_index(doc)
    attach_labels(index, registry.lexicon)
    ents = find_entities(index)
    votes = document_currency_votes(ents)
    currency, country = (votes.most_common(1)[0][0] if votes else None), _country(ents)
    if index.date_order is None and (currency or country):
        hints = Hints(index.decimal_separator, None, currency, country)
        order = infer_date_order((li.text for li in index.lines), hints)
        if order is not None:
            index.date_order = order
            index.hints = Hints(index.decimal_separator, order, currency, country)
            refresh_dates(index, ents)
    ocr = any(p.source == TextSource.OCR for p in doc.pages)
    credit = registry.credit_notes and is_credit_note(index)
    if credit:
        credit_amounts(ents)
    return Analysis(doc, registry, index, ents, currency, country, ocr, credit)


def credit_amounts(ents: Entities) -> None:
    """The amounts of a credit note as positive values (a credit note gives money back; its amounts
    are reported as positive, as EN 16931 e-invoices carry them), each printed negative marked
    ``printed_negative``."""
    for e in ents.of("amount"):
        value: Decimal = e.attrs["amount"]
        if value < 0:
            e.attrs["amount"] = -value
            e.attrs["printed_negative"] = True
            e.value = format_amount(-value)
