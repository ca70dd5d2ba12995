"""Phone-app receipts (ride-hailing, food delivery, e-wallet payments) drawn as a portrait phone screen
and delivered as a PNG screenshot: status bar, app bar ("<  Receipt  Help"), a status line, a big
total, "Your order number is ...", rounded cards for the merchant, the items and the totals, in a
light or dark theme. The app's own name is a distractor; the merchant is the shop (or, for a ride,
the operator that issues the receipt)."""

from __future__ import annotations

from docsift.synth.knowledge import pick
from docsift.synth.painter import Color
from docsift.synth.receipt.plan import Ctx, Row, Seg, labelled, space, wrap_text
from docsift.synth.receipt.rows import date_time_rows
from docsift.synth.receipt.totals import money_rows
from docsift.synth.receipt.words import app_names
from docsift.synth.style import Style

SCREEN = (360.0, 780.0)
ACCENTS: list[Color] = [
    (0.0, 0.69, 0.31),
    (0.93, 0.11, 0.36),
    (0.0, 0.45, 0.85),
    (1.0, 0.45, 0.0),
    (0.4, 0.2, 0.7),
]
THEMES: dict[str, dict[str, Color]] = {
    "light": {"ink": (0.08, 0.08, 0.1), "muted": (0.45, 0.45, 0.48), "paper": (0.95, 0.95, 0.96),
              "card": (1.0, 1.0, 1.0), "line": (0.86, 0.86, 0.88), "on_accent": (1.0, 1.0, 1.0)},
    "dark": {"ink": (0.93, 0.93, 0.94), "muted": (0.62, 0.62, 0.66), "paper": (0.06, 0.06, 0.07),
             "card": (0.14, 0.14, 0.16), "line": (0.26, 0.26, 0.29), "on_accent": (1.0, 1.0, 1.0)},
}  # fmt: skip
APP_KIND = {"ride": "ride", "delivery": "delivery"}


def _own(ctx: Ctx, key: str) -> str:
    """The trade's own word list (``app_titles_ride``) when there is one, else ``key``."""
    own = f"{key}_{ctx.ax.trade}"
    return own if own in ctx.words else key


def _app_name(ctx: Ctx) -> str:
    return pick(ctx.rng, app_names(APP_KIND.get(ctx.ax.trade, "wallet")))


def _bars(ctx: Ctx, app: str) -> list[Row]:
    """Status bar (clock, battery) and app bar (back, title, help) or a coloured banner with the app name."""
    clock = f"{ctx.rng.randrange(1, 13)}:{ctx.rng.randrange(60):02d}"
    status = [Seg(clock, bold=True, scale=0.9), Seg(f"{ctx.rng.randrange(5, 100)}%", "right", scale=0.9)]
    title = ctx.say(_own(ctx, "app_titles"))
    if ctx.ax.header == "app_banner":
        band = Seg("", kind="band", color="accent", scale=2.6)
        return [
            status,
            [band, Seg(app, "center", bold=True, scale=1.5, color="on_accent")],
            space(0.5),
            [Seg(title, "center", bold=True)],
        ]
    return [
        status,
        [Seg("<", scale=1.5), Seg(title, "center", bold=True, scale=1.3), Seg(ctx.say("help"), "right")],
    ]


def _merchant_card(ctx: Ctx) -> list[Row]:
    m = ctx.c.parties["merchant"]
    rows: list[Row] = [[Seg("", kind="card_start")]]
    rows += [
        [Seg(line, key="merchant_name", bold=True, scale=1.15)]
        for line in wrap_text(m.name, int(ctx.plan.chars / 1.3))
    ]
    for line in m.address:
        rows += [
            [Seg(part, key="merchant_address", color="muted", scale=0.9)]
            for part in wrap_text(line, ctx.plan.chars)
        ]
    if m.phone and ctx.ax.phone_place != "none":
        rows.append([Seg(m.phone, key="merchant_phone", color="muted", scale=0.9)])
    return [*rows, [Seg("", kind="card_end")]]


