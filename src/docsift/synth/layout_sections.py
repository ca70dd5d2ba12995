"""Sections of an invoice's first page (header, parties, references) and the notes under the totals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docsift.synth.blocks import Entry, kv_block, party_block

if TYPE_CHECKING:
    from docsift.synth.layout_invoice import InvoiceWriter

WHITE = (1.0, 1.0, 1.0)


def draw_first_page_top(wr: InvoiceWriter, y: float) -> float:
    """Draws header, parties and the reference block; returns the y where the item table starts."""
    y = _header(wr, y)
    return _parties_and_meta(wr, y + 14)


def _title(wr: InvoiceWriter, x: float, y: float, align: str, color: tuple[float, float, float]) -> float:
    pen, plan = wr.pen, wr.plan
    size = pen.s.size * 1.9
    text = plan.title
    spans: tuple[tuple[str, int, int], ...] = ()
    if plan.title_number:
        number = wr.c.fields["invoice_number"]
        text = f"{plan.title} {number}"
        spans = (
            ("invoice_number", len(plan.title) + 1, len(text)),
            ("label:invoice_number", 0, len(plan.title)),
        )
    pen.text(x, y, text, bold=True, size=size, color=color, align=align, spans=spans)
    return y + size * 1.3


def _vendor(wr: InvoiceWriter, x: float, y: float, width: float, align: str) -> float:
    pen = wr.pen
    return party_block(
        pen,
        x,
        y,
        width,
        wr.c.parties["vendor"],
        "vendor",
        None,
        wr.plan.vendor_extra,
        name_size=pen.s.size * 1.4,
        align=align,
    )


def _logo(wr: InvoiceWriter, x: float, y: float) -> None:
    pen = wr.pen
    name = wr.c.parties["vendor"].name
    initials = "".join(w[0] for w in name.split()[:2] if w[:1].isalpha()).upper() or "X"
    pen.p.circle(x + 16, y + 16, 16, pen.s.accent)
    pen.text(x + 16, y + 10, initials, bold=True, size=11, color=WHITE, align="center")


def _header(wr: InvoiceWriter, y: float) -> float:
    plan, pen = wr.plan, wr.pen
    left, right = wr.left, wr.right
    half = (right - left) / 2
    if plan.header == "banner":
        h = pen.s.size * 3.2
        pen.p.rect(0, y - 8, wr.w, h + 8, fill=pen.s.accent, stroke=None)
        pen.text(
            left,
            y + 2,
            wr.c.parties["vendor"].name,
            bold=True,
            size=pen.s.size * 1.5,
            color=WHITE,
            key="vendor_name",
        )
        _title(wr, right, y, "right", WHITE)
        v = wr.c.parties["vendor"]
        y2 = y + h + 6
        for line in v.address:
            pen.text(left, y2, line, key="vendor_address")
            y2 += pen.s.line_h
        return _extras(wr, left, y2, plan.vendor_extra)
    if plan.header == "center":
        if plan.logo:
            _logo(wr, left, y)
        y = _vendor(wr, left, y, right - left, "center")
        return _title(wr, left + half, y + 8, "center", pen.s.accent)
    vendor_left = plan.header == "left"
    vx = left if vendor_left else left + half
    if plan.logo:
        _logo(wr, vx if vendor_left else right - 34, y)
        y_v = y + 40
    else:
        y_v = y
    bottom = _vendor(wr, vx, y_v, half - 10, "left" if vendor_left else "right")
    title_bottom = _title(
        wr, right if vendor_left else left, y, "right" if vendor_left else "left", pen.s.accent
    )
    return max(bottom, title_bottom)


def _extras(wr: InvoiceWriter, x: float, y: float, entries: list[Entry]) -> float:
    pen = wr.pen
    for e in entries:
        label = pen.label(e.label)
        text = f"{label} {e.value}"
        pen.text(x, y, text, spans=((f"label:{e.key}", 0, len(label)), (e.key, len(label) + 1, len(text))))
        y += pen.s.line_h
    return y


def _parties_and_meta(wr: InvoiceWriter, y: float) -> float:
    plan, pen, c = wr.plan, wr.pen, wr.c
    left, right = wr.left, wr.right
    width = right - left
    col = width * 0.48
    cust, ship = c.parties["customer"], c.parties.get("shipping")
    if plan.meta_side == "below":
        b1 = party_block(pen, left, y, col, cust, "customer", plan.customer_heading, plan.customer_extra)
        b2 = (
            party_block(pen, left + width * 0.52, y, col, ship, "shipping", plan.shipping_heading, [])
            if ship
            else y
        )
        y = max(b1, b2) + 12
        return kv_block(
            pen, left, y, width if plan.meta_style in ("above", "table") else col, plan.meta, plan.meta_style
        )
    cust_x, meta_x = (left, left + width * 0.52) if plan.meta_side == "right" else (left + width * 0.52, left)
    b1 = party_block(pen, cust_x, y, col, cust, "customer", plan.customer_heading, plan.customer_extra)
    if ship:
        b1 = party_block(pen, cust_x, b1 + 8, col, ship, "shipping", plan.shipping_heading, [])
    style = "beside" if plan.meta_style == "table" else plan.meta_style
    b2 = kv_block(pen, meta_x, y, col, plan.meta, style)
    return max(b1, b2)


def draw_notes(wr: InvoiceWriter, y: float, bottom: float) -> float:
    """Draws payment terms, reverse-charge note, amount in words and thanks, while they fit."""
    pen = wr.pen
    for text, key in wr.plan.notes:
        lines = pen.wrap(text, wr.right - wr.left)
        if y + pen.s.line_h * len(lines) > bottom:
            return y
        for line in lines:
            pen.text(wr.left, y, line, key=key)
            y += pen.s.line_h
    return y
