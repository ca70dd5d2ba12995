"""Extraction entry point: a read Document -> the fields, line items and checks of one result.

The order of the stages is written once, here:
1. document: lines and segments (document/index.py); the document type (the requested one, or
   detected for ``--type auto``, with its confidence); the type's fields from the registry;
   labels, typed values and conventions (document/analysis.py);
2. fields: candidates -> learned ranker -> joint choice, per role (fields/);
3. parties: names and addresses of issuer, recipient and ship-to party (parties/);
4. values: roles -> the type's fields, with calibrated confidence (confidence/);
5. tables: line items and tax breakdown (tables/);
6. embedded e-invoice data, when the file carries it and the run allows it (it wins over what was
   read visually);
7. checks, overall confidence and status (checks/, confidence/overall.py).
"""

from __future__ import annotations

import time
from typing import Any

from docsift.extraction.checks.run import apply_checks
from docsift.extraction.confidence.calibration import Calibrator, spans_confidence
from docsift.extraction.confidence.overall import overall_confidence
from docsift.extraction.document.analysis import Analysis, analyse
from docsift.extraction.document.doctype import TypeGuess, detect_type
from docsift.extraction.document.index import DocIndex, build_index
from docsift.extraction.einvoice import apply_embedded
from docsift.extraction.fields.choose import Choice
from docsift.extraction.fields.rank import rank_fields
from docsift.extraction.knowledge.registry import TypeFields, type_fields
from docsift.extraction.models.bundle import ModelSet, shipped_models
from docsift.extraction.normalize.ocrfix import repair_party_text
from docsift.extraction.normalize.text import clean_text
from docsift.extraction.parties.addresses import address_text
from docsift.extraction.parties.choose import PartyChoice, find_parties
from docsift.extraction.tables.items import extract_tables
from docsift.options import DocumentType, RunOptions
from docsift.reading.model import Document, union_bbox
from docsift.result import CheckResult, DocumentResult, FieldValue, Status
from docsift.schema import DocSchema, get_schema

CONTRADICTION = 0.85  # detected-type probability above which a requested type is reported as contradicted
DETECTABLE = ("invoice", "receipt")


def _clean(text: str) -> str:
    """Text safe for JSON: lone surrogates (from some PDF text layers) replaced."""
    return (
        text.encode("utf-8", "replace").decode("utf-8")
        if any("\ud800" <= ch <= "\udfff" for ch in text)
        else text
    )


