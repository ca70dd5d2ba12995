"""Column kinds corrected from a table's content.

Headers can mislead or stay silent: "Item" over 1, 2, 3 is a position column, and a numeric
column whose label is unknown or ambiguous ("Each", "Rate", "Price" over line totals) is placed by
arithmetic: the three columns where quantity x unit price = amount on most lines.
"""

from __future__ import annotations

import itertools
import re
import statistics
from decimal import Decimal

from docsift.extraction.normalize.amounts import find_amounts
from docsift.extraction.tables.body import BodyLine, is_number
from docsift.extraction.tables.header import Column

_SERIAL = re.compile(r"^\d{1,4}\.?$")
ROLES = ("quantity", "unit_price", "amount")
AGREE = 0.6  # share of lines that must agree with an arithmetic reading


def refine_columns(columns: list[Column], body: list[BodyLine], dec: str | None) -> list[Column]:
    """The columns with kinds corrected from their content (see the module docstring)."""
    columns = _serial_columns(columns, body)
    columns = _tax_amount_columns(columns, body, dec)
    return _arithmetic_roles(columns, body, dec)


def _serial_columns(columns: list[Column], body: list[BodyLine]) -> list[Column]:
    """Of two description columns, one holding only small whole numbers becomes the position column."""
    desc = [k for k, c in enumerate(columns) if c.kind == "description"]
    if len(desc) < 2:
        return columns
    out = list(columns)
    for k in desc:
        values = [" ".join(c.text for c in bl.cells[k]) for bl in body if bl.cells.get(k)]
        if values and sum(1 for v in values if _SERIAL.match(v)) >= 0.8 * len(values):
            out[k] = _with_kind(columns[k], "position")
    return out


def _tax_amount_columns(columns: list[Column], body: list[BodyLine], dec: str | None) -> list[Column]:
    """A "Tax" column holding money rather than rates (no % sign, two decimals, or above 100) is the
    tax amount column."""
    out = list(columns)
    for k, col in enumerate(columns):
        if col.kind != "tax_rate":
            continue
        texts = [" ".join(c.text for c in bl.cells[k]) for bl in body if bl.cells.get(k)]
        found = [m for t in texts if is_number(t, dec) for m in find_amounts(t, dec)[:1]]
        if len(found) < 1 or any(m.is_percent for m in found):
            continue
        money = sum(1 for m in found if abs(m.value) > 100 or _CENTS.search(m.raw))
        if money >= 0.8 * len(found):
            out[k] = _with_kind(col, "tax_amount")
    return out


_CENTS = re.compile(r"\d[.,]\d\d$")


def _with_kind(col: Column, kind: str | None) -> Column:
    return Column(kind, col.x0, col.x1, col.label, col.group)


def _values(columns: list[Column], body: list[BodyLine], dec: str | None) -> list[dict[int, Decimal]]:
    """Per body line, the numbers of the columns that may play quantity, unit price or amount."""
    cands = [k for k, c in enumerate(columns) if c.kind in (*ROLES, None)]
    out = []
    for bl in body:
        row: dict[int, Decimal] = {}
        for k in cands:
            text = " ".join(c.text for c in bl.cells.get(k, []))
            found = find_amounts(text, dec) if text and is_number(text, dec) else []
            if found and not found[0].is_percent:
                row[k] = found[0].value
        if len(row) >= 3:
            out.append(row)
    return out


def _agree(lines: list[dict[int, Decimal]], q: int, p: int, a: int) -> int:
    tol = Decimal("0.011")
    return sum(
        1
        for v in lines
        if q in v and p in v and a in v and abs(v[q] * v[p] - v[a]) <= max(tol, abs(v[a]) / 1000)
    )


def _arithmetic_roles(columns: list[Column], body: list[BodyLine], dec: str | None) -> list[Column]:
    """Columns whose quantity / unit price / amount kinds follow the arithmetic of the lines, when the
    header's reading explains fewer lines than another reading does."""
    lines = _values(columns, body, dec)
    if len(lines) < 2:
        return columns
    kinds = {c.kind: k for k, c in reversed(list(enumerate(columns))) if c.kind in ROLES}
    current = _agree(lines, kinds["quantity"], kinds["unit_price"], kinds["amount"]) if len(kinds) == 3 else 0
    if current >= AGREE * len(lines):
        return columns
    cands = sorted({k for v in lines for k in v})
    best, best_n = None, current
    for f1, f2, a in itertools.permutations(cands, 3):
        if f1 < f2:
            n = _agree(lines, f1, f2, a)
            if n > best_n:
                best, best_n = (f1, f2, a), n
    if best is None or best_n < max(2, AGREE * len(lines)):
        return columns
    q, p = _quantity_first(columns, lines, best[0], best[1])
    out = [_with_kind(c, None) if c.kind in ROLES else c for c in columns]
    for k, kind in zip((q, p, best[2]), ROLES, strict=True):
        out[k] = _with_kind(columns[k], kind)
    return out


def _quantity_first(
    columns: list[Column], lines: list[dict[int, Decimal]], a: int, b: int
) -> tuple[int, int]:
    """(quantity, unit price) of two factor columns: by the header's word, else the column of whole
    numbers, else the one with the smaller values."""
    if columns[a].kind == "unit_price" or columns[b].kind == "quantity":
        return b, a
    if columns[a].kind == "quantity" or columns[b].kind == "unit_price":
        return a, b

    def whole(k: int) -> float:
        return sum(1 for v in lines if k in v and v[k] == v[k].to_integral_value()) / len(lines)

    if whole(a) != whole(b):
        return (a, b) if whole(a) > whole(b) else (b, a)
    med_a = statistics.median(v[a] for v in lines if a in v)
    med_b = statistics.median(v[b] for v in lines if b in v)
    return (a, b) if med_a <= med_b else (b, a)
