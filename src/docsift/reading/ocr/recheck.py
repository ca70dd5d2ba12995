"""A second look at a page Tesseract has read: ink that no word covers, and doubtful words, read
again crop by crop by a second engine's recogniser (RapidOCR's) without its text detector.

Tesseract's layout analysis reads a scanned page in a fraction of RapidOCR's time, but it drops
isolated short tokens (a quantity alone in its table column), glues neighbouring cells into one
word and misreads some (``1.15`` as ``415``, ``1`` as ``=``), often with a high confidence.
RapidOCR's cost is its text detector; its recogniser reads a word-sized crop in a few
milliseconds. So, on the binarised page with ruling lines removed (:mod:`.inkregions`):

1. every text-like component of ink is owned by the word whose box holds its centre. A word is
   doubtful when its confidence is under ``min_confidence``, its box has a shape no word on a line
   has (taller than wide and than a line; as thin as a stroke), its own ink leaves a gap wider
   than ``split_gap`` (two table cells read as one word), or it sits right beside ink no word owns
   (a word cut short);
2. the ink no word owns and that of the doubtful words is joined into word-sized regions; regions
   inside pictures (logos, dark banners) are left alone;
3. each region is cropped, the other words painted out, and recognised;
4. a region holding doubtful words takes the second reading when it scores higher (mean character
   confidence, plus or minus a bonus for agreeing with the numbers of its column, :mod:`.columns`);
   a region of ink no word owned adds the words read when they score ``min_added`` or more. A
   word with low confidence or an odd shape over no legible ink (a ruling line, specks) is dropped;
5. once more for Tesseract's words that are not numbers in a column of numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from docsift.reading.ocr.columns import column_shapes, off_column, plausibility
from docsift.reading.ocr.engines import OcrEngine, OcrWord, PixelBox
from docsift.reading.ocr.inkregions import (
    Region,
    RegionParams,
    components,
    gapped,
    inked,
    inside_any,
    owners,
    regions,
    rule_like,
)
from docsift.reading.ocr.preprocess import Prepared, binarise, paper_level


@dataclass(frozen=True)
class RecheckParams:
    """Which words are read again and how a second reading is judged (lengths in character heights)."""

    min_confidence: float = 0.8  # Tesseract words under this are doubtful
    tall: float = 1.8  # so are words taller than this and than wide (text read down a column)
    split_gap: float = 0.8  # and words whose ink has a gap this wide
    min_added: float = 0.75  # score a word read from ink no word owned needs
    column_bonus: float = 0.15  # added to a reading that agrees with the numbers of its column
    column_reach: float = 25.0  # how far above and below a word its column is looked at
    crop_pad: float = 0.3  # margin around a region's ink in its crop
    max_regions: int = 80  # at most this many crops per page: those holding doubtful words first
    max_components: int = 4000  # more free ones (a noisy page): only the doubtful words' ink is read
    regions: RegionParams = field(default_factory=RegionParams)


@dataclass
class _Ink:
    """The page as the second look sees it: cleaned grey, its paper level, text-like components
    with the word owning each (-1: none), pictures, character height."""

    grey: np.ndarray
    paper: int
    comps: np.ndarray
    owner: np.ndarray
    pictures: np.ndarray
    height: float


def unread_share(page: Prepared, words: list[OcrWord], params: RecheckParams | None = None) -> float:
    """The share of the page's text-like ink components that no word read owns (0 for a page
    without text-like ink): a reading that left most of the text unread is a poor one."""
    ink = _ink(page, words, params or RecheckParams())
    return float((ink.owner < 0).mean()) if len(ink.owner) else 0.0


def recheck_words(
    page: Prepared, words: list[OcrWord], reader: OcrEngine, params: RecheckParams | None = None
) -> list[OcrWord]:
    """``words`` (Tesseract's, pixel boxes of ``page``) with doubtful words replaced by ``reader``'s
    reading where it scores higher or dropped when no legible ink is under them, and words added
    where ink had none.

    Raises ReadError when ``reader`` fails.
    """
    p = params or RecheckParams()
    ink = _ink(page, words, p)
    doubt = {i for i, w in enumerate(words) if _doubtful(w, ink.height, p)}
    doubt |= gapped(ink.comps, ink.owner, len(words), p.split_gap * ink.height)
    doubt |= _overlapping_marks(words)
    found = _regions(ink, doubt, p, unowned=True)
    touching = _touching(found, words, doubt, ink.height * p.regions.join)
    if touching:  # a word beside ink it should have covered was cut short: read them together
        doubt |= touching
        found = _regions(ink, doubt, p, unowned=True)
    trusted = [w for i, w in enumerate(words) if i not in doubt]
    gone, added = _reread(ink, words, doubt, found, trusted, reader, p)
    now = [w for i, w in enumerate(words) if i not in gone] + added
    reach = ink.height * p.column_reach
    odd = {i for i, w in enumerate(words) if i not in gone and i not in doubt and off_column(w, now, reach)}
    if odd:
        more_gone, more = _reread(ink, words, odd, _regions(ink, odd, p, unowned=False), now, reader, p)
        gone |= more_gone
        added += more
    return [w for i, w in enumerate(words) if i not in gone] + added


def _ink(page: Prepared, words: list[OcrWord], p: RecheckParams) -> _Ink:
    height = page.analysis.char_height or 12.0
    grey = page.cleaned()
    ink = binarise(grey)
    comps, pictures = components(ink, height, p.regions)
    owner = owners(comps, [w.box for w in words])
    return _Ink(grey, paper_level(grey, ink), comps, owner, pictures, height)


def _regions(ink: _Ink, doubt: set[int], p: RecheckParams, unowned: bool) -> list[Region]:
    """Text-like regions outside pictures of the doubtful words' ink, and of the ink no word owns
    when ``unowned`` (unless there is too much of it: a noisy page)."""
    mine = np.isin(ink.owner, sorted(doubt))
    free = mine | (ink.owner < 0) if unowned else mine
    if free.sum() > p.max_components:
        free = mine
    found = regions(ink.comps[free], ink.owner[free], ink.height, p.regions)
    return [r for r in found if not inside_any(r.box, ink.pictures)]


def _reread(
    ink: _Ink, words: list[OcrWord], doubt: set[int], found: list[Region], column: list[OcrWord],
    reader: OcrEngine, p: RecheckParams,
) -> tuple[set[int], list[OcrWord]]:  # fmt: skip
    """The words (indices) to drop and the words read again that replace them or are added; the
    ``column`` words tell the columns' number shapes."""
    chosen = _select(found, p.max_regions)
    pad = round(ink.height * p.crop_pad)
    keep = [w.box for i, w in enumerate(words) if i not in doubt]
    masked = _paint_out(ink.grey, keep, ink.paper) if chosen else ink.grey
    readings = reader.recognize_crops([_crop(masked, r.box, pad) for r in chosen])
    gone, added = _judge(words, chosen, readings, column, pad, ink.height, p)
    bare = sorted(doubt)
    has_ink = inked(ink.comps, [words[i].box for i in bare], p.regions.min_height * ink.height)
    gone.update(
        i for i, there in zip(bare, has_ink, strict=True) if not there and _doubtful(words[i], ink.height, p)
    )
    return gone, added


def _judge(
    words: list[OcrWord], chosen: list[Region], readings: list[list[OcrWord]], column: list[OcrWord],
    pad: int, height: float, p: RecheckParams,
) -> tuple[set[int], list[OcrWord]]:  # fmt: skip
    """The words replaced and the words read again that replace them or are added."""
    line = max((w.line for w in words), default=-1) + 1
    boxes = np.asarray([w.box for w in words], dtype=np.float64).reshape(-1, 4)
    gone: set[int] = set()
    added: list[OcrWord] = []
    for n, (region, read) in enumerate(zip(chosen, readings, strict=True)):
        second = [_placed(w, region, pad, line + n) for w in read]
        if not second:  # nothing legible: a word read there was read from a rule or specks
            gone.update(i for i in region.words if _doubtful(words[i], height, p))
            continue
        shapes = column_shapes(column, region.box, height * p.column_reach)
        first = [words[i] for i in region.words]
        if _score(second, shapes, p) > (_score(first, shapes, p) if first else p.min_added):
            gone.update(region.words)
            gone.update(_mostly_inside(boxes, region.box))  # another reading of the same ink
            added.extend(second)
    return gone, added


def _mostly_inside(boxes: np.ndarray, box: tuple[int, int, int, int]) -> list[int]:
    """Indices of ``boxes`` (n x 4) with at least half their area inside ``box``."""
    w = np.clip(np.minimum(boxes[:, 2], box[2]) - np.maximum(boxes[:, 0], box[0]), 0, None)
    h = np.clip(np.minimum(boxes[:, 3], box[3]) - np.maximum(boxes[:, 1], box[1]), 0, None)
    area = np.maximum((boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1]), 1.0)
    return [int(i) for i in np.flatnonzero(w * h >= 0.5 * area)]


