"""Extraction: from a read Document to fields, line items, checks and confidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docsift.options import RunOptions
from docsift.reading import Document
from docsift.result import DocumentResult

if TYPE_CHECKING:
    from docsift.extraction.models.bundle import ModelSet


def extract(
    doc: Document, options: RunOptions, result: DocumentResult, models: ModelSet | None = None
) -> DocumentResult:
    """Fill ``result`` with the fields, line items, tax details and checks found in ``doc``, using
    ``models`` (default: the shipped ones).

    Returns the same result object. Raises ExtractionError on a fault it cannot report as data.
    """
    from docsift.extraction.engine import extract_document

    return extract_document(doc, options, result, models)
