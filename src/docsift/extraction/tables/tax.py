"""Tax breakdown: rows of {tax_type, rate, basis, amount} from tax tables and tax lines.

Two sources: a table under a tax header ("Steuersatz | Basisbetrag | Steuerbetrag", "HSN/SAC |
Taxable Value | CGST Rate | Amount | SGST Rate | Amount"), one row per rate and tax type; and
single lines outside the item table that name a tax, a rate and one or two amounts ("zzgl.
Umsatzsteuer 7% von 129,37 9,06", "CGST @ 9% 90.00"). basis x rate = amount is checked.
"""

from __future__ import annotations

import re
from decimal import Decimal

from docsift.extraction.document.lines import Chunk, ILine
from docsift.extraction.knowledge.lexicon import tokens
from docsift.extraction.normalize.amounts import AmountMatch, find_amounts, format_amount, format_number
from docsift.extraction.tables.body import RawRow, group_rows, merge_columns, walk_body
from docsift.extraction.tables.header import Column, Header
from docsift.extraction.tables.labels import Labels
from docsift.reading.model import union_bbox
from docsift.result import FieldValue, Row

_AT_RATE = re.compile(r"@\s*(\d+(?:[.,]\d+)?)")


def _fv(value: str, raw: str, chunks: list[Chunk], confidence: float) -> FieldValue:
    return FieldValue(
        value=value,
        raw=raw,
        confidence=round(confidence * min(1.0, 0.5 + 0.5 * min(c.confidence for c in chunks)), 3),
        page=chunks[0].page,
        bbox=union_bbox(c.bbox for c in chunks),
    )


def _consistent(rate: Decimal, basis: Decimal, amount: Decimal) -> bool:
    return abs(basis * rate / 100 - amount) <= max(Decimal("0.011"), abs(amount) * Decimal("0.005"))


def tax_row(
    tax_type: str,
    rate: tuple[Decimal, str, list[Chunk]] | None,
    basis: tuple[Decimal, str, list[Chunk]] | None,
    amount: tuple[Decimal, str, list[Chunk]],
    base: float,
) -> Row:
    """One tax_details row; confidence raised when basis x rate = amount, lowered when not."""
    ok = rate is not None and basis is not None and _consistent(rate[0], basis[0], amount[0])
    conf = min(0.97, base + 0.1) if ok else base * (0.7 if rate is not None and basis is not None else 1.0)
    chunks = amount[2] + (rate[2] if rate else []) + (basis[2] if basis else [])
    row: Row = {"tax_type": _fv(tax_type, tax_type, chunks, conf)}
    if rate is not None:
        row["rate"] = _fv(format_number(rate[0]), rate[1], rate[2], conf)
    if basis is not None:
        row["basis"] = _fv(format_amount(basis[0]), basis[1], basis[2], conf)
    row["amount"] = _fv(format_amount(amount[0]), amount[1], amount[2], conf)
    return row


def find_tax_type(text: str, labels: Labels) -> str | None:
    """The most specific tax type named in ``text`` (CGST before GST before VAT), or None."""
    spans = labels.tax_types.cover(tokens(text))
    kinds = [s.kind for s in spans]
    for k in kinds:
        if k not in ("VAT", "GST"):
            return k
    return kinds[0] if kinds else None


# ---------------------------------------------------------------- tables


def table_taxes(
    lines: list[ILine], header: Header, stop: int, labels: Labels, dec: str | None, default_type: str
) -> tuple[list[Row], set[int]]:
    """Rows of a tax table under ``header`` (up to line ``stop``) and the ids of the lines used."""
    columns = merge_columns(header.columns)
    body, _ = walk_body(lines, header.last + 1, stop, columns, labels, dec)
    out: list[Row] = []
    used: set[int] = set()
    groups: list[str | None] = [*sorted({c.group for c in columns if c.group})] or [None]
    for raw in group_rows(body, columns, dec):
        used.update(id(bl.line) for bl in raw.lines)
        text = " ".join(bl.line.text for bl in raw.lines)
        if labels.allowance.cover(tokens(text)):
            continue
        row_type = find_tax_type(_type_text(raw, columns), labels) or find_tax_type(text, labels)
        for g in groups:
            rate = _cell(raw, columns, "rate", g, dec)
            amount = _cell(raw, columns, "amount", g, dec)
            basis = _cell(raw, columns, "basis", None, dec) or _cell(raw, columns, "basis", g, dec)
            if amount is None or (rate is None and basis is None):
                continue
            out.append(tax_row(g or row_type or default_type, rate, basis, amount, 0.85))
    return out, used


