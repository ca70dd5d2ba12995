"""Extraction entry point: a read Document -> the fields, line items and checks of one result.

The order of the steps is written once, here:
1. analyse: lines, labels, typed values, the document's conventions; the document type (the
   requested one, or detected for ``--type auto``, with its confidence);
2. header fields: candidates -> learned ranker -> joint choice; names and addresses of the parties;
3. line items and tax breakdown (tables);
4. embedded e-invoice data, when the file carries it and the run allows it (it wins over what was
   read visually);
5. calibrated confidence, checks, overall confidence and status.
"""

from __future__ import annotations

import time
from typing import Any

from docsift.extraction.confidence.calibration import shipped_calibrator, spans_confidence
from docsift.extraction.document.analysis import Analysis, analyse
from docsift.extraction.document.doctype import TypeGuess, detect_type
from docsift.extraction.document.index import DocIndex, build_index
from docsift.extraction.fields.choose import Choice
from docsift.extraction.fields.rank import rank_fields
from docsift.extraction.knowledge.lexicon import role_map
from docsift.extraction.models.ranker import shipped_ranker
from docsift.options import DocumentType, RunOptions
from docsift.reading.model import Document
from docsift.result import CheckResult, DocumentResult, FieldValue, Status
from docsift.schema import DocSchema, get_schema

CONTRADICTION = 0.85  # detected-type probability above which a requested type is reported as contradicted
KEY_FIELDS = {
    "invoice": ("invoice_number", "invoice_date", "vendor_name", "invoice_total"),
    "receipt": ("merchant_name", "transaction_date", "total"),
}
DETECTABLE = ("invoice", "receipt")


def _clean(text: str) -> str:
    """Text safe for JSON: lone surrogates (from some PDF text layers) replaced."""
    return (
        text.encode("utf-8", "replace").decode("utf-8")
        if any("\ud800" <= ch <= "\udfff" for ch in text)
        else text
    )


def _field(choice: Choice, confidence: float, source: str) -> FieldValue:
    e = choice.candidate.entity
    x0, y0, x1, y1 = e.bbox
    return FieldValue(
        value=_clean(choice.value),
        raw=_clean(e.raw),
        confidence=round(confidence, 4),
        page=e.page + 1,
        bbox=(round(x0, 4), round(y0, 4), round(x1, 4), round(y1, 4)),
        source=source,
    )


def _type(doc: Document, index: DocIndex, options: RunOptions) -> tuple[str, TypeGuess | None]:
    requested = DocumentType(options.document_type)
    if not doc.pages:
        return (requested.value if requested != DocumentType.AUTO else "invoice"), None
    guess = detect_type(index, DETECTABLE)
    if requested == DocumentType.AUTO:
        return guess.document_type, guess
    return requested.value, guess


def extract_fields(analysis: Analysis, schema: DocSchema) -> dict[str, FieldValue]:
    """The header fields of ``schema`` found in the analysed document, with calibrated confidence.

    Raises ExtractionError when the shipped model cannot be loaded.
    """
    roles = role_map(schema.document_type, schema.field_names)
    chosen = rank_fields(analysis, shipped_ranker(), sorted(set(roles.values())))
    calibrate = shipped_calibrator()
    source = analysis.doc.pages[0].source.value if analysis.doc.pages else "text_layer"
    fields: dict[str, FieldValue] = {}
    for name, role in roles.items():
        choice = chosen.get(role)
        if choice is not None:
            weakest = spans_confidence([choice.candidate.entity])
            conf = calibrate(role, choice.score, analysis.stats.ocr, weakest)
            fields[name] = _field(choice, conf, source)
    return fields


def _tables(doc: Document, schema: DocSchema, result: DocumentResult) -> None:
    try:
        from docsift.extraction.tables.items import extract_tables
    except ImportError:  # the line-item work has not landed in this checkout
        return
    items, taxes = extract_tables(doc, schema)
    result.line_items = items
    result.tax_details = taxes


def _apply_embedded(doc: Document, result: DocumentResult) -> None:
    from docsift.extraction.einvoice import apply_embedded

    if doc.embedded:
        apply_embedded(doc.embedded, result)


def _type_check(requested: str, guess: TypeGuess | None, options: RunOptions) -> CheckResult | None:
    if guess is None or options.document_type == DocumentType.AUTO or requested not in DETECTABLE:
        return None
    if guess.document_type != requested and guess.confidence >= CONTRADICTION:
        return CheckResult(
            name="document_type_matches",
            ok=False,
            message=f"the document was processed as {requested} but reads like a {guess.document_type} "
            f"({guess.confidence:.0%} sure)",
            severity="error",
        )
    return CheckResult(name="document_type_matches", ok=True, message=f"content agrees with {requested}",
                       severity="info")  # fmt: skip


def overall_confidence(result: DocumentResult) -> float:
    """The document's confidence: the mean confidence of its key fields (a missing one counts 0),
    times the type confidence when the type was detected."""
    keys = KEY_FIELDS.get(result.document_type)
    if keys:
        values = [result.fields[k].confidence if k in result.fields else 0.0 for k in keys]
    else:
        values = [f.confidence for f in result.fields.values()]
    score = sum(values) / len(values) if values else 0.0
    if result.document_type_confidence is not None:
        score *= result.document_type_confidence
    return round(score, 4)


def extract_document(doc: Document, options: RunOptions, result: DocumentResult) -> DocumentResult:
    """Fill ``result`` from ``doc`` and return it.

    Raises ExtractionError when the shipped model cannot be loaded; content problems become
    checks or errors in the result.
    """
    timings: dict[str, float] = {}
    start = time.perf_counter()
    index = build_index(doc)
    doc_type, guess = _type(doc, index, options)
    schema = get_schema(doc_type)
    result.document_type = doc_type
    result.document_type_confidence = guess.confidence if guess and options.document_type == "auto" else 1.0
    if doc.pages:
        analysis = analyse(doc, doc_type, index)
        result.fields.update(extract_fields(analysis, schema))
        from docsift.extraction.parties.choose import extract_parties

        result.fields.update(extract_parties(analysis, schema))
        timings["fields"] = (time.perf_counter() - start) * 1000
        t = time.perf_counter()
        _tables(doc, schema, result)
        timings["tables"] = (time.perf_counter() - t) * 1000
    if doc.embedded and options.use_embedded_xml:
        _apply_embedded(doc, result)
    check = _type_check(doc_type, guess, options)
    if check is not None:
        result.checks.append(check)
    result.meta["extraction"] = _meta(guess, timings)
    return finish(result, schema)


def finish(result: DocumentResult, schema: DocSchema) -> DocumentResult:
    """Run the checks on ``result`` (keeping the type check), then set its overall confidence and
    status. Safe to call again after fields changed."""
    from docsift.extraction.checks.run import apply_checks

    result.checks = [c for c in result.checks if c.name == "document_type_matches"]
    failed_type = any(not c.ok for c in result.checks)
    result.status = Status.NEEDS_REVIEW if failed_type else Status.COMPLETED
    apply_checks(result, schema)
    result.overall_confidence = overall_confidence(result)
    return result


def _meta(guess: TypeGuess | None, timings: dict[str, float]) -> dict[str, Any]:
    meta: dict[str, Any] = {"timings_ms": {k: round(v, 1) for k, v in timings.items()}}
    if guess is not None:
        meta["type_scores"] = guess.scores
    return meta
