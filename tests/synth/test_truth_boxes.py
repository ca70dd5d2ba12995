"""Every truth box holds the printed value in the PDF's text layer."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium

from tests.synth.conftest import truths


def _alnum(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).upper()


def _text_in(page: pdfium.PdfPage, bbox: list[float]) -> str:
    w, h = page.get_size()
    x0, y0, x1, y1 = bbox
    textpage = page.get_textpage()
    pad = 0.5
    return textpage.get_text_bounded(
        left=x0 * w - pad, bottom=(1 - y1) * h - pad, right=x1 * w + pad, top=(1 - y0) * h + pad
    )


def test_given_text_pdfs_when_reading_inside_each_field_box_then_the_printed_value_is_there(
    batch: Path,
) -> None:
    checked = 0
    for doc_id, truth in truths(batch).items():
        if truth["source"] != "pdf":
            continue
        pdf = pdfium.PdfDocument(batch / truth["file"])
        for name, where in truth["boxes"].items():
            inside = _text_in(pdf[where["page"] - 1], where["bbox"])
            assert _alnum(truth["raw"][name]) in _alnum(inside), (doc_id, name, truth["raw"][name], inside)
            checked += 1
        for row, boxes in zip(truth["line_items"], truth["line_item_boxes"], strict=True):
            for col, where in boxes.items():
                inside = _alnum(_text_in(pdf[where["page"] - 1], where["bbox"]))
                if col == "description":
                    assert _alnum(row[col]) in inside, (doc_id, col, row[col], inside)
                checked += 1
        pdf.close()
    assert checked > 500


def test_given_text_pdfs_when_reading_a_box_then_it_holds_no_text_of_the_next_line(batch: Path) -> None:
    """Boxes are tight: a single-line value's box does not reach into the line below or above."""
    for doc_id, truth in truths(batch).items():
        if truth["source"] != "pdf":
            continue
        pdf = pdfium.PdfDocument(batch / truth["file"])
        for name in ("invoice_number", "invoice_date", "invoice_total", "receipt_number", "total"):
            where = truth["boxes"].get(name)
            if not where:
                continue
            inside = _text_in(pdf[where["page"] - 1], where["bbox"]).strip()
            assert "\n" not in inside, (doc_id, name, inside)
        pdf.close()
