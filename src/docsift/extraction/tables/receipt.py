"""Receipt line items, read line by line (thermal receipts rarely have a usable table grid).

Forms handled: "ITEM NAME   12.90", "ITEM NAME   1   12.90", "ITEM  2  3.50  7.00",
"2 ITEM NAME   7.00" (quantity first), "2 x 3.50   7.00" or "2.00 @ 3.50  7.00" on the line under
the name, and "2 @ 3.50" under a line that already holds the amount. The items run from the first
priced line to the first summary line (sub-total, total, tax, rounding, cash, change, card...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from docsift.extraction.document.lines import ILine, Tilt, page_box
from docsift.extraction.knowledge.lexicon import tokens
from docsift.extraction.normalize.amounts import format_amount, format_number, parse_amount, parse_currency
from docsift.extraction.normalize.text import clean_text
from docsift.extraction.tables.header import line_label_score
from docsift.extraction.tables.labels import Labels, starts_with_label
from docsift.reading.model import Word, union_bbox
from docsift.result import FieldValue, Row

_TIMES = frozenset("xX×*@")
# a number with an optional currency mark before it ("RM12.90", "S$3.50", "-1.00", "(2.00)", "7.00-")
_NUMBER = re.compile(r"^[-(]?([A-Z]{0,3}[$€£¥₹]?|[$€£¥₹])\s?(-?\d[\d.,']*)[)%-]?$")
_CENTS = re.compile(r"[.,]\d{2}$")
CONFIDENCE = 0.8


@dataclass
class Tok:
    """One token of a receipt line: a number, a times sign, a currency mark or text."""

    kind: str  # num | x | cur | text
    text: str
    words: list[Word]
    page: int = 1
    tilt: Tilt = (0.0, 0.0)
    value: Decimal | None = None
    decimals: bool = False


@dataclass
class Item:
    """An item being read: its cells as tokens."""

    desc: list[Tok] = field(default_factory=list)
    qty: Tok | None = None
    price: Tok | None = None
    amount: Tok | None = None


def _tokens(line: ILine, dec: str | None) -> list[Tok]:
    out: list[Tok] = []
    for w in line.words:
        for part in _split_glued(w.text):
            if part in _TIMES:
                out.append(Tok("x", part, [w], line.page, line.tilt))
                continue
            m = _NUMBER.match(part)
            value = parse_amount(part, dec) if m and parse_currency(m.group(1) or "$") else None
            if value is not None and not _is_code(part):
                decimals = bool(_CENTS.search(m.group(2))) if m else False
                out.append(Tok("num", part, [w], line.page, line.tilt, value, decimals))
            elif value is None and parse_currency(part) is not None and len(part) <= 3:
                out.append(Tok("cur", part, [w], line.page, line.tilt))
            else:
                out.append(Tok("text", part, [w], line.page, line.tilt))
    for i, t in enumerate(out):  # "PEN BLACK": a code-like word is a currency only beside a number
        near = [out[j] for j in (i - 1, i + 1) if 0 <= j < len(out)]
        if t.kind == "cur" and t.text.isalpha() and not any(n.kind == "num" for n in near):
            t.kind = "text"
    return out


def _split_glued(text: str) -> list[str]:
    """ "2x3.50" -> ["2", "x", "3.50"]; other words unchanged."""
    for sign in _TIMES:
        head, mid, tail = text.partition(sign)
        if mid and head[-1:].isdigit() and tail[:1].isdigit():
            return [head, sign, *_split_glued(tail)]
    return [text]


def _is_code(text: str) -> bool:
    """Phone numbers, dates, times and long digit runs are not quantities or prices."""
    return any(ch in text for ch in ":/") or sum(ch.isdigit() for ch in text) > 9 or text.count("-") > 1


def _is_money(t: Tok) -> bool:
    return t.kind == "num" and t.decimals


def _strip_tail(toks: list[Tok]) -> list[Tok]:
    """Tokens without a tax code or currency mark printed after the amount ("7.00 SR", "7.00 T")."""
    while (
        toks
        and toks[-1].kind in ("text", "cur")
        and len(toks[-1].text) <= 2
        and len(toks) > 1
        and toks[-2].kind == "num"
    ):
        toks = toks[:-1]
    return [t for t in toks if t.kind != "cur"]


def parse_line(line: ILine, dec: str | None) -> Item | None:
    """The item cells a line holds (description, quantity, unit price, amount), None for no numbers."""
    toks = _strip_tail(_tokens(line, dec))
    if not toks or toks[-1].kind != "num":
        qx = _qty_times(toks)
        return qx
    qx = _qty_times(toks)
    if qx is not None:
        return qx
    nums: list[Tok] = []
    while toks and toks[-1].kind == "num" and len(nums) < 3:
        nums.insert(0, toks.pop())
    if not _is_money(nums[-1]):
        return None
    item = Item(amount=nums[-1])
    rest = nums[:-1]
    if len(rest) == 2:
        item.qty, item.price = rest
    elif len(rest) == 1:
        if rest[0].decimals and not _whole(rest[0].value):
            item.price = rest[0]
        else:
            item.qty = rest[0]
    lead = toks[0] if toks else None
    if (
        lead
        and lead.kind == "num"
        and len(toks) > 1
        and toks[1].kind == "text"
        and item.qty is None
        and lead.value is not None
        and 0 < lead.value < 1000
    ):
        item.qty = toks.pop(0)  # "2 ITEM NAME  7.00", "1.00 ITEM NAME  7.00"
    item.desc = [t for t in toks if t.kind != "x"]
    return item


def _qty_times(toks: list[Tok]) -> Item | None:
    """ "[name] Q x P [A]": quantity times unit price, with or without the amount after it."""
    for i, t in enumerate(toks):
        if t.kind != "x" or i == 0 or i + 1 >= len(toks):
            continue
        q, p = toks[i - 1], toks[i + 1]
        if q.kind != "num" or p.kind != "num":
            continue
        tail = toks[i + 2 :]
        if any(x.kind != "num" for x in tail) or len(tail) > 1:
            continue
        return Item(desc=toks[: i - 1], qty=q, price=p, amount=tail[0] if tail else None)
    return None


def _whole(v: Decimal | None) -> bool:
    return v is not None and v == v.to_integral_value()


def _stop(line: ILine, lab: Labels) -> bool:
    """A summary line: it starts with a summary word, perhaps after a one-letter tax code ("S")."""
    text = line.text
    skip = 1 if len(line.words[0].text) == 1 and line.words[0].text.isalpha() else 0
    return bool(starts_with_label(text, lab.receipt_stop, skip) or starts_with_label(text, lab.total, skip))


def _separator(line: ILine) -> bool:
    return not [t for t in tokens(line.text) if t not in ("#", "%")]


def receipt_items(pages: list[list[ILine]], lab: Labels, dec: str | None) -> list[Row]:
    """Items of a receipt from its lines: from the first priced line to the first summary line."""
    items: list[Item] = []
    for lines in pages:
        done = _page_items(lines, lab, dec, items)
        if done:
            break
    return [r for r in (_row(i) for i in items) if r]


def _page_items(lines: list[ILine], lab: Labels, dec: str | None, items: list[Item]) -> bool:
    """Append the items of one page; True when a summary line ended the item list.

    A priced line whose own words are only codes ("9557031100236  1 X 3.02  3.02") takes its name
    from the last named text line since the previous item, or else from the text line right after it.
    """
    pending: list[list[Tok]] = []  # text lines since the last item
    wanting: Item | None = None  # an item still looking for its name below it
    for line in lines:
        if _separator(line) or line_label_score(line, lab.line)[0] >= 2:
            pending, wanting = [], None
            continue
        if _stop(line, lab):
            if items:
                return True
            pending = []
            continue
        parsed = parse_line(line, dec)
        if parsed is None:
            toks = _tokens(line, dec)
            if wanting is not None and _named(toks):
                wanting.desc, wanting = toks, None
            else:
                pending.append(toks)
            continue
        wanting = None
        if parsed.amount is None:
            last = items[-1] if items else None
            if last and last.qty is None and parsed.qty and parsed.price and _product(parsed, last.amount):
                last.qty, last.price = parsed.qty, parsed.price  # "2 @ 3.50" under the item
            continue
        alone = pending[-1] if pending else []
        if len(alone) == 1 and alone[0].kind == "num" and not alone[0].decimals and parsed.qty is None:
            parsed.qty = alone[0]  # the quantity on a line of its own
            pending = pending[:-1]
        if not _named(parsed.desc):
            name = next((p for p in reversed(pending) if _named(p)), None)
            if name is not None:
                parsed.desc = name
            elif parsed.desc or items:
                wanting = parsed
        pending = []
        if lab.allowance.cover(tokens(" ".join(t.text for t in parsed.desc))):
            wanting = None
            continue  # "Member Discount  -1.20" reduces the items above; it is not one
        if parsed.desc or items or wanting is parsed:
            items.append(parsed)
    return False


def _named(toks: list[Tok]) -> bool:
    """Whether tokens hold a name: a word of three or more letters (not only codes and numbers)."""
    return any(
        t.kind == "text"
        and sum(ch.isalpha() for ch in t.text) >= 3
        and not any(ch.isdigit() for ch in t.text)
        for t in toks
    )


def _product(item: Item, amount: Tok | None) -> bool:
    if not (item.qty and item.price and amount) or None in (item.qty.value, item.price.value, amount.value):
        return False
    return abs(item.qty.value * item.price.value - amount.value) <= Decimal("0.011")  # type: ignore[operator]


def _fv(value: str | None, toks: list[Tok], confidence: float) -> FieldValue | None:
    if value is None or not toks:
        return None
    words = [w for t in toks for w in t.words]
    boxes = [page_box(w, t.tilt) for t in toks for w in t.words]
    return FieldValue(
        value=value,
        raw=" ".join(t.text for t in toks),
        confidence=round(confidence * min(1.0, 0.5 + 0.5 * min(w.confidence for w in words)), 3),
        page=toks[0].page,
        bbox=union_bbox(boxes),
    )


def _printed(toks: list[Tok]) -> list[str]:
    """The words the tokens came from, as printed ("35X25CM" stays whole)."""
    seen: set[int] = set()
    out = []
    for t in toks:
        for w in t.words:
            if id(w) not in seen:
                seen.add(id(w))
                out.append(w.text)
    return out


def _row(item: Item) -> Row:
    if item.amount is None or item.amount.value is None:
        return {}
    q = item.qty.value if item.qty else None
    p = item.price.value if item.price else None
    a = item.amount.value
    ok = q is not None and p is not None and abs(q * p - a) <= Decimal("0.011")
    conf = (
        min(0.95, CONFIDENCE + 0.1) if ok else CONFIDENCE * (0.75 if q is not None and p is not None else 1.0)
    )
    row: Row = {}
    desc = clean_text(" ".join(_printed(item.desc)))
    cells = {
        "description": _fv(desc, item.desc, conf),
        "quantity": _fv(format_number(q), [item.qty], conf) if item.qty and q is not None else None,
        "unit_price": _fv(format_amount(p), [item.price], conf) if item.price and p is not None else None,
        "amount": _fv(format_amount(a), [item.amount], conf),
    }
    for k, fv in cells.items():
        if fv is not None:
            row[k] = fv
    return row
