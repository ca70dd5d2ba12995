"""The ``accuracy`` processing preference: a second reading of OCR'd documents, then a vote.

When a document was read by OCR and some of its key fields are missing or uncertain, it is read
again by the other OCR engine (RapidOCR <-> Tesseract) and extracted again. Field by field, a value
both readings agree on keeps the surer confidence and gains a little; where they differ, the first
reading (the default engine, measured the better one) stays but loses confidence, since at most one
of two different readings is right; a field only the second reading found is taken from it, a
little less sure. Text-layer documents are exact and are never read twice.
"""

from __future__ import annotations

from docsift.errors import DocsiftError
from docsift.extraction.knowledge.registry import type_fields
from docsift.extraction.normalize.text import compare_key
from docsift.options import DocumentType, RunOptions
from docsift.reading.model import Document, TextSource
from docsift.result import DocumentResult, FieldValue
from docsift.schema import get_schema

UNSURE = 0.8  # a key field below this confidence asks for a second reading
AGREEMENT_GAIN = 0.5  # agreeing readings move confidence this share of the way to the cap
DISAGREEMENT = 0.7  # a value the second reading contradicts keeps this share of its confidence
SECOND_ONLY = 0.8  # a value only the second reading found keeps this share of its confidence
CAP = 0.99
OTHER_ENGINE = {"rapidocr": "tesseract", "tesseract": "rapidocr"}


def needs_second_reading(doc: Document, result: DocumentResult) -> bool:
    """Whether ``doc`` was OCR'd and ``result`` misses or doubts one of its key fields."""
    if not any(p.source == TextSource.OCR for p in doc.pages):
        return False
    keys = type_fields(result.document_type).required if result.document_type else ()
    return any(k not in result.fields or result.fields[k].confidence < UNSURE for k in keys)


def other_engine(doc: Document) -> str | None:
    """The OCR engine that did not read ``doc`` (None when unknown)."""
    used = next((p.ocr_engine for p in doc.pages if p.source == TextSource.OCR and p.ocr_engine), None)
    return OTHER_ENGINE.get(used or "")


def _same(a: FieldValue, b: FieldValue) -> bool:
    return compare_key(a.value) == compare_key(b.value)


def merge(first: DocumentResult, second: DocumentResult) -> DocumentResult:
    """``first`` with each field voted against ``second`` (see module docstring)."""
    for name, b in second.fields.items():
        a = first.fields.get(name)
        if a is None:
            b.confidence = round(b.confidence * SECOND_ONLY, 4)
            first.fields[name] = b
        elif _same(a, b):
            best = max(a.confidence, b.confidence)
            a.confidence = round(max(best, best + (CAP - best) * AGREEMENT_GAIN), 4)
        else:
            a.confidence = round(a.confidence * DISAGREEMENT, 4)
    return first


def refine(
    data: bytes, file_name: str, doc: Document, options: RunOptions, result: DocumentResult
) -> DocumentResult:
    """``result`` improved by a second reading when the ``accuracy`` preference asks for it and it
    can help (see module docstring). Never raises: a failed second reading leaves ``result`` as is."""
    if not needs_second_reading(doc, result):
        return result
    engine = other_engine(doc)
    if engine is None:
        return result
    from docsift.extraction import extract
    from docsift.extraction.engine import finish
    from docsift.reading import read_document

    second_type = DocumentType(result.document_type)
    second_options = options.model_copy(update={"ocr_engine": engine, "document_type": second_type})
    try:
        doc2 = read_document(data, file_name, second_options)
        second = extract(doc2, second_options, DocumentResult())
    except DocsiftError:
        return result
    merged = merge(result, second)
    merged.meta.setdefault("extraction", {})["second_reading"] = engine
    return finish(merged, get_schema(merged.document_type))
