"""The merchant of a receipt: legal name, brand, address lines, phone, tax and registration numbers.

Malaysian and Singaporean addresses are composed from our own word lists (data/receipt_places.yaml:
unit, building, street, area, postcode + town, state) and grouped into the receipt's number of
address lines; other regions take Faker's addresses. Lines carry their printed punctuation, so the
address truth is the lines joined with a space.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from docsift.synth import ids, parties
from docsift.synth.knowledge import load, pick, weighted
from docsift.synth.model import Party
from docsift.synth.receipt.axes import ReceiptAxes
from docsift.synth.receipt.words import digits, fill, trade_list

UPPER_SHARE = {"MY": 0.92, "SG": 0.85, "US": 0.35, "UK": 0.3, "DE": 0.25, "IN": 0.45}
FAKER_OF = {"MY": "en_MS", "SG": "en_MS", "US": "en_US", "UK": "en_GB", "DE": "de_DE", "IN": "en_IN"}
LETTERS = "ABCDEFGHJKLMNPRSTUW"


def _places() -> dict[str, Any]:
    return load("receipt_places")


def _weighted_list(rng: random.Random, pairs: list[list[Any]]) -> str:
    return str(weighted(rng, [(p[0], float(p[1])) for p in pairs]))


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text.replace(" ,", ",").replace("( ", "(").replace(" )", ")")


def _initials(rng: random.Random) -> str:
    letters = [rng.choice(LETTERS) for _ in range(rng.randrange(2, 4))]
    return pick(rng, [".".join(letters) + ".", "".join(letters), " & ".join(letters[:2])])


def _my_town(rng: random.Random) -> tuple[str, str, str]:
    """(state key, town, postcode) of a Malaysian place."""
    my = _places()["my"]
    state = str(weighted(rng, [(k, float(w)) for k, w in my["state_weights"].items()]))
    info = my["states"][state]
    low, high = info["postcodes"]
    return state, pick(rng, info["towns"]), f"{rng.randrange(low, high + 1):05d}"


def _name_parts(rng: random.Random, ax: ReceiptAxes, keys: list[str]) -> dict[str, str]:
    """The values of a name shape's placeholders ``keys`` (drawn only when the shape has them)."""
    bases = _places()["names"]["bases"].get(ax.region) or ["Star"]
    f = parties.seeded(rng, FAKER_OF[ax.region])
    makers: dict[str, Callable[[], str]] = {
        "base": lambda: pick(rng, bases),
        "industry": lambda: pick(rng, trade_list(ax.trade, "industry", ax.region) or ["Store"]),
        "prefix": lambda: pick(rng, trade_list(ax.trade, "prefix", ax.region) or [""]),
        "town": lambda: _my_town(rng)[1] if ax.region == "MY" else f.city(),
        "initials": lambda: _initials(rng),
        "last": f.last_name,
        "last2": f.last_name,
        "first": f.first_name,
        "faker_company": f.company,
    }
    values = {k: str(makers[k]()) for k in keys if k in makers}
    if "base2" in keys:
        values["base2"] = pick(rng, [b for b in bases if b != values.get("base")] or bases)
    return values


def legal_name(rng: random.Random, ax: ReceiptAxes) -> tuple[str, str]:
    """(legal name, its core without the legal suffix) for the merchant of ``ax``."""
    names = _places()["names"]
    prefixes = trade_list(ax.trade, "prefix", ax.region)
    shapes = [s for s in names["shapes"][ax.region] if prefixes or "{prefix}" not in s[0]]
    shape = _weighted_list(rng, shapes)
    suffix = _weighted_list(rng, names["suffixes"][ax.region])
    values = _name_parts(rng, ax, re.findall(r"\{(\w+)\}", shape))
    core = _tidy(fill(shape.replace(" {suffix}", ""), **values))
    name = _tidy(f"{core} {suffix}") if "{suffix}" in shape else core
    if rng.random() < UPPER_SHARE[ax.region]:
        name, core = name.upper(), core.upper()
    return name, core


def brand_name(rng: random.Random, ax: ReceiptAxes, core: str) -> str:
    """A brand or logo text for the shop: a word of its own or of the name, and a trade word."""
    f = parties.seeded(rng, FAKER_OF[ax.region])
    words = trade_list(ax.trade, "brand", ax.region) or ["Store"]
    bases = _places()["names"]["bases"].get(ax.region) or [f.last_name()]
    head = pick(rng, [core.split()[0], pick(rng, bases), f.last_name(), f.last_name() + "'s"])
    brand = f"{head} {pick(rng, words)}" if rng.random() < 0.75 else head
    upper = core.isupper() or rng.random() < 0.4
    return brand.upper() if upper else brand


