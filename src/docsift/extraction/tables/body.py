"""Table bodies: words under a header assigned to its columns, then grouped into rows.

A row is anchored by a number in its amount column (or the right-most numeric column); lines
without an anchor are wrapped descriptions, notes or parts of a vertically centred row, and go to
the row they sit closest to (split at the widest vertical gap between two anchors). Sub-total,
carry-over and adjustment lines are left out; a totals line ends the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from docsift.extraction.document.lines import Chunk, ILine
from docsift.extraction.knowledge.lexicon import label_text, tokens
from docsift.extraction.normalize.amounts import find_amounts, parse_amount, parse_currency
from docsift.extraction.tables.header import Column, line_label_score
from docsift.extraction.tables.labels import Labels, starts_with_label
from docsift.reading.model import Word

NUMERIC_KINDS = frozenset(
    {"quantity", "unit_price", "discount", "tax_rate", "tax_amount", "amount", "rate", "basis"}
)
TEXT_KINDS = frozenset({"description", "product_code", "position", "unit", "tax_type", None})
_DIGIT = re.compile(r"\d")
GAP_END = 4.0  # a vertical gap of this many line heights ends a table


@dataclass
class BodyLine:
    """One visual line of a table body with its chunks assigned to columns (by column index)."""

    line: ILine
    cells: dict[int, list[Chunk]] = field(default_factory=dict)
    kind: str = "data"  # data | carry | adjustment | note

    def text(self, col: int) -> str:
        """The text of its cell in column ``col`` ("" when empty)."""
        return " ".join(c.text for c in self.cells.get(col, []))


@dataclass
class RawRow:
    """The lines of one table row: the anchor lines (holding the numbers) and the rest around them."""

    lines: list[BodyLine]
    anchors: list[BodyLine]

    @property
    def page(self) -> int:
        return self.anchors[0].line.page


@lru_cache(maxsize=65536)
def is_number(text: str, decimal_separator: str | None) -> bool:
    """Whether a cell's text is a number (with at most a short unit, currency or % mark beside it)."""
    if not _DIGIT.search(text):
        return False
    found = find_amounts(text, decimal_separator)
    if not found:
        return split_unit(text, decimal_separator) is not None
    before = label_text(text[: found[0].start])
    if before and parse_currency(text[: found[0].start]) is None:
        return False  # a word before the number: "VAT 20%" is a label, not a number
    rest = text[found[0].start :]
    for m in found:
        rest = rest.replace(m.raw, " ")
    return len(label_text(rest).replace(" ", "")) <= 5


_GLUED = re.compile(r"^\s*([-+]?\d[\d.,']*)\s*([^\W\d_](?:[^\W\d_]|[²³/.]){0,5})\s*$")


def split_unit(text: str, decimal_separator: str | None) -> tuple[Decimal, str] | None:
    """A quantity printed with its unit glued on ("3m²", "1kg", "2Stk"): (number, unit), else None."""
    m = _GLUED.match(text)
    if not m:
        return None
    value = parse_amount(m.group(1), decimal_separator)
    return (value, m.group(2)) if value is not None else None


def merge_columns(columns: list[Column]) -> list[Column]:
    """Header columns with a neighbour of the same kind merged into one when one of the two labels is a
    bare sign ("Steuersatz" + "[%]")."""
    out: list[Column] = []
    for c in columns:
        bare = not any(ch.isalpha() for ch in c.label) or not any(
            ch.isalpha() for ch in (out[-1].label if out else "")
        )
        if out and c.kind and out[-1].kind == c.kind and out[-1].group == c.group and bare:
            prev = out[-1]
            out[-1] = Column(
                c.kind, min(prev.x0, c.x0), max(prev.x1, c.x1), f"{prev.label} {c.label}", c.group
            )
        else:
            out.append(c)
    return out


