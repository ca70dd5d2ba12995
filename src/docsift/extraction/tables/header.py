"""Column headers of tables: which visual lines are a header, and the columns they name.

A header is a line whose chunks are mostly column labels (columns.yaml) naming at least two
different columns, plus the label lines stacked right above or below it ("Preis /" over
"Einheit", "CGST" over "Rate | Amount"). Each column keeps the x-range of its label; a label
spanning several sub-columns is a group label that qualifies each of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docsift.extraction.document.lines import Chunk, ILine
from docsift.extraction.knowledge.lexicon import LabelHit, Lexicon, tokens
from docsift.extraction.tables.labels import Labels

_NUMBER = re.compile(r"\d[\d.,']*\d|\d")
ITEM_VALUE_KINDS = frozenset({"quantity", "unit_price", "amount"})


@dataclass
class Column:
    """One column named by a header: its kind (None when unknown) and label x-range."""

    kind: str | None
    x0: float
    x1: float
    label: str
    group: str | None = None  # tax type of a group label, e.g. "CGST"

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Header:
    """A table header: the lines it spans and its columns left to right."""

    page: int
    first: int  # index of its first line in the page's visual lines
    last: int  # index of its last line
    columns: list[Column]
    y0: float
    y1: float
    score: float = 0.0
    table: str = "items"  # "items" or "tax"

    def kinds(self) -> set[str]:
        """The kinds of its named columns."""
        return {c.kind for c in self.columns if c.kind}

    def column(self, kind: str) -> Column | None:
        """Its first column of ``kind``, or None."""
        return next((c for c in self.columns if c.kind == kind), None)


@dataclass
class _Cell:
    x0: float
    x1: float
    parts: list[tuple[float, str]] = field(default_factory=list)  # (y, text)
    groups: list[str] = field(default_factory=list)

    def text(self) -> str:
        return " ".join(t for _, t in sorted(self.parts))


def _label_spans(chunk: Chunk, index: Lexicon) -> list[tuple[LabelHit, list[int]]]:
    """Labels in a chunk with the word indices each covers (labels never span a word boundary badly)."""
    toks: list[str] = []
    owner: list[int] = []
    for i, w in enumerate(chunk.words):
        for t in tokens(w.text):
            toks.append(t)
            owner.append(i)
    return [(s, sorted(set(owner[s.start : s.end]))) for s in index.cover(toks)]


def _split_by_labels(chunk: Chunk, index: Lexicon) -> list[Chunk]:
    """A chunk holding several labels ("Pos Beschreibung" printed close) split into one chunk per label."""
    spans = _label_spans(chunk, index)
    if len(spans) < 2:
        return [chunk]
    cuts = sorted({words[0] for _, words in spans[1:]})
    out, start = [], 0
    for c in [*cuts, len(chunk.words)]:
        if c > start:
            out.append(Chunk(words=chunk.words[start:c], page=chunk.page, tilt=chunk.tilt))
            start = c
    return out


def line_label_score(line: ILine, index: Lexicon) -> tuple[int, float]:
    """(distinct kinds named, share of the line's tokens covered by labels) for one line."""
    toks = tokens(line.text)
    if not toks:
        return 0, 0.0
    spans = index.cover(toks)
    covered = sum(s.end - s.start for s in spans)
    return len({s.kind for s in spans}), covered / len(toks)


def _has_values(line: ILine) -> bool:
    """Whether a line carries numbers that look like data (amounts, quantities), not label decoration."""
    return (
        any(
            _NUMBER.fullmatch(w.text.strip("()%[]:.-€$")) or sum(ch.isdigit() for ch in w.text) >= 3
            for w in line.words
            if len(w.text) > 1
        )
        or _LABEL_VALUE.search(line.text) is not None
    )


_LABEL_VALUE = re.compile(r"\w:\s*\S")  # "Kunde: DE1493..." is a label with its value, not a column label


def _band(lines: list[ILine], i: int, index: Lexicon) -> tuple[int, int]:
    """The header band around line ``i``: adjacent label lines stacked closely above and below.

    A line above joins when it is mostly labels or sits over the header's chunks; a line below
    joins only when it is mostly labels or continues a label stacked above the main line, so the
    first data row (often text only, "VAT (E)") is never taken for a header line.
    """
    h = lines[i].height
    first = i
    for k in range(i - 1, max(i - 4, -1), -1):
        cand = lines[k]
        if lines[k + 1].y0 - cand.y1 > 0.9 * h or _has_values(cand) or len(cand.words) > 8:
            break
        _, cover = line_label_score(cand, index)
        if cover < 0.4 and _overlap_share(cand, lines[k + 1 : i + 1]) < 0.5:
            break
        first = k
    last = i
    for k in range(i + 1, min(i + 4, len(lines))):
        cand = lines[k]
        if cand.y0 - lines[k - 1].y1 > 0.9 * h or _has_values(cand) or len(cand.words) > 8:
            break
        _, cover = line_label_score(cand, index)
        others = lines[first:i] + lines[i + 1 : k]
        if cover < 0.4 and _overlap_share(cand, others, exclude=lines[i]) < 0.99:
            break
        last = k
    return first, last


def _overlap_share(line: ILine, above: list[ILine], exclude: ILine | None = None) -> float:
    """The share of ``line``'s chunks that sit horizontally over some chunk of the ``above`` lines
    (and over none of ``exclude``'s chunks)."""
    others = [m for a in above for m in a.chunks]
    banned = exclude.chunks if exclude else []

    def over(c: Chunk, ms: list[Chunk]) -> bool:
        return any(c.x0 < m.x1 and m.x0 < c.x1 for m in ms)

    hits = sum(1 for c in line.chunks if over(c, others) and not over(c, banned))
    return hits / len(line.chunks) if line.chunks else 0.0


def _cells(
    lines: list[ILine], first: int, last: int, main: int, labels: Labels, index: Lexicon
) -> list[_Cell]:
    """Header cells: the main line's label chunks, with stacked labels attached or used as groups."""
    cells = [
        _Cell(c.x0, c.x1, [(lines[main].cy, c.text)])
        for chunk in lines[main].chunks
        for c in _split_by_labels(chunk, index)
    ]
    for k in range(main + 1, last + 1):
        cells = _split_groups(cells, lines[k], labels, index)
    extra: list[_Cell] = []
    for k in range(first, last + 1):
        if k == main:
            continue
        y = lines[k].cy
        pad = 0.5 * lines[k].height
        for chunk in (c for ch in lines[k].chunks for c in _split_by_labels(ch, index)):
            if any(p == (y, chunk.text) for c in cells for p in c.parts):
                continue
            under = [c for c in cells if chunk.x0 < c.x1 and c.x0 < chunk.x1]
            group = labels.tax_types.exact(chunk.text)
            if group and k < main:
                under = [c for c in cells if chunk.x0 - pad < c.x1 and c.x0 < chunk.x1 + pad]
            if len(under) == 1:
                under[0].parts.append((y, chunk.text))
            elif len(under) > 1:
                for c in under:
                    (c.groups.append(group) if group else c.parts.append((y, chunk.text)))
            else:
                home = next((e for e in extra if chunk.x0 < e.x1 and e.x0 < chunk.x1), None)
                if home:
                    home.parts.append((y, chunk.text))
                    home.x0, home.x1 = min(home.x0, chunk.x0), max(home.x1, chunk.x1)
                else:
                    extra.append(_Cell(chunk.x0, chunk.x1, [(y, chunk.text)]))
    return sorted(cells + extra, key=lambda c: c.x0)


def _split_groups(cells: list[_Cell], below: ILine, labels: Labels, index: Lexicon) -> list[_Cell]:
    """Main-line cells over two or more labels of the line below ("CGST" over "Rate  Amount") become
    one sub-cell per lower label, each qualified by the group's tax type."""
    out: list[_Cell] = []
    pad = 0.5 * below.height
    chunks = [c for ch in below.chunks for c in _split_by_labels(ch, index)]
    for cell in cells:
        under = [c for c in chunks if c.x0 < cell.x1 + pad and cell.x0 - pad < c.x1]
        if len(under) < 2:
            out.append(cell)
            continue
        group = labels.tax_types.exact(cell.text())
        for c in under:
            sub = _Cell(c.x0, c.x1, [(below.cy, c.text)] if group else [*cell.parts, (below.cy, c.text)])
            sub.groups = [group] if group else []
            out.append(sub)
    return out


def _column(cell: _Cell, index: Lexicon, labels: Labels) -> Column:
    text = cell.text()
    span = index.best(text)
    group = cell.groups[0] if cell.groups else None
    if group is None:
        tspan = labels.tax_types.best(text)
        if tspan and tspan.kind not in ("VAT",) and span and span.kind.startswith("tax"):
            group = tspan.kind
    kind = span.kind if span else None
    if group is not None and index is labels.line:
        kind = _UNDER_TAX.get(kind or "", kind)  # "Rate" / "Amount" under "CGST"
    return Column(kind, cell.x0, cell.x1, text, group)


# what a column label means under a tax group label of an item table
_UNDER_TAX = {
    "unit_price": "tax_rate",
    "discount": "tax_rate",
    "amount": "tax_amount",
    "quantity": "tax_rate",
}


def find_headers(lines: list[ILine], labels: Labels) -> list[Header]:
    """Item-table and tax-table headers among a page's visual lines, top to bottom.

    An item header names a description and at least one of quantity, unit price or amount; a tax
    header names at least two of rate, basis and amount and no quantity or unit price.
    """
    out: list[Header] = []
    i = 0
    while i < len(lines):
        header = _header_at(lines, i, labels)
        if header is None:
            i += 1
            continue
        out.append(header)
        i = header.last + 1
    return out


def _header_at(lines: list[ILine], i: int, labels: Labels) -> Header | None:
    line = lines[i]
    if len(line.chunks) < 2 or _has_values(line):
        return None
    best: Header | None = None
    for table, index in (("items", labels.line), ("tax", labels.tax)):
        kinds, cover = line_label_score(line, index)
        if kinds < 2 or cover < 0.5:
            continue
        first, last = _band(lines, i, index)
        columns = [_column(c, index, labels) for c in _cells(lines, first, last, i, labels, index)]
        found = {c.kind for c in columns if c.kind}
        if table == "items":
            ok = "description" in found and bool(found & ITEM_VALUE_KINDS) and len(found - {"position"}) >= 2
        else:
            ok = len(found & {"rate", "basis", "amount"}) >= 2 and "rate" in found
        if not ok:
            continue
        score = len(found) + cover
        if best is None or score > best.score:
            best = Header(line.page, first, last, columns, lines[first].y0, lines[last].y1, score, table)
    return best
