"""Hotel guest folios on A4: guest, room, arrival and departure beside the folio number, a table of
postings (one room charge per night, extras, service charge, taxes) with charges and credits
columns, the payment as a credit, the totals and a zero balance. The truth total is the total of
charges; the departure date is the transaction date; the arrival date is a distractor."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from docsift.synth.knowledge import pick
from docsift.synth.receipt.header import merchant_rows
from docsift.synth.receipt.page import page_setup, side_by_side
from docsift.synth.receipt.plan import Ctx, Row, Seg, labelled, rule, space
from docsift.synth.receipt.rows import time_text
from docsift.synth.receipt.words import code
from docsift.synth.style import Style

X = {"desc": 0.15, "ref": 0.55, "charges": 0.8}


def _guest_block(ctx: Ctx) -> tuple[list[Row], list[Row]]:
    c, d = ctx.c, ctx.c.dates
    fmt = c.formats.date
    tag_departure = ctx.chance(0.5)
    dep_label = ctx.say("departure")
    departure = (
        labelled(dep_label, fmt(d["transaction_date"]), "transaction_date")
        if tag_departure
        else Seg(f"{dep_label}: {fmt(d['transaction_date'])}")
    )
    left = [
        [Seg(f"{ctx.say('guest')}: {c.extra['guest']}")],
        [Seg(f"{ctx.say('room')}: {c.extra['room']}")],
        [Seg(f"{ctx.say('arrival')}: {fmt(d['arrival'])}")],
        [departure],
    ]
    right = [[labelled(ctx.say("folio_no"), c.fields["receipt_number"], "receipt_number")]]
    if not tag_departure:
        right.append([labelled(ctx.say("date"), fmt(d["transaction_date"]), "transaction_date")])
    if ctx.chance(0.5):
        right.append([labelled(ctx.say("time"), time_text(ctx), "transaction_time")])
    right.append([Seg(f"{ctx.say('cashier')}: {c.extra['cashier']}")])
    return left, right


def _header(ctx: Ctx) -> Row:
    cols = ctx.words["folio_columns"]
    return [
        Seg(pick(ctx.rng, cols["date"]), bold=True),
        Seg(pick(ctx.rng, cols["desc"]), bold=True, x=X["desc"]),
        Seg(pick(ctx.rng, cols["ref"]), bold=True, x=X["ref"]),
        Seg(pick(ctx.rng, cols["charges"]), "right", bold=True, x=X["charges"]),
        Seg(pick(ctx.rng, cols["credits"]), "right", bold=True),
    ]


def _short_date(ctx: Ctx, day: date) -> str:
    """A posting's date: the receipt's own pattern when short, else day/month/year in digits."""
    text = ctx.c.formats.date(day)
    return text if len(text) <= 11 else day.strftime("%m/%d/%y" if ctx.ax.region == "US" else "%d/%m/%y")


def _posting(ctx: Ctx, day: date, desc: Seg, amount: Seg | None, credit: Seg | None = None) -> Row:
    desc.x = X["desc"]
    row = [Seg(_short_date(ctx, day)), desc, Seg(code(ctx.rng, 5), x=X["ref"])]
    if amount is not None:
        amount.x, amount.align = X["charges"], "right"
        row.append(amount)
    if credit is not None:
        credit.align = "right"
        row.append(credit)
    return row


def _postings(ctx: Ctx) -> list[Row]:
    c, a = ctx.c, ctx.c.amounts
    arrival, departure = c.dates["arrival"], c.dates["transaction_date"]
    rows = []
    for i, item in enumerate(c.items):
        day = arrival + timedelta(days=int(c.extra.get(f"day:{i}", "0")))
        desc = Seg(item.description, key=f"li:{i}:description")
        rows.append(_posting(ctx, day, desc, Seg(ctx.money(item.amount), key=f"li:{i}:amount")))
    if "service" in a:
        label = ctx.say("service", rate=c.extra["service_rate"])
        rows.append(_posting(ctx, departure, Seg(label), Seg(ctx.money(a["service"]))))
    for key, value in a.items():
        if key.startswith("fee:"):
            rows.append(_posting(ctx, departure, Seg(ctx.say(key[4:])), Seg(ctx.money(value))))
    if "total_tax" in a and "gross" not in a:
        for i, t in enumerate(c.taxes):
            tag = "total_tax" if len(c.taxes) == 1 else f"x_tax:{i}"
            label = f"{t.tax_type} {c.formats.rate(t.rate)}%"
            rows.append(_posting(ctx, departure, Seg(label), Seg(ctx.money(t.amount), key=tag)))
    word = c.extra["payment_word"]
    pay = Seg(word, spans=(("payment_method", 0, len(word)),))
    rows.append(_posting(ctx, departure, pay, None, Seg(ctx.money(a["total"]))))
    return rows


def _totals(ctx: Ctx) -> list[Row]:
    a = ctx.c.amounts
    total = [
        Seg(ctx.say("total_charges"), bold=True, x=X["desc"], key="label:total"),
        Seg(ctx.money(a["total"]), "right", bold=True, x=X["charges"], key="total"),
        Seg(ctx.money(a["total"]), "right", bold=True),
    ]
    balance = [
        Seg(ctx.say("balance"), bold=True, x=X["desc"]),
        Seg(ctx.money(Decimal("0.00")), "right", bold=True),
    ]
    rows = [total, balance]
    if "gross" in a and "total_tax" in a:
        t = ctx.c.taxes[0]
        label = f"{ctx.say('tax', rate=ctx.c.formats.rate(t.rate))} ({ctx.money(t.basis)})"
        rows.append(
            [Seg(label, x=X["desc"]), Seg(ctx.money(t.amount), "right", x=X["charges"], key="total_tax")]
        )
    return rows


def folio_plan(ctx: Ctx, style: Style) -> None:
    """A guest folio on a full page."""
    page_setup(ctx, style, ctx.rng.choice([8.0, 8.5, 9.0, 9.5]))
    title = [Seg(ctx.say("folio_titles"), "center", bold=True, scale=1.4)]
    left, right = _guest_block(ctx)
    rows = [*merchant_rows(ctx), space(), title, space(), *side_by_side(left, right, 0.58)]
    rows += [space(), rule(), _header(ctx), rule(), *_postings(ctx), rule(), *_totals(ctx)]
    rows += [space(2.0), [Seg(ctx.say("signature"), "right")]]
    ctx.plan.rows = rows
