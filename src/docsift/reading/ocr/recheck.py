"""A second look at a page Tesseract has read: ink that no word covers, and doubtful words, read
again crop by crop by a second engine's recogniser (RapidOCR's) without its text detector.

Tesseract's layout analysis reads a scanned page in a fraction of RapidOCR's time, but it drops
isolated short tokens (a quantity alone in its table column), glues neighbouring cells into one
word and misreads some (``1.15`` as ``415``) while its mean confidence stays high. RapidOCR's cost
is its text detector; its recogniser reads a word-sized crop in a few milliseconds. So, on the
binarised page with ruling lines removed (:mod:`docsift.reading.ocr.inkregions`):

1. every text-like component of ink is owned by the word whose box holds its centre. A word is
   doubtful when its confidence is under ``min_confidence``, its box has a shape no word on a line
   has (taller than wide and than a line; as thin as a stroke), or its own ink leaves a gap wider
   than ``split_gap`` (two table cells read as one word);
2. the ink no word owns and that of the doubtful words is joined into word-sized regions; regions
   inside pictures (logos, dark banners) are left alone;
3. each region is cropped, the trusted words painted out, and recognised;
4. a region holding doubtful words takes the second reading when it scores higher (mean character
   confidence, plus a bonus for agreeing with the numbers of its column); a region of ink no word
   owned adds the words read when they score ``min_added`` or more. A doubtful word over no
   text-like ink (a ruling line, specks) is dropped when its shape is odd or its confidence low.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from docsift.reading.ocr.engines import OcrEngine, OcrWord, PixelBox
from docsift.reading.ocr.inkregions import (
    Region,
    RegionParams,
    components,
    gapped,
    inside_any,
    owners,
    regions,
    rule_like,
)
from docsift.reading.ocr.preprocess import Prepared, binarise, paper_level

# a number as printed in a table cell: digits grouped by separators, a sign, a percent sign
NUMBER = re.compile(r"[(+\-]?\d+(?:[.,'\u00a0\u202f]\d+)*[%)]?")
SEPARATORS = re.compile(r"[.,'\u00a0\u202f]")


@dataclass(frozen=True)
class RecheckParams:
    """Which words are read again and how a second reading is judged (lengths in character heights)."""

    min_confidence: float = 0.8  # Tesseract words under this are doubtful
    tall: float = 1.8  # so are words taller than this and than wide (text read down a column)
    split_gap: float = 0.8  # and words whose ink has a gap this wide
    min_kept: float = 0.5  # a doubtful word over no text-like ink is dropped under this confidence
    min_added: float = 0.75  # score a word read from ink no word owned needs
    column_bonus: float = 0.15  # added to a reading that agrees with the numbers of its column
    column_reach: float = 25.0  # how far above and below a region its column is looked at
    crop_pad: float = 0.3  # margin around a region's ink in its crop
    max_regions: int = 80  # at most this many crops per page: those holding doubtful words first
    max_components: int = 4000  # more free ones (a noisy page): only the doubtful words' ink is read
    regions: RegionParams = field(default_factory=RegionParams)


def recheck_words(
    page: Prepared, words: list[OcrWord], reader: OcrEngine, params: RecheckParams | None = None
) -> list[OcrWord]:
    """``words`` (Tesseract's, pixel boxes of ``page``) with doubtful words replaced by ``reader``'s
    reading where it scores higher or dropped when no text is under them, and words added where
    ink had none.

    Raises ReadError when ``reader`` fails.
    """
    p = params or RecheckParams()
    height = page.analysis.char_height or 12.0
    grey = page.cleaned()
    ink = binarise(grey)
    comps, pictures = components(ink, height, p.regions)
    owner = owners(comps, [w.box for w in words])
    doubt = {i for i, w in enumerate(words) if _doubtful(w, height, p)}
    doubt |= gapped(comps, owner, len(words), p.split_gap * height)
    found = _regions(comps, owner, pictures, doubt, height, p)
    touching = _touching(found, words, doubt, height * p.regions.join)
    if touching:  # a word beside ink it should have covered was cut short: read them together
        doubt |= touching
        found = _regions(comps, owner, pictures, doubt, height, p)
    chosen = _select(found, p.max_regions)
    trusted = [w for i, w in enumerate(words) if i not in doubt]
    pad = round(height * p.crop_pad)
    masked = _paint_out(grey, [w.box for w in trusted], paper_level(grey, ink)) if chosen else grey
    readings = reader.recognize_crops([_crop(masked, r.box, pad) for r in chosen])
    gone, added = _judge(words, trusted, chosen, readings, pad, height, p)
    claimed = {i for r in found for i in r.words}
    gone.update(i for i in doubt if i not in claimed and _unfounded(words[i], height, p))
    return [w for i, w in enumerate(words) if i not in gone] + added


def _regions(
    comps: np.ndarray, owner: np.ndarray, pictures: np.ndarray, doubt: set[int], height: float,
    p: RecheckParams,
) -> list[Region]:  # fmt: skip
    """Text-like regions of the ink no word owns and of the doubtful words' ink, outside pictures."""
    free = np.isin(owner, sorted(doubt)) | (owner < 0)
    if free.sum() > p.max_components:
        free &= owner >= 0
    found = regions(comps[free], owner[free], height, p.regions)
    return [r for r in found if not inside_any(r.box, pictures)]


def _touching(found: list[Region], words: list[OcrWord], doubt: set[int], gap: float) -> set[int]:
    """The words not in ``doubt`` that sit on a region's row less than ``gap`` pixels beside it."""
    near = set()
    for r in found:
        x0, y0, x1, y1 = r.box
        for i, w in enumerate(words):
            if i in doubt:
                continue
            wx0, wy0, wx1, wy1 = w.box
            rows = min(y1, wy1) - max(y0, wy0) > 0.5 * min(y1 - y0, wy1 - wy0)
            if rows and max(wx0 - x1, x0 - wx1) < gap:
                near.add(i)
    return near


def _judge(
    words: list[OcrWord], trusted: list[OcrWord], chosen: list[Region], readings: list[list[OcrWord]],
    pad: int, height: float, p: RecheckParams,
) -> tuple[set[int], list[OcrWord]]:  # fmt: skip
    """The words replaced and the words read again that replace them or are added; the trusted
    words tell the columns' number shapes."""
    line = max((w.line for w in words), default=-1) + 1
    gone: set[int] = set()
    added: list[OcrWord] = []
    for n, (region, read) in enumerate(zip(chosen, readings, strict=True)):
        second = [_placed(w, region, pad, line + n) for w in read]
        if not second:  # nothing legible: a word read there was read from a rule or specks
            gone.update(i for i in region.words if _unfounded(words[i], height, p))
            continue
        shapes = _column_shapes(trusted, region.box, height * p.column_reach)
        first = [words[i] for i in region.words]
        if _score(second, shapes, p) > (_score(first, shapes, p) if first else p.min_added):
            gone.update(region.words)
            added.extend(second)
    return gone, added


def _select(found: list[Region], limit: int) -> list[Region]:
    """At most ``limit`` regions, those holding words first, then the largest; top to bottom."""
    if len(found) <= limit:
        return found
    ranked = sorted(found, key=lambda r: (not r.words, -(r.box[2] - r.box[0]) * (r.box[3] - r.box[1])))
    return sorted(ranked[:limit], key=lambda r: (r.box[1], r.box[0]))


def _doubtful(w: OcrWord, height: float, p: RecheckParams) -> bool:
    """True for a word to read again: low confidence, or a shape no word on a line has."""
    return w.confidence < p.min_confidence or _odd_shape(w.box, height, p)


def _unfounded(w: OcrWord, height: float, p: RecheckParams) -> bool:
    """True for a doubtful word to drop when no legible text is under it: its confidence is under
    ``min_kept`` or its shape is odd."""
    return w.confidence < p.min_kept or _odd_shape(w.box, height, p)


def _odd_shape(box: PixelBox, height: float, p: RecheckParams) -> bool:
    """True for a box taller than a line of text and than wide (text read down a column), or as
    thin as a stroke (a stretch of ruling line read as ``|``)."""
    w, h = box[2] - box[0], box[3] - box[1]
    thin = w < p.regions.stroke * height
    return (h > p.tall * height and w < h) or thin or rule_like(box, height, p.regions)


def _paint_out(grey: np.ndarray, boxes: list[PixelBox], level: int) -> np.ndarray:
    """A copy of ``grey`` with each box (grown by a pixel) filled with grey ``level``."""
    out = grey.copy()
    h, w = out.shape
    for x0, y0, x1, y1 in boxes:
        out[max(0, int(y0) - 1) : min(h, int(y1) + 2), max(0, int(x0) - 1) : min(w, int(x1) + 2)] = level
    return out


def _crop(grey: np.ndarray, box: tuple[int, int, int, int], pad: int) -> np.ndarray:
    x0, y0, x1, y1 = box
    return np.ascontiguousarray(grey[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad])


def _placed(word: OcrWord, region: Region, pad: int, line: int) -> OcrWord:
    """``word`` read from ``region``'s crop, its box moved to page pixels and kept within the ink."""
    rx0, ry0, rx1, ry1 = region.box
    ox = max(0, rx0 - pad)
    x0, _, x1, _ = word.box
    box = (max(x0 + ox, rx0), float(ry0), min(x1 + ox, rx1), float(ry1))
    if box[2] <= box[0]:
        box = (float(rx0), float(ry0), float(rx1), float(ry1))
    return OcrWord(word.text, box, word.confidence, line)


def _score(words: list[OcrWord], shapes: Counter[int] | None, p: RecheckParams) -> float:
    """Mean character confidence of a reading, plus the column bonus when every word has the
    column's number shape, minus it when one is not a number at all."""
    chars = sum(len(w.text) for w in words)
    if not chars:
        return 0.0
    score = sum(w.confidence * len(w.text) for w in words) / chars
    if shapes:
        expected = shapes.most_common(1)[0][0]
        own = [number_shape(w.text) for w in words]
        if all(s == expected for s in own):
            score += p.column_bonus
        elif any(s is None for s in own):
            score -= p.column_bonus
    return score


def number_shape(text: str) -> int | None:
    """Digits after the last separator of a number (``12.50`` -> 2, ``7`` -> 0); None for text
    that is not a number."""
    if not NUMBER.fullmatch(text):
        return None
    groups = SEPARATORS.split(text.rstrip("%)"))
    return len(groups[-1]) if len(groups) > 1 else 0


def _column_shapes(words: list[OcrWord], box: tuple[int, int, int, int], reach: float) -> Counter[int] | None:
    """The number shapes of the words above and below ``box`` whose x-range overlaps it (its
    column) when at least two are there and three quarters of them are numbers; else None."""
    x0, y0, x1, y1 = box
    shapes: list[int | None] = []
    for w in words:
        wx0, wy0, wx1, wy1 = w.box
        cy = (wy0 + wy1) / 2
        if y0 <= cy <= y1 or cy < y0 - reach or cy > y1 + reach:
            continue
        if min(x1, wx1) - max(x0, wx0) > 0.5 * min(x1 - x0, wx1 - wx0):
            shapes.append(number_shape(w.text))
    numbers = [s for s in shapes if s is not None]
    if len(numbers) < 2 or len(numbers) < 0.75 * len(shapes):
        return None
    return Counter(numbers)
