"""Thermal receipt layout: a narrow page of rows (left / right / centred segments), monospace mostly."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from docsift.synth.knowledge import load
from docsift.synth.model import Content
from docsift.synth.painter import Painter
from docsift.synth.style import Pen, Style

MM = 72 / 25.4


@dataclass
class Seg:
    """One piece of a row: text, alignment, optional key and sub-string spans."""

    text: str
    align: str = "left"
    key: str | None = None
    spans: tuple[tuple[str, int, int], ...] = ()
    bold: bool = False
    scale: float = 1.0  # print size relative to the body font (a brand line may be larger)


@dataclass
class ReceiptPlan:
    """The rows of a receipt and its paper."""

    width: float
    margin: float
    chars: int
    rows: list[list[Seg]] = field(default_factory=list)
    name: str = ""


def labelled(label: str, value: str, key: str, sep: str = ": ") -> Seg:
    """A left segment "LABEL: value" with the value (and label) tagged."""
    text = f"{label}{sep}{value}"
    return Seg(text, spans=((key, len(text) - len(value), len(text)), (f"label:{key}", 0, len(label))))


def plan_receipt(rng: random.Random, c: Content) -> ReceiptPlan:
    """Chooses paper, spellings and row order of receipt ``c`` (and its printed time format)."""
    words = load("receipts")[c.extra["style"]]
    narrow = rng.random() < 0.45
    plan = ReceiptPlan(
        width=(58 if narrow else 80) * MM,
        margin=rng.choice([5, 7, 9]),
        chars=32 if narrow else rng.choice([40, 42, 48]),
    )
    from docsift.synth.receipt_rows import body_rows, header_rows, total_rows

    plan.rows = (
        header_rows(rng, c, words, plan) + body_rows(rng, c, words, plan) + total_rows(rng, c, words, plan)
    )
    plan.name = f"receipt/{c.extra['style']}/{'58' if narrow else '80'}mm"
    return plan


def font_size(pen: Pen, plan: ReceiptPlan) -> float:
    """The size at which ``plan.chars`` characters fill the paper width."""
    usable = plan.width - 2 * plan.margin
    probe = "0" if pen.s.family.mono else "W"  # proportional faces: size for the widest capital
    return usable / (pen.p.text_width(probe * plan.chars, pen.font(True), 10) / 10)


def render_receipt(c: Content, plan: ReceiptPlan, style: Style) -> Painter:
    """Draws the rows on a page exactly as tall as the receipt; returns the painter."""
    probe = Pen(Painter(plan.width, 100), style)
    style.size = round(font_size(probe, plan), 2)
    scales = [max((seg.scale for seg in row), default=1.0) for row in plan.rows]
    height = 2 * plan.margin + sum(scales) * style.line_h + 20
    painter = Painter(plan.width, height)
    pen = Pen(painter, style)
    y = plan.margin + 10
    left, right = plan.margin, plan.width - plan.margin
    items_top = items_bottom = None
    for row, scale in zip(plan.rows, scales, strict=True):
        for seg in row:
            x = left if seg.align == "left" else right if seg.align == "right" else plan.width / 2
            size = style.size * seg.scale if seg.scale != 1.0 else None
            box = pen.text(x, y, seg.text, seg.bold, size, align=seg.align, key=seg.key, spans=seg.spans)
            if (seg.key and seg.key.startswith("li:")) or any(s[0].startswith("li:") for s in seg.spans):
                items_top = box[1] if items_top is None else items_top
                items_bottom = box[3]
        y += style.line_h * scale
    if items_top is not None and items_bottom is not None:
        painter.record("table_region", (left, items_top, right, items_bottom), "")
    return painter
