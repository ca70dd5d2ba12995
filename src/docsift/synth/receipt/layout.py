"""Receipt layout: the format's plan (rows on a paper) and the renderer that draws any plan.

Formats register a plan builder in ``FORMATS``: thermal till rolls (58/80 mm), A4/letter printed
receipts, hotel folios, e-mail receipts and phone-app screenshots. The renderer lays the rows out
first (row heights, cards, bands), then draws backgrounds, then text and logos, so a card or band
lies under its text.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from docsift.synth.model import Content
from docsift.synth.painter import Painter
from docsift.synth.receipt.axes import ReceiptAxes
from docsift.synth.receipt.plan import MM, Ctx, ReceiptPlan, Row, Seg, labelled
from docsift.synth.receipt.words import region_words
from docsift.synth.style import Pen, Style

__all__ = ["FORMATS", "MM", "ReceiptPlan", "Seg", "labelled", "plan_receipt", "render_receipt"]


def _builders() -> dict[str, Callable[[Ctx, Style], None]]:
    from docsift.synth.receipt.app import app_plan
    from docsift.synth.receipt.email import email_plan
    from docsift.synth.receipt.folio import folio_plan
    from docsift.synth.receipt.page import page_plan, thermal_plan

    return {
        "thermal58": thermal_plan,
        "thermal80": thermal_plan,
        "page": page_plan,
        "folio": folio_plan,
        "email": email_plan,
        "app": app_plan,
    }


FORMATS = ("thermal58", "thermal80", "page", "folio", "email", "app")


def plan_receipt(rng: random.Random, c: Content, ax: ReceiptAxes, style: Style) -> ReceiptPlan:
    """The plan of receipt ``c`` in the format of ``ax`` (paper, font size, rows, name)."""
    plan = ReceiptPlan(width=80 * MM, margin=7, chars=42)
    ctx = Ctx(rng, c, ax, region_words(ax.region), plan)
    _builders()[ax.format](ctx, style)
    plan.name = f"receipt/{ax.format}/{ax.region}"
    return plan


def font_size(pen: Pen, plan: ReceiptPlan) -> float:
    """The size at which ``plan.chars`` characters fill the paper width."""
    usable = plan.width - 2 * plan.margin
    probe = "0" if pen.s.family.mono else "W"  # proportional faces: size for the widest capital
    return usable / (pen.p.text_width(probe * plan.chars, pen.font(True), 10) / 10)


@dataclass
class _Placed:
    """A row placed on the page: top, height and the horizontal bounds inside any card."""

    row: Row
    y: float
    h: float
    left: float
    right: float


def _layout(plan: ReceiptPlan, line_h: float) -> tuple[list[_Placed], list[tuple[float, ...]], float]:
    """Rows placed top-down; the cards' boxes; the height the rows need."""
    y = plan.margin + 10
    left, right = plan.margin, plan.width - plan.margin
    placed: list[_Placed] = []
    cards: list[tuple[float, ...]] = []
    open_cards: list[float] = []
    for row in plan.rows:
        kinds = {s.kind for s in row}
        if "card_start" in kinds:
            open_cards.append(y)
            y += plan.card_pad
            continue
        if "card_end" in kinds and open_cards:
            y += plan.card_pad
            cards.append((plan.margin, open_cards.pop(), plan.width - plan.margin, y))
            y += plan.card_pad * 0.8
            continue
        inset = plan.card_pad * len(open_cards)
        h = max((s.scale for s in row), default=1.0) * line_h
        placed.append(_Placed(row, y, h, left + inset, right - inset))
        y += h
    return placed, cards, y + plan.margin + 10


def _anchor(seg: Seg, p: _Placed, width: float) -> float:
    if seg.x is not None:
        return p.left + seg.x * (p.right - p.left)
    return p.left if seg.align == "left" else p.right if seg.align == "right" else width / 2


def _backgrounds(painter: Painter, plan: ReceiptPlan, placed: list[_Placed], cards: list) -> None:
    pal = plan.palette
    if pal["paper"] != (1.0, 1.0, 1.0):
        painter.rect(0, 0, plan.width, painter.height, fill=pal["paper"], stroke=None)
    for x0, y0, x1, y1 in cards:
        c = painter.canvas
        c.setFillColorRGB(*pal["card"])
        c.setStrokeColorRGB(*pal["line"])
        c.setLineWidth(0.4)
        c.roundRect(x0, painter.height - y1, x1 - x0, y1 - y0, 8, stroke=1, fill=1)
    for p in placed:
        for seg in p.row:
            if seg.kind == "band":
                painter.rect(0, p.y, plan.width, p.h, fill=pal[seg.color], stroke=None)
            elif seg.kind == "rule":
                mid = p.y + p.h / 2
                if seg.meta.get("style") == "dashed":
                    painter.canvas.setDash(2, 2)
                painter.line(p.left, mid, p.right, mid, 0.6, pal["line"])
                painter.canvas.setDash()


def _draw_text(pen: Pen, plan: ReceiptPlan, p: _Placed, seg: Seg) -> tuple[float, float, float, float]:
    x = _anchor(seg, p, plan.width)
    size = pen.s.size * seg.scale
    y = p.y + (p.h - seg.scale * pen.s.line_h) / 2
    return pen.text(
        x,
        y,
        seg.text,
        seg.bold,
        size,
        color=plan.palette[seg.color],
        align=seg.align,
        key=seg.key,
        spans=seg.spans,
    )


def render_receipt(c: Content, plan: ReceiptPlan, style: Style) -> Painter:
    """Draws the plan on a page as tall as its rows (or its fixed height); returns the painter."""
    from docsift.synth.receipt.logo import draw_logo

    probe = Pen(Painter(plan.width, 100), style)
    style.size = plan.size or round(font_size(probe, plan), 2)
    placed, cards, needed = _layout(plan, style.line_h)
    painter = Painter(plan.width, max(plan.height or 0.0, needed))
    pen = Pen(painter, style)
    _backgrounds(painter, plan, placed, cards)
    items_top = items_bottom = None
    for p in placed:
        for seg in p.row:
            if seg.kind == "logo":
                draw_logo(painter, _anchor(seg, p, plan.width), p.y, p.h, seg, p.right - p.left)
                continue
            if seg.kind != "text" or not seg.text:
                continue
            box = _draw_text(pen, plan, p, seg)
            if (seg.key and seg.key.startswith("li:")) or any(s[0].startswith("li:") for s in seg.spans):
                items_top = box[1] if items_top is None else items_top
                items_bottom = box[3]
    if items_top is not None and items_bottom is not None:
        painter.record("table_region", (plan.margin, items_top, plan.width - plan.margin, items_bottom), "")
    return painter