def _overlapping_marks(words: list[OcrWord]) -> set[int]:
    """Words of punctuation alone whose box overlaps another word's, and that word ("Qty" read as
    "Qt" and "<": the last letter and a stretch of ruling line beside it made a word of their own)."""
    marks = [i for i, w in enumerate(words) if not any(ch.isalnum() for ch in w.text)]
    out: set[int] = set()
    for i in marks:
        a = words[i].box
        for j, w in enumerate(words):
            b = w.box
            if j != i and min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1]):
                out.update((i, j))
    return out


def _touching(found: list[Region], words: list[OcrWord], doubt: set[int], gap: float) -> set[int]:
    """The words not in ``doubt`` that sit on a region's row less than ``gap`` pixels beside it."""
    near = set()
    for r in found:
        x0, y0, x1, y1 = r.box
        for i, w in enumerate(words):
            wx0, wy0, wx1, wy1 = w.box
            rows = min(y1, wy1) - max(y0, wy0) > 0.5 * min(y1 - y0, wy1 - wy0)
            if i not in doubt and rows and max(wx0 - x1, x0 - wx1) < gap:
                near.add(i)
    return near


def _select(found: list[Region], limit: int) -> list[Region]:
    """At most ``limit`` regions, those holding words first, then the largest; top to bottom."""
    if len(found) <= limit:
        return found
    ranked = sorted(found, key=lambda r: (not r.words, -(r.box[2] - r.box[0]) * (r.box[3] - r.box[1])))
    return sorted(ranked[:limit], key=lambda r: (r.box[1], r.box[0]))


def _doubtful(w: OcrWord, height: float, p: RecheckParams) -> bool:
    """True for a word to read again: low confidence, or a shape no word on a line has."""
    return w.confidence < p.min_confidence or _odd_shape(w.box, height, p)


def _odd_shape(box: PixelBox, height: float, p: RecheckParams) -> bool:
    """True for a box taller than a line of text and than wide (text read down a column), or as
    narrow as a stroke and not wider than tall (a stretch of ruling line read as ``|``; a dash is
    wider than tall)."""
    w, h = box[2] - box[0], box[3] - box[1]
    thin = w < p.regions.stroke * height and h >= w
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


def _score(words: list[OcrWord], shapes: Counter[int], p: RecheckParams) -> float:
    """Mean character confidence of a reading plus its plausibility in its column."""
    chars = sum(len(w.text) for w in words)
    if not chars:
        return 0.0
    confidence = sum(w.confidence * len(w.text) for w in words) / chars
    return confidence + plausibility(words, shapes, p.column_bonus)
