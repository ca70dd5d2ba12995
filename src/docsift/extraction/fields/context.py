"""Where a value sits relative to the labels around it: the label on its left, the label above it.

A value's *left label* is the nearest label before it on the same line; its *above label* is the
nearest label on a line above whose words overlap it horizontally (a column header, or a label
written over its value). Both carry the classes the label names, how far it is, and how specific
it is (a label that names one class says more than "no", which names several).
"""

from __future__ import annotations

from dataclasses import dataclass

from docsift.extraction.document.index import DocIndex
from docsift.extraction.document.lines import ILine
from docsift.extraction.knowledge.lexicon import LabelHit

ABOVE_LINES = 4  # how many lines above are searched for a label
ABOVE_REACH = 6.0  # ... within this many line heights
X_TOLERANCE = 0.02  # page widths of slack in the horizontal overlap


@dataclass(frozen=True, slots=True)
class LabelRef:
    """A label near a value: its classes, size, and distance."""

    classes: frozenset[str]
    length: int  # tokens
    gap_words: int  # words between the label and the value (left), lines between (above)
    dx: float  # horizontal gap (left) or horizontal offset of the left edges (above), page widths
    dy: float  # vertical distance in line heights (0 for left)
    values_between: int = 0  # other numbers between label and value (left)


@dataclass(frozen=True, slots=True)
class ValueContext:
    """The labels around one value."""

    left: LabelRef | None
    above: LabelRef | None
    left_classes: frozenset[str]  # classes of every label left of the value on its line
    line_classes: frozenset[str]  # classes of every label on the value's line
    prev_classes: frozenset[str]  # classes of the labels on the line before (same page)
    left_same_segment: bool


def _left(line: ILine, w0: int) -> tuple[LabelHit | None, frozenset[str]]:
    best: LabelHit | None = None
    seen: set[str] = set()
    for hit in line.labels:
        _, b = line.label_words(hit)
        if b <= w0:
            seen |= hit.classes
            best = hit
    return best, frozenset(seen)


def _numbers_between(line: ILine, b: int, w0: int) -> int:
    return sum(1 for w in line.words[b:w0] if any(ch.isdigit() for ch in w.text))


def lines_above(index: DocIndex, line: ILine) -> list[ILine]:
    """The nearest lines above ``line`` on its page that carry labels, nearest first (cached)."""
    cached = index.above.get(line.number)
    if cached is not None:
        return cached
    height = max(line.height, 1e-4)
    limit = line.bbox[1] + 0.3 * height
    found = sorted(
        (li for li in index.pages[line.page].lines if li is not line and li.labels and li.bbox[3] <= limit),
        key=lambda li: -li.bbox[1],
    )[:ABOVE_LINES]
    index.above[line.number] = found
    return found


def _above(index: DocIndex, line: ILine, x0: float, x1: float) -> LabelRef | None:
    height = max(line.height, 1e-4)
    for checked, li in enumerate(lines_above(index, line), start=1):
        dy = (line.bbox[1] - li.bbox[1]) / height
        if dy > ABOVE_REACH:
            break
        best: tuple[float, LabelHit] | None = None
        for hit in li.labels:
            a, b = li.label_words(hit)
            lx0, lx1 = li.words[a].x0, li.words[b - 1].x1
            overlap = min(x1, lx1) - max(x0, lx0) + X_TOLERANCE
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, hit)
        if best is not None:
            hit = best[1]
            a, _ = li.label_words(hit)
            return LabelRef(hit.classes, hit.length, checked - 1, abs(li.words[a].x0 - x0), dy)
    return None


def value_context(index: DocIndex, line: ILine, w0: int, w1: int) -> ValueContext:
    """The labels around the words [w0, w1) of ``line``. Never raises."""
    hit, left_classes = _left(line, w0)
    left = None
    same_segment = False
    if hit is not None:
        _, b = line.label_words(hit)
        dx = line.words[w0].x0 - line.words[b - 1].x1
        left = LabelRef(hit.classes, hit.length, w0 - b, dx, 0.0, _numbers_between(line, b, w0))
        same_segment = line.segment_of(b - 1) == line.segment_of(w0)
    x0, x1 = line.words[w0].x0, line.words[w1 - 1].x1
    page = index.pages[line.page]
    prev = page.lines[line.pos - 1] if line.pos > 0 else None
    prev_classes: set[str] = set()
    if prev is not None:
        for h in prev.labels:
            prev_classes |= h.classes
    line_classes: set[str] = set()
    for h in line.labels:
        line_classes |= h.classes
    return ValueContext(
        left=left,
        above=_above(index, line, x0, x1),
        left_classes=left_classes,
        line_classes=frozenset(line_classes),
        prev_classes=frozenset(prev_classes),
        left_same_segment=same_segment,
    )
