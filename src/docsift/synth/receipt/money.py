"""A receipt's money: subtotal, service charge, fees, discount, tax, tip, cash rounding, total and tender.

Amounts live in ``Content.amounts``: ``subtotal`` (before tax; the net when prices include VAT),
``service``, ``fee:<name>`` (delivery or platform fees), ``discount`` (positive), ``total_tax``,
``tip``, ``rounding``, ``total``, and the tender (``cash`` and ``change``, or ``card``).
``other`` is everything in the total besides subtotal, tax and tip, so that
total = subtotal + total_tax + tip + other always holds.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from docsift.synth.fmt import money
from docsift.synth.knowledge import load, pick, weighted
from docsift.synth.model import Content, TaxLine
from docsift.synth.receipt.axes import ReceiptAxes
from docsift.synth.receipt.words import code, digits

ZERO = Decimal("0.00")
HOTEL_SERVICE = ("MY", "SG", "IN")  # hotels that add a service charge to every folio
TIP_RATES = [10, 12, 15, 18, 20, 22, 25]
METHOD_OF = {  # payment style -> (method, weight) choices
    "cash": [("cash", 1.0)],
    "cash_rounding": [("cash", 0.85), ("card", 0.15)],
    "card": [("card", 1.0)],
    "ewallet": [("ewallet", 1.0)],
    "service": [("cash", 0.4), ("card", 0.45), ("ewallet", 0.15)],
    "tip": [("card", 0.8), ("cash", 0.2)],
    "balance": [("card", 0.7), ("cash", 0.3)],
}


def tax_rule(region: str, when: date) -> dict[str, Any]:
    """The tax rule of ``region`` on ``when`` (receipt_trades.yaml ``taxes``)."""
    for rule in load("receipt_trades")["taxes"][region]:
        if "until" not in rule or when <= rule["until"]:
            return dict(rule)
    raise ValueError(f"no tax rule for {region} on {when}")


def _tax(rng: random.Random, c: Content, base: Decimal, rule: dict[str, Any]) -> Decimal:
    """Sets ``c.taxes`` for a tax on ``base`` (exclusive) and returns the tax amount."""
    rate = Decimal(pick(rng, rule["rates"]))
    if rule.get("split"):
        half = rate / 2
        c.taxes = [TaxLine(t, half, base, money(base * half / 100)) for t in ("CGST", "SGST")]
    else:
        c.taxes = [TaxLine(rule["type"], rate, base, money(base * rate / 100))]
    return sum((t.amount for t in c.taxes), ZERO)


def _inclusive_tax(rng: random.Random, c: Content, gross: Decimal, rule: dict[str, Any]) -> Decimal:
    """Sets ``c.taxes`` for a tax included in ``gross``; returns the tax (net = gross - tax).

    The net is the printed basis, so net x rate must round to the tax; when it does not (one cent
    off), the first item is made one cent dearer until it does.
    """
    rate = Decimal(pick(rng, rule["rates"]))
    for _ in range(200):
        tax = money(gross * rate / (100 + rate))
        if money((gross - tax) * rate / 100) == tax:
            break
        item = c.items[0]
        item.unit_price += Decimal("0.01")
        item.amount = money(item.quantity * item.unit_price)
        gross = sum((i.amount for i in c.items), ZERO)
    c.taxes = [TaxLine(rule["type"], rate, gross - tax, tax)]
    c.amounts["gross"] = gross
    return tax


def _round_cash(total: Decimal) -> Decimal:
    return money((total * 20).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 20)


def receipt_totals(rng: random.Random, c: Content, ax: ReceiptAxes, when: date) -> None:
    """Fills subtotal, service, tax, tip, rounding and total of ``c`` for the payment style of ``ax``."""
    a = c.amounts
    items = sum((i.amount for i in c.items), ZERO)
    fees = sum((v for k, v in a.items() if k.startswith("fee:")), ZERO) - a.get("discount", ZERO)
    rule = tax_rule(ax.region, when)
    c.extra["tax_type"] = str(rule["type"])
    taxed = rng.random() < rule.get("share", 1.0) and Decimal(rule["rates"][0]) > 0
    if ax.payment == "service" or (ax.trade == "hotel" and ax.region in HOTEL_SERVICE):
        rate = Decimal(load("receipt_trades")["service_rate"][ax.region])
        a["service"], c.extra["service_rate"] = money(items * rate / 100), str(rate)
    service = a.get("service", ZERO)
    if taxed and rule.get("inclusive"):
        tax = _inclusive_tax(rng, c, items, rule)
        a["subtotal"] = a["gross"] - tax
        total = a["gross"] + service + fees
    else:
        a["subtotal"] = items
        tax = _tax(rng, c, items + service, rule) if taxed else ZERO
        total = items + service + fees + tax
    if taxed:
        a["total_tax"] = tax
    if ax.payment == "tip":
        rate = Decimal(pick(rng, TIP_RATES))
        a["tip"] = money(total * rate / 100) if rng.random() < 0.8 else money(rng.randrange(1, 10))
        c.extra["suggested_base"] = str(total)
        total += a["tip"]
    if ax.payment in ("cash_rounding", "service") and ax.region in ("MY", "SG"):
        rounded = _round_cash(total)
        if rounded != total or rng.random() < 0.5:
            a["rounding"], a["unrounded"] = rounded - total, total
            total = rounded
    a["total"] = total
    a["other"] = total - a["subtotal"] - a.get("total_tax", ZERO) - a.get("tip", ZERO)


def _cash(rng: random.Random, c: Content, region: str) -> None:
    total = c.amounts["total"]
    notes = [Decimal(n) for n in load("receipt_trades")["notes"][region]]
    above = [n for n in notes if n >= total]
    if above and rng.random() < 0.75:
        paid = pick(rng, above[:2])
    elif rng.random() < 0.5:
        paid = total
    else:  # several notes: the next multiple of the largest note below the total
        step = max([n for n in notes if n <= max(total, notes[0])] or notes[:1])
        paid = (total / step).to_integral_value(rounding="ROUND_CEILING") * step
    c.amounts["cash"] = money(paid)
    c.amounts["change"] = money(paid - total)


def tender(rng: random.Random, c: Content, ax: ReceiptAxes, words: dict[str, Any]) -> None:
    """Chooses how the total was paid and fills the tender amounts and printed payment details."""
    method = weighted(rng, METHOD_OF[ax.payment])
    c.extra["payment_method"] = method
    c.extra["payment_word"] = pick(rng, words[method])
    if method == "cash":
        _cash(rng, c, ax.region)
        return
    c.amounts["card"] = c.amounts["total"]
    c.extra["card_tail"] = digits(rng, 4)
    c.extra["approval"] = code(rng, 6) if rng.random() < 0.5 else digits(rng, 6)
    c.extra["terminal_id"] = digits(rng, 8)
    c.extra["txn_id"] = code(rng, rng.choice([10, 12, 16]))