def _type_text(raw: RawRow, columns: list[Column]) -> str:
    ks = [k for k, c in enumerate(columns) if c.kind == "tax_type"]
    return " ".join(c.text for bl in raw.lines for k in ks for c in bl.cells.get(k, []))


def _cell(
    raw: RawRow, columns: list[Column], kind: str, group: str | None, dec: str | None
) -> tuple[Decimal, str, list[Chunk]] | None:
    for k, col in enumerate(columns):
        if col.kind != kind or (group is not None and col.group not in (group, None)):
            continue
        if group is not None and col.group is None and kind != "basis":
            continue
        chunks = [c for bl in raw.anchors for c in bl.cells.get(k, [])]
        if not chunks:
            continue
        text = " ".join(c.text for c in chunks)
        found = find_amounts(text.replace("%", " %"), dec)
        if found:
            return found[0].value, text, chunks
    return None


# ---------------------------------------------------------------- single lines


def line_taxes(lines: list[ILine], skip: set[int], labels: Labels, dec: str | None) -> list[Row]:
    """Tax rows from lines naming a tax, a rate and one or two amounts ("MwSt. 19% auf 100,00 19,00")."""
    out: list[Row] = []
    for line in lines:
        if id(line) in skip or not ("%" in line.text or "@" in line.text):
            continue  # a tax line names its rate
        row = _line_tax(line, labels, dec)
        if row is not None:
            out.append(row)
    return out


def _line_tax(line: ILine, labels: Labels, dec: str | None) -> Row | None:
    chunks = _first_block(line, dec)
    text = " ".join(c.text for c in chunks)
    tax_type = find_tax_type(text, labels)
    if tax_type is None or labels.allowance.cover(tokens(text)):
        return None
    found = find_amounts(_plain_rates(text), dec, allow_space_groups=dec == ",")
    rates = [m for m in found if m.is_percent]
    at = _AT_RATE.search(text)
    if not rates and at:
        rates = [m for m in found if m.start <= at.start(1) < m.end]
    if len(rates) != 1:
        return None
    rate = rates[0]
    money = [m for m in found if m is not rate and m.start > rate.start - 1 and not m.is_percent]
    money = [m for m in money if m.has_decimals]
    if not 1 <= len(money) <= 2 or not 0 <= rate.value <= 100:
        return None
    return _row_from_matches(tax_type, rate, money, chunks)


_PAREN_RATE = re.compile(r"\((\s*\d[\d.,]*\s*%\s*)\)")


def _plain_rates(text: str) -> str:
    """``text`` with rates freed of brackets and a trailing colon ("(21%)", "19%:"), same length."""
    text = _PAREN_RATE.sub(lambda m: " " + m.group(1) + " ", text)
    return re.sub(r"%:", "% ", text)


def _first_block(line: ILine, dec: str | None) -> list[Chunk]:
    """The line's chunks up to a second label printed after its numbers ("TVA 20% 81,90 16,38   Total
    taxes 46,25" keeps the tax part only)."""
    out: list[Chunk] = []
    seen_number = False
    for c in line.chunks:
        numeric = bool(find_amounts(c.text, dec)) and not any(ch.isalpha() for ch in c.text.replace("€", ""))
        if seen_number and not numeric and any(ch.isalpha() for ch in c.text) and len(c.text) > 3:
            break
        seen_number = seen_number or (numeric and "%" not in c.text)
        out.append(c)
    return out


def _row_from_matches(tax_type: str, rate: AmountMatch, money: list[AmountMatch], chunks: list[Chunk]) -> Row:
    def chunks_for(m: AmountMatch) -> list[Chunk]:
        hit = [c for c in chunks if m.raw.strip() in c.text or c.text in m.raw]
        return hit[:1] or chunks[:1]

    r = (rate.value, rate.raw, chunks_for(rate))
    if len(money) == 1:
        a = money[0]
        return tax_row(tax_type, r, None, (a.value, a.raw, chunks_for(a)), 0.75)
    first, second = money
    if _consistent(rate.value, second.value, first.value) and not _consistent(
        rate.value, first.value, second.value
    ):
        first, second = second, first  # "19,00 on 100,00": amount printed before the basis
    return tax_row(
        tax_type,
        r,
        (first.value, first.raw, chunks_for(first)),
        (second.value, second.raw, chunks_for(second)),
        0.8,
    )


def merge_taxes(rows: list[Row]) -> list[Row]:
    """Rows without duplicates: one per (type, rate, amount), the one with a basis kept."""
    out: dict[tuple[object, ...], Row] = {}
    for r in rows:
        key = tuple(r[k].value if k in r else None for k in ("tax_type", "rate", "amount"))
        if key not in out or ("basis" in r and "basis" not in out[key]):
            out[key] = r
    return list(out.values())
