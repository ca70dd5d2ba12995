"""The parties zone of an invoice's first page: customer, ship-to and "From" blocks and the reference
block beside or under them, arranged by the ``parties``, ``header`` and ``meta_side`` axes.
"""

from __future__ import annotations

from dataclasses import replace

from docsift.synth.invoice.blocks import entry_lines, kv_block
from docsift.synth.invoice.page import InvoicePage
from docsift.synth.invoice.plan_parts import PartyLook
from docsift.synth.model import Party
from docsift.synth.style import Pen

DIN_WINDOW_TOP = 125.0  # points from the top edge: where a DIN 5008 envelope window starts
WIDE_STYLES = ("above", "table", "header_row", "cells", "two_col")


def party_block(
    pen: Pen,
    x: float,
    y: float,
    width: float,
    party: Party,
    prefix: str,
    look: PartyLook,
    name_size: float | None = None,
    align: str = "left",
) -> float:
    """A party: heading, salutation, name lines, attention line, address lines and extra entries, or
    the key-value form ("CUSTOMER NAME: X" / "ADDRESS: ..."); returns the y below."""
    if look.kv_labels:
        return _kv_party(pen, x, y, width, party, prefix, look, look.kv_labels)
    ax = x + width if align == "right" else x + width / 2 if align == "center" else x
    y = _heading(pen, ax, y, width, look, f"label:{prefix}_name", align)
    size = name_size or pen.s.size
    widest = max(pen.width(f"{look.salutation or ''} {line}", True, size) for line in look.name_lines)
    fit = width / max(widest, 1.0)
    if fit < 0.75:  # a long name in a narrow column goes over several lines rather than shrinking
        look = replace(
            look, name_lines=[p for n in look.name_lines for p in pen.wrap(n, width * 0.9, True, size)]
        )
        widest = max(pen.width(f"{look.salutation or ''} {line}", True, size) for line in look.name_lines)
        fit = width / max(widest, 1.0)
    size = min(size, size * fit)
    if look.salutation and look.salutation_line:
        pen.text(ax, y, look.salutation, size=size, align=align, key=f"x_salutation:{prefix}")
        y += size * pen.s.leading
    for k, line in enumerate(look.name_lines):
        if k == 0 and look.salutation and not look.salutation_line:
            text = f"{look.salutation} {line}"
            start = len(look.salutation) + 1
            spans = ((f"{prefix}_name", start, len(text)),)
            pen.text(ax, y, text, bold=True, size=size, align=align, spans=spans)
        else:
            pen.text(ax, y, line, bold=True, size=size, align=align, key=f"{prefix}_name")
        y += size * pen.s.leading
    if look.attn:
        pen.text(ax, y, look.attn, align=align, key=f"x_attn:{prefix}")
        y += pen.s.line_h
    for line in party.address:
        for part in pen.wrap(line, width):
            pen.text(ax, y, part, align=align, key=f"{prefix}_address")
            y += pen.s.line_h
    for e in look.extra:
        y = entry_lines(pen, ax, y, e, width, align=align)
    return y


def _heading(
    pen: Pen, x: float, y: float, width: float, look: PartyLook, key: str, align: str = "left"
) -> float:
    """The block's heading (truth key ``key``) and the party's id rows under it, when it has a
    heading; returns the y below."""
    if not look.heading:
        return y
    text = pen.label(look.heading) if pen.s.colon else look.heading
    pen.text(x, y, text, bold=True, color=pen.s.accent, align=align, key=key)
    y += pen.s.line_h
    for e in look.lead:
        y = entry_lines(pen, x, y, e, width, align=align)
    return y


