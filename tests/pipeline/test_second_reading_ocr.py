"""End to end: the accuracy preference reads a scanned document a second time and votes."""

from __future__ import annotations

import pytest

from docsift.extraction import extract
from docsift.options import DocumentType, ProcessingPref, RunOptions
from docsift.pipeline import run_pipeline
from docsift.pipeline.second_reading import refine
from docsift.reading import read_document
from docsift.result import DocumentResult
from tests.docgen import image_bytes, invoice_pdf, render_pdf_page


@pytest.fixture(scope="module")
def scan() -> tuple[bytes, object]:
    pdf = invoice_pdf(seed=11, items=3)
    return image_bytes(render_pdf_page(pdf.data, dpi=150)), pdf.truth


@pytest.mark.slow
def test_given_a_scan_with_a_key_field_missing_when_refined_then_the_other_engine_supplies_it(scan) -> None:  # type: ignore[no-untyped-def]
    png, truth = scan
    options = RunOptions(document_type=DocumentType.INVOICE, pref=ProcessingPref.ACCURACY)
    doc = read_document(png, "scan.png", options)
    result = extract(doc, options, DocumentResult())
    total = result.fields.pop("invoice_total")
    refined = refine(png, "scan.png", doc, options, result)
    assert refined.meta["extraction"]["second_reading"] in ("tesseract", "rapidocr")
    assert refined.value("invoice_total") == total.value == truth.invoice_total
    assert any(c.name == "document_type_matches" for c in refined.checks)
    assert refined.overall_confidence > 0


@pytest.mark.slow
def test_given_the_accuracy_preference_when_the_pipeline_runs_then_values_agree_with_speed(scan) -> None:  # type: ignore[no-untyped-def]
    png, truth = scan
    careful = run_pipeline(png, "scan.png", RunOptions(document_type="invoice", pref=ProcessingPref.ACCURACY))
    assert careful.status != "failed", careful.errors
    assert careful.value("invoice_total") == truth.invoice_total
    assert careful.value("invoice_number") == truth.invoice_number