def _group(parts: list[str], n: int) -> list[list[str]]:
    """``parts`` split into ``n`` runs of about equal printed length (fewer when parts are fewer)."""
    n = max(1, min(n, len(parts)))
    total = sum(len(p) for p in parts)
    cuts: list[int] = []
    acc = 0
    for i, part in enumerate(parts[:-1]):
        acc += len(part)
        left = n - 1 - len(cuts)
        if left and (acc >= (len(cuts) + 1) * total / n or len(parts) - (i + 1) == left):
            cuts.append(i + 1)
    return [parts[a:b] for a, b in zip([0, *cuts], [*cuts, len(parts)], strict=True)]


def _my_parts(rng: random.Random) -> list[str]:
    my = _places()["my"]
    state, town, postcode = _my_town(rng)
    w = lambda: pick(rng, my["words"])  # noqa: E731
    values = {
        "n": rng.randrange(1, 300),
        "n2": rng.randrange(1, 300),
        "m": rng.randrange(1, 40),
        "L": rng.choice(LETTERS),
        "code": pick(rng, my["codes"]),
    }
    fill_one = lambda t: fill(t, w=w(), w2=w(), **values)  # noqa: E731
    parts = [fill_one(_weighted_list(rng, my["units"]))]
    if rng.random() < 0.3:
        parts.append(fill_one(_weighted_list(rng, my["buildings"])))
    parts.append(fill_one(_weighted_list(rng, my["streets"])))
    if rng.random() < 0.75:
        parts.append(fill_one(_weighted_list(rng, my["areas"])))
    parts.append(f"{postcode} {town}")
    printed = [p for p in my["states"][state]["printed"] if p != town]
    if printed and rng.random() < (0.85 if town != state else 0.5):
        parts.append(pick(rng, printed))
    if rng.random() < 0.15:
        parts.append("MALAYSIA")
    return parts


def _sg_parts(rng: random.Random) -> list[str]:
    sg = _places()["sg"]
    values = {
        "w": pick(rng, sg["words"]),
        "n": rng.randrange(1, 999),
        "m": rng.randrange(1, 12),
        "L": rng.choice("ABCDE"),
        "ff": f"{rng.randrange(1, 25):02d}",
        "uu": f"{rng.randrange(1, 300):02d}",
        "uu2": f"{rng.randrange(1, 300):02d}",
        "pc": f"{rng.randrange(1, 83):02d}{rng.randrange(0, 9999):04d}",
    }
    unit = fill(_weighted_list(rng, sg["units"]), **values)
    street = fill(_weighted_list(rng, sg["streets"]), **values)
    parts = [f"{unit} {street}", fill(pick(rng, sg["floors"]), **values)]
    if rng.random() < 0.4:
        values["w"] = pick(rng, sg["words"])
        parts.insert(1 if rng.random() < 0.5 else 2, fill(_weighted_list(rng, sg["buildings"]), **values))
    parts.append(fill(_weighted_list(rng, sg["tails"]), **values))
    return parts


def _join_lines(rng: random.Random, groups: list[list[str]], upper: bool) -> list[str]:
    """Printed lines: parts joined with commas (or spaces), trailing commas, sometimes a full stop."""
    commas = rng.random() < 0.8
    sep = ", " if commas else " "
    lines = [sep.join(g) + ("," if commas and i < len(groups) - 1 else "") for i, g in enumerate(groups)]
    if rng.random() < 0.15:
        lines[-1] += "."
    return [ln.upper() if upper else ln.title() for ln in lines]


def address_lines(
    rng: random.Random, ax: ReceiptAxes, loc: dict[str, Any], state: tuple[str, str] | None = None
) -> list[str]:
    """The merchant's address as printed lines (``ax.address_lines`` of them where the parts allow);
    ``state`` is the Indian (code, name)."""
    if ax.region in ("MY", "SG"):
        parts = _my_parts(rng) if ax.region == "MY" else _sg_parts(rng)
        return _join_lines(rng, _group(parts, ax.address_lines), rng.random() < 0.9)
    lines = parties.address(rng, loc, loc["faker"], state)
    f = parties.seeded(rng, FAKER_OF[ax.region])
    if ax.address_lines > len(lines) and ax.region in ("US", "UK") and rng.random() < 0.6:
        lines.insert(0, f.secondary_address() if ax.region == "US" else f.street_name())
    if ax.address_lines > len(lines) + 1 and rng.random() < 0.5:
        lines.append({"US": "USA", "UK": "United Kingdom", "DE": "Deutschland", "IN": "India"}[ax.region])
    upper = rng.random() < UPPER_SHARE[ax.region] - 0.1
    return [ln.upper() if upper else ln for ln in lines]


