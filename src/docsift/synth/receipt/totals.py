"""The totals block of a receipt in its payment style, the tender and the closing extras.

Besides the total there are many amounts a model could take for it: the cash handed over (often
larger), the change, an unrounded total, savings, suggested tips, points; totals of a VAT-inclusive
receipt come before the tax block.
"""

from __future__ import annotations

from decimal import Decimal

from docsift.synth.knowledge import pick
from docsift.synth.receipt.plan import Ctx, Row, Seg, centred, wrap_text
from docsift.synth.receipt.rows import count_row, pair_amount, separator

SUGGESTED = (15, 18, 20)


def _tax_label(ctx: Ctx, tax_type: str, rate: Decimal) -> str:
    if ctx.ax.region == "IN":
        return f"{tax_type} {pick(ctx.rng, ['', '@ '])}{ctx.c.formats.rate(rate)}%"
    return ctx.say("tax", rate=ctx.c.formats.rate(rate))


def _tax_rows(ctx: Ctx) -> list[Row]:
    """One row per tax line; with several (CGST + SGST) a total-tax row sometimes follows."""
    c, a = ctx.c, ctx.c.amounts
    if "total_tax" not in a:
        return []
    if len(c.taxes) == 1:
        return pair_amount(
            ctx, _tax_label(ctx, c.taxes[0].tax_type, c.taxes[0].rate), a["total_tax"], "total_tax"
        )
    rows = []
    for i, t in enumerate(c.taxes):
        rows += pair_amount(ctx, _tax_label(ctx, t.tax_type, t.rate), t.amount, f"x_tax:{i}")
    if ctx.chance(0.5):
        rows += pair_amount(
            ctx, pick(ctx.rng, ["Total GST", "Total Tax", "GST Total"]), a["total_tax"], "total_tax"
        )
    return rows


def _charges(ctx: Ctx) -> list[Row]:
    """Discount, fees and service charge between subtotal and tax."""
    a, rows = ctx.c.amounts, []
    for key, value in a.items():
        if key.startswith("fee:"):
            rows += pair_amount(ctx, ctx.say(key[4:]), value, None)
    if "discount" in a:
        rows += pair_amount(ctx, ctx.say("promo"), -a["discount"], None)
    if "service" in a:
        rows += pair_amount(ctx, ctx.say("service", rate=ctx.c.extra["service_rate"]), a["service"], None)
    return rows


def _total_rows(ctx: Ctx, key: str = "total") -> list[Row]:
    total_word = ctx.say("tip_total" if ctx.ax.payment == "tip" else "total")
    rows = pair_amount(ctx, total_word, ctx.c.amounts["total"], key, bold=True, mark=ctx.chance(0.55))
    value, mark = rows[-1][-1], ctx.c.formats.money.mark
    if mark and mark in value.text:
        start = value.text.index(mark)
        value.spans = (("currency", start, start + len(mark)),)
    room = ctx.plan.chars * (0.45 if ctx.ax.format in ("page", "folio", "email") else 1.0)
    if ctx.chance(0.15) and len(rows) == 1 and (len(rows[0][0].text) + len(value.text) + 2) * 1.3 < room:
        for seg in rows[0]:
            seg.scale = 1.3
    return rows


def _suggested(ctx: Ctx) -> list[Row]:
    base = Decimal(ctx.c.extra.get("suggested_base", "0"))
    rows: list[Row] = [[Seg(ctx.say("suggested_tip"))]]
    for pct in SUGGESTED:
        tip = (base * pct / 100).quantize(Decimal("0.01"))
        rows += pair_amount(ctx, f"  {pct}% = {ctx.money(tip)}", base + tip, None)
    return rows


