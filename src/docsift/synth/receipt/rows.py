"""The rows between header and totals: references (number, date, time, cashier) and the item lines
in the item style of the receipt's axes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from docsift.synth.knowledge import pick
from docsift.synth.model import Item
from docsift.synth.receipt.plan import Ctx, Row, Seg, Span, labelled, pair, rule, wrap_text

TIME_FORMATS = {
    "24h": [("%H:%M", False), ("%H:%M:%S", True)],
    "12h": [("%I:%M %p", False), ("%I:%M:%S %p", True), ("%H:%M", False), ("%H:%M:%S", True)],
}
TWELVE_HOUR = ("MY", "SG", "US", "IN", "UK")
TAX_CODES = {
    "MY": ["SR", "ZR", "S", "Z", "T"],
    "SG": ["S", "Z"],
    "US": ["T", "N", "F"],
    "DE": ["A", "B", "1", "2"],
}


def time_text(ctx: Ctx, key: str = "transaction_time") -> str:
    """The time as printed; sets the canonical transaction time to the printed precision."""
    fmt, seconds = pick(ctx.rng, TIME_FORMATS["12h" if ctx.ax.region in TWELVE_HOUR else "24h"])
    t = ctx.c.times[key]
    if key == "transaction_time":
        ctx.c.fields["transaction_time"] = t.strftime("%H:%M:%S" if seconds else "%H:%M")
    return t.strftime(fmt)


def date_time_rows(ctx: Ctx, chars: int | None = None) -> list[Row]:
    """Date and time on two labelled lines, one labelled line (when it fits in ``chars``), or bare."""
    date_text, t_text = ctx.c.formats.date(ctx.c.dates["transaction_date"]), time_text(ctx)
    style = ctx.rng.random()
    if style < 0.4:
        return [
            [labelled(ctx.say("date"), date_text, "transaction_date")],
            [labelled(ctx.say("time"), t_text, "transaction_time")],
        ]
    dl, tl = ctx.say("date"), ctx.say("time")
    text = f"{dl}: {date_text}  {tl}: {t_text}"
    if style < 0.75 and len(text) <= (chars or ctx.plan.chars):
        ds, ts = len(dl) + 2, len(text) - len(t_text)
        spans = (
            ("transaction_date", ds, ds + len(date_text)),
            ("transaction_time", ts, len(text)),
            ("label:transaction_date", 0, len(dl)),
        )
        return [[Seg(text, spans=spans)]]
    text = f"{date_text} {t_text}"
    bare: tuple[Span, ...] = (
        ("transaction_date", 0, len(date_text)),
        ("transaction_time", len(date_text) + 1, len(text)),
    )
    return [[Seg(text, spans=bare)]]


def reference_rows(ctx: Ctx) -> list[Row]:
    """Receipt number, date and time in some order, a cashier and terminal line sometimes."""
    sep = pick(ctx.rng, [": ", " : ", " ", ":"])
    rows: list[Row] = [
        [labelled(ctx.say("receipt_no"), ctx.c.fields["receipt_number"], "receipt_number", sep)]
    ]
    rows += date_time_rows(ctx)
    if ctx.chance(0.5):
        ctx.rng.shuffle(rows)
    if ctx.chance(0.55) and ctx.ax.under_header != "cashier":
        rows.append([Seg(f"{ctx.say('cashier')}: {ctx.c.extra['cashier']}")])
    if ctx.chance(0.3):
        rows.append([Seg(ctx.say("terminal", n=ctx.c.extra["terminal"]), pick(ctx.rng, ["left", "right"]))])
    return rows


def separator(ctx: Ctx) -> Row:
    """A row of separator characters across the paper (thermal) or a drawn rule (pages)."""
    if ctx.ax.format in ("thermal58", "thermal80"):
        return [Seg(pick(ctx.rng, ["-", "=", "*", ".", "_"]) * ctx.plan.chars)]
    return rule(pick(ctx.rng, ["solid", "dashed"]))


def _amount(ctx: Ctx, i: int, item: Item) -> Seg:
    text = ctx.money(item.amount)
    if ctx.ax.items == "tax_code":
        code = f" {pick(ctx.rng, TAX_CODES.get(ctx.ax.region, ['T']))}"
        return Seg(text + code, "right", spans=((f"li:{i}:amount", 0, len(text)),))
    return Seg(text, "right", key=f"li:{i}:amount")


def _qty_price(ctx: Ctx, i: int, item: Item, indent: str = "  ") -> Seg:
    qty, unit = _qty(ctx, item), ctx.money(item.unit_price)
    op = pick(ctx.rng, [" x ", " @ ", " X ", "x"])
    text = f"{indent}{qty}{op}{unit}"
    spans = (
        (f"li:{i}:quantity", len(indent), len(indent) + len(qty)),
        (f"li:{i}:unit_price", len(text) - len(unit), len(text)),
    )
    return Seg(text, spans=spans)


def _qty(ctx: Ctx, item: Item) -> str:
    if item.unit == "L":
        return ctx.c.formats.number.format(item.quantity, 3)
    return ctx.c.formats.qty(item.quantity)


def _two_line(ctx: Ctx, i: int, item: Item) -> list[Row]:
    rows = [[Seg(line, key=f"li:{i}:description")] for line in wrap_text(item.description, ctx.plan.chars)]
    return [*rows, [_qty_price(ctx, i, item), _amount(ctx, i, item)]]


def _one_line(ctx: Ctx, i: int, item: Item) -> list[Row]:
    if item.quantity != 1 or len(item.description) + 12 > ctx.plan.chars:
        return _two_line(ctx, i, item)
    return [[Seg(item.description, key=f"li:{i}:description"), _amount(ctx, i, item)]]


def _qty_first(ctx: Ctx, i: int, item: Item) -> list[Row]:
    qty = _qty(ctx, item)
    text = f"{qty} {item.description}"
    if len(text) + 12 > ctx.plan.chars:
        return _two_line(ctx, i, item)
    spans = ((f"li:{i}:quantity", 0, len(qty)), (f"li:{i}:description", len(qty) + 1, len(text)))
    return [[Seg(text, spans=spans), _amount(ctx, i, item)]]


def _code_line(ctx: Ctx, i: int, item: Item) -> list[Row]:
    rows = [[Seg(line, key=f"li:{i}:description")] for line in wrap_text(item.description, ctx.plan.chars)]
    rows.append([Seg(item.product_code or "", pick(ctx.rng, ["left", "left", "center"]))])
    return [*rows, [_qty_price(ctx, i, item), _amount(ctx, i, item)]]


COLS = {"qty": 0.55, "price": 0.77}


def _columns(ctx: Ctx, i: int, item: Item) -> list[Row]:
    width = int(ctx.plan.chars * COLS["qty"]) - 5
    lines = wrap_text(item.description, width) or [""]
    number = ctx.ax.items == "numbered"
    first = [Seg(lines[0], key=f"li:{i}:description", x=0.06 if number else None)]
    if number:
        first.insert(0, Seg(f"{i + 1}."))
    first += [
        Seg(_qty(ctx, item), "right", key=f"li:{i}:quantity", x=COLS["qty"]),
        Seg(ctx.money(item.unit_price), "right", key=f"li:{i}:unit_price", x=COLS["price"]),
        _amount(ctx, i, item),
    ]
    rest = [[Seg(line, key=f"li:{i}:description", x=0.06 if number else None)] for line in lines[1:]]
    return [first, *rest]


def columns_header(ctx: Ctx) -> Row:
    """The column titles of a columns item table."""
    cols = ctx.words["columns"]
    room = int((COLS["price"] - COLS["qty"]) * ctx.plan.chars) - 1  # the price title must not reach the qty's

    def title(key: str) -> str:
        return pick(ctx.rng, [w for w in cols[key] if len(w) <= room] or [min(cols[key], key=len)])

    row = [
        Seg(title("desc"), bold=True, x=0.06 if ctx.ax.items == "numbered" else None),
        Seg(title("qty"), "right", bold=True, x=COLS["qty"]),
        Seg(title("price"), "right", bold=True, x=COLS["price"]),
        Seg(title("amount"), "right", bold=True),
    ]
    if ctx.ax.items == "numbered":
        row.insert(0, Seg(pick(ctx.rng, cols["num"]), bold=True))
    return row


def _metered(ctx: Ctx, i: int, item: Item) -> list[Row]:
    if item.unit != "L":
        return _one_line(ctx, i, item)
    pump = Seg(ctx.say("pump", n=ctx.c.extra["pump"]))
    unit = (
        ctx.c.formats.money.mark + ctx.money(item.unit_price)
        if ctx.chance(0.3)
        else ctx.money(item.unit_price)
    )
    qty = _qty(ctx, item)
    vol = f"{qty} {pick(ctx.rng, ['L', 'LTR', 'l', 'Litre'])} @ "
    text = vol + unit + pick(ctx.rng, ["", "/L"])
    spans = ((f"li:{i}:quantity", 0, len(qty)), (f"li:{i}:unit_price", len(vol), len(vol) + len(unit)))
    desc = Seg(item.description, key=f"li:{i}:description", bold=ctx.chance(0.3))
    return [[pump], [desc], [Seg(text, spans=spans), _amount(ctx, i, item)]]


def _fee(ctx: Ctx, i: int, item: Item) -> list[Row]:
    c = ctx.c
    entry = f"{c.formats.date(c.dates['entry'])} {c.times['entry'].strftime('%H:%M')}"
    minutes = int(c.extra["parked_minutes"])
    lines = [
        ctx.say("ticket", c=c.extra["plate"].replace(" ", "") + str(minutes)),
        ctx.say("vehicle", c=c.extra["plate"]) if ctx.chance(0.5) else "",
        f"{ctx.say('entry')}: {entry}",
        f"{ctx.say('duration')}: {minutes // 60}h {minutes % 60:02d}m",
    ]
    rows = [[Seg(part)] for line in lines for part in wrap_text(line, ctx.plan.chars)]
    return [*rows, [Seg(item.description, key=f"li:{i}:description"), _amount(ctx, i, item)]]


ITEM_STYLES: dict[str, Callable[[Ctx, int, Item], list[Row]]] = {
    "two_line": _two_line,
    "one_line": _one_line,
    "qty_first": _qty_first,
    "code_line": _code_line,
    "tax_code": _one_line,
    "columns": _columns,
    "numbered": _columns,
    "metered": _metered,
    "fee": _fee,
    "cards": _one_line,
    "trip": _one_line,
}


def item_rows(ctx: Ctx) -> list[Row]:
    """Every item in the receipt's item style, with a column header or items header sometimes."""
    rows: list[Row] = []
    if ctx.ax.items in ("columns", "numbered"):
        rows += [columns_header(ctx), separator(ctx)]
    elif ctx.chance(0.4) and ctx.ax.items not in ("metered", "fee"):
        rows += [[Seg(ctx.say("items_header"))], separator(ctx)]
    build = ITEM_STYLES[ctx.ax.items]
    for i, item in enumerate(ctx.c.items):
        rows += build(ctx, i, item)
    return rows


def count_row(ctx: Ctx) -> Row:
    """ "ITEM(S): 5" or "TOTAL QTY: 7"."""
    q = sum((i.quantity for i in ctx.c.items), Decimal(0))
    return [Seg(ctx.say("count", n=len(ctx.c.items), q=ctx.c.formats.qty(q)))]


def pair_amount(
    ctx: Ctx, label: str, value: Decimal, key: str | None, bold: bool = False, mark: bool = False
) -> list[Row]:
    """A totals row: label and amount (on the right half of wide pages); two rows when they do not fit."""
    label_x = 0.55 if ctx.ax.format in ("page", "folio", "email") else None
    text = ctx.money(value, mark)
    room = ctx.plan.chars * (1 - label_x * 1.2 if label_x else 1.0)  # proportional capitals run wide
    row = pair(label, text, key, bold, label_x=label_x)
    if len(label) + len(text) + 2 <= room:
        return [row]
    lines = wrap_text(label, int(room))
    return [[Seg(line, key=row[0].key, bold=bold, x=label_x)] for line in lines] + [[row[1]]]
