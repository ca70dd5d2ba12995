"""What a till receipt says: merchant, items with qty x price, tax, rounding, tender and change."""

from __future__ import annotations

import random
from datetime import time
from decimal import ROUND_HALF_UP, Decimal

from docsift.synth import ids, parties
from docsift.synth.common import issue_date, make_formats, price
from docsift.synth.fmt import canon_amount, money
from docsift.synth.knowledge import labels, load, locale, pick, weighted
from docsift.synth.model import Content, Item, TaxLine

RECEIPT_LOCALES: list[tuple[str, float]] = [("ms_MY", 0.55), ("en_SG", 0.2), ("en_US", 0.25)]
STYLE_OF = {"ms_MY": "MY", "en_SG": "SG", "en_US": "US"}
INCONSISTENT_RATE = 0.04


def receipt_content(rng: random.Random, code: str | None = None) -> Content:
    """A complete receipt with consistent arithmetic (a few percent deliberately inconsistent)."""
    code = code or weighted(rng, RECEIPT_LOCALES)
    loc = locale(code)
    words = load("receipts")[STYLE_OF[code]]
    currency, mark = pick(rng, [(c, m) for c, m, _ in loc["currencies"]])
    formats = make_formats(rng, loc, labels(loc["language"]), mark)
    c = Content("receipt", code, loc["language"], currency, formats, regime=loc["tax"])
    c.extra["style"] = STYLE_OF[code]
    _merchant(rng, c, loc, code, words)
    _items(rng, c, words)
    _totals(rng, c, loc)
    _tender(rng, c, words)
    if rng.random() < INCONSISTENT_RATE:
        item = rng.choice(c.items)
        item.amount += Decimal("1.00") * rng.choice([1, -1])
        c.inconsistencies.append("line_amount: quantity x unit_price != amount")
    _fields(c)
    return c


def _merchant(rng: random.Random, c: Content, loc: dict, code: str, words: dict) -> None:
    m = parties.company(rng, loc, code)
    if c.extra["style"] != "US" or rng.random() < 0.3:
        m.address = [a.upper() for a in m.address]
    m.name = m.name.upper() if c.extra["style"] != "US" or rng.random() < 0.5 else m.name
    m.phone = _phone(rng, c.extra["style"])
    if c.extra["style"] == "MY":
        m.tax_id = ids.vat_id(rng, "my_sst" if rng.random() < 0.5 else "my_gst")
        reg = f"{rng.randrange(10000, 1299999)}-{rng.choice('AHKMPTVWXU')}"
    elif c.extra["style"] == "SG":
        m.tax_id = ids.vat_id(rng, "sg_gst")
        reg = f"{rng.randrange(199000000, 202399999)}{rng.choice('KMNRWZ')}"
    else:
        reg = str(rng.randrange(100, 9999)) if rng.random() < 0.4 else ""
    if reg:
        c.extra["reg_no"] = reg
        m.extra = [pick(rng, words["reg"]).replace("{n}", reg)]
    c.parties["merchant"] = m


def _phone(rng: random.Random, style: str) -> str:
    digits = lambda n: "".join(rng.choice(ids.DIGITS) for _ in range(n))  # noqa: E731
    if style == "MY":
        return pick(
            rng,
            [
                f"03-{digits(4)} {digits(4)}",
                f"0{rng.randrange(4, 10)}-{digits(3)} {digits(4)}",
                f"012-{digits(3)} {digits(4)}",
                f"03-{digits(8)}",
                f"+603-{digits(4)}{digits(4)}",
            ],
        )
    if style == "SG":
        return pick(rng, [f"6{digits(3)} {digits(4)}", f"+65 6{digits(3)} {digits(4)}", f"6{digits(7)}"])
    return pick(rng, [f"({digits(3)}) {digits(3)}-{digits(4)}", f"{digits(3)}-{digits(3)}-{digits(4)}"])


