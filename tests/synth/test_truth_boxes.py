"""Every truth box holds the printed value in the PDF's text layer, in every layout family."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from tests.synth.conftest import truths
from tests.synth.pdftext import alnum, box_problems, text_in


def test_given_text_pdfs_when_reading_inside_each_field_box_then_the_printed_value_is_there(
    batch: Path,
) -> None:
    checked = 0
    for doc_id, truth in truths(batch).items():
        if truth["source"] != "pdf":
            continue
        pdf = pdfium.PdfDocument(batch / truth["file"])
        assert box_problems(pdf, truth) == [], doc_id
        checked += len(truth["boxes"]) + sum(len(b) for b in truth["line_item_boxes"])
        pdf.close()
    assert checked > 500


def test_given_many_invoice_layouts_when_reading_each_box_then_it_holds_the_printed_value(
    invoices: Path,
) -> None:
    families = set()
    for doc_id, truth in truths(invoices).items():
        pdf = pdfium.PdfDocument(invoices / truth["file"])
        assert box_problems(pdf, truth) == [], (doc_id, truth["family"])
        families.add(truth["family"])
        pdf.close()
    assert len(families) > 40


def test_given_text_pdfs_when_reading_a_box_then_it_holds_no_text_of_the_next_line(
    batch: Path, invoices: Path
) -> None:
    """Boxes are tight: a single-line value's box does not reach into the line below or above."""
    for folder in (batch, invoices):
        for doc_id, truth in truths(folder).items():
            if truth["source"] != "pdf" or not truth["file"].endswith(".pdf"):
                continue
            pdf = pdfium.PdfDocument(folder / truth["file"])
            for name in (
                "invoice_number",
                "invoice_date",
                "invoice_total",
                "amount_due",
                "receipt_number",
                "total",
            ):
                where = truth["boxes"].get(name)
                if not where:
                    continue
                inside = text_in(pdf[where["page"] - 1], where["bbox"]).strip()
                assert "\n" not in inside, (doc_id, name, inside)
                assert alnum(truth["raw"][name]) == alnum(inside), (doc_id, name, inside)
            pdf.close()
