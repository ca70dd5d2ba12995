"""The bottom of an invoice: notes under the totals, the signature (text, picture, stamp) and the page
footer (one or more lines of ids and bank details, or the vendor's details in columns).
"""

from __future__ import annotations

from docsift.synth.images import render_signature, render_stamp
from docsift.synth.invoice.blocks import Entry, inline_entry
from docsift.synth.invoice.page import InvoicePage
from docsift.synth.style import Pen

GREY = (0.35, 0.35, 0.35)
FOOTER_SCALE = 0.8  # footer text size relative to the body


def draw_notes(wr: InvoicePage, y: float, bottom: float) -> float:
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


def draw_signature(wr: InvoicePage, y: float, bottom: float) -> float:
    """The signature block at the right ("For <vendor>", a signature picture or space, a rule and a
    label), with a stamp beside it sometimes; skipped when it does not fit."""
    pen, plan = wr.pen, wr.plan
    kind = plan.axes["signature"]
    sign = plan.signature
    need = pen.s.line_h * 3 + (sign.height if sign else 30)
    if kind == "none" or y + need > bottom:
        return y
    x = wr.right - 170
    y += 6
    top = plan.sign_top
    if top:
        name = wr.c.parties["vendor"].name
        text = top.replace("{vendor}", name)
        start = top.find("{vendor}")
        spans = (("vendor_name", start, start + len(name)),) if start >= 0 else ()
        pen.text(x, y, text, spans=spans)
        y += pen.s.line_h
    if sign and kind in ("image", "stamp"):
        pen.p.image(x + 10, y, sign.width, sign.height, render_signature(sign))
        y += sign.height
    else:
        y += 26
    if plan.stamp and kind == "stamp":
        picture = render_stamp(plan.stamp)
        w, h = picture.width / 2.5, picture.height / 2.5
        pen.p.image(x - w - 12, y - h * 0.8, w, h, picture)
    pen.p.line(x, y + 2, x + 160, y + 2, 0.5, GREY)
    if plan.sign_bottom:
        pen.text(x, y + 5, plan.sign_bottom, size=pen.s.size * 0.9, color=GREY)
        y += pen.s.line_h
    return y + 8


def _row_layout(pen: Pen, groups: list[list[Entry]], width: float, size: float) -> list[list[Entry]]:
    """Footer entries in printed rows: each group starts a row, a row wraps when it would overflow."""
    rows: list[list[Entry]] = []
    for group in groups:
        rows.append([])
        used = 0.0
        for e in group:
            w = pen.width(f"{pen.label(e.label)} {e.value}", size=size) + 14
            if rows[-1] and used + w > width:
                rows.append([])
                used = 0.0
            rows[-1].append(e)
            used += w
    return rows


def _columns(wr: InvoicePage) -> list[list[tuple[str, str | None, Entry | None]]]:
    """Footer columns as printed lines: (text, key, entry); the vendor column first when planned."""
    plan, v = wr.plan, wr.c.parties["vendor"]
    cols: list[list[tuple[str, str | None, Entry | None]]] = []
    first: list[tuple[str, str | None, Entry | None]] = []
    if plan.footer_name:
        first.append((v.name, "vendor_name", None))
    if plan.footer_address:
        first += [(line, "vendor_address", None) for line in v.address]
    if first:
        cols.append(first)
    for group in plan.footer:
        cols.append([("", None, e) for e in group])
    return cols


def footer_height(wr: InvoicePage) -> float:
    """The height the footer takes at the bottom of every page."""
    pen = wr.pen
    size = pen.s.size * FOOTER_SCALE
    line = size * pen.s.leading
    if wr.plan.axes["footer"] == "columns":
        n = max((len(col) for col in _columns(wr)), default=0)
    else:
        n = len(_row_layout(pen, wr.plan.footer, wr.right - wr.left, size))
    return (n + 1) * line + 12


def draw_footer(wr: InvoicePage) -> None:
    """Footer of the current page: rows or columns, then the page number."""
    pen, plan = wr.pen, wr.plan
    size = pen.s.size * FOOTER_SCALE
    line = size * pen.s.leading
    y = wr.h - plan.margin - wr.footer_h + 6
    pen.p.line(wr.left, y - 3, wr.right, y - 3, 0.4, (0.6, 0.6, 0.6))
    if plan.axes["footer"] == "columns":
        cols = _columns(wr)
        width = (wr.right - wr.left) / max(1, len(cols))
        for k, col in enumerate(cols):
            cy, x = y, wr.left + k * width
            texts = [f"{pen.label(e.label)} {e.value}" if e else t for t, _, e in col]
            widest = max(pen.width(t, True, size) for t in texts)
            col_size = size * min(1.0, (width - 8) / widest) if widest else size
            for text, key, entry in col:
                if entry is not None:
                    inline_entry(pen, x, cy, entry, size=col_size)
                else:
                    pen.text(x, cy, text, size=col_size, bold=key == "vendor_name", key=key)
                cy += line
        y += max((len(col) for col in cols), default=0) * line
    else:
        for row in _row_layout(pen, plan.footer, wr.right - wr.left, size):
            x = wr.left
            for e in row:
                x = inline_entry(pen, x, y, e, size=size) + 14
            y += line
    label = plan.page_label.replace("{n}", str(wr.painter.page)).replace("{m}", str(wr.pages))
    if plan.axes["top_ref"] == "page":
        pen.text(wr.right, plan.margin * 0.4, label, size=size, align="right")
    else:
        pen.text(wr.right, y, label, size=size, align="right")
