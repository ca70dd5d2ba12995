"""Columns of numbers among OCR words: what a table cell's neighbours above and below say it
should look like.

A word's column is the words above and below it (within ``reach`` pixels) whose horizontal extent
overlaps its own by more than half of the narrower one. The column is numeric when at least two of
them are numbers and more than half are (a header and a misreading or two may be among them); its
number shape is the most common count of digits after the last separator (``12.50`` -> 2).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from docsift.reading.ocr.engines import OcrWord, PixelBox

# a number as printed in a table cell: digits grouped by separators, a sign, a percent sign
NUMBER = re.compile(r"[(+\-]?\d+(?:[.,'\u00a0\u202f]\d+)*[%)]?")
SEPARATORS = re.compile(r"[.,'\u00a0\u202f]")


def number_shape(text: str) -> int | None:
    """Digits after the last separator of a number (``12.50`` -> 2, ``7`` -> 0); None for text
    that is not a number."""
    if not NUMBER.fullmatch(text):
        return None
    groups = SEPARATORS.split(text.rstrip("%)"))
    return len(groups[-1]) if len(groups) > 1 else 0


def column_shapes(
    words: Sequence[OcrWord], box: PixelBox, reach: float, above_only: bool = False
) -> Counter[int]:
    """The number shapes of the numbers in ``box``'s column among ``words`` (only those above it
    when ``above_only``); empty unless the column is numeric."""
    x0, y0, x1, y1 = box
    shapes: list[int | None] = []
    for w in words:
        wx0, wy0, wx1, wy1 = w.box
        cy = (wy0 + wy1) / 2
        if y0 <= cy <= y1 or cy < y0 - reach or cy > y1 + reach or (above_only and cy > y1):
            continue
        if min(x1, wx1) - max(x0, wx0) > 0.5 * min(x1 - x0, wx1 - wx0):
            shapes.append(number_shape(w.text))
    numbers = [s for s in shapes if s is not None]
    if above_only:
        return Counter(numbers)
    if len(numbers) < 2 or len(numbers) <= 0.5 * len(shapes):
        return Counter()
    return Counter(numbers)


def off_column(word: OcrWord, words: Sequence[OcrWord], reach: float, max_chars: int = 2) -> bool:
    """True when ``word`` is no number but has a digit (``2:15``) or at most ``max_chars``
    characters (a misread digit, not a label), in a numeric column below at least one of its
    numbers (not a header)."""
    text = word.text
    if number_shape(text) is not None or (len(text) > max_chars and not any(c.isdigit() for c in text)):
        return False
    others = [w for w in words if w is not word]
    return bool(column_shapes(others, word.box, reach)) and bool(
        column_shapes(others, word.box, reach, above_only=True)
    )


def plausibility(words: Sequence[OcrWord], shapes: Counter[int], bonus: float) -> float:
    """``bonus`` when every word of a reading has the column's number shape, ``-bonus`` when one of
    them is not a number at all, else 0 (also for a column that is not numeric)."""
    if not shapes or not words:
        return 0.0
    expected = shapes.most_common(1)[0][0]
    own = [number_shape(w.text) for w in words]
    if all(s == expected for s in own):
        return bonus
    if any(s is None for s in own):
        return -bonus
    return 0.0