def assign(line: ILine, columns: list[Column], decimal_separator: str | None) -> dict[int, list[Chunk]]:
    """The line's chunks by column index: the column whose label overlaps a chunk most, else the
    nearest one (numbers by their right edge or centre, text by its left edge). A numeric column
    takes at most one number per line; a second one goes to the next best free column."""
    cells: dict[int, list[Chunk]] = {}
    numbers: list[Chunk] = []
    for chunk in line.chunks:
        for part in _split_wide(chunk, columns, decimal_separator):
            if is_number(part.text, decimal_separator):
                numbers.append(part)
            else:
                cells.setdefault(_best_column(part, columns, False), []).append(part)
    pairs = sorted(
        ((_score(n, col, True), i, k) for i, n in enumerate(numbers) for k, col in enumerate(columns)),
        reverse=True,
    )
    placed: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, k in pairs:
        if i in placed or (k in taken and columns[k].kind in NUMERIC_KINDS):
            continue
        placed[i] = k
        taken.add(k)
    for i, n in enumerate(numbers):
        cells.setdefault(placed.get(i, _best_column(n, columns, True)), []).append(n)
    for chunks in cells.values():
        chunks.sort(key=lambda c: c.x0)
    return cells


def _best_column(chunk: Chunk, columns: list[Column], numeric: bool) -> int:
    scores = [_score(chunk, col, numeric) for col in columns]
    return max(range(len(columns)), key=lambda k: scores[k])


def _score(chunk: Chunk, col: Column, numeric: bool) -> float:
    """How well a chunk fits under a column label: above 1 when they overlap, else minus the distance
    (numbers measured by right edge or centre, text by left edge)."""
    overlap = min(chunk.x1, col.x1) - max(chunk.x0, col.x0)
    if overlap > 0:
        score = 1.0 + overlap / max(min(chunk.x1 - chunk.x0, col.x1 - col.x0), 1e-6)
        if not numeric and col.x0 - 0.01 <= chunk.x0 <= col.x0 + 0.75 * (col.x1 - col.x0):
            score += 1.0  # text is left-aligned: the column its first word starts in
    elif numeric:
        score = -min(abs(chunk.x1 - col.x1), abs(chunk.cx - col.cx), -overlap)
    else:
        score = -min(abs(chunk.x0 - col.x0), -overlap)
    if numeric and col.kind in TEXT_KINDS - {None, "unit", "position"} and score < 1.0:
        score -= 0.05  # a number between columns prefers a numeric one
    return score


def _split_wide(chunk: Chunk, columns: list[Column], decimal_separator: str | None) -> list[Chunk]:
    """A chunk that runs across a column boundary, split there: numbers at its end that sit under a
    numeric column, or two parts at its widest gap that each start under a different column."""
    if len(chunk.words) < 2:
        return [chunk]
    if all(is_number(w.text, decimal_separator) for w in chunk.words):
        return _split_numbers(chunk, decimal_separator)
    for i in range(1, len(chunk.words)):
        head, tail = chunk.words[:i], chunk.words[i:]
        tail_chunk = Chunk(words=tail, page=chunk.page, tilt=chunk.tilt)
        if not is_number(tail_chunk.text, decimal_separator) or not _DIGIT.search(tail[0].text):
            continue
        k = _best_column(tail_chunk, columns, True)
        head_chunk = Chunk(words=head, page=chunk.page, tilt=chunk.tilt)
        if columns[k].kind in NUMERIC_KINDS and _best_column(head_chunk, columns, False) != k:
            return [head_chunk, *_split_wide(tail_chunk, columns, decimal_separator)]
    tol = 0.6 * (chunk.words[0].y1 - chunk.words[0].y0)
    for i in range(1, len(chunk.words)):
        left, right = chunk.words[i - 1].x1, chunk.words[i].x0
        tail_text = " ".join(w.text for w in chunk.words[i:])
        if any(
            left - tol <= c.x0 <= right + tol
            and (c.kind in TEXT_KINDS or is_number(tail_text, decimal_separator))
            for c in columns[1:]
        ):
            head_chunk = Chunk(chunk.words[:i], chunk.page, chunk.tilt)
            tail_chunk = Chunk(chunk.words[i:], chunk.page, chunk.tilt)
            return [head_chunk, *_split_wide(tail_chunk, columns, decimal_separator)]
    return [chunk]


_GROUP_HEAD = re.compile(r"^[-(]?[€$£¥₹]?\d{1,3}$")
_GROUP_TAIL = re.compile(r"^\d{3}(?:[.,]\d+)?$")


