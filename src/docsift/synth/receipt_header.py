"""The merchant block at the top of a receipt, as real shops print it.

Besides the company name and its address, many receipts carry lines that are not the merchant's
legal name: a brand or logo line above it (often larger), a store code or till number, a slogan,
an owner line ("OWN BY: <company>"), the registration number on the name's own line, an outlet or
branch line under the address. The truth stays the company name and its street address, so the
models learn to tell them apart.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from docsift.synth import parties
from docsift.synth.knowledge import pick
from docsift.synth.model import Content

if TYPE_CHECKING:
    from docsift.synth.layout_receipt import ReceiptPlan, Seg

BRAND_SHARE = 0.3  # receipts with a brand line above the company name
CODE_SHARE = 0.15  # a store code or till number above everything
SLOGAN_SHARE = 0.08
OWNER_SHARE = 0.12  # "OWN BY: <company>" when a brand line is printed
SAME_LINE_REG_SHARE = 0.45  # the registration number printed after the name, on its line
OUTLET_SHARE = 0.2  # an outlet or branch line under the address
PLAIN_NAME_SHARE = 0.4  # the name printed in the body font (not bold)


def _seg(*args: object, **kw: object) -> Seg:
    from docsift.synth.layout_receipt import Seg

    return Seg(*args, **kw)  # type: ignore[arg-type]


def wrap_text(text: str, chars: int) -> list[str]:
    """``text`` broken at spaces into lines of at most ``chars`` characters (a long word stays whole)."""
    out: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > chars:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*out, line] if line else out


def _brand(rng: random.Random, c: Content, words: dict) -> str:
    f = parties.seeded(rng, "en_US")
    head = pick(rng, [f.last_name(), f.first_name(), f.word().capitalize(), f.last_name() + "'s"])
    brand = f"{head} {pick(rng, words['brand_words'])}" if rng.random() < 0.7 else head
    return brand.upper() if c.extra["style"] != "US" or rng.random() < 0.5 else brand


def _place(rng: random.Random, c: Content) -> str:
    f = parties.seeded(rng, "en_US")
    suffix = pick(rng, ["CITY", "PARK", "JAYA", "UTAMA"])
    place = pick(rng, [f.city(), f.last_name(), f"{f.last_name()} {suffix}"])
    return place.upper() if c.extra["style"] != "US" else place


def _code(rng: random.Random) -> str:
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


def _name_rows(rng: random.Random, c: Content, words: dict, plan: ReceiptPlan, owner: str) -> list[list[Seg]]:
    """The company name (with an owner label or its registration number on the same line, sometimes)."""
    m = c.parties["merchant"]
    bold = rng.random() >= PLAIN_NAME_SHARE
    reg = c.extra.get("reg_no")
    tail = ""
    if reg and m.extra and rng.random() < SAME_LINE_REG_SHARE:
        tail = pick(rng, [f" ({reg})", f" {reg}", f"({reg})", f" (CO. NO. {reg})"])
        c.extra["reg_on_name"] = "yes"
    text = f"{owner}{m.name}{tail}"
    if len(text) <= plan.chars:
        start = len(owner)
        spans = (("merchant_name", start, start + len(m.name)),) + (
            (("label:merchant_name", 0, len(owner.rstrip(": "))),) if owner else ()
        )
        return [[_seg(text, "center", spans=spans, bold=bold)]]
    rows = [[_seg(line, "center", key="merchant_name", bold=bold)] for line in wrap_text(m.name, plan.chars)]
    if owner:
        rows.insert(0, [_seg(owner.strip(), "center")])
    c.extra["reg_on_name"] = ""  # too long for one line: the registration gets its own line below
    return rows


def merchant_rows(rng: random.Random, c: Content, words: dict, plan: ReceiptPlan) -> list[list[Seg]]:
    """The merchant block: optional code, slogan and brand lines, the name, registration and address,
    and an optional outlet line."""
    m = c.parties["merchant"]
    rows: list[list[Seg]] = []
    if rng.random() < CODE_SHARE:
        rows.append([_seg(_code(rng), pick(rng, ["center", "left", "right"]))])
    brand = _brand(rng, c, words) if rng.random() < BRAND_SHARE else ""
    if rng.random() < SLOGAN_SHARE:
        slogan = pick(rng, words["slogan"]).replace("{brand}", brand or m.name.split()[0])
        rows += [[_seg(line, "center")] for line in wrap_text(slogan, plan.chars)]
    if brand:
        rows.append([_seg(brand, "center", bold=True, scale=rng.choice([1.0, 1.3, 1.6]))])
    owner = pick(rng, words["owner"]) if brand and rng.random() < OWNER_SHARE else ""
    rows += _name_rows(rng, c, words, plan, owner)
    if not c.extra.get("reg_on_name"):
        rows += [[_seg(e, "center")] for e in m.extra]
    for line in m.address:
        rows += [[_seg(part, "center", key="merchant_address")] for part in wrap_text(line, plan.chars)]
    if rng.random() < OUTLET_SHARE:
        rows.append([_seg(pick(rng, words["outlet"]).replace("{place}", _place(rng, c)), "center")])
    return rows
