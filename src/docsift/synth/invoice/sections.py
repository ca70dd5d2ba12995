"""The top of an invoice's first page: the line at the top edge, the header (one drawer per value of
the ``header`` axis), then the parties zone. Each drawer returns the y below what it drew.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from docsift.synth.images import initials_of, render_logo
from docsift.synth.invoice.blocks import inline_entry
from docsift.synth.invoice.page import InvoicePage
from docsift.synth.invoice.party_blocks import draw_parties_and_meta, party_block, sender_line
from docsift.synth.invoice.plan_parts import PartyLook
from docsift.synth.model import Content

WHITE = (1.0, 1.0, 1.0)
LETTERHEAD_RATE = 0.35  # title-only headers opening with the vendor's one-line letterhead
Color = tuple[float, float, float]


def draw_first_page_top(wr: InvoicePage, y: float) -> float:
    """Draws the top line, header, parties and reference block; returns the y where the table starts."""
    _top_line(wr)
    header = wr.plan.axes["header"]
    y = HEADERS[header](wr, y)
    y = draw_parties_and_meta(wr, y + 14)
    if header == "din":  # a DIN letter's subject line: the title under the address window
        y = _title(wr, wr.left, y + 10, "left", wr.pen.s.accent, 1.5, 0.9)
    return y


def _top_line(wr: InvoicePage) -> None:
    entry = wr.plan.top_ref
    if entry:
        inline_entry(wr.pen, wr.right, wr.plan.margin * 0.4, entry, size=wr.pen.s.size * 0.8, align="right")


def _title(
    wr: InvoicePage, x: float, y: float, align: str, color: Color, scale: float = 1.9, share: float = 0.48
) -> float:
    """Draws the title (with the number, when the plan says so) within ``share`` of the content width,
    shrunk to fit; returns the y below it."""
    pen, plan = wr.pen, wr.plan
    size = pen.s.size * scale
    text = plan.title
    spans: tuple[tuple[str, int, int], ...] = ()
    if plan.title_number:
        number = wr.c.fields["invoice_number"]
        text = f"{plan.title} {number}"
        spans = (
            ("invoice_number", len(plan.title) + 1, len(text)),
            ("label:invoice_number", 0, len(plan.title)),
        )
    room = (wr.right - wr.left) * share
    size = min(size, size * room / max(pen.width(text, True, size), 1.0))
    pen.text(x, y, text, bold=True, size=size, color=color, align=align, spans=spans)
    return y + size * 1.3


def _vendor(wr: InvoicePage, x: float, y: float, width: float, align: str, scale: float = 1.4) -> float:
    look = PartyLook(heading=None, name_lines=[wr.c.parties["vendor"].name], extra=wr.plan.vendor_extra)
    return party_block(
        wr.pen, x, y, width, wr.c.parties["vendor"], "vendor", look, wr.pen.s.size * scale, align
    )


def draw_logo(wr: InvoicePage, x: float, y: float, align: str = "left") -> float:
    """Draws the plan's logo with its top at ``y`` (``x`` is its left, right or centre edge); returns
    the y below it (``y`` when the plan has no logo)."""
    pen, spec = wr.pen, wr.plan.logo
    if wr.plan.axes["logo"] == "vector":
        cx = x + 16 if align == "left" else x - 16 if align == "right" else x
        pen.p.circle(cx, y + 16, 16, pen.s.accent)
        initials = initials_of(wr.c.parties["vendor"].name)[:2]
        pen.text(cx, y + 10, initials, bold=True, size=11, color=WHITE, align="center")
        return y + 36
    if spec is None:
        return y
    x0 = x if align == "left" else x - spec.width if align == "right" else x - spec.width / 2
    pen.p.image(x0, y, spec.width, spec.height, render_logo(spec))
    if spec.brand:
        pen.p.record("image:logo", (x0, y, x0 + spec.width, y + spec.height), spec.brand)
    return y + spec.height + 6


def _side(wr: InvoicePage, y: float, vendor_left: bool) -> float:
    left, right = wr.left, wr.right
    half = (right - left) / 2
    align = "left" if vendor_left else "right"
    y_v = draw_logo(wr, left if vendor_left else right, y, align)
    bottom = _vendor(wr, left if vendor_left else left + half, y_v, half - 10, align)
    title_x, title_align = (right, "right") if vendor_left else (left, "left")
    return max(bottom, _title(wr, title_x, y, title_align, wr.pen.s.accent))


def _center(wr: InvoicePage, y: float) -> float:
    mid = (wr.left + wr.right) / 2
    y = draw_logo(wr, mid, y, "center")
    y = _vendor(wr, wr.left, y, wr.right - wr.left, "center")
    return _title(wr, mid, y + 8, "center", wr.pen.s.accent, share=0.9)


def _banner(wr: InvoicePage, y: float) -> float:
    pen, v = wr.pen, wr.c.parties["vendor"]
    h = pen.s.size * 3.2
    pen.p.rect(0, y - 8, wr.w, h + 8, fill=pen.s.accent, stroke=None)
    size = pen.s.size * 1.5
    size = min(size, size * (wr.right - wr.left) * 0.5 / pen.width(v.name, True, size))
    pen.text(wr.left, y + 2, v.name, bold=True, size=size, color=WHITE, key="vendor_name")
    _title(wr, wr.right, y, "right", WHITE, share=0.45)
    y2 = y + h + 6
    for line in v.address:
        pen.text(wr.left, y2, line, key="vendor_address")
        y2 += pen.s.line_h
    for e in wr.plan.vendor_extra:
        inline_entry(pen, wr.left, y2, e)
        y2 += pen.s.line_h
    return y2


def _big_title(wr: InvoicePage, y: float) -> float:
    """A title two or three times the body size at the left, the vendor block at the right."""
    half = (wr.right - wr.left) / 2
    title_bottom = _title(wr, wr.left, y, "left", wr.pen.s.accent, wr.plan.title_scale, 0.45)
    y_v = draw_logo(wr, wr.right, y, "right")
    return max(title_bottom, _vendor(wr, wr.left + half, y_v, half, "right", 1.15))


def _din(wr: InvoicePage, y: float) -> float:
    """Letterhead: logo and the vendor's name at the top right or centre; the title comes later."""
    pen, v = wr.pen, wr.c.parties["vendor"]
    centred = wr.plan.title_side == "center"
    x, align = ((wr.left + wr.right) / 2, "center") if centred else (wr.right, "right")
    y = draw_logo(wr, x, y, align)
    size = pen.s.size * 1.6
    pen.text(x, y, v.name, bold=True, size=size, color=pen.s.accent, align=align, key="vendor_name")
    return y + size * 1.4


