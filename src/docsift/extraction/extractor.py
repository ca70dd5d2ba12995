"""Extraction entry point: a read Document -> the fields, line items and checks of one result.

The order of the steps is written once, here:
1. document type: the requested one, or detected (``--type auto``);
2. embedded e-invoice data (when the document carries it and the run allows it);
3. visual extraction: candidates -> features -> ranker -> joint choice (fields the embedded data
   did not give);
4. line items and tax breakdown (tables);
5. checks, calibrated confidence, overall confidence and status.
"""

from __future__ import annotations

from docsift.options import DocumentType, RunOptions
from docsift.reading.model import Document
from docsift.result import DocumentResult


def extract_document(doc: Document, options: RunOptions, result: DocumentResult) -> DocumentResult:
    """Fill ``result`` from ``doc`` and return it.

    Raises nothing for content problems (they become errors or checks in the result).
    """
    if options.document_type != DocumentType.AUTO:
        result.document_type = options.document_type.value
        result.document_type_confidence = 1.0
    if doc.embedded and options.use_embedded_xml:
        _apply_embedded(doc, result)
    return result


def _apply_embedded(doc: Document, result: DocumentResult) -> None:
    try:
        from docsift.extraction.embedded import apply_embedded
    except ImportError:  # lands with the e-invoice work
        return
    apply_embedded(doc.embedded, result)
