"""One document analysed for extraction: lines and labels, entities, conventions and features.

``analyse(doc, doc_type)`` is the shared first step of extraction, training and the benchmark.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from docsift.extraction.document.entities import Entities, find_entities, refresh_dates
from docsift.extraction.document.index import DocIndex, build_index
from docsift.extraction.fields.features import DocStats, FeatureBuilder, doc_stats
from docsift.extraction.normalize.dates import infer_date_order
from docsift.extraction.normalize.hints import Hints
from docsift.reading.model import Document, TextSource


@dataclass
class Analysis:
    """What extraction knows about one document before choosing values."""

    doc: Document
    doc_type: str
    index: DocIndex
    ents: Entities
    stats: DocStats
    features: FeatureBuilder
    currency: str | None
    country: str | None


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


def _currency(ents: Entities) -> str | None:
    votes: Counter[str] = Counter()
    for e in ents.of("currency"):
        votes[e.value] += 2 if e.attrs.get("is_code") else 1
    for e in ents.of("amount"):
        if e.attrs.get("currency"):
            votes[str(e.attrs["currency"])] += 1
    return votes.most_common(1)[0][0] if votes else None


def analyse(doc: Document, doc_type: str, index: DocIndex | None = None) -> Analysis:
    """Index, entities and feature builder of ``doc`` read as a ``doc_type`` (``index``: the
    DocIndex of ``doc`` when already built). Never raises."""
    index = index or build_index(doc)
    ents = find_entities(index)
    currency, country = _currency(ents), _country(ents)
    if index.date_order is None and (currency or country):
        hints = Hints(index.decimal_separator, None, currency, country)
        order = infer_date_order((li.text for li in index.lines), hints)
        if order is not None:
            index.date_order = order
            index.hints = Hints(index.decimal_separator, order, currency, country)
            refresh_dates(index, ents)
    ocr = any(p.source == TextSource.OCR for p in doc.pages)
    stats = doc_stats(index, ents, receipt=doc_type == "receipt", ocr=ocr)
    return Analysis(doc, doc_type, index, ents, stats, FeatureBuilder(index, ents, stats), currency, country)
