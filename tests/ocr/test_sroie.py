"""OCR on a few real scanned receipts (SROIE), scored as the benchmark scores them."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from docsift.bench.reading_metrics import Tally, score_page, truth_words
from docsift.options import RunOptions
from docsift.reading.ocr import ocr_page

RECEIPTS = 2


@pytest.fixture(scope="module")
def receipts(datasets):
    images = sorted((datasets / "sroie" / "images").glob("*.jpg"))[:RECEIPTS]
    if not images:
        pytest.skip("no SROIE images")
    return images


@pytest.mark.datasets
def test_given_real_receipts_when_read_with_speed_then_most_printed_words_are_found(receipts, datasets):
    tally = Tally()
    for path in receipts:
        with Image.open(path) as im:
            page = ocr_page(im, 1, RunOptions())
            truth = truth_words(datasets / "sroie" / "box" / f"{path.stem}.csv", im.width, im.height)
        tally.add(score_page(page, truth))
        total = json.loads((datasets / "sroie" / "key" / f"{path.stem}.json").read_text())["total"]
        assert total.replace("RM", "").strip() in page.text, (path.name, total)
    assert tally.recall >= 0.8 and tally.precision >= 0.8, (tally.recall, tally.precision)
    assert tally.cer <= 0.08
