"""Table geometry from words and boxes: visual lines, chunks and column-header labels.

Works the same for text-layer and OCR words: only the text and the box of each word are used.
Visual lines are rebuilt from all words of a page (the reader's lines may follow reading order
across columns); a chunk is a run of words on one line with no column-sized gap inside.
"""

from __future__ import annotations

import itertools
import math
import statistics
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from docsift.extraction.knowledge.files import load_labels
from docsift.extraction.knowledge.lexicon import LabelHit, Lexicon, label_text, tokens
from docsift.reading.model import BBox, Page, TextSource, Word, union_bbox

CHUNK_GAP = 0.8  # a gap wider than this many line heights separates two chunks
Tilt = tuple[float, float]  # a page's skew: (dy per dx, dx per dy), page-relative


@dataclass
class Chunk:
    """Words next to each other on one visual line."""

    words: list[Word]
    page: int
    tilt: Tilt = (0.0, 0.0)  # the page's skew taken out of the words (see visual_lines)

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
    def bbox(self) -> BBox:
        """The chunk's box on the page as read (skew put back)."""
        return union_bbox(page_box(w, self.tilt) for w in self.words)

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @cached_property
    def confidence(self) -> float:
        return min(w.confidence for w in self.words)


@dataclass
class VLine:
    """One visual line of a page: words sharing a vertical band, left to right, split into chunks."""

    page: int
    words: list[Word]
    chunks: list[Chunk] = field(default_factory=list)
    tilt: Tilt = (0.0, 0.0)

    @cached_property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @cached_property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @cached_property
    def cy(self) -> float:
        return statistics.median(w.cy for w in self.words)

    @cached_property
    def height(self) -> float:
        return statistics.median(w.y1 - w.y0 for w in self.words)

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def visual_lines(page: Page) -> list[VLine]:
    """The page's words regrouped into visual lines, top to bottom, each split into chunks.

    A word joins a line when its vertical centre lies within half a word height of the line's centre.
    The page's skew (a scan fed at a slant) is measured from the words and taken out of their y first.
    """
    raw = drop_vertical_text([p for w in page.words if w.text.strip() for p in split_spaced(w)])
    scanned = page.source != TextSource.TEXT_LAYER
    tilt = page_tilt(raw, page.width / max(page.height, 1)) if scanned else (0.0, 0.0)
    words = sorted((_level(w, tilt) for w in raw) if any(tilt) else raw, key=lambda w: (w.cy, w.x0))
    groups: list[list[Word]] = []
    centres: list[float] = []
    for w in words:
        h = max(w.y1 - w.y0, 1e-4)
        best = None
        for i in range(len(groups) - 1, max(len(groups) - 4, -1), -1):
            if abs(centres[i] - w.cy) < 0.5 * h and (
                best is None or abs(centres[i] - w.cy) < abs(centres[best] - w.cy)
            ):
                best = i
        if best is None:
            groups.append([w])
            centres.append(w.cy)
        else:
            groups[best].append(w)
            centres[best] = statistics.median(x.cy for x in groups[best])
    lines = []
    for g in sorted(groups, key=lambda g: statistics.median(x.cy for x in g)):
        g.sort(key=lambda w: w.x0)
        lines.append(VLine(page=page.number, words=g, tilt=tilt))
    space = word_space(lines)
    for line in lines:
        line.chunks = split_chunks(line.words, page.number, max(CHUNK_GAP * line.height, 1.5 * space), tilt)
    return lines


def split_spaced(w: Word) -> list[Word]:
    """A word whose text holds spaces (an OCR engine's phrase, "32 Installation") as one word per
    part, each with the share of the box its characters take."""
    text = w.text.strip()
    if " " not in text:
        return [w]
    out: list[Word] = []
    per_char = (w.x1 - w.x0) / max(len(text), 1)
    start = 0
    for part in text.split(" "):
        if part:
            x0 = w.x0 + start * per_char
            box = (x0, w.y0, x0 + len(part) * per_char, w.y1)
            out.append(w.model_copy(update={"text": part, "bbox": box}))
        start += len(part) + 1
    return out


def page_tilt(words: list[Word], aspect: float) -> Tilt:
    """The page's skew as (dy per dx, dx per dy) in page-relative units: the angle within ±3° whose
    levelled word centres stack into the sharpest rows; (0, 0) when no angle does clearly better."""
    if len(words) < 20:
        return (0.0, 0.0)
    step = statistics.median(w.y1 - w.y0 for w in words) / 3 or 1e-3

    def sharpness(slope: float) -> int:
        bins: dict[int, int] = {}
        for w in words:
            b = int((w.cy - slope * aspect * (w.cx - 0.5)) / step)
            bins[b] = bins.get(b, 0) + 1
        return sum(n * n for n in bins.values())

    flat = sharpness(0.0)
    best, best_score = 0.0, flat
    for tenth in range(-30, 31):
        slope = math.tan(math.radians(tenth / 10))
        score = sharpness(slope)
        if score > best_score:
            best, best_score = slope, score
    if best_score <= 1.1 * flat:
        return (0.0, 0.0)
    return (best * aspect, best / aspect)


