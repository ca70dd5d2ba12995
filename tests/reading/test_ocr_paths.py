"""Pages without a usable text layer, and image files, go through OCR (docsift.reading.ocr)."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from PIL import Image

from docsift.options import RunOptions
from docsift.reading import TextSource, read_document
from docsift.reading.textlayer import text_layer_page
from tests.docgen import (
    image_bytes,
    image_pdf,
    image_with_text_layer_pdf,
    merge_pdfs,
    scan_image,
    text_pdf,
    unmapped_glyphs_pdf,
)

SCAN_LINES = ["Invoice Number 48213", "Total Amount 1250.00"]


@pytest.fixture(scope="module")
def short_scan() -> Image.Image:
    return scan_image(text_pdf([SCAN_LINES], font_size=14), dpi=150)


def _words(text: str) -> set[str]:
    return set(text.lower().split())


def test_given_a_png_scan_when_read_then_its_words_come_from_ocr(short_scan: Image.Image) -> None:
    doc = read_document(image_bytes(short_scan, "PNG"), "scan.png")
    page = doc.pages[0]
    assert page.source == TextSource.OCR and page.ocr_engine
    assert {"invoice", "48213", "1250.00"} <= _words(page.text)
    assert (page.width, page.height) == short_scan.size


def test_given_a_text_page_then_a_scanned_page_when_read_then_each_page_uses_its_own_source(
    short_scan: Image.Image,
) -> None:
    data = merge_pdfs([text_pdf([["Cover letter for invoice 48213"]]), image_pdf([short_scan], dpi=150)])
    doc = read_document(data, "mixed.pdf")
    assert [p.source for p in doc.pages] == [TextSource.TEXT_LAYER, TextSource.OCR]
    assert doc.pages[0].text == "Cover letter for invoice 48213"
    assert doc.pages[1].dpi == pytest.approx(150, abs=1)
    assert {"48213", "1250.00"} <= _words(doc.pages[1].text)


def test_given_a_scan_with_a_garbage_invisible_layer_when_read_then_the_page_is_ocrd_again(
    short_scan: Image.Image,
) -> None:
    garbage = ["~|l1I ;;,. ^^ }{ 0O0O ¦¦ ~~", "\\\\ ~~ ;;:: || ^^ ,,,, Ww ¦ ~"]
    doc = read_document(image_with_text_layer_pdf(short_scan, garbage, dpi=150), "ocrd.pdf")
    assert doc.pages[0].source == TextSource.OCR
    assert "48213" in doc.pages[0].text


def test_given_a_scan_with_a_good_invisible_layer_when_read_then_that_layer_is_kept(
    short_scan: Image.Image,
) -> None:
    lines = [*SCAN_LINES, "Payment due within thirty days of receipt"] * 3
    doc = read_document(image_with_text_layer_pdf(short_scan, lines, dpi=150), "ocrd.pdf")
    assert doc.pages[0].source == TextSource.TEXT_LAYER
    assert doc.pages[0].lines[0].text == SCAN_LINES[0]


def test_given_glyphs_without_unicode_when_assessed_then_the_layer_is_rejected() -> None:
    pdf = pdfium.PdfDocument(unmapped_glyphs_pdf())
    try:
        _, verdict = text_layer_page(pdf[0], 1)
    finally:
        pdf.close()
    assert verdict.reason_to_ocr() == "text layer glyphs have no unicode"


def test_given_an_ordinary_text_page_when_assessed_then_the_layer_is_kept() -> None:
    pdf = pdfium.PdfDocument(
        text_pdf([["Rechnung Nummer 2024-118 vom 3. Mai", "Gesamtbetrag 1.190,00 EUR"] * 4])
    )
    try:
        _, verdict = text_layer_page(pdf[0], 1)
    finally:
        pdf.close()
    assert verdict.reason_to_ocr() is None and not verdict.invisible


def test_given_force_ocr_when_a_text_pdf_is_read_then_the_page_is_ocrd() -> None:
    data = text_pdf([["Invoice Number 77120", "Total Amount 99.50"]], font_size=14)
    doc = read_document(data, "t.pdf", RunOptions(force_ocr=True))
    assert doc.pages[0].source == TextSource.OCR
    assert "77120" in doc.pages[0].text


def _page_with_paths(paths: int) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.drawString(60, 800, "Page 1 of 1")
    for i in range(paths):  # each stroke its own path object, as outlined glyphs are
        c.line(60 + (i % 40) * 12, 700 - (i // 40) * 14, 66 + (i % 40) * 12, 708 - (i // 40) * 14)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize(("paths", "expected"), [(400, "text drawn as outlines"), (20, None)])
def test_given_little_text_and_many_drawn_paths_when_judged_then_the_page_goes_to_ocr(
    paths: int, expected: str | None
) -> None:
    from docsift.reading.pdf import ocr_reason

    pdf = pdfium.PdfDocument(_page_with_paths(paths))
    try:
        page = pdf[0]
        _, verdict = text_layer_page(page, 1)
        assert ocr_reason(page, verdict, RunOptions()) == expected
    finally:
        pdf.close()
