"""Till rolls (58/80 mm) and receipts printed on a full A4 / letter page ("OFFICIAL RECEIPT",
"CASH BILL": header, title, customer and reference block side by side, a small ruled table, totals on
the right, the amount in words, a signature line)."""

from __future__ import annotations

from docsift.synth.fmt import amount_words
from docsift.synth.knowledge import pick
from docsift.synth.painter import Painter
from docsift.synth.receipt.header import merchant_rows, under_rows
from docsift.synth.receipt.plan import MM, Ctx, Row, Seg, labelled, rule, space, wrap_text
from docsift.synth.receipt.rows import date_time_rows, item_rows, reference_rows, separator
from docsift.synth.receipt.totals import extras_rows, money_rows, tender_rows, totals_rows
from docsift.synth.style import Pen, Style

PAGES = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
RIGHT_X = 0.6  # where the reference block starts on a page


def thermal_plan(ctx: Ctx, style: Style) -> None:
    """A till roll: merchant block, references, items, totals, thanks, on 58 or 80 mm paper."""
    plan, narrow = ctx.plan, ctx.ax.format == "thermal58"
    plan.width = (58 if narrow else 80) * MM
    plan.margin = ctx.rng.choice([5, 7, 9])
    plan.chars = 32 if narrow else ctx.rng.choice([40, 42, 48])
    rows = merchant_rows(ctx) + under_rows(ctx) + [[Seg("")]]
    if ctx.ax.under_header != "title" and ctx.chance(0.6):
        rows.append([Seg(ctx.say("titles"), "center", bold=True)])
    rows += [*reference_rows(ctx), separator(ctx), *item_rows(ctx), separator(ctx), *totals_rows(ctx)]
    plan.rows = rows


def page_setup(ctx: Ctx, style: Style, size: float) -> None:
    """A4 (letter in the US) with wide margins; the font size fixed and ``chars`` estimated from it."""
    plan = ctx.plan
    plan.width, plan.height = PAGES["letter" if ctx.ax.region == "US" else "a4"]
    plan.margin = ctx.rng.choice([36, 45, 54])
    plan.size = style.size = size
    pen = Pen(Painter(plan.width, 100), style)
    sample = "ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 abcdefghijklmnopqrstuvwxyz"
    per_char = pen.width(sample) / len(sample)
    plan.chars = int((plan.width - 2 * plan.margin) / per_char)


def side_by_side(left: list[Row], right: list[Row], x: float = RIGHT_X) -> list[Row]:
    """Two blocks of rows printed beside each other (the right one starting at ``x`` of the width)."""
    rows: list[Row] = []
    for i in range(max(len(left), len(right))):
        row = list(left[i]) if i < len(left) else []
        for seg in right[i] if i < len(right) else []:
            seg.x = x if seg.align == "left" and seg.x is None else seg.x
            row.append(seg)
        rows.append(row or [Seg("")])
    return rows


def _customer(ctx: Ctx) -> list[Row]:
    label = ctx.say("received_from")
    width = int(ctx.plan.chars * (RIGHT_X - 0.05))
    lines = wrap_text(ctx.c.extra["customer"], width)
    if ctx.chance(0.4):
        lines += wrap_text(ctx.c.extra.get("customer_line", ""), width)
    return [[Seg(f"{label}:", bold=True)]] + [[Seg(line)] for line in lines]


def _words_row(ctx: Ctx) -> list[Row]:
    if ctx.ax.region == "DE" or not ctx.chance(0.6):
        return []
    text = amount_words(ctx.c.amounts["total"], ctx.c.currency)
    if ctx.c.extra["style"] in ("MY", "SG"):
        text = text.upper()
    label = ctx.say("amount_words")
    return [[Seg(line)] for line in wrap_text(f"{label}: {text}", ctx.plan.chars)]


def _signature(ctx: Ctx) -> list[Row]:
    sign = [Seg("______________________", "right"), Seg("")]
    return [space(2.0), sign, [Seg(ctx.say("signature"), "right")]]


def page_plan(ctx: Ctx, style: Style) -> None:
    """A receipt on a full page: header, title, customer beside references, table, totals, signature."""
    page_setup(ctx, style, ctx.rng.choice([9.0, 9.5, 10.0, 10.5, 11.0]))
    title = [Seg(ctx.say("page_titles"), "center", bold=True, scale=ctx.rng.choice([1.3, 1.6]))]
    number = labelled(ctx.say("receipt_no"), ctx.c.fields["receipt_number"], "receipt_number")
    refs = [[number], *date_time_rows(ctx, int(ctx.plan.chars * (1 - RIGHT_X)))]
    if ctx.chance(0.4):
        refs.append([Seg(f"{ctx.say('cashier')}: {ctx.c.extra['cashier']}")])
    rows = merchant_rows(ctx) + under_rows(ctx) + [rule(), title, space()]
    rows += [*side_by_side(_customer(ctx), refs), space()]
    rows += [rule(), *item_rows(ctx), rule(), *money_rows(ctx), space(0.5)]
    rows += tender_rows(ctx) + _words_row(ctx) + extras_rows(ctx) + _signature(ctx)
    rows += [space(), [Seg(pick(ctx.rng, ctx.words["generated"]), "center", color="muted")]]
    ctx.plan.rows = rows
