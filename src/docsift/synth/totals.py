"""The totals block of an invoice: which lines are printed, their labels, and drawing them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from docsift.synth.knowledge import load, pick
from docsift.synth.model import Content
from docsift.synth.style import Pen


@dataclass
class TotalLine:
    """One printed line of the totals block; ``key`` tags the amount (a field name or ``x_...``)."""

    key: str
    label: str
    amount: Decimal
    bold: bool = False
    mark: bool = False


def total_lines(rng: random.Random, c: Content, lab: dict) -> list[TotalLine]:
    """The lines of the totals block for ``c`` in the language's words."""
    t, a = lab["totals"], c.amounts
    india = load("india")["tax_labels"] if c.regime == "gst" else None
    lines = [TotalLine("subtotal", pick(rng, india["subtotal"] if india else t["subtotal"]), a["subtotal"])]
    if "total_discount" in a:
        lines.append(TotalLine("total_discount", pick(rng, t["total_discount"]), -a["total_discount"]))
    if "shipping" in a:
        lines.append(TotalLine("x_shipping", pick(rng, t["shipping"]), a["shipping"]))
    lines += _tax_lines(rng, c, t, india)
    if "round_off" in a and india:
        lines.append(TotalLine("x_round_off", pick(rng, india["round_off"]), a["round_off"]))
    total_label = pick(rng, india["invoice_total"] if india else t["invoice_total"])
    lines.append(
        TotalLine("invoice_total", total_label, a["invoice_total"], bold=True, mark=rng.random() < 0.7)
    )
    if "prepaid" in a:
        lines.append(TotalLine("x_prepaid", pick(rng, t["prepaid"]), -a["prepaid"]))
        lines.append(
            TotalLine("amount_due", pick(rng, t["amount_due"]), a["amount_due"], bold=True, mark=True)
        )
    elif rng.random() < 0.25:
        lines.append(TotalLine("amount_due", pick(rng, t["amount_due"]), a["amount_due"], bold=True))
    if rng.random() < 0.2:
        for line in lines:
            line.mark = True
    return lines


def _tax_lines(rng: random.Random, c: Content, t: dict, india: dict | None) -> list[TotalLine]:
    rate_fmt = c.formats.rate
    out: list[TotalLine] = []
    if india:
        for kind in ("CGST", "SGST", "IGST"):
            taxes = [x for x in c.taxes if x.tax_type == kind]
            if not taxes:
                continue
            rates = {x.rate for x in taxes}
            template = pick(rng, india[kind.lower()])
            label = (
                template.replace("{half}", rate_fmt(taxes[0].rate)).replace("{rate}", rate_fmt(taxes[0].rate))
                if len(rates) == 1
                else template.split("@")[0]
                .split("(")[0]
                .replace("{half}%", "")
                .replace("{rate}%", "")
                .strip()
            )
            out.append(TotalLine(f"{kind.lower()}_amount", label, sum((x.amount for x in taxes), Decimal(0))))
        total_label = pick(rng, india["total_tax"])
    else:
        templates = t["tax_sales"] if c.regime == "sales" else t["tax_vat"]
        template = pick(rng, templates)
        for x in c.taxes:
            out.append(
                TotalLine(
                    f"x_tax:{x.tax_type}:{x.rate}", template.replace("{rate}", rate_fmt(x.rate)), x.amount
                )
            )
        total_label = pick(rng, t["total_tax"])
    if len(out) == 1 and not india and rng.random() < 0.7:
        out[0].key = "total_tax"
    elif out and (india or len(out) == 1 or rng.random() < 0.8):
        out.append(TotalLine("total_tax", total_label, c.amounts["total_tax"]))
    return out


def draw_totals(
    pen: Pen, c: Content, lines: list[TotalLine], right: float, width: float, y: float, boxed: bool
) -> float:
    """Draws the totals right-aligned at ``right`` within ``width``; returns the y below."""
    f = c.formats
    values = [f.amount(line.amount, mark=line.mark) for line in lines]
    value_w = max(pen.width(v, True) for v in values) + 6
    h = pen.s.line_h + 2
    if boxed:
        pen.p.rect(right - width, y - 2, width, h * len(lines) + 4, stroke=pen.s.accent, width=0.6)
    for line, value in zip(lines, values, strict=True):
        if line.key == "invoice_total":
            pen.p.line(right - width * 0.8, y - 1, right, y - 1, 0.8, pen.s.accent)
        label = pen.label(line.label)
        pen.text(
            right - value_w - 6,
            y + 1,
            label,
            bold=line.bold or pen.s.label_bold,
            align="right",
            key=f"label:{line.key}",
        )
        mark = c.formats.money.mark
        spans: tuple[tuple[str, int, int], ...] = ()
        if line.mark and mark and line.key == "invoice_total" and mark in value:
            start = value.index(mark)
            spans = (("currency", start, start + len(mark)),)
        pen.text(right - 3, y + 1, value, bold=line.bold, align="right", key=line.key, spans=spans)
        y += h
    return y + 4
