"""The merchant block at the top of a receipt, in the header style of the receipt's axes.

Real receipts print lines that are not the merchant's legal name around it: a brand or logo line
above it (larger, or a picture), the name twice (logo text, then the legal name), a store code, a
slogan, an owner line ("OWN BY: <company>"), the registration number on the name's line, an outlet
line, "TAX INVOICE", "CASHIER: ...". The truth stays the legal name line and the address block
(its lines joined with a space), so the models learn to tell them apart.
"""

from __future__ import annotations

from docsift.synth.knowledge import pick
from docsift.synth.receipt.logo import logo_meta
from docsift.synth.receipt.merchant import place_name
from docsift.synth.receipt.plan import Ctx, Row, Seg, Span, centred, templated, wrap_text
from docsift.synth.receipt.words import fill

CODE_SHARE = 0.12  # a store code or till number above everything
SLOGAN_SHARE = 0.08
OUTLET_SHARE = 0.15  # an outlet or branch line under the address
NAME_SCALE = {"bold": 1.0, "plain": 1.0, "large": 1.3}


def _align(ctx: Ctx) -> str:
    return "left" if ctx.ax.header == "left_block" else "center"


def _code(ctx: Ctx) -> str:
    rng = ctx.rng
    letters = "ABCDEFGHKLMPRST"
    return pick(
        rng,
        [
            f"{rng.choice(letters)}{rng.randrange(1000, 99999):05d}",
            str(rng.randrange(10000000, 99999999)),
            f"{rng.choice(letters)}{rng.choice(letters)} {rng.randrange(1, 99)}{rng.choice(letters)}",
            f"#{rng.randrange(100, 9999)}",
        ],
    )


def name_rows(ctx: Ctx, owner: str = "", tail: str = "", plain: bool = False) -> list[Row]:
    """The legal name (after an owner label, before a registration tail when it fits on the line)."""
    name = ctx.c.parties["merchant"].name
    bold = not plain and ctx.ax.name_weight != "plain"
    scale = 1.0 if plain else NAME_SCALE[ctx.ax.name_weight]
    align = _align(ctx)
    text = f"{owner}{name}{tail}"
    if len(text) * scale <= ctx.plan.chars:
        spans: tuple[Span, ...] = (("merchant_name", len(owner), len(owner) + len(name)),)
        if owner:
            spans += (("label:merchant_name", 0, len(owner.rstrip(": "))),)
        return [[Seg(text, align, spans=spans, bold=bold, scale=scale)]]
    lines = wrap_text(name, int(ctx.plan.chars / scale))
    rows = [[Seg(ln, align, key="merchant_name", bold=bold, scale=scale)] for ln in lines]
    if owner:
        rows.insert(0, [Seg(owner.strip(), align)])
    if tail:
        rows.append([Seg(tail.strip(), align)])
    return rows


def _reg_text(ctx: Ctx) -> str:
    return fill(pick(ctx.rng, ctx.words["reg"]), n=ctx.c.extra["reg_no"]) if ctx.c.extra.get("reg_no") else ""


def _address_align(ctx: Ctx) -> str:
    return "left" if ctx.ax.header == "left_block" else ctx.ax.address_align


def address_rows(ctx: Ctx) -> list[Row]:
    """The address lines (wrapped to the paper), the phone on the last line when the axes say so."""
    m = ctx.c.parties["merchant"]
    align = _address_align(ctx)
    rows: list[Row] = []
    for line in m.address:
        rows += [[Seg(part, align, key="merchant_address")] for part in wrap_text(line, ctx.plan.chars)]
    if ctx.ax.phone_place == "address_end" and m.phone and rows and align == "left":
        rows[-1:] = _phone_after(ctx, rows[-1][0], align)
    return rows


def _phone_after(ctx: Ctx, last: Seg, align: str) -> list[Row]:
    """The last address line with the phone after it ("... JOHOR.  TEL: 07-123 4567"), or two rows."""
    phone = ctx.c.parties["merchant"].phone or ""
    label, _, after = ctx.say("phone", p="{p}").partition("{p}")
    prefix = f"{last.text}  {label}"
    text = prefix + phone + after
    if len(text) > ctx.plan.chars:
        return [[last], [templated(f"{label}{{p}}{after}", phone, "merchant_phone", align=align)]]
    spans = (
        ("merchant_address", 0, len(last.text)),
        ("merchant_phone", len(prefix), len(prefix) + len(phone)),
        ("label:merchant_phone", len(last.text) + 2, len(last.text) + 2 + len(label.rstrip(" :"))),
    )
    return [[Seg(text, align, spans=spans)]]


def _phone_rows(ctx: Ctx, align: str) -> list[Row]:
    m = ctx.c.parties["merchant"]
    centred_end = ctx.ax.phone_place == "address_end" and _address_align(ctx) != "left"
    if not m.phone or (ctx.ax.phone_place not in ("own_line", "with_fax") and not centred_end):
        return []
    template = ctx.say("phone", p="{p}")
    if ctx.ax.phone_place != "with_fax":
        return fitted(ctx, template, m.phone, "merchant_phone", align)
    tel = templated(template, m.phone, "merchant_phone", align=align)
    fax = fill(pick(ctx.rng, ctx.words["fax"]), p=ctx.c.extra["fax"])
    if len(tel.text) + len(fax) + 2 <= ctx.plan.chars and ctx.chance(0.6):
        tel.text += "  " + fax
        return [[tel]]
    return [[tel], [Seg(fax, align)]]


