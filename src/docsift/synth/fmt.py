"""How numbers, money, dates and amounts in words are printed per locale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(value: Decimal | int | str) -> Decimal:
    """``value`` as a Decimal rounded half-up to cents."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def canon_amount(value: Decimal) -> str:
    """The canonical amount string of fields.md: two decimals, no separators ("1180.00")."""
    return f"{money(value):.2f}"


def canon_number(value: Decimal) -> str:
    """A quantity or rate as a decimal string without trailing zeros ("2", "1.5", "8.1")."""
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


@dataclass(frozen=True)
class NumberStyle:
    """Thousands and decimal separators and the grouping rule (western 3-3-3 or indian 3-2-2)."""

    thousands: str = ","
    decimal: str = "."
    grouping: str = "western"

    def format(self, value: Decimal, places: int = 2, group: bool = True) -> str:
        """``value`` printed with ``places`` decimals in this style."""
        q = Decimal(1).scaleb(-places) if places else Decimal(1)
        text = f"{abs(Decimal(value)).quantize(q, rounding=ROUND_HALF_UP):f}"
        whole, _, frac = text.partition(".")
        if group:
            whole = _group(whole, self.thousands, self.grouping)
        sign = "-" if Decimal(value) < 0 else ""
        return sign + whole + (self.decimal + frac if frac else "")


def _group(digits: str, sep: str, grouping: str) -> str:
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    parts: list[str] = []
    size = 2 if grouping == "indian" else 3
    while len(head) > size:
        parts.insert(0, head[-size:])
        head = head[:-size]
    parts.insert(0, head)
    return sep.join([*parts, tail])


@dataclass(frozen=True)
class MoneyStyle:
    """How an amount is printed: number style plus currency mark, its position and spacing."""

    number: NumberStyle
    mark: str = ""  # symbol or code, empty for a bare number
    before: bool = True
    space: bool = False
    negative: str = "minus"  # "-1.00", minus_space "- 1.00", parens "(1.00)", trailing "1.00-", cr "1.00 CR"

    def format(self, value: Decimal, with_mark: bool = True) -> str:
        """``value`` printed as money, with or without the currency mark; a negative value in the
        style's ``negative`` notation."""
        body = self.number.format(abs(Decimal(value)))
        if with_mark and self.mark:
            gap = " " if self.space else ""
            body = self.mark + gap + body if self.before else body + gap + self.mark
        return _negative(body, self.negative) if Decimal(value) < 0 else body


def _negative(text: str, notation: str) -> str:
    """``text`` (an amount as printed) marked negative in ``notation``."""
    return {
        "minus": lambda: "-" + text,
        "minus_space": lambda: "- " + text,
        "parens": lambda: f"({text})",
        "trailing": lambda: text + "-",
        "cr": lambda: text + " CR",
    }[notation]()


def format_date(d: date, pattern: str, months: list[str], months_abbr: list[str]) -> str:
    """``d`` printed by a strftime-like ``pattern`` (%d %e %m %Y %y %B %b) with localised month names."""
    out = pattern
    repl = {
        "%d": f"{d.day:02d}",
        "%e": str(d.day),
        "%m": f"{d.month:02d}",
        "%Y": f"{d.year:04d}",
        "%y": f"{d.year % 100:02d}",
        "%B": months[d.month - 1],
        "%b": months_abbr[d.month - 1],
    }
    for token, value in repl.items():
        out = out.replace(token, value)
    return out


def _words() -> dict:
    from docsift.synth.knowledge import load

    return dict(load("words")["number_words"])


def _below_1000(n: int) -> list[str]:
    ones, tens = _words()["ones"], _words()["tens"]
    words: list[str] = []
    if n >= 100:
        words += [ones[n // 100], "Hundred"]
        n %= 100
    if n >= 20:
        words.append(tens[n // 10] + ("-" + ones[n % 10] if n % 10 else ""))
    elif n or not words:
        words.append(ones[n])
    return words


def integer_words(n: int, indian: bool = False) -> str:
    """An integer in English words, with lakh/crore when ``indian`` else thousand/million/billion."""
    if n == 0:
        return "Zero"
    scales = (
        [(10**7, "Crore"), (10**5, "Lakh"), (1000, "Thousand")]
        if indian
        else [(10**9, "Billion"), (10**6, "Million"), (1000, "Thousand")]
    )
    words: list[str] = []
    for size, name in scales:
        if n >= size:
            count = n // size
            words += [*(integer_words(count, indian).split()), name]
            n %= size
    if n:
        words += _below_1000(n)
    return " ".join(words)


def amount_words(value: Decimal, currency: str) -> str:
    """An amount in English words as printed on invoices ("Rupees One Lakh ... Only")."""
    value = money(value)
    whole = int(value)
    cents = int((value - whole) * 100)
    if currency == "INR":
        text = "Rupees " + integer_words(whole, indian=True)
        if cents:
            text += " and " + integer_words(cents) + " Paise"
        return text + " Only"
    names = _words()["currency_names"]
    text = integer_words(whole) + " " + names.get(currency, currency)
    return text + (f" and {cents:02d}/100" if cents else " Only")