def _kv_party(
    pen: Pen,
    x: float,
    y: float,
    width: float,
    party: Party,
    prefix: str,
    look: PartyLook,
    labels: tuple[str, str],
) -> float:
    """ "CUSTOMER NAME: X" then "ADDRESS:" with the address lines in the value column (or under the
    labels when they are too wide for a column of their own), under the heading when there is one."""
    y = _heading(pen, x, y, width, look, f"x_heading:{prefix}")  # a section heading ("Käufer", "Seller")
    name_label, address_label = (pen.label(t) for t in labels)
    col = max(pen.width(name_label, True), pen.width(address_label, True)) + 8
    stacked = col > width * 0.45
    step = pen.s.line_h if stacked else 0.0
    col = 0.0 if stacked else col
    pen.text(x, y, name_label, bold=True, color=pen.s.label_color, key=f"label:{prefix}_name")
    y += step
    lines = [part for line in look.name_lines for part in pen.wrap(line, width - col, bold=True)]
    for k, line in enumerate(lines):
        if k == 0 and look.salutation:
            text = f"{look.salutation} {line}"
            spans = ((f"{prefix}_name", len(look.salutation) + 1, len(text)),)
            pen.text(x + col, y, text, bold=True, spans=spans)
        else:
            pen.text(x + col, y, line, bold=True, key=f"{prefix}_name")
        y += pen.s.line_h
    if look.attn:
        pen.text(x + col, y, look.attn, key=f"x_attn:{prefix}")
        y += pen.s.line_h
    pen.text(x, y, address_label, bold=True, color=pen.s.label_color, key=f"label:{prefix}_address")
    y += step
    for line in party.address:
        for part in pen.wrap(line, width - col):
            pen.text(x + col, y, part, key=f"{prefix}_address")
            y += pen.s.line_h
    for e in look.extra:
        y = entry_lines(pen, x, y, e, width)
    return y


def sender_line(wr: InvoicePage, x: float, y: float, width: float) -> float:
    """The one-line sender address above a window address ("Firma GmbH · Straße 1 · 12345 Stadt")."""
    pen, v = wr.pen, wr.c.parties["vendor"]
    sep = wr.plan.sender_sep
    name, lines = v.name, list(v.address)
    small = pen.s.size * 0.72
    while pen.width(sep.join([name, *lines]), size=small) > width and small > 5.5:
        small -= 0.3
    while len(lines) > 1 and pen.width(sep.join([name, *lines]), size=small) > width:
        lines.pop(-2)  # senders leave out a line (district, state), keeping the postcode and city
    text = sep.join([name, *lines])
    spans: tuple[tuple[str, int, int], ...] = (("vendor_name", 0, len(name)),)
    if lines == v.address:  # the whole address is printed: it is the vendor_address
        spans += (("vendor_address", len(name) + len(sep), len(text)),)
    box = pen.text(x, y, text, size=small, color=(0.3, 0.3, 0.3), spans=spans)
    pen.p.line(x, box[3] + 1, box[2], box[3] + 1, 0.3, (0.4, 0.4, 0.4))
    return box[3] + 6


def _blocks(wr: InvoicePage) -> list[tuple[Party, str, PartyLook]]:
    plan, c = wr.plan, wr.c
    blocks = [(c.parties["customer"], "customer", plan.customer)]
    if plan.axes["header"] == "from_block":
        vendor = (c.parties["vendor"], "vendor", plan.vendor_look)
        blocks = [vendor, *blocks] if plan.from_first else [*blocks, vendor]
    if plan.shipping and plan.axes["parties"] == "ship_side":
        blocks.append((c.parties["shipping"], "shipping", plan.shipping))
    return blocks


def draw_parties_and_meta(wr: InvoicePage, y: float) -> float:
    """Draws the party blocks and the reference block; returns the y where the item table starts."""
    plan, pen = wr.plan, wr.pen
    left, right = wr.left, wr.right
    width = right - left
    blocks = _blocks(wr)
    meta_side = plan.axes["meta_side"]
    columns = len(blocks) + (1 if meta_side in ("left", "right") else 0)
    gap = 14.0
    col = (width - gap * (columns - 1)) / columns if columns > 1 else width * 0.5
    if plan.axes["header"] == "din":
        y = max(y, DIN_WINDOW_TOP)
    xs = [left + k * (col + gap) for k in range(columns)]
    meta_x = None
    if meta_side == "left":
        meta_x, xs = xs[0], xs[1:]
    elif meta_side == "right":
        meta_x, xs = xs[-1], xs[:-1]
    bottom = y
    for x, (party, prefix, look) in zip(xs, blocks, strict=False):
        top = y
        if prefix == "customer" and plan.axes["header"] == "din":
            top = sender_line(wr, x, y, col)
        b = party_block(pen, x, top, col, party, prefix, look)
        if prefix == "customer" and plan.shipping and plan.axes["parties"] == "ship_stacked":
            b = party_block(pen, x, b + 8, col, wr.c.parties["shipping"], "shipping", plan.shipping)
        bottom = max(bottom, b)
    if meta_x is not None:
        style = plan.axes["kv"]
        bottom = max(bottom, kv_block(pen, meta_x, y, col, plan.meta, style))
        return bottom
    return kv_block(pen, left, bottom + 12, _meta_width(plan.axes["kv"], width), plan.meta, plan.axes["kv"])


def _meta_width(style: str, width: float) -> float:
    return width if style in WIDE_STYLES else width * 0.5