def place_name(rng: random.Random, region: str) -> str:
    """A place an outlet is named after ("MUTIARA JAYA", "SKUDAI", "Springfield")."""
    if region == "MY":
        word = pick(rng, _places()["my"]["words"])
        return pick(
            rng, [_my_town(rng)[1], f"{word} {pick(rng, ['JAYA', 'UTAMA', 'CITY', 'PARK', 'SQUARE'])}"]
        )
    if region == "SG":
        return pick(rng, _places()["sg"]["words"])
    return str(parties.seeded(rng, FAKER_OF[region]).city())


def phone_number(rng: random.Random, region: str) -> str:
    """A phone number as the region prints it."""
    shapes = {
        "MY": ["03-{4} {4}", "0{d}-{3} {4}", "012-{3} {4}", "03-{8}", "+603-{4}{4}", "07-{7}", "04-{7}"],
        "SG": ["6{3} {4}", "+65 6{3} {4}", "6{7}", "(65) 6{3} {4}"],
        "US": ["({3}) {3}-{4}", "{3}-{3}-{4}", "{3}.{3}.{4}"],
        "UK": ["020 {4} {4}", "01{3} {6}", "+44 20 {4} {4}", "0{4} {6}"],
        "DE": ["030 {7}", "0{3} {6}", "+49 {2} {7}", "0{4}/{6}"],
        "IN": ["+91 9{4} {5}", "080-{4} {4}", "0{2}-{8}", "9{9}"],
    }[region]
    shape = pick(rng, shapes).replace("{d}", str(rng.randrange(4, 10)))
    return re.sub(r"\{(\d)\}", lambda m: digits(rng, int(m.group(1))), shape)


def _my_registration(rng: random.Random) -> str:
    """A Malaysian company number: old style (123456-X), the 12-digit one, or both."""
    old = f"{rng.randrange(10000, 1299999)}-{rng.choice('AHKMPTVWXUD')}"
    new = f"{rng.randrange(2000, 2024)}0{rng.choice('123')}{digits(rng, 6)}"
    return pick(rng, [old, old, new, f"{new} ({old})"])


def _registration(rng: random.Random, region: str) -> str:
    makers = {
        "MY": lambda: _my_registration(rng),
        "SG": lambda: f"{rng.randrange(1990, 2024)}{digits(rng, 5)}{rng.choice('KMNRWZ')}",
        "UK": lambda: f"{rng.randrange(1000000, 13999999):08d}",
        "DE": lambda: str(rng.randrange(1000, 250000)),
        "IN": lambda: pick(
            rng, [f"U{digits(rng, 5)}MH{rng.randrange(1990, 2023)}PTC{digits(rng, 6)}", digits(rng, 14)]
        ),
        "US": lambda: str(rng.randrange(100, 9999)),
    }
    return makers[region]()


def _tax_id(rng: random.Random, region: str, when: date, state: str | None) -> str | None:
    if region == "MY":
        return ids.vat_id(rng, "my_gst" if when < date(2018, 6, 1) else "my_sst")
    if region == "SG":
        return (
            ids.vat_id(rng, "sg_gst")
            if rng.random() < 0.6
            else f"{rng.randrange(1990, 2024)}{digits(rng, 5)}K"
        )
    if region == "UK":
        return ids.vat_id(rng, "gb_vat")
    if region == "DE":
        return ids.vat_id(rng, "de_vat")
    if region == "IN":
        return ids.gstin(rng, state or "29", ids.pan(rng))
    return ids.vat_id(rng, "us_ein") if rng.random() < 0.2 else None


def _india_state(rng: random.Random) -> tuple[str, str]:
    india = load("india")
    code = pick(rng, sorted(india["state_cities"]))
    return code, str(india["states"][code])


def merchant(
    rng: random.Random, ax: ReceiptAxes, loc: dict[str, Any], when: date
) -> tuple[Party, dict[str, str]]:
    """The merchant party and its printed extras (brand, name core, registration number, fax)."""
    name, core = legal_name(rng, ax)
    state = _india_state(rng) if ax.region == "IN" else None
    lines = address_lines(rng, ax, loc, state)
    party = Party(name=name, address=lines, phone=phone_number(rng, ax.region))
    party.tax_id = _tax_id(rng, ax.region, when, state[0] if state else None)
    extra = {
        "brand": brand_name(rng, ax, core),
        "name_core": core,
        "reg_no": _registration(rng, ax.region) if ax.region != "US" or rng.random() < 0.4 else "",
        "fax": phone_number(rng, ax.region),
    }
    return party, extra