def money_rows(ctx: Ctx) -> list[Row]:
    """Subtotal, charges, tax, tip, rounding and total in the order the region prints them."""
    a = ctx.c.amounts
    rows: list[Row] = []
    inclusive = "gross" in a
    show_sub = not inclusive and ("total_tax" in a or "tip" in a or "service" in a or ctx.chance(0.5))
    if show_sub or any(k.startswith("fee:") for k in a):
        rows += pair_amount(ctx, ctx.say("subtotal"), a["subtotal"], "subtotal")
    rows += _charges(ctx)
    if not inclusive:
        rows += _tax_rows(ctx)
    if "tip" in a:
        rows += pair_amount(ctx, ctx.say("tip"), a["tip"], "tip")
    if "rounding" in a:
        if ctx.chance(0.4):
            rows += pair_amount(
                ctx, ctx.say("total") + pick(ctx.rng, ["", " (UNROUNDED)"]), a["unrounded"], None
            )
        rows += pair_amount(ctx, ctx.say("rounding"), a["rounding"], None)
    rows += _total_rows(ctx)
    if inclusive:
        rows += pair_amount(ctx, ctx.say("subtotal"), a["subtotal"], "subtotal") + _tax_rows(ctx)
    return rows


def tender_rows(ctx: Ctx) -> list[Row]:
    """How it was paid: cash and change, or the card / e-wallet with its numbers."""
    c, a, word = ctx.c, ctx.c.amounts, ctx.c.extra["payment_word"]
    if "cash" in a:
        rows = pair_amount(ctx, word, a["cash"], None)
        rows[0][0].spans = (("payment_method", 0, len(word)),)
        return rows + pair_amount(ctx, ctx.say("change"), a["change"], None)
    text = (
        f"{word} ****{c.extra['card_tail']}"
        if c.extra["payment_method"] == "card" and ctx.chance(0.5)
        else word
    )
    rows = pair_amount(ctx, text, a["card"], None)
    rows[0][0].spans = (("payment_method", 0, len(word)),)
    if c.extra["payment_method"] == "card":
        rows += [
            [Seg(ctx.say("card_no", t=c.extra["card_tail"]))],
            [Seg(ctx.say("approval", c=c.extra["approval"]))],
        ]
        if ctx.chance(0.5):
            rows.append([Seg(ctx.say("terminal_id", n=c.extra["terminal_id"]))])
    else:
        rows.append([Seg(ctx.say("txn_id", c=c.extra["txn_id"]))])
    return rows


def _tax_summary(ctx: Ctx) -> list[Row]:
    c = ctx.c
    if not c.taxes:
        return []
    rows: list[Row] = [[Seg(ctx.say("tax_summary"), bold=True)]]
    for t in c.taxes:
        label = f"{t.tax_type} @ {c.formats.rate(t.rate)}%  {ctx.money(t.basis)}"
        rows += pair_amount(ctx, label, t.amount, None)
    return rows


def extras_rows(ctx: Ctx) -> list[Row]:
    """One closing extra (``extras`` axis): savings, loyalty points, member number or a tax summary."""
    c, kind = ctx.c, ctx.ax.extras
    if kind == "savings":
        saved = (c.amounts["subtotal"] * Decimal(ctx.rng.randrange(3, 25)) / 100).quantize(Decimal("0.01"))
        return pair_amount(ctx, ctx.say("savings"), saved, None)
    if kind == "points":
        return [[Seg(ctx.say("points", n=ctx.rng.randrange(1, 5000)))]]
    if kind == "member":
        return [[Seg(ctx.say("member", n=c.extra["member_no"]))]]
    if kind == "tax_summary":
        return _tax_summary(ctx)
    return []


def totals_rows(ctx: Ctx) -> list[Row]:
    """Count line, money rows, tender, suggested tips, extras and thanks."""
    rows: list[Row] = []
    if ctx.chance(0.35) and ctx.ax.items not in ("fee", "metered"):
        rows += [count_row(ctx), separator(ctx)]
    rows += money_rows(ctx) + tender_rows(ctx)
    if ctx.ax.payment == "tip" and ctx.chance(0.6):
        rows += [separator(ctx), *_suggested(ctx)]
    extras = extras_rows(ctx)
    if extras:
        rows += [separator(ctx), *extras]
    rows.append(separator(ctx))
    for _ in range(ctx.rng.randrange(1, 3)):
        rows += centred(wrap_text(ctx.say("thanks"), ctx.plan.chars))
    return rows