def _items(rng: random.Random, c: Content, words: dict) -> None:
    n = weighted(rng, [(rng.randrange(1, 4), 0.4), (rng.randrange(4, 9), 0.4), (rng.randrange(9, 21), 0.2)])
    for _ in range(n):
        qty = Decimal(rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 5, 6, 10]))
        unit = price(rng, 0.5, 60)
        c.items.append(
            Item(
                description=pick(rng, words["items"]), quantity=qty, unit_price=unit, amount=money(qty * unit)
            )
        )


def _totals(rng: random.Random, c: Content, loc: dict) -> None:
    a = c.amounts
    a["subtotal"] = sum((i.amount for i in c.items), Decimal("0.00"))
    rate = Decimal(pick(rng, loc["tax_rates"])) if rng.random() < 0.8 else Decimal(0)
    if rate:
        kind = {"MY": "SST", "SG": "GST", "US": "SALES"}[c.extra["style"]]
        tax = money(a["subtotal"] * rate / 100)
        c.taxes = [TaxLine(kind, rate, a["subtotal"], tax)]
        a["total_tax"] = tax
    total = a["subtotal"] + a.get("total_tax", Decimal(0))
    if c.extra["style"] == "US" and rng.random() < 0.2:
        a["tip"] = money(total * Decimal(pick(rng, [10, 15, 18, 20])) / 100)
        total += a["tip"]
    if c.extra["style"] in ("MY", "SG") and rng.random() < 0.6:
        rounded = (total * 20).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 20
        rounded = money(rounded)
        if rounded != total:
            a["rounding"] = rounded - total
            a["unrounded"] = total
            total = rounded
    a["total"] = total


def _tender(rng: random.Random, c: Content, words: dict) -> None:
    method = weighted(rng, [("cash", 0.6), ("card", 0.3), ("ewallet", 0.1)])
    c.extra["payment_method"] = method
    c.extra["payment_word"] = pick(rng, words[method] if method != "cash" else words["cash"])
    total = c.amounts["total"]
    if method == "cash":
        notes = [n for n in (1, 2, 5, 10, 20, 50, 100, 200) if n >= total] or [int(total) + 1]
        paid = Decimal(rng.choice(notes[:3])) if rng.random() < 0.8 else total
        c.amounts["cash"] = money(paid)
        c.amounts["change"] = money(paid - total)
    else:
        c.amounts["card"] = total
        c.extra["card_tail"] = "".join(rng.choice(ids.DIGITS) for _ in range(4))
    d = issue_date(rng)
    c.dates["transaction_date"] = d
    c.times["transaction_time"] = time(rng.randrange(7, 23), rng.randrange(60), rng.randrange(60))
    c.extra["receipt_no"] = pick(
        rng,
        [
            f"R{rng.randrange(1, 99999999):08d}",
            str(rng.randrange(100000, 9999999)),
            f"CS{rng.randrange(1, 999999):06d}",
            f"{rng.randrange(1, 99):02d}-{rng.randrange(1, 99999):05d}",
            f"T{rng.randrange(1, 9)}R{rng.randrange(1, 9999999):07d}",
        ],
    )
    c.extra["cashier"] = parties.seeded(rng, "en_US").first_name().upper()


def _fields(c: Content) -> None:
    m = c.parties["merchant"]
    f = c.fields
    f["merchant_name"] = m.name
    f["merchant_address"] = ", ".join(m.address)
    if m.phone:
        f["merchant_phone"] = m.phone
    if m.tax_id:
        f["merchant_tax_id"] = m.tax_id.replace(" ", "").upper()
    f["receipt_number"] = c.extra["receipt_no"]
    f["transaction_date"] = c.dates["transaction_date"].isoformat()
    f["currency"] = c.currency
    f["payment_method"] = c.extra["payment_method"]
    for key in ("subtotal", "total_tax", "tip", "total"):
        if key in c.amounts:
            f[key] = canon_amount(c.amounts[key])