def trip_rows(ctx: Ctx) -> list[Row]:
    """Pickup, drop-off and distance of a ride."""
    c = ctx.c
    return [
        [Seg(f"{ctx.say('pickup')}: {c.extra['pickup']}", color="muted")],
        [Seg(f"{ctx.say('dropoff')}: {c.extra['dropoff']}", color="muted")],
        [
            Seg(f"{ctx.say('distance')}: {c.extra['distance']}", color="muted"),
            Seg(c.extra["plate"], "right", color="muted"),
        ],
    ]


def _item_card(ctx: Ctx) -> list[Row]:
    rows: list[Row] = [[Seg("", kind="card_start")]]
    if ctx.ax.items == "trip":
        rows += [*trip_rows(ctx), space(0.4)]
    for i, item in enumerate(ctx.c.items):
        amount = Seg(ctx.money(item.amount, True), "right", key=f"li:{i}:amount")
        if ctx.ax.items == "trip" or ctx.ax.trade == "parking":
            rows.append([Seg(item.description, key=f"li:{i}:description"), amount])
            continue
        qty = ctx.c.formats.qty(item.quantity)
        text = f"{qty}x {item.description}"
        spans = ((f"li:{i}:quantity", 0, len(qty)), (f"li:{i}:description", len(qty) + 2, len(text)))
        rows.append([Seg(text, spans=spans), amount])
    return [*rows, [Seg("", kind="card_end")]]


def _payment_card(ctx: Ctx) -> list[Row]:
    c = ctx.c
    word = c.extra["payment_word"] if c.extra["payment_method"] != "cash" else ctx.words["cash"][0]
    tail = f" ****{c.extra['card_tail']}" if c.extra["payment_method"] == "card" else ""
    pay = Seg(word + tail, "right", spans=(("payment_method", 0, len(word)),))
    return [
        [Seg("", kind="card_start")],
        [Seg(ctx.say("paid_with"), color="muted"), pay],
        [Seg("", kind="card_end")],
    ]


def _top(ctx: Ctx) -> list[Row]:
    """Status line, the big total and the order number."""
    c = ctx.c
    rows: list[Row] = [[Seg(ctx.say(_own(ctx, "app_status")), "center", color="muted")]]
    if ctx.chance(0.6):
        rows.append([Seg(ctx.money(c.amounts["total"], True), "center", key="total", bold=True, scale=2.2)])
    if ctx.ax.trade == "delivery" or ctx.chance(0.3):
        number = Seg(c.fields["receipt_number"], "center", key="receipt_number", bold=True, scale=1.6)
        rows += [[Seg(ctx.say("order_no"), "center", color="muted")], [number]]
    else:
        rows.append(
            [labelled(ctx.say("receipt_no"), c.fields["receipt_number"], "receipt_number", color="muted")]
        )
    date_row = date_time_rows(ctx)
    for row in date_row:
        for seg in row:
            seg.color = "muted"
    return rows + date_row


def app_plan(ctx: Ctx, style: Style) -> None:
    """A phone screenshot: bars, status, merchant, items, totals and payment cards."""
    plan, rng = ctx.plan, ctx.rng
    plan.width, plan.height = SCREEN[0], SCREEN[1] + rng.choice([0, 0, 60])
    plan.margin, plan.raster = 12, True
    plan.size = style.size = rng.choice([9.0, 9.5, 10.0, 10.5])
    plan.chars = int((plan.width - 2 * plan.margin - 2 * plan.card_pad) / (style.size * 0.62))
    plan.palette = {**THEMES[ctx.ax.theme], "accent": pick(rng, ACCENTS)}
    app = _app_name(ctx)
    rows = [*_bars(ctx, app), space(0.5), *_top(ctx), space(0.5), *_merchant_card(ctx), *_item_card(ctx)]
    totals = money_rows(ctx)
    rows += [[Seg("", kind="card_start")], *totals, [Seg("", kind="card_end")], *_payment_card(ctx)]
    footer = f"{app} - {ctx.say('help')}" if ctx.chance(0.5) else ctx.say("thanks")
    rows += [[Seg(footer, "center", color="muted", scale=0.85)]]
    plan.rows = rows