def contact_rows(ctx: Ctx) -> list[Row]:
    """Phone (own line, with fax, or none; on the address line is done there) and the tax id line."""
    m, align = ctx.c.parties["merchant"], _align(ctx)
    rows = _phone_rows(ctx, align)
    if m.tax_id:
        rows += fitted(ctx, ctx.say("tax_id", id="{id}"), m.tax_id, "merchant_tax_id", align)
    return rows


def fitted(ctx: Ctx, template: str, value: str, key: str, align: str) -> list[Row]:
    """A templated row ("TEL: {p}"), or its label and value on two rows when it is wider than the paper."""
    seg = templated(template, value, key, align=align)
    if len(seg.text) <= ctx.plan.chars:
        return [[seg]]
    label = template[: template.index("{")].strip()
    return [[Seg(label, align, key=f"label:{key}")], [Seg(value, align, key=key)]]


def _brand_rows(ctx: Ctx, text: str) -> list[Row]:
    scale = ctx.rng.choice([1.3, 1.5, 1.8])
    lines = wrap_text(text, int(ctx.plan.chars / scale))
    return [[Seg(line, _align(ctx), bold=True, scale=scale)] for line in lines]


def _logo_row(ctx: Ctx) -> Row:
    mono = ctx.ax.format in ("thermal58", "thermal80")
    align = pick(ctx.rng, ["left", "right"]) if ctx.ax.header == "left_block" else "center"
    meta = logo_meta(ctx.rng, mono)
    return [Seg(ctx.c.extra["brand"], align, kind="logo", scale=ctx.rng.choice([2.4, 3.0, 3.8]), meta=meta)]


def _top(ctx: Ctx) -> list[Row]:
    """Lines some shops print first: a store code, a slogan."""
    rows: list[Row] = []
    if ctx.chance(CODE_SHARE):
        rows.append([Seg(_code(ctx), pick(ctx.rng, ["center", "left", "right"]))])
    if ctx.chance(SLOGAN_SHARE) or ctx.ax.header == "body_font":
        slogan = ctx.say("slogan", brand=ctx.c.extra["brand"])
        rows += centred(wrap_text(slogan, ctx.plan.chars))
    return rows


def _head(ctx: Ctx) -> tuple[list[Row], str, str, bool]:
    """The rows above the name, and the owner label, registration tail and plain flag of the name line."""
    style, brand = ctx.ax.header, ctx.c.extra["brand"]
    if style == "brand_text":
        return _brand_rows(ctx, brand), "", "", False
    if style == "logo_image":
        return [_logo_row(ctx)], "", "", False
    if style == "doubled":
        return _brand_rows(ctx, ctx.c.extra["name_core"]), "", "", False
    if style == "owner":
        return _brand_rows(ctx, brand), ctx.say("owner"), "", True
    if style == "reg_inline" and ctx.c.extra.get("reg_no"):
        reg = ctx.c.extra["reg_no"]
        return (
            [],
            "",
            pick(ctx.rng, [f" ({reg})", f" {reg}", f" (CO. NO. {reg})", f" ({reg}) "]).rstrip(),
            False,
        )
    if style == "left_block" and ctx.chance(0.6):
        return [_logo_row(ctx)], "", "", False
    return [], "", "", style == "body_font"


def under_rows(ctx: Ctx) -> list[Row]:
    """A line right under the header (``under_header`` axis): title, cashier, order number prompt, ..."""
    kind, align = ctx.ax.under_header, _align(ctx)
    lines = {
        "title": lambda: [[Seg(ctx.say("titles"), "center", bold=True)]],
        "cashier": lambda: [[Seg(f"{ctx.say('cashier')}: {ctx.c.extra['cashier']}", align)]],
        "order_no": lambda: [[Seg(ctx.say("order_no"), "center")]],
        "qty_cash": lambda: [[Seg(ctx.say("qty_cash"), pick(ctx.rng, ["left", "center"]))]],
        "help": lambda: [[Seg(ctx.say("help"), pick(ctx.rng, ["left", "right"]))]],
        "outlet": lambda: [[Seg(_outlet(ctx), align)]],
    }
    return lines[kind]() if kind in lines else []


def _outlet(ctx: Ctx) -> str:
    return ctx.say("outlet", place=place_name(ctx.rng, ctx.ax.region))


def merchant_rows(ctx: Ctx) -> list[Row]:
    """The merchant block in the header style of ``ctx.ax``: brand or logo, name, registration, address,
    contact lines, an optional outlet line."""
    head, owner, tail, plain = _head(ctx)
    rows = _top(ctx) + head + name_rows(ctx, owner, tail, plain)
    reg = _reg_text(ctx)
    if reg and not tail:
        rows += [[Seg(line, _align(ctx))] for line in wrap_text(reg, ctx.plan.chars)]
    rows += address_rows(ctx)
    if ctx.chance(OUTLET_SHARE) and ctx.ax.under_header != "outlet":
        rows.append([Seg(_outlet(ctx), _align(ctx))])
    return rows + contact_rows(ctx)
