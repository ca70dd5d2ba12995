"""The lines of an invoice's totals block: which amounts are printed, in which order, with which labels.

Amounts here are as printed (a credit note may print them negative); the truth keeps magnitudes.
Drawing is in ``totals_draw``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from docsift.synth.invoice.extras import shown
from docsift.synth.knowledge import load, pick
from docsift.synth.model import Content


@dataclass
class TotalLine:
    """One printed line of the totals block; ``key`` tags the amount (a field name or ``x_...``)."""

    key: str
    label: str
    amount: Decimal
    bold: bool = False
    mark: bool = False


def total_lines(rng: random.Random, c: Content, lab: dict, marks: bool = True) -> list[TotalLine]:
    """The lines of the totals block for ``c`` in the language's words; ``marks`` allows currency marks."""
    t, a = lab["totals"], c.amounts
    india = {**load("india")["tax_labels"], **lab.get("india", {})} if c.regime == "gst" else None
    lines = [TotalLine("subtotal", pick(rng, india["subtotal"] if india else t["subtotal"]), a["subtotal"])]
    if "total_discount" in a:
        lines.append(TotalLine("total_discount", pick(rng, t["total_discount"]), -a["total_discount"]))
    if "shipping" in a:
        lines.append(TotalLine("x_shipping", pick(rng, t["shipping"]), a["shipping"]))
    lines += _tax_lines(rng, c, t, india)
    if "round_off" in a:
        label = pick(rng, india["round_off"] if india else t["rounding"])
        lines.append(TotalLine("x_round_off", label, a["round_off"]))
    total_label = pick(rng, india["invoice_total"] if india else t["invoice_total"])
    total = TotalLine("invoice_total", total_label, a["invoice_total"], bold=True, mark=rng.random() < 0.7)
    lines = _with_balance(rng, c, t, lines, total)
    if rng.random() < 0.2:
        for line in lines:
            line.mark = True
    for line in lines:
        line.amount = shown(c, line.amount)
        line.mark = line.mark and marks
    return lines


def _with_balance(
    rng: random.Random, c: Content, t: dict, lines: list[TotalLine], total: TotalLine
) -> list[TotalLine]:
    """The invoice's own lines plus advance, payments, previous balance and the amount due."""
    a = c.amounts
    due = TotalLine("amount_due", pick(rng, t["amount_due"]), a["amount_due"], bold=True, mark=True)
    kind = c.extra.get("balance", "plain")
    if kind == "plain":
        return [*lines, total, due] if rng.random() < 0.25 else [*lines, total]
    if kind == "prepaid":
        return [*lines, total, TotalLine("x_prepaid", pick(rng, t["prepaid"]), -a["prepaid"]), due]
    paid = [TotalLine("x_payments", pick(rng, t["payments"]), -a["payments"])] if "payments" in a else []
    if kind == "payments":
        return [*lines, total, *paid, due]
    previous = TotalLine("x_previous_balance", pick(rng, t["previous_balance"]), a["previous_balance"])
    if rng.random() < 0.5:  # statement order: what was owed, what came in, this invoice, what is owed now
        total.label = pick(rng, t["current_charges"]) if rng.random() < 0.6 else total.label
        return [previous, *paid, *lines, total, due]
    return [*lines, total, previous, *paid, due]


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
