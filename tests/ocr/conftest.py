"""Fixtures for the OCR tests: options per engine and a recall helper."""

from __future__ import annotations

import re

import pytest

from docsift.options import RunOptions
from docsift.reading.model import Page


def tokens(text: str) -> list[str]:
    """Case-folded words with surrounding punctuation stripped."""
    return [t for t in (re.sub(r"^\W+|\W+$", "", w.casefold()) for w in text.split()) if t]


def recall(page: Page, lines: list[str]) -> float:
    """Share of the drawn words (case-insensitive, punctuation-trimmed) found among the words read."""
    want = tokens(" ".join(lines))
    got = tokens(" ".join(w.text for w in page.words))
    pool = list(got)
    hits = 0
    for w in want:
        if w in pool:
            pool.remove(w)
            hits += 1
    return hits / len(want)


@pytest.fixture
def rapid_options() -> RunOptions:
    return RunOptions(ocr_engine="rapidocr")


@pytest.fixture
def tesseract_options() -> RunOptions:
    return RunOptions(ocr_engine="tesseract")
