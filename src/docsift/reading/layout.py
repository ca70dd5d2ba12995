"""Reading order: words with boxes -> lines, top to bottom, columns kept apart.

Works on any words with boxes (PDF text layer or OCR). Boxes must be in isotropic units (points or
pixels: the same scale on both axes); :func:`lines_from_words` accepts page-relative words and the
page size and does the conversion.

The method:
1. rows: words whose vertical centres fall inside the band of a row's first word share that row;
2. segments: within a row, words closer than about one line height form a segment (a phrase);
   wider gaps separate table cells, form labels from values, or columns;
3. columns: a gutter is an x position that no segment crosses over a run of rows (not
   interrupted by an empty band across the page), with prose on both sides (segments of several
   words). Such a run is read left column first, then right column, recursively; everything else
   is read row by row, so table rows and "Label: value" pairs stay on one line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median

from docsift.reading.model import Line, Word

SEGMENT_GAP = 1.0  # a gap wider than this many line heights starts a new segment
MIN_COLUMN_ROWS = 3  # rows of text needed on each side of a gutter
MIN_PROSE_WORDS = 4  # median words per row-side for a side to count as prose
BAND_GAP = 1.5  # an empty band this many row heights tall ends any column


@dataclass(slots=True)
class Box:
    """A word's box in isotropic units (y grows downwards) and its index in the input."""

    x0: float
    y0: float
    x1: float
    y1: float
    index: int

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class Segment:
    """Words of one row that sit close together, left to right."""

    boxes: list[Box]
    x0: float
    x1: float


Row = list[Segment]


def order_boxes(boxes: list[Box]) -> list[list[int]]:
    """Group ``boxes`` into lines in reading order.

    Returns lists of input indices, one list per line, each left to right. Never raises.
    """
    if not boxes:
        return []
    rows = _segment_rows(_rows(boxes))
    return [[b.index for seg in row for b in seg.boxes] for row in _order_rows(rows)]


def lines_from_words(words: list[Word], width: float, height: float) -> list[Line]:
    """Lines in reading order from page-relative ``words`` on a page of ``width`` x ``height``
    (any unit, same on both axes). Returns a list of Line. Never raises."""
    boxes = [Box(w.x0 * width, w.y0 * height, w.x1 * width, w.y1 * height, i) for i, w in enumerate(words)]
    return [Line(words=[words[i] for i in group]) for group in order_boxes(boxes)]


def _rows(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into rows, top to bottom, each row sorted left to right."""
    rows: list[list[Box]] = []
    band = (0.0, -1.0)
    for b in sorted(boxes, key=lambda b: b.cy):
        if rows and band[0] <= b.cy <= band[1]:
            rows[-1].append(b)
        else:
            rows.append([b])
            band = (b.y0, b.y1)
    for row in rows:
        row.sort(key=lambda b: b.x0)
    return rows


def _segment_rows(rows: list[list[Box]]) -> list[Row]:
    out: list[Row] = []
    for row in rows:
        height = median(b.y1 - b.y0 for b in row) or 1.0
        segs: Row = []
        for b in row:
            if segs and b.x0 - segs[-1].x1 <= SEGMENT_GAP * height:
                segs[-1].boxes.append(b)
                segs[-1].x1 = max(segs[-1].x1, b.x1)
            else:
                segs.append(Segment([b], b.x0, b.x1))
        out.append(segs)
    return out


def _order_rows(rows: list[Row]) -> list[Row]:
    """Rows in reading order; a row split by a column gutter becomes two rows."""
    if len(rows) < MIN_COLUMN_ROWS:
        return rows
    gutter = _find_gutter(rows)
    if gutter is None:
        return rows
    start, end, x = gutter
    left = [[s for s in row if s.x1 <= x] for row in rows[start:end]]
    right = [[s for s in row if s.x0 >= x] for row in rows[start:end]]
    return (
        _order_rows(rows[:start])
        + _order_rows([r for r in left if r])
        + _order_rows([r for r in right if r])
        + _order_rows(rows[end:])
    )


def _find_gutter(rows: list[Row]) -> tuple[int, int, float] | None:
    """The best column gutter: (first row, end row, x), or None when the rows have no columns."""
    left_edge = min(s.x0 for row in rows for s in row)
    tolerance = 1.0
    counts = Counter(round(s.x0) for row in rows for s in row if s.x0 - left_edge > 5 * tolerance)
    best: tuple[int, int, float] | None = None
    best_score = 0
    breaks = _band_breaks(rows)
    for x_int, n in counts.items():
        if n < MIN_COLUMN_ROWS:
            continue
        x = x_int - tolerance
        for start, end in _runs(rows, x, breaks):
            score = _column_score(rows[start:end], x)
            if score > best_score:
                best, best_score = (start, end, x), score
    return best


def _band_breaks(rows: list[Row]) -> set[int]:
    """Indices of rows preceded by an empty band across the page (a gap wider than
    BAND_GAP row heights): columns do not continue across such a band."""
    spans = [
        (min(b.y0 for s in row for b in s.boxes), max(b.y1 for s in row for b in s.boxes)) for row in rows
    ]
    height = median(y1 - y0 for y0, y1 in spans)
    return {i for i in range(1, len(spans)) if spans[i][0] - spans[i - 1][1] > BAND_GAP * height}


def _runs(rows: list[Row], x: float, breaks: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive rows in which no segment crosses ``x`` and no empty band
    across the page intervenes."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, row in enumerate(rows):
        crossed = any(s.x0 < x < s.x1 for s in row)
        if crossed or i in breaks:
            if start is not None and i - start >= MIN_COLUMN_ROWS:
                runs.append((start, i))
            start = None if crossed else i
        elif start is None:
            start = i
    if start is not None and len(rows) - start >= MIN_COLUMN_ROWS:
        runs.append((start, len(rows)))
    return runs


def _column_score(rows: list[Row], x: float) -> int:
    """How many rows carry text on a side of ``x`` when both sides read as prose (their longest
    segments have several words; table cells and form labels do not); 0 otherwise.

    A block of short lines beside a paragraph is not taken for a column: on invoices the same
    shape is a table whose description column wraps, and splitting it would part each
    description from its numbers."""
    left = [n for n in (max((len(s.boxes) for s in row if s.x1 <= x), default=0) for row in rows) if n]
    right = [n for n in (max((len(s.boxes) for s in row if s.x0 >= x), default=0) for row in rows) if n]
    if len(left) < MIN_COLUMN_ROWS or len(right) < MIN_COLUMN_ROWS:
        return 0
    if median(left) < MIN_PROSE_WORDS or median(right) < MIN_PROSE_WORDS:
        return 0
    return min(len(left), len(right))
