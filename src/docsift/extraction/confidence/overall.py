"""The confidence of a whole document, and the fields it should have had."""

from __future__ import annotations

from docsift.extraction.knowledge.registry import type_fields
from docsift.result import DocumentResult


def overall_confidence(result: DocumentResult) -> float:
    """The mean confidence of the type's required fields (a missing one counts 0; every field
    when the type has none required), times the type confidence when the type was detected."""
    keys = type_fields(result.document_type).required if result.document_type else ()
    if keys:
        values = [result.fields[k].confidence if k in result.fields else 0.0 for k in keys]
    else:
        values = [f.confidence for f in result.fields.values()]
    score = sum(values) / len(values) if values else 0.0
    if result.document_type_confidence is not None:
        score *= result.document_type_confidence
    return round(score, 4)