def _box(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    return (round(x0, 4), round(y0, 4), round(x1, 4), round(y1, 4))


def _choice_value(choice: Choice, confidence: float, source: str) -> FieldValue:
    e = choice.candidate.entity
    return FieldValue(
        value=_clean(choice.value),
        raw=_clean(e.raw),
        confidence=round(confidence, 4),
        page=e.page + 1,
        bbox=_box(e.bbox),
        source=source,
    )


def _party_values(party: PartyChoice, calibrate: Calibrator, ocr: bool, source: str) -> dict[str, FieldValue]:
    """The name (and address) of a chosen party as values of its name and address roles."""
    segs = party.name.segs
    conf = calibrate(party.role, party.score, ocr, spans_confidence(segs))
    text = party.name.text
    value = repair_party_text(text) if ocr else text
    out = {party.role: FieldValue(value=clean_text(value), raw=_clean(text), confidence=round(conf, 4),
                                  page=segs[0].page + 1, bbox=_box(union_bbox(s.bbox for s in segs)),
                                  source=source)}  # fmt: skip
    if party.address:
        lines = [c.seg for c in party.address]
        text = address_text(lines)
        role = party.role.replace("_name", "_address")
        score = min(c.score for c in party.address)
        conf = calibrate(role, score, ocr, spans_confidence(lines))
        value = repair_party_text(text, address=True) if ocr else text
        out[role] = FieldValue(value=clean_text(value), raw=_clean(text), confidence=round(conf, 4),
                               page=lines[0].page + 1, bbox=_box(union_bbox(s.bbox for s in lines)),
                               source=source)  # fmt: skip
    return out


def extract_fields(analysis: Analysis, models: ModelSet) -> dict[str, FieldValue]:
    """The header fields of the analysed document's type, with calibrated confidence.

    Raises ExtractionError when a model cannot be used.
    """
    reg = analysis.registry
    wanted = [reg.fields[name].role for name in reg.fields]
    chosen = rank_fields(analysis, models.fields, list({r.name: r for r in wanted}.values()))
    source = analysis.doc.pages[0].source.value if analysis.doc.pages else "text_layer"
    by_role: dict[str, FieldValue] = {}
    for role, choice in chosen.items():
        weakest = spans_confidence([choice.candidate.entity])
        by_role[role] = _choice_value(
            choice, models.calibration(role, choice.score, analysis.ocr, weakest), source
        )
    for party in find_parties(analysis, models.names, models.addresses).values():
        by_role.update(_party_values(party, models.calibration, analysis.ocr, source))
    return {name: by_role[f.role.name] for name, f in reg.fields.items() if f.role.name in by_role}


def _type(
    doc: Document, index: DocIndex, options: RunOptions, forced: str | None
) -> tuple[str, TypeGuess | None]:
    if forced is not None:
        return forced, None
    requested = DocumentType(options.document_type)
    if not doc.pages:
        return (requested.value if requested != DocumentType.AUTO else "invoice"), None
    guess = detect_type(index, DETECTABLE)
    if requested == DocumentType.AUTO:
        return guess.document_type, guess
    return requested.value, guess


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


def extract_document(
    doc: Document,
    options: RunOptions,
    result: DocumentResult,
    models: ModelSet | None = None,
    document_type: str | None = None,
) -> DocumentResult:
    """Fill ``result`` from ``doc`` and return it. ``models``: the models to run (default: the
    shipped ones); ``document_type``: a type to read the document as, overriding the options (any
    type the registry knows, including types registered at run time).

    Raises ExtractionError when a model cannot be loaded; content problems become checks or
    errors in the result.
    """
    models = models or shipped_models()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    index = build_index(doc)
    doc_type, guess = _type(doc, index, options, document_type)
    registry: TypeFields = type_fields(doc_type)
    schema = get_schema(doc_type)
    result.document_type = doc_type
    result.document_type_confidence = guess.confidence if guess and options.document_type == "auto" else 1.0
    if doc.pages:
        analysis = analyse(doc, registry, index)
        result.fields.update(extract_fields(analysis, models))
        timings["fields"] = (time.perf_counter() - start) * 1000
        t = time.perf_counter()
        result.line_items, result.tax_details = extract_tables(doc, index, schema, registry.till_items)
        timings["tables"] = (time.perf_counter() - t) * 1000
        if analysis.credit_note:
            credit_note_rows(result)
    if doc.embedded and options.use_embedded_xml:
        apply_embedded(doc.embedded, result)
    check = _type_check(doc_type, guess, options)
    if check is not None:
        result.checks.append(check)
    result.meta["extraction"] = _meta(guess, timings)
    return finish(result, schema)


AMOUNT_COLUMNS = ("unit_price", "amount", "tax_amount", "discount", "basis")


def credit_note_rows(result: DocumentResult) -> None:
    """A credit note's line items and tax rows with positive amounts (its header amounts already
    are, see document/analysis.py), and the result marked as a credit note."""
    for row in [*result.line_items, *result.tax_details]:
        for name in AMOUNT_COLUMNS:
            fv = row.get(name)
            if fv is not None and isinstance(fv.value, str) and fv.value.startswith("-"):
                fv.value = fv.value[1:]
    result.meta["document_subtype"] = "credit_note"


def finish(result: DocumentResult, schema: DocSchema) -> DocumentResult:
    """Run the checks on ``result`` (keeping the type check), then set its overall confidence and
    status. Safe to call again after fields changed."""
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