def has_letterhead(c: Content) -> bool:
    """Whether a title-only header opens with the vendor's one-line letterhead. Decided by a
    generator of its own, seeded by the document's number, so that other documents come out as
    they did before letterheads existed."""
    return random.Random(f"letterhead:{c.fields['invoice_number']}").random() < LETTERHEAD_RATE


def _letterhead(wr: InvoicePage, y: float) -> float:
    """The vendor's name and address in one small line across the top ("Firma SARL - 1 rue X - 75001
    Paris") when the document has one; returns the y below it."""
    return sender_line(wr, wr.left, y, wr.right - wr.left) + 4 if has_letterhead(wr.c) else y


def _title_only(wr: InvoicePage, y: float) -> float:
    """Only the title (and an icon without a name, sometimes), under the vendor's one-line letterhead
    sometimes; the vendor's block is printed elsewhere."""
    y = _letterhead(wr, y)
    left_title = wr.plan.title_side == "left"
    y_logo = draw_logo(wr, wr.right if left_title else wr.left, y, "right" if left_title else "left")
    title_x, align = (wr.left, "left") if left_title else (wr.right, "right")
    return max(y_logo, _title(wr, title_x, y, align, wr.pen.s.accent))


def _logo_only(wr: InvoicePage, y: float) -> float:
    """A picture logo holding the name; the address and contacts beside it are text without the name."""
    pen, v = wr.pen, wr.c.parties["vendor"]
    left_logo = wr.plan.title_side != "left"
    x, align = (wr.left, "left") if left_logo else (wr.right, "right")
    y_text = draw_logo(wr, x, y, align)
    tx = x
    for line in v.address:
        pen.text(tx, y_text, line, size=pen.s.size * 0.9, align=align, key="vendor_address")
        y_text += pen.s.line_h * 0.9
    for e in wr.plan.vendor_extra:
        inline_entry(pen, tx, y_text, e, size=pen.s.size * 0.9, align=align)
        y_text += pen.s.line_h * 0.9
    title_x, title_align = (wr.right, "right") if left_logo else (wr.left, "left")
    return max(y_text, _title(wr, title_x, y, title_align, pen.s.accent))


def draw_sidebar(wr: InvoicePage, first: bool) -> None:
    """The coloured side column; on the first page it holds the vendor's logo, name, address and ids."""
    pen, plan = wr.pen, wr.plan
    pen.p.rect(0, 0, plan.sidebar_w, wr.h, fill=plan.sidebar_fill, stroke=None)
    if not first:
        return
    x, width = plan.margin * 0.6, plan.sidebar_w - plan.margin * 1.0
    y = draw_logo(wr, x, plan.margin, "left")
    look = PartyLook(heading=None, name_lines=[wr.c.parties["vendor"].name], extra=[])
    y = party_block(pen, x, y, width, wr.c.parties["vendor"], "vendor", look, pen.s.size * 1.2)
    small = pen.s.size * 0.85
    for e in plan.vendor_extra:
        pen.text(x, y + 6, pen.label(e.label), size=small, bold=True, key=f"label:{e.key}")
        for part in pen.wrap(e.value, width, size=small):
            y += small * pen.s.leading
            fit = min(small, small * width / max(pen.width(part, size=small), 1.0))  # a long e-mail
            pen.text(x, y + 6, part, size=fit, key=e.key)
        y += small * pen.s.leading + 4


def _sidebar(wr: InvoicePage, y: float) -> float:
    draw_sidebar(wr, first=True)
    return _title(wr, wr.right, y, "right", wr.pen.s.accent)


HEADERS: dict[str, Callable[[InvoicePage, float], float]] = {
    "left": lambda wr, y: _side(wr, y, vendor_left=True),
    "right": lambda wr, y: _side(wr, y, vendor_left=False),
    "center": _center,
    "banner": _banner,
    "big_title": _big_title,
    "din": _din,
    "footer": _title_only,
    "logo_only": _logo_only,
    "logo_footer": _title_only,
    "sidebar": _sidebar,
    "from_block": _title_only,
}