def _level(w: Word, tilt: Tilt) -> Word:
    """The word rotated upright around the page centre (small angle)."""
    dy = tilt[0] * (w.cx - 0.5)
    dx = -tilt[1] * (w.cy - 0.5)
    return w.model_copy(update={"bbox": (w.x0 - dx, w.y0 - dy, w.x1 - dx, w.y1 - dy)})


def page_box(w: Word, tilt: Tilt) -> BBox:
    """A levelled word's box as it lies on the page (the skew taken out by visual_lines put back)."""
    if not any(tilt):
        return w.bbox
    dy = tilt[0] * (w.cx - 0.5)
    dx = -tilt[1] * (w.cy - 0.5)
    return (w.x0 + dx, w.y0 + dy, w.x1 + dx, w.y1 + dy)


def drop_vertical_text(words: list[Word], run: int = 4) -> list[Word]:
    """Words without the letters of vertical text (a margin note printed rotated, read as a column
    of one- or two-character words stacked at the same x)."""
    small = [w for w in words if len(w.text) <= 2]
    by_x: dict[int, list[Word]] = {}
    for w in small:
        by_x.setdefault(round(w.cx * 200), []).append(w)
    drop: set[int] = set()
    for key, ws in by_x.items():
        column = sorted(ws + by_x.get(key - 1, []) + by_x.get(key + 1, []), key=lambda w: w.cy)
        stacked = [w for a, w in itertools.pairwise(column) if 0 < w.cy - a.cy < 0.9 * max(w.y1 - w.y0, 1e-4)]
        if len(stacked) >= run:
            drop.update(id(w) for w in column)
    return [w for w in words if id(w) not in drop] if drop else words


def word_space(lines: list[VLine]) -> float:
    """The page's usual gap between two words of a phrase (median of the small gaps), 0 if unknown."""
    gaps = [
        b.x0 - a.x1
        for line in lines
        for a, b in zip(line.words, line.words[1:], strict=False)
        if 0 <= b.x0 - a.x1 < 2 * line.height
    ]
    return statistics.median(gaps) if gaps else 0.0


def split_chunks(words: list[Word], page: int, gap: float, tilt: Tilt = (0.0, 0.0)) -> list[Chunk]:
    """Words (left to right) split into chunks wherever the horizontal gap exceeds ``gap``."""
    chunks: list[Chunk] = []
    for w in words:
        if chunks and w.x0 - chunks[-1].words[-1].x1 <= gap:
            chunks[-1].words.append(w)
        else:
            chunks.append(Chunk(words=[w], page=page, tilt=tilt))
    return chunks


# ---------------------------------------------------------------- labels


@dataclass(frozen=True)
class Labels:
    """The label knowledge of columns.yaml, indexed."""

    line: Lexicon
    tax: Lexicon
    tax_types: Lexicon
    carry: Lexicon
    total: Lexicon
    allowance: Lexicon
    receipt_stop: Lexicon
    adjustment: frozenset[str]
    note: frozenset[str]


def _load_yaml() -> dict[str, Any]:
    data = load_labels("columns.yaml")
    if not isinstance(data, dict):
        raise ValueError("columns.yaml must hold a mapping")
    return data


@lru_cache(maxsize=1)
def labels() -> Labels:
    """The column labels of ``labels/columns.yaml`` (loaded once).

    Raises ValueError when the file is malformed.
    """
    d = _load_yaml()
    return Labels(
        line=Lexicon(d["line_columns"]),
        tax=Lexicon(d["tax_columns"]),
        tax_types=Lexicon(d["tax_types"]),
        carry=Lexicon({"carry": d["carry_rows"]}),
        total=Lexicon({"total": d["total_rows"]}),
        allowance=Lexicon({"allowance": d["allowance_words"]}),
        receipt_stop=Lexicon({"stop": d["receipt_stop"]}),
        adjustment=frozenset(label_text(s) for s in d["adjustment_prefixes"]),
        note=frozenset(label_text(s) for s in d["note_prefixes"]),
    )


def starts_with_label(text: str, index: Lexicon, max_skip: int = 1) -> LabelHit | None:
    """The label that ``text`` begins with (after at most ``max_skip`` leading tokens), or None."""
    for span in index.cover(tokens(text)):
        if span.start <= max_skip:
            return span
        break
    return None
