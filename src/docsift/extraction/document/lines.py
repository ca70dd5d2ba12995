"""The line model of extraction: a page's words grouped into visual lines, each with its tokens,
labels, segments (phrases) and chunks (table cells).

Built once per document from the reader's words. Words whose vertical centres lie within half a
word height of a line's centre share that line; a scanned page's skew is measured from the words
and taken out first (the words of a line are levelled copies; ``ILine.span_bbox`` and
``Chunk.bbox`` put the skew back). A *segment* is a run of words without a gap wider than about
a word height (a phrase, a "label: value" pair, one party's part of a shared line); a *chunk* is a
run without a column-sized gap (a table cell). Positions are page-relative (0..1).
"""

from __future__ import annotations

import itertools
import math
import statistics
from dataclasses import dataclass, field
from functools import cached_property
from statistics import median

from docsift.extraction.knowledge.lexicon import LabelHit, tokens
from docsift.reading.model import BBox, Page, TextSource, Word, union_bbox

SEGMENT_GAP = 1.2  # a gap wider than this many word heights separates segments
CHUNK_GAP = 0.8  # a gap wider than this many line heights separates two chunks (table cells)
Tilt = tuple[float, float]  # a page's skew: (dy per dx, dx per dy), page-relative


@dataclass
class Chunk:
    """Words next to each other on one line, without a column-sized gap: a table cell."""

    words: list[Word]
    page: int  # 1-based page number, as results give it
    tilt: Tilt = (0.0, 0.0)  # the page's skew taken out of the words (see module docstring)

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


@dataclass(eq=False)
class ILine:
    """One visual line of a page with what extraction needs to know about it."""

    page: int  # 0-based
    number: int  # index of the line in the whole document
    pos: int  # index of the line on its page, top to bottom
    words: list[Word]  # left to right, levelled (see module docstring)
    text: str
    starts: list[int]  # character offset of each word in text
    toks: list[str]
    tok_word: list[int]  # word index of each token
    labels: list[LabelHit]
    segments: list[tuple[int, int]]  # word ranges [start, end)
    bbox: BBox
    height: float  # median word height (page-relative)
    font: float  # median font size, points (or pixel height for OCR)
    tilt: Tilt = (0.0, 0.0)
    chunks: list[Chunk] = field(default_factory=list)

    @property
    def page_no(self) -> int:
        """The 1-based page number."""
        return self.page + 1

    @property
    def y0(self) -> float:
        return self.bbox[1]

    @property
    def y1(self) -> float:
        return self.bbox[3]

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @cached_property
    def cy(self) -> float:
        return statistics.median(w.cy for w in self.words)

    def word_span(self, start: int, end: int) -> tuple[int, int]:
        """Word range [w0, w1) covering characters [start, end) of ``text``."""
        w0 = max(i for i, s in enumerate(self.starts) if s <= start) if self.starts else 0
        w1 = w0 + 1
        while w1 < len(self.starts) and self.starts[w1] < end:
            w1 += 1
        return w0, w1

    def label_words(self, hit: LabelHit) -> tuple[int, int]:
        """Word range [w0, w1) of a label hit."""
        return self.tok_word[hit.start], self.tok_word[hit.end - 1] + 1

    def segment_of(self, word: int) -> int:
        """Index of the segment holding word ``word``."""
        for i, (a, b) in enumerate(self.segments):
            if a <= word < b:
                return i
        return len(self.segments) - 1

    def span_bbox(self, w0: int, w1: int) -> BBox:
        """The box around words [w0, w1) as they lie on the page (skew put back)."""
        return union_bbox(page_box(w, self.tilt) for w in self.words[w0:w1])


def _segments(words: list[Word], height: float) -> list[tuple[int, int]]:
    """Word ranges split at gaps wider than SEGMENT_GAP x ``height`` (both in page widths)."""
    segs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(words)):
        if words[i].x0 - words[i - 1].x1 > SEGMENT_GAP * height:
            segs.append((start, i))
            start = i
    if words:
        segs.append((start, len(words)))
    return segs


def visual_rows(page: Page) -> tuple[list[list[Word]], Tilt]:
    """The page's words grouped into visual lines, top to bottom, each left to right (levelled
    copies on a skewed scan), and the page's skew."""
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
    ordered = sorted(groups, key=lambda g: statistics.median(x.cy for x in g))
    return [sorted(g, key=lambda w: w.x0) for g in ordered], tilt


def _font_of(w: Word, page_height_pt: float) -> float:
    if w.font_size:
        return w.font_size
    return (w.y1 - w.y0) * page_height_pt


def build_line(
    page: int, number: int, pos: int, words: list[Word], page_height_pt: float, aspect: float = 1.0,
    tilt: Tilt = (0.0, 0.0),
) -> ILine:  # fmt: skip
    """An ILine from the words of one line (left to right), without labels and chunks yet (see
    index.attach_labels, add_chunks); ``aspect`` is the page's height / width."""
    starts: list[int] = []
    parts: list[str] = []
    toks: list[str] = []
    tok_word: list[int] = []
    offset = 0
    for i, w in enumerate(words):
        starts.append(offset)
        parts.append(w.text)
        offset += len(w.text) + 1
        for t in tokens(w.text):
            toks.append(t)
            tok_word.append(i)
    height = median([w.y1 - w.y0 for w in words]) if words else 0.0
    font = median([_font_of(w, page_height_pt) for w in words]) if words else 0.0
    return ILine(
        page=page,
        number=number,
        pos=pos,
        words=words,
        text=" ".join(parts),
        starts=starts,
        toks=toks,
        tok_word=tok_word,
        labels=[],
        segments=_segments(words, height * aspect),
        bbox=union_bbox(w.bbox for w in words),
        height=height,
        font=font,
        tilt=tilt,
    )


def add_chunks(lines: list[ILine]) -> None:
    """Split each line of one page into chunks (table cells) at gaps wider than CHUNK_GAP line
    heights or 1.5 times the page's usual space between words."""
    space = word_space(lines)
    for line in lines:
        gap = max(CHUNK_GAP * line.height, 1.5 * space)
        line.chunks = split_chunks(line.words, line.page_no, gap, line.tilt)


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


def word_space(lines: list[ILine]) -> float:
    """The page's usual gap between two words of a phrase (median of the small gaps), 0 if unknown."""
    gaps = [
        b.x0 - a.x1
        for line in lines
        for a, b in zip(line.words, line.words[1:], strict=False)
        if 0 <= b.x0 - a.x1 < 2 * line.height
    ]
    return statistics.median(gaps) if gaps else 0.0


def split_chunks(words: list[Word], page: int, gap: float, tilt: Tilt = (0.0, 0.0)) -> list[Chunk]:
    """Words (left to right) split into chunks wherever the horizontal gap exceeds ``gap``;
    ``page`` is the 1-based page number."""
    chunks: list[Chunk] = []
    for w in words:
        if chunks and w.x0 - chunks[-1].words[-1].x1 <= gap:
            chunks[-1].words.append(w)
        else:
            chunks.append(Chunk(words=[w], page=page, tilt=tilt))
    return chunks
