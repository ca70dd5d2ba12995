"""The second look after Tesseract (``speed`` on large pages): table cells Tesseract drops,
glues together or misreads are read again from their ink with RapidOCR's recogniser."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docsift.options import RunOptions
from docsift.reading.model import Page
from docsift.reading.ocr import get_engine, ocr_page
from docsift.reading.ocr.engines import OcrWord
from docsift.reading.ocr.preprocess import prepare
from docsift.reading.ocr.recheck import recheck_words
from tests.docgen import degrade, render_pdf_page
from tests.ocr.render import SANS, table_pdf

SPEED = RunOptions()

SINGLE_DIGITS = [
    ["Hex bolts M8 x 40", "4", "0.35", "1.40"],
    ["Cable ties 200 mm", "9", "2.10", "18.90"],
    ["Wood glue 500 ml", "1", "6.75", "6.75"],
    ["Sanding sheets P120", "6", "0.80", "4.80"],
    ["Masking tape 25 mm", "3", "1.95", "5.85"],
    ["Drill bit set", "2", "14.50", "29.00"],
]
ONES = [
    ["Hex bolts M8 x 40", "14", "1.15", "16.10"],
    ["Cable ties 200 mm", "10", "11.11", "111.10"],
    ["Wood glue 500 ml", "12", "7.71", "92.52"],
    ["Sanding sheets P120", "16", "1.11", "17.76"],
    ["Masking tape 25 mm", "11", "4.14", "45.54"],
    ["Drill bit set", "10", "14.11", "141.10"],
]
WITH_UNITS = (("Description", 45, False), ("Qty", 300, True), ("Unit", 309, False), ("Price", 440, True),
              ("Amount", 550, True))  # fmt: skip
UNIT_ROWS = [
    ["Copper pipe 15 mm", "3", "m", "4.20", "12.60"],
    ["Garden soil", "40", "kg", "0.35", "14.00"],
    ["Brass hinges", "12", "pcs", "2.15", "25.80"],
    ["Cable 3 x 1.5", "25", "m", "1.10", "27.50"],
    ["Gravel 8/16", "9", "kg", "0.20", "1.80"],
]


def _read_rows(page: Page, rows: list[list[str]]) -> list[str]:
    """The line read for each row (found by its first word), '' when none."""
    texts = [line.text for line in page.lines]
    return [next((t for t in texts if t.startswith(row[0].split()[0])), "") for row in rows]


@pytest.mark.parametrize(
    ("rotate", "noise", "seed"),
    [(0.0, 0.0, 0), (0.8, 6.0, 3), (-0.7, 5.0, 2)],
    ids=["clean", "skewed-noisy", "skewed-other-way"],
)
def test_given_a_scanned_table_with_single_digit_quantities_when_read_for_speed_then_every_row_is_whole(
    rotate, noise, seed
):
    # Tesseract alone reads this quantity column as "Oo", "wo", "=" and "(c)", or not at all
    scan = degrade(render_pdf_page(table_pdf(SINGLE_DIGITS), 0, 200), rotate=rotate, noise=noise, seed=seed)
    page = ocr_page(scan, 1, SPEED)
    assert page.ocr_engine == "tesseract"  # a full page: the fast path
    assert _read_rows(page, SINGLE_DIGITS) == [" ".join(row) for row in SINGLE_DIGITS]
    qty = next(w for w in page.words if w.text == "Qty")
    for row in SINGLE_DIGITS:
        word = next(w for w in page.words if w.text == row[1] and w.cy > qty.y1)
        assert word.x0 < qty.x1 and word.x1 > qty.x0, (row[1], word.bbox, qty.bbox)  # in its column


def test_given_prices_tesseract_misreads_with_low_confidence_when_read_for_speed_then_they_are_read_again():
    # rows of 1s: Tesseract reads "111.10" as "411.10" and "7.71" as "TTA" with confidence 0.45-0.65
    scan = degrade(render_pdf_page(table_pdf(ONES), 0, 200), rotate=0.8, noise=12, seed=3, blur=0.5)
    page = ocr_page(scan, 1, SPEED)
    assert page.ocr_engine == "tesseract"
    assert _read_rows(page, ONES) == [" ".join(row) for row in ONES]


def test_given_a_ruled_grid_when_read_for_speed_then_no_rule_is_read_as_text():
    # Tesseract reads stretches of the grey cell borders as "|", "_" and ":"
    grid = render_pdf_page(table_pdf(SINGLE_DIGITS[:4], grid=True), 0, 200)
    scan = degrade(grid, rotate=0.7, noise=6, seed=1)
    page = ocr_page(scan, 1, SPEED)
    assert _read_rows(page, SINGLE_DIGITS[:4]) == [" ".join(row) for row in SINGLE_DIGITS[:4]]
    assert all(any(c.isalnum() for c in w.text) for w in page.words), [w.text for w in page.words]


def test_given_neighbouring_cells_tesseract_glues_or_misreads_when_read_for_speed_then_each_cell_is_a_word():
    # "3" and "m" in two columns read as "3m"; "2.15" read as "2:15" with high confidence
    table = render_pdf_page(table_pdf(UNIT_ROWS, columns=WITH_UNITS), 0, 200)
    scan = degrade(table, rotate=0.8, noise=8, seed=1)
    page = ocr_page(scan, 1, SPEED)
    lines = _read_rows(page, UNIT_ROWS)
    assert lines[0] == "Copper pipe 15 mm 3 m 4.20 12.60"
    assert "2.15 25.80" in lines[2]


def _prepared_words(image: Image.Image) -> tuple[object, list[OcrWord]]:
    page = prepare(np.asarray(image.convert("RGB")))
    return page, get_engine("tesseract").recognize(page)


PLAIN = [
    ["Hex bolts M8 x 40", "24", "0.35", "8.40"],
    ["Cable ties 200 mm", "30", "2.60", "78.00"],
    ["Wood glue 500 ml", "12", "6.25", "75.00"],
]


def test_given_a_clean_page_tesseract_reads_with_confidence_when_rechecked_then_nothing_changes():
    scan = render_pdf_page(table_pdf(PLAIN), 0, 200)
    page, words = _prepared_words(degrade(scan, noise=10, seed=5))
    assert min(w.confidence for w in words) >= 0.8  # nothing doubtful on this page
    assert recheck_words(page, words, get_engine("rapidocr")) == words  # and no speck read as text


def test_given_light_text_on_a_dark_banner_when_its_reading_is_doubtful_then_it_is_kept_as_read():
    # the holes of white letters are dark blobs on the binarised page: they must not be read as text
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 80, 900, 260), fill=50)
    draw.text((120, 110), "Baldwood", font=ImageFont.truetype(SANS, 110), fill=245)
    body = ImageFont.truetype(SANS, 30)
    for n in range(12):
        draw.text((120, 400 + 60 * n), f"Item {n + 1} delivered on account {4800 + n}", font=body, fill=0)
    page, words = _prepared_words(image)
    banner = OcrWord("Baldwood", (120.0, 130.0, 640.0, 215.0), 0.5, 99)  # as Tesseract might read it
    out = recheck_words(page, [w for w in words if w.box[1] > 300] + [banner], get_engine("rapidocr"))
    assert banner in out
    assert not [w for w in out if w.box[3] < 300 and w is not banner]
