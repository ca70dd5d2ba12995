"""Drawing an invoice's totals block in one of the styles of the ``totals`` axis.

Every style returns the y below what it drew. Amounts are tagged with their line's key, labels with
``label:<key>``; the currency mark of a marked invoice total is tagged ``currency``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docsift.synth.invoice.blocks import Entry, kv_block
from docsift.synth.invoice.totals import TotalLine
from docsift.synth.model import Content
from docsift.synth.style import Pen

WHITE = (1.0, 1.0, 1.0)


@dataclass
class TotalsArea:
    """Where the totals go: the content area's left and right edges and the block's width."""

    left: float
    right: float
    width: float


def totals_height(pen: Pen, lines: list[TotalLine], style: str) -> float:
    """A generous estimate of the height the block needs (to start a new page in time)."""
    per = pen.s.line_h + 4
    extra = 4 * per if style in ("pay_box", "summary_row") else per
    return per * len(lines) + extra


def draw_totals(
    pen: Pen, c: Content, lines: list[TotalLine], style: str, area: TotalsArea, y: float, pay_label: str
) -> float:
    """Draws ``lines`` in ``style`` (column, boxed, table, inline, pay_box, summary_row, wide)."""
    styles: dict[str, Callable[[], float]] = {
        "column": lambda: _column(pen, c, lines, area, y, boxed=False),
        "boxed": lambda: _column(pen, c, lines, area, y, boxed=True),
        "table": lambda: _table(pen, c, lines, area, y),
        "inline": lambda: _inline(pen, c, lines, area, y),
        "pay_box": lambda: _pay_box(pen, c, lines, area, y, pay_label),
        "summary_row": lambda: _summary_row(pen, c, lines, area, y),
        "wide": lambda: _wide(pen, c, lines, area, y),
    }
    return styles[style]()


def _value(c: Content, line: TotalLine) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """The printed amount and the span of its currency mark (tagged on the invoice total only)."""
    value = c.formats.amount(line.amount, mark=line.mark)
    mark = c.formats.money.mark
    if line.mark and mark and line.key == "invoice_total" and mark in value:
        start = value.index(mark)
        return value, (("currency", start, start + len(mark)),)
    return value, ()


def _pair(pen: Pen, c: Content, line: TotalLine, label_right: float, value_right: float, y: float) -> None:
    pen.text(
        label_right,
        y,
        pen.label(line.label),
        bold=line.bold or pen.s.label_bold,
        align="right",
        key=f"label:{line.key}",
    )
    value, spans = _value(c, line)
    pen.text(value_right, y, value, bold=line.bold, align="right", key=line.key, spans=spans)


def _value_width(pen: Pen, c: Content, lines: list[TotalLine]) -> float:
    return max(pen.width(_value(c, line)[0], True) for line in lines) + 6


def _column(pen: Pen, c: Content, lines: list[TotalLine], area: TotalsArea, y: float, boxed: bool) -> float:
    right, width = area.right, area.width
    value_w = _value_width(pen, c, lines)
    h = pen.s.line_h + 2
    if boxed:
        pen.p.rect(right - width, y - 2, width, h * len(lines) + 4, stroke=pen.s.accent, width=0.6)
    for line in lines:
        if line.key == "invoice_total":
            pen.p.line(right - width * 0.8, y - 1, right, y - 1, 0.8, pen.s.accent)
        _pair(pen, c, line, right - value_w - 6, right - 3, y + 1)
        y += h
    return y + 4


def _table(pen: Pen, c: Content, lines: list[TotalLine], area: TotalsArea, y: float) -> float:
    right, width = area.right, area.width
    value_w = _value_width(pen, c, lines) + 8
    h = pen.s.line_h + 5
    for line in lines:
        strong = line.key in ("invoice_total", "amount_due")
        pen.p.rect(right - width, y, width - value_w, h, fill=pen.s.fill, stroke=pen.s.accent, width=0.4)
        pen.p.rect(
            right - value_w,
            y,
            value_w,
            h,
            fill=pen.s.fill if strong else None,
            stroke=pen.s.accent,
            width=0.4,
        )
        _pair(pen, c, line, right - value_w - 5, right - 4, y + 2.5)
        y += h
    return y + 6


def _inline(pen: Pen, c: Content, lines: list[TotalLine], area: TotalsArea, y: float) -> float:
    """One text per line, right-aligned: "Total: 1.234,56 EUR"."""
    for line in lines:
        label = pen.label(line.label)
        value, spans = _value(c, line)
        text = f"{label} {value}"
        start = len(label) + 1
        spans = (
            (f"label:{line.key}", 0, len(label)),
            (line.key, start, len(text)),
            *((k, start + a, start + b) for k, a, b in spans),
        )
        pen.text(area.right - 3, y, text, bold=line.bold, align="right", spans=spans)
        y += pen.s.line_h + 1
    return y + 4


def _pay_box(pen: Pen, c: Content, lines: list[TotalLine], area: TotalsArea, y: float, label: str) -> float:
    """The column without its amount-due line, then a filled box with the amount to pay."""
    due = next((line for line in lines if line.key == "amount_due"), None)
    rest = [line for line in lines if line is not due]
    y = _column(pen, c, rest, area, y, boxed=False)
    if due is None:
        due = TotalLine("amount_due", label, next(x.amount for x in lines if x.key == "invoice_total"))
    due = TotalLine("amount_due", label, due.amount, bold=True, mark=due.mark)
    size = pen.s.size * 1.3
    h = size * 2.4
    need = pen.width(pen.label(label), True) + pen.width(_value(c, due)[0], True, size) + 40
    width = min(max(area.width * 0.8, need), area.right - area.left)
    x0 = area.right - width
    pen.p.rect(x0, y + 4, width, h, fill=pen.s.accent, stroke=None)
    pen.text(
        x0 + 8, y + 4 + (h - size) / 2, pen.label(due.label), bold=True, color=WHITE, key="label:amount_due"
    )
    value, _ = _value(c, due)
    pen.text(
        area.right - 8,
        y + 4 + (h - size) / 2,
        value,
        bold=True,
        size=size,
        color=WHITE,
        align="right",
        key="amount_due",
    )
    return y + h + 12


def _summary_row(pen: Pen, c: Content, lines: list[TotalLine], area: TotalsArea, y: float) -> float:
    """Labels in a row, amounts in the row below, across the page (as a header-row table)."""
    entries = [Entry(line.key, line.label, _value(c, line)[0]) for line in lines]
    pen.p.line(area.left, y, area.right, y, 0.8, pen.s.accent)
    return kv_block(pen, area.left, y + 4, area.right - area.left, entries, "table")


def _wide(pen: Pen, c: Content, lines: list[TotalLine], area: TotalsArea, y: float) -> float:
    """Labels from the middle of the page, amounts at the right margin, a rule over the total."""
    x = area.left + (area.right - area.left) * 0.42
    h = pen.s.line_h + 3
    for line in lines:
        if line.key == "invoice_total":
            pen.p.line(x, y - 1, area.right, y - 1, 0.8, pen.s.accent)
        pen.text(x, y + 1, pen.label(line.label), bold=line.bold or pen.s.label_bold, key=f"label:{line.key}")
        value, spans = _value(c, line)
        pen.text(area.right - 3, y + 1, value, bold=line.bold, align="right", key=line.key, spans=spans)
        y += h
    return y + 4