def _split_numbers(chunk: Chunk, decimal_separator: str | None) -> list[Chunk]:
    """A chunk of several numbers ("5,00 33,00 5,5%") as one chunk per number; with a decimal comma,
    digits grouped by spaces stay one number ("1 937,46")."""
    groups: list[list[Word]] = []
    for w in chunk.words:
        prev = groups[-1][-1].text if groups else ""
        joins = decimal_separator == "," and _GROUP_HEAD.match(prev) and _GROUP_TAIL.match(w.text)
        if groups and joins and (len(groups[-1]) == 1 or _GROUP_TAIL.match(prev)):
            groups[-1].append(w)
        else:
            groups.append([w])
    return [Chunk(words=g, page=chunk.page, tilt=chunk.tilt) for g in groups]


def classify(bl: BodyLine, columns: list[Column], labels: Labels) -> str:
    """data, total (ends the table), carry (sub-total or carry-over, skipped), adjustment or note."""
    text_cols = [k for k, c in enumerate(columns) if c.kind in TEXT_KINDS]
    for k, chunks in bl.cells.items():  # "Total" printed under a numeric column
        if k not in text_cols and any(starts_with_label(c.text, labels.total, max_skip=0) for c in chunks):
            return "total"
    priced = {k for k, c in enumerate(columns) if c.kind in ("quantity", "unit_price")}
    if any(k in priced and is_number(" ".join(c.text for c in cs), None) for k, cs in bl.cells.items()):
        return "data"  # a line with a quantity or unit price is an item whatever its words
    label = " ".join(bl.text(k) for k in sorted(bl.cells) if k in text_cols)
    if not label:
        label = bl.line.text
    if starts_with_label(label, labels.carry, max_skip=1):
        return "carry"
    if starts_with_label(label, labels.total, max_skip=1):
        return "total"
    if _summary_line(bl, columns, text_cols):
        return "total"
    first = tokens(label)[:1]
    if first and first[0] in labels.adjustment:
        return "adjustment"
    return "data"


def _summary_line(bl: BodyLine, columns: list[Column], text_cols: list[int]) -> bool:
    """A label-value line of a totals block: no text under the text columns, a label under a
    numeric column and a number under an anchor column ("Gesamt netto   246.397,34")."""
    if any(bl.cells.get(k) for k in text_cols):
        return False
    anchors = anchor_column(columns)
    labelled = any(
        not is_number(c.text, None) and any(ch.isalpha() for ch in c.text)
        for k, cs in bl.cells.items()
        if k not in anchors
        for c in cs
    )
    valued = any(is_number(" ".join(c.text for c in bl.cells.get(k, [])), None) for k in anchors)
    return labelled and valued


def numeric_cols(bl: BodyLine, columns: list[Column], decimal_separator: str | None) -> set[int]:
    """Indices of numeric columns whose cell on this line holds a number."""
    return {
        k
        for k, chunks in bl.cells.items()
        if columns[k].kind in NUMERIC_KINDS and is_number(" ".join(c.text for c in chunks), decimal_separator)
    }


def anchor_column(columns: list[Column]) -> set[int]:
    """The columns whose numbers anchor rows: the amount columns, else the right-most numeric one."""
    amounts = {k for k, c in enumerate(columns) if c.kind in ("amount",)}
    if amounts:
        return amounts
    numeric = [k for k, c in enumerate(columns) if c.kind in NUMERIC_KINDS]
    return {max(numeric)} if numeric else set()


