"""Content pieces shared by every document kind: print formats, currency marks, dates, item texts."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from docsift.synth.fmt import MoneyStyle, NumberStyle, money
from docsift.synth.knowledge import load, pick, weighted
from docsift.synth.model import Formats


def currency_mark(rng: random.Random, loc: dict, unicode_ok: bool) -> tuple[str, str]:
    """(ISO code, printed mark) for the locale; the rupee sign only when the font can draw it."""
    options = [((c, m), float(w)) for c, m, w in loc["currencies"] if unicode_ok or m != "₹"]
    return weighted(rng, options)


def make_formats(rng: random.Random, loc: dict, lab: dict, mark: str) -> Formats:
    """The number, money and date formats of one document in locale ``loc``."""
    number = NumberStyle(**pick(rng, loc["numbers"]))
    before = loc["symbol_position"] == "before"
    if len(mark) == 3 and mark.isalpha() and rng.random() < 0.3:
        before = not before
    space = (len(mark) > 1 and mark[-1] != ".") or (not before) or rng.random() < 0.3
    style = MoneyStyle(number=number, mark=mark, before=before, space=space)
    pattern = pick(rng, loc["dates"])
    if "%d" in pattern and rng.random() < 0.15 and not pattern.startswith("%d."):
        pattern = pattern.replace("%d", "%e", 1)
    qty_places = 2 if rng.random() < 0.25 else 0
    return Formats(
        number=number,
        money=style,
        date_pattern=pattern,
        months=lab["months"],
        months_abbr=lab["months_abbr"],
        qty_places=qty_places,
    )


def issue_date(rng: random.Random) -> date:
    """A date of issue between 2016 and 2026."""
    return date(2016, 1, 1) + timedelta(days=rng.randrange(0, 365 * 11))


def price(rng: random.Random, low: float, high: float) -> Decimal:
    """A log-uniform price between low and high with typical endings (.00, .50, .99 or any cents)."""
    value = low * (high / low) ** rng.random()
    ending = rng.random()
    if ending < 0.35:
        return money(round(value))
    if ending < 0.5:
        return money(int(value)) + Decimal("0.99")
    if ending < 0.6:
        return money(int(value)) + Decimal("0.50")
    return money(value)


def description(rng: random.Random, language: str, service: bool, long_text: bool) -> str:
    """An item description in ``language``, sometimes long enough to wrap."""
    words = load("words")["products"][language]
    base = pick(rng, words["services" if service else "nouns"])
    if not service and rng.random() < 0.35:
        base = f"{pick(rng, words['adjectives'])} {base}"
    if long_text or rng.random() < 0.15:
        detail = pick(rng, words["details"])
        detail = detail.replace("{month}", f"{rng.randrange(1, 13):02d}/{rng.randrange(2016, 2027)}")
        detail = detail.replace("{ref}", str(rng.randrange(1000, 99999)))
        base = f"{base}, {detail}"
        if long_text and rng.random() < 0.5:
            base += f" - {pick(rng, words['adjectives']).lower()} {pick(rng, words['nouns']).lower()}"
    return base


def quantity(rng: random.Random, service: bool) -> Decimal:
    """A quantity: hours in halves for services, mostly whole units for goods, sometimes weights."""
    if service:
        return (
            Decimal(rng.choice([1, 1, 1, 2, 3])) if rng.random() < 0.4 else Decimal(rng.randrange(1, 80)) / 2
        )
    r = rng.random()
    if r < 0.55:
        return Decimal(rng.randrange(1, 11))
    if r < 0.85:
        return Decimal(rng.randrange(10, 250))
    return Decimal(rng.randrange(5, 500)) / 4
