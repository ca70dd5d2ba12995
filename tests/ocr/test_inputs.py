"""Unusual pixel formats and sizes reach the engines as readable pages."""

from __future__ import annotations

import numpy as np
from PIL import Image

from docsift.options import RunOptions
from docsift.reading.ocr import ocr_page
from tests.ocr.conftest import recall
from tests.ocr.render import LINES, draw_page


def test_given_black_text_on_a_transparent_background_when_read_then_the_text_is_found(rapid_options):
    drawn = draw_page(LINES[:2])
    ink = 255 - np.asarray(drawn.image.convert("L"))
    rgba = np.zeros((*ink.shape, 4), dtype=np.uint8)
    rgba[:, :, 3] = ink  # black pixels, opaque only where the text is
    page = ocr_page(Image.fromarray(rgba, "RGBA"), 1, rapid_options)
    assert recall(page, LINES[:2]) >= 0.9


def test_given_a_16_bit_grey_scan_when_read_then_the_text_is_found(rapid_options):
    drawn = draw_page(LINES[:2])
    deep = (np.asarray(drawn.image.convert("L")).astype(np.int32) * 40 + 3000).astype(np.uint16)
    page = ocr_page(Image.fromarray(deep).convert("I;16"), 1, rapid_options)
    assert recall(page, LINES[:2]) >= 0.9


def test_given_a_tiny_image_when_read_then_a_page_comes_back_without_error():
    for engine in ("rapidocr", "tesseract"):
        page = ocr_page(Image.new("L", (12, 9), 255), 1, RunOptions(ocr_engine=engine))
        assert page.width == 12 and page.height == 9 and page.errors == []


def test_given_german_text_when_tesseract_reads_with_deu_then_umlauts_survive():
    lines = ["Rechnung für Müller Straße", "Größe Menge Gebühren"]
    options = RunOptions(ocr_engine="tesseract", ocr_languages=["deu", "eng"])
    page = ocr_page(draw_page(lines).image, 1, options)
    assert recall(page, lines) >= 0.8
    assert any("ü" in w.text or "ß" in w.text for w in page.words)


def test_given_german_text_when_rapidocr_reads_then_umlauts_survive(rapid_options):
    lines = ["Rechnung für Müller Straße", "Größe Menge Gebühren"]
    page = ocr_page(draw_page(lines).image, 1, RunOptions(ocr_engine="rapidocr", ocr_languages=["deu"]))
    assert recall(page, lines) >= 0.8


def test_given_a_negative_scan_when_read_then_it_is_inverted_and_read(tesseract_options):
    drawn = draw_page(LINES[:3])
    negative = Image.fromarray(255 - np.asarray(drawn.image))
    page = ocr_page(negative, 1, tesseract_options)
    assert recall(page, LINES[:3]) >= 0.9
