"""Segments of a page (runs of words on a line without a wide gap) linked into blocks.

A party's name and address are printed as a block: segments stacked one under another, close
together and overlapping horizontally. Each segment knows the segment right above it and right
below it in such a block (``up`` / ``down``), so names and addresses can be walked line by line
even when two blocks share the reader's lines (a seller block beside a buyer block).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from docsift.extraction.document.index import DocIndex
from docsift.extraction.document.lines import ILine
from docsift.extraction.knowledge.files import load_labels
from docsift.extraction.knowledge.lexicon import Lexicon, tokens
from docsift.reading.model import BBox

BLOCK_GAP = 1.6  # a vertical gap larger than this many line heights ends a block
X_SLACK = 0.01  # page widths of slack when testing horizontal overlap
SEPARATORS = {"-", "–", "|", "•", "·", "/"}


@dataclass(slots=True, eq=False)
class Seg:
    """A run of words [w0, w1) of one line."""

    line: ILine
    w0: int
    w1: int
    bbox: BBox
    text: str
    toks: list[str]
    index: int = 0  # position among the page's segments (reading order)
    up: Seg | None = None
    down: Seg | None = None
    gap_up: float = 0.0  # vertical gap to ``up`` in line heights
    labels: list[str] = field(default_factory=list)  # classes of labels inside the segment

    @property
    def page(self) -> int:
        return self.line.page

    @property
    def height(self) -> float:
        return max(self.line.height, 1e-4)


@cache
def _parties() -> dict[str, Lexicon]:
    data = load_labels("parties.yaml")
    return {name: Lexicon({name: words}) for name, words in data.items()}


def lexicon(name: str) -> Lexicon:
    """The word list ``name`` of labels/parties.yaml (legal_forms, street_words, regions, salutations)
    as a Lexicon."""
    return _parties()[name]


def _make(line: ILine, w0: int, w1: int) -> Seg:
    words = line.words[w0:w1]
    text = " ".join(w.text for w in words)
    toks = [t for w in words for t in tokens(w.text)]
    classes: list[str] = []
    for hit in line.labels:
        a, b = line.label_words(hit)
        if a >= w0 and b <= w1:
            classes += sorted(hit.classes)
    return Seg(line, w0, w1, line.span_bbox(w0, w1), text, toks, labels=classes)


def _overlap(a: BBox, b: BBox) -> float:
    return min(a[2], b[2]) - max(a[0], b[0]) + X_SLACK


def page_segments(index: DocIndex, page: int) -> list[Seg]:
    """The segments of ``page`` in reading order, each linked to its block neighbours."""
    segs = [_make(line, a, b) for line in index.pages[page].lines for a, b in line.segments]
    for i, s in enumerate(segs):
        s.index = i
    by_top = sorted(segs, key=lambda s: s.bbox[1])
    for i, s in enumerate(by_top):
        best: tuple[float, Seg] | None = None
        for other in reversed(by_top[:i]):
            gap = (s.bbox[1] - other.bbox[3]) / s.height
            if gap > BLOCK_GAP:
                if s.bbox[1] - other.bbox[1] > 4 * s.height:
                    break
                continue
            if other.line is s.line or _overlap(s.bbox, other.bbox) <= 0 or gap < -0.5:
                continue
            if best is None or other.bbox[3] > best[1].bbox[3]:
                best = (gap, other)
        if best is not None and best[1].down is None:
            s.up, s.gap_up = best[1], max(best[0], 0.0)
            best[1].down = s
    return segs


def split_parts(seg: Seg) -> list[tuple[int, int]]:
    """Word ranges of ``seg`` split at stand-alone separators ("Name - Street - City")."""
    parts: list[tuple[int, int]] = []
    start = seg.w0
    for i in range(seg.w0, seg.w1):
        if seg.line.words[i].text in SEPARATORS:
            if i > start:
                parts.append((start, i))
            start = i + 1
    if start < seg.w1:
        parts.append((start, seg.w1))
    return parts


def sub_segment(seg: Seg, w0: int, w1: int) -> Seg:
    """The part [w0, w1) of ``seg`` as a segment of its own (keeping the block links)."""
    sub = _make(seg.line, w0, w1)
    sub.index, sub.up, sub.down, sub.gap_up = seg.index, seg.up, seg.down, seg.gap_up
    return sub