def group_rows(
    body: list[BodyLine], columns: list[Column], decimal_separator: str | None, min_numbers: int = 1
) -> list[RawRow]:
    """Rows from body lines: anchor groups (lines with numbers, split vertically at most by half a
    line) plus the text lines between anchors, split at the widest gap.

    ``min_numbers``: how many numeric cells an anchor group needs (2 on a continuation page).
    """
    anchor_cols = anchor_column(columns)
    groups: list[list[int]] = []  # indices into body of anchor groups
    nums = [numeric_cols(bl, columns, decimal_separator) if bl.kind == "data" else set() for bl in body]
    i = 0
    while i < len(body):
        if not nums[i]:
            i += 1
            continue
        g, have = [i], set(nums[i])
        j = i + 1
        while j < len(body) and nums[j] and not (nums[j] & have) and _gap(body[j - 1], body[j]) < 1.0:
            g.append(j)
            have |= nums[j]
            j += 1
        if have & anchor_cols and len(have) >= min_numbers:
            groups.append(g)
        i = j
    rows: list[RawRow] = []
    for n, g in enumerate(groups):
        lo = _split_point(body, groups[n - 1][-1], g[0]) if n else _lead_start(body, g[0])
        hi = _split_point(body, g[-1], groups[n + 1][0]) if n + 1 < len(groups) else len(body)
        members = [bl for bl in body[lo:hi] if bl.kind in ("data", "note")]
        rows.append(RawRow(lines=members, anchors=[body[k] for k in g]))
    return rows


def _gap(a: BodyLine, b: BodyLine) -> float:
    """Vertical gap between two lines in line heights (0 when they overlap)."""
    h = max(min(a.line.height, b.line.height), 1e-6)
    return max(0.0, b.line.y0 - a.line.y1) / h


def _split_point(body: list[BodyLine], last: int, first: int) -> int:
    """Index where the row ending at ``last`` hands over to the row anchored at ``first``.

    Text lines belong to the row above (descriptions wrap downwards) unless they are stacked
    tightly on top of the anchor with a clearly wider gap above them (a vertically centred row).
    """
    s = first
    while s - 1 > last and _gap(body[s - 1], body[s]) < 0.6:
        s -= 1
    if s == first:
        return first
    tight = max(_gap(body[k - 1], body[k]) for k in range(s, first + 1))
    return s if _gap(body[s - 1], body[s]) > 1.5 * tight + 0.2 else first


def _lead_start(body: list[BodyLine], first: int) -> int:
    """Text lines right above the first anchor that belong to its row (closely stacked on it)."""
    k = first
    while k > 0 and body[k - 1].kind == "data" and _gap(body[k - 1], body[k]) < 0.6:
        k -= 1
    return k


def walk_body(
    lines: list[ILine], start: int, stop: int, columns: list[Column], lab: Labels, dec: str | None
) -> tuple[list[BodyLine], bool]:
    """Body lines from ``start`` up to ``stop`` (the next header), ending at a totals line or a wide
    gap; returns (lines, whether the table ended here rather than running off the page)."""
    body: list[BodyLine] = []
    for k in range(start, stop):
        line = lines[k]
        gap = line.y0 - body[-1].line.y1 if body else 0.0
        if gap > GAP_END * max(line.height, 1e-6) and not _item_ahead(lines, k, stop, columns, lab, dec):
            return body, False
        if _header_like(line, lab):
            return body, True  # another table's header
        bl = BodyLine(line, assign(line, columns, dec))
        bl.kind = classify(bl, columns, lab)
        if bl.kind == "total":
            return body, True
        if bl.kind == "carry" and not _item_ahead(lines, k + 1, stop, columns, lab, dec):
            return body, False  # a sub-total or carry-over with no items after it on this page
        body.append(bl)
    return body, stop < len(lines)


def _header_like(line: ILine, lab: Labels) -> bool:
    """A line of labels only (no numbers) naming two or more columns of some table."""
    if len(line.chunks) < 3 or any(_DIGIT.search(w.text) for w in line.words):
        return False
    return any(
        line_label_score(line, index)[0] >= 2 and line_label_score(line, index)[1] >= 0.5
        for index in (lab.line, lab.tax)
    )


def _item_ahead(
    lines: list[ILine], k: int, stop: int, columns: list[Column], lab: Labels, dec: str | None, look: int = 6
) -> bool:
    """Whether an item-like line (numbers in two numeric columns) follows within ``look`` lines
    from ``k``, before a totals line: then a wide gap does not end the table."""
    for j in range(k, min(stop, k + look)):
        bl = BodyLine(lines[j], assign(lines[j], columns, dec))
        kind = classify(bl, columns, lab)
        if kind == "total":
            return False
        nums = numeric_cols(bl, columns, dec)
        if kind == "data" and len(nums) >= 2:
            return True
    return False
