"""E-mail receipts printed to PDF: the mail header (From / To / Subject / Date), then the receipt body.

The sender's display name is a distractor (the brand, "<brand> Receipts", a generic "Receipts"),
except when it is the shop's legal name exactly as printed in the body. The merchant's legal name and
address sit at the top of the body or in its footer ("Sold by ..."); the e-mail's date and time are
those of sending, a few minutes after the transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from docsift.synth.knowledge import pick
from docsift.synth.parties import slug
from docsift.synth.receipt.app import trip_rows
from docsift.synth.receipt.header import address_rows, contact_rows, merchant_rows
from docsift.synth.receipt.page import page_setup
from docsift.synth.receipt.plan import Ctx, Row, Seg, labelled, rule, space, wrap_text
from docsift.synth.receipt.rows import date_time_rows, item_rows
from docsift.synth.receipt.totals import money_rows, tender_rows
from docsift.synth.style import Style

SENDER_IS_NAME = 0.2  # the From line shows the legal name exactly
TLD = {"MY": "com.my", "SG": "com.sg", "US": "com", "UK": "co.uk", "DE": "de", "IN": "in"}


def _sender(ctx: Ctx) -> tuple[str, str]:
    """(display name, address) of the sending mailbox."""
    brand, name = ctx.c.extra["brand"], ctx.c.parties["merchant"].name
    display = name if ctx.chance(SENDER_IS_NAME) else ctx.say("email_sender", brand=brand)
    domain = f"{slug(brand)}.{TLD[ctx.ax.region]}"
    return display, f"{pick(ctx.rng, ctx.words['email_local'])}@{domain}"


def _mail_header(ctx: Ctx) -> list[Row]:
    c = ctx.c
    display, address = _sender(ctx)
    sent = datetime.combine(c.dates["transaction_date"], c.times["transaction_time"])
    sent += timedelta(minutes=ctx.rng.randrange(0, 30), seconds=ctx.rng.randrange(60))
    stamp = sent.strftime(
        pick(ctx.rng, ["%a, %d %b %Y at %H:%M", "%a, %b %d, %Y %I:%M %p", "%d/%m/%Y %H:%M"])
    )
    customer = c.extra["customer"]
    to = f"{customer} <{slug(customer)}{ctx.rng.randrange(1, 99)}@mail.example>"
    subject = ctx.say("email_subject", brand=c.extra["brand"], n=c.fields["receipt_number"])
    rows: list[Row] = [[Seg(subject, bold=True, scale=1.4)], space(0.4)]
    for label, value in (("From", f"{display} <{address}>"), ("To", to), ("Date", stamp)):
        rows.append([Seg(f"{label}:", color="muted"), Seg(value, x=0.1)])
    return [*rows, space(0.4), rule()]


def _footer_merchant(ctx: Ctx) -> list[Row]:
    """The legal name after an "issued by" label, the address and contact lines, small and grey."""
    name = ctx.c.parties["merchant"].name
    label = ctx.say("issued_by")
    text = f"{label}: {name}"
    rows: list[Row] = [[Seg(text, spans=(("merchant_name", len(label) + 2, len(text)),), color="muted")]]
    if len(text) > ctx.plan.chars:
        rows = [
            [Seg(f"{label}:", color="muted")],
            *([[Seg(ln, key="merchant_name")] for ln in wrap_text(name, ctx.plan.chars)]),
        ]
    rest = address_rows(ctx) + contact_rows(ctx)
    for row in rest:
        for seg in row:
            seg.color, seg.align = "muted", "left"
    return rows + rest


def _body_head(ctx: Ctx) -> tuple[list[Row], bool]:
    """Top of the body: the full merchant block, or only a brand / logo (the merchant then in the footer)."""
    if ctx.ax.header in ("name_first", "left_block"):
        return merchant_rows(ctx), False
    brand = ctx.c.extra["brand"]
    if ctx.ax.header == "logo_image":
        from docsift.synth.receipt.logo import logo_meta

        return [[Seg(brand, "center", kind="logo", scale=3.0, meta=logo_meta(ctx.rng, False))]], True
    return [[Seg(brand, "center", bold=True, scale=1.8, color="accent")]], True


def email_plan(ctx: Ctx, style: Style) -> None:
    """An e-mail with a receipt: header, greeting, references, items, totals, payment, footers."""
    page_setup(ctx, style, ctx.rng.choice([9.0, 9.5, 10.0, 10.5]))
    first = ctx.c.extra["customer"].split()[0]
    head, footer_merchant = _body_head(ctx)
    rows = [*_mail_header(ctx), space(), *head, space()]
    rows += [[Seg(ctx.say("email_greeting", first=first))], [Seg(ctx.say("email_intro"))], space(0.5)]
    rows += [[labelled(ctx.say("receipt_no"), ctx.c.fields["receipt_number"], "receipt_number")]]
    rows += [*date_time_rows(ctx), rule()]
    rows += trip_rows(ctx) if ctx.ax.items == "trip" else []
    body = item_rows(ctx)
    if ctx.ax.items == "cards":
        body = [[Seg("", kind="card_start")], *body, [Seg("", kind="card_end")]]
    rows += [*body, rule(), *money_rows(ctx), space(0.5), *tender_rows(ctx), space()]
    if footer_merchant:
        rows += [rule(), *_footer_merchant(ctx)]
    rows += [space()] + [[Seg(line, "center", color="muted", scale=0.85)] for line in _footers(ctx)]
    ctx.plan.rows = rows
    ctx.plan.palette["accent"] = pick(
        ctx.rng, [(0.1, 0.3, 0.6), (0.6, 0.1, 0.2), (0.1, 0.45, 0.3), (0.2, 0.2, 0.2)]
    )


def _footers(ctx: Ctx) -> list[str]:
    return [ctx.say("email_footer", brand=ctx.c.extra["brand"]) for _ in range(ctx.rng.randrange(1, 3))]
