"""Value normalisation (fields.md): text as printed -> the canonical value string.

Pure functions, no state. Amounts become decimal strings without symbol or thousands separators
("1180.00"), rates decimal percent strings ("18"), currencies ISO 4217 codes, identifiers
upper-case without spaces. Dates and times live in ``normalize_dates`` (re-exported here), amounts
in words in ``normalize_words``. ``normalize_value`` dispatches on a schema ``Kind``.

Document-level knowledge (the decimal separator, the date order, the country) comes in through
``Hints``; nothing here guesses it blindly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext

from docsift.extraction.knowledge.files import load_yaml
from docsift.extraction.normalize.hints import NO_HINTS, Hints

_SPACES = " \u00a0\u202f\u2009"
_APOSTROPHES = "'’`´"
_MINUS = "-−–"
_GROUP_SEPS = set(_SPACES + _APOSTROPHES)
MAX_DIGITS = 18  # longer digit runs (account or card numbers, glued references) are not money

# ---------------------------------------------------------------------------- amounts


def _valid_groups(groups: list[str]) -> bool:
    """Thousands groups: western (1-3, then 3s) or Indian (1-2, then 2s, last 3)."""
    if len(groups) < 2 or len(groups[-1]) != 3 or not 1 <= len(groups[0]) <= 3:
        return False
    middle = groups[1:-1]
    return all(len(g) == 3 for g in middle) or (len(groups[0]) <= 2 and all(len(g) == 2 for g in middle))


def _parse_core(core: str, decimal_separator: str | None) -> Decimal | None:
    """A run of digits and separators (starting and ending with a digit) -> Decimal, or None when it
    is no well-formed number or too long to be money (MAX_DIGITS)."""
    if sum(ch.isdigit() for ch in core) > MAX_DIGITS:
        return None
    parts = re.split(r"(\D)", core)
    digits, seps = parts[0::2], parts[1::2]
    if any(not d for d in digits):
        return None  # two separators in a row
    seps = ["'" if s in _APOSTROPHES else " " if s in _SPACES else s for s in seps]
    if not seps:
        return Decimal(core)
    if any(s not in ".,' " for s in seps):
        return None
    last = seps[-1]
    if last in ".," and any(s != last for s in seps[:-1]):
        # mixed: the last separator is the decimal one, all others one grouping character
        grouping = set(seps[:-1])
        if len(grouping) != 1 or last in grouping or not _valid_groups(digits[:-1]):
            return None
        return Decimal("".join(digits[:-1]) + "." + digits[-1])
    if last in "' " or len(seps) > 1:
        return Decimal("".join(digits)) if _valid_groups(digits) else None
    head, tail = digits
    if _is_decimal_mark(last, head, tail, decimal_separator):
        return Decimal(f"{head}.{tail}")
    return Decimal(head + tail)


def _is_decimal_mark(sep: str, head: str, tail: str, hint: str | None) -> bool:
    """Whether a single "." or "," is a decimal mark ("12,50") rather than grouping ("1,234")."""
    if len(tail) != 3 or len(head) > 3 or head == "0":
        return True
    if hint in (".", ","):
        return sep == hint
    return sep == "."  # no hint: "1,234" groups thousands, "1.234" keeps three decimals


def parse_amount(text: str, decimal_separator: str | None = None) -> Decimal | None:
    """The amount in ``text`` as a Decimal, or None when it holds no well-formed number.

    Accepts any thousands/decimal convention ("1.234,56", "1,234.56", "1 234,56", "1'234.56",
    Indian "1,18,000.00"), a currency mark before or after ("12,50 €", "RM 33.90", OCR-ish
    "S57.05"), and negatives as "-12.00", "(12.00)" or "12.00-". A lone "," or "." followed by
    exactly three digits is ambiguous: ``decimal_separator`` ("." or ",", the document's
    convention) decides; without it "1,234" is 1234 and "1.234" is 1.234. When the text holds
    other words and numbers, its one amount that is not a percentage is taken ("Total 12.50 EUR
    (incl. 19% VAT)"); several candidates give None. Never raises.
    """
    s = text.strip()
    digits_at = [i for i, ch in enumerate(s) if ch.isdigit()]
    if not digits_at:
        return None
    first, last = digits_at[0], digits_at[-1]
    prefix, core, suffix = s[:first], s[first : last + 1], s[last + 1 :].strip()
    if prefix.endswith((".", ",")) and not prefix[:-1][-1:].isalpha():
        core = "0" + prefix[-1] + core  # ".50" -> 0.50, but "Rs.50" -> 50
    try:
        value = _parse_core(core, decimal_separator)
    except InvalidOperation:
        value = None
    if value is None:
        return _single_amount(s, decimal_separator)
    dash = max(prefix.rfind(m) for m in _MINUS)
    negative = (
        (dash >= 0 and not _dash_after_word(prefix, dash))
        or ("(" in prefix and ")" in suffix)
        or (suffix[:1] in _MINUS and suffix[:1] != "")
    )
    return -value if negative and value else value


def _dash_after_word(text: str, dash: int) -> bool:
    """Whether the dash at ``dash`` stands between a word and a spaced-off number ("SARL - 1242",
    "Tel - 5550"): a separator, not a minus sign. A currency mark is not such a word ("RM - 5.00")."""
    if not text[dash + 1 : dash + 2].isspace():
        return False
    before = re.search(r"([^\W_]+)[^\S\n]*$", text[:dash])
    return before is not None and parse_currency(before.group(1)) is None


def _single_amount(text: str, decimal_separator: str | None) -> Decimal | None:
    """The one amount (not a percentage) among several numbers ("Total 12.50 EUR (incl. 19%)")."""
    amounts = [a for a in find_amounts(text, decimal_separator) if not a.is_percent]
    return amounts[0].value if len(amounts) == 1 else None


def format_amount(value: Decimal) -> str:
    """Money as a plain decimal string with at least two decimals: 1180 -> "1180.00",
    19.8000 -> "19.80", 0.1250 -> "0.125". Never raises for finite values."""
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(value.as_tuple().digits) + 4)
        trimmed = value.normalize()
        exponent = trimmed.as_tuple().exponent
        if isinstance(exponent, int) and exponent >= -2:
            trimmed = value.quantize(Decimal("0.01"))
    return format(trimmed, "f")


def format_number(value: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 5.000 -> "5", 10.50 -> "10.5", 100 -> "100"."""
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


def normalize_amount(raw: str, hints: Hints | None = None) -> str | None:
    """Money text -> "1180.00" (see parse_amount), or None when it holds no amount."""
    value = parse_amount(raw, (hints or NO_HINTS).decimal_separator)
    return format_amount(value) if value is not None else None


def normalize_number(raw: str, hints: Hints | None = None) -> str | None:
    """A quantity -> decimal string without trailing zeros ("5.000" -> "5"), or None."""
    value = parse_amount(raw, (hints or NO_HINTS).decimal_separator)
    return format_number(value) if value is not None else None


@dataclass(frozen=True)
class AmountMatch:
    """One amount token found in a text, with its position (character offsets) and marks."""

    value: Decimal
    raw: str
    start: int
    end: int
    currency: str | None = None
    is_percent: bool = False
    has_decimals: bool = False


def _currency_alternation() -> str:
    data = load_yaml("currencies.yaml")
    marks = set(data["symbols"]) | set(data["ambiguous"]) | set(data["codes"])
    return "|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True))


_AMOUNT_RE_CACHE: dict[bool, re.Pattern[str]] = {}


def _amount_regex(allow_space_groups: bool) -> re.Pattern[str]:
    if allow_space_groups not in _AMOUNT_RE_CACHE:
        cur = _currency_alternation()
        spaces = "\u00a0\u202f\u2009" + (" " if allow_space_groups else "")
        num = rf"\d{{1,3}}(?:[{spaces}]\d{{3}})+(?:[.,]\d+)?(?!\d)|\d(?:[\d.,'’]*\d)?"
        _AMOUNT_RE_CACHE[allow_space_groups] = re.compile(
            rf"(?<![\w/:.,\-−])(?P<open>\()?(?P<sign>[-−]\s?)?(?:(?P<pre>{cur}|S(?=\d))\s?)?"
            rf"(?P<sign2>[-−])?(?P<num>{num})(?P<trail>-(?![\d\w]))?(?:\s?(?P<post>{cur}))?"
            rf"(?P<pct>\s?%)?(?P<close>\))?(?![\w/:]|[.,]\d)"
        )
    return _AMOUNT_RE_CACHE[allow_space_groups]


def find_amounts(
    text: str,
    decimal_separator: str | None = None,
    allow_space_groups: bool = False,
    hints: Hints | None = None,
) -> list[AmountMatch]:
    """Every amount token in ``text``, left to right (integers too; see ``has_decimals``).

    Dates, times and numbers glued to letters are not amounts; a dash spaced off between a word and
    a number is a separator, not a sign ("SARL - 1242" is 1242). A plain space as a thousands
    separator ("1 234,56") is accepted only with ``allow_space_groups`` (else "2 100.00" would
    join a quantity and a price); narrow and no-break spaces always are. Never raises.
    """
    found: list[AmountMatch] = []
    for m in _amount_regex(allow_space_groups).finditer(text):
        num = m["num"]
        try:
            value = _parse_core(num, decimal_separator)
        except InvalidOperation:
            value = None
        if value is None:
            continue
        sign = m["sign"] and not _dash_after_word(text, m.start("sign"))
        negative = bool(sign or m["sign2"] or m["trail"] or (m["open"] and m["close"]))
        start = m.start() if sign or not m["sign"] else m.end("sign")
        mark = m["pre"] or m["post"]
        currency = None
        if mark and mark != "S":
            currency = parse_currency(mark, hints)
        elif mark == "S":
            currency = parse_currency("$", hints)
        found.append(
            AmountMatch(
                value=-value if negative and value else value,
                raw=text[start : m.end()],
                start=start,
                end=m.end(),
                currency=currency,
                is_percent=bool(m["pct"]),
                has_decimals=value.as_tuple().exponent != 0,
            )
        )
    return found


# ---------------------------------------------------------------------------- rates


def parse_rate(text: str, hints: Hints | None = None) -> Decimal | None:
    """A tax or interest rate in percent: "18%" -> 18, "18.00 %" -> 18, "0,19" -> 19.

    A bare number between 0 and 1 without a "%" sign is read as a fraction (0.19 = 19%).
    Returns None when ``text`` holds no number or the rate is outside 0..100. Never raises.
    """
    value = parse_amount(text.replace("%", " "), (hints or NO_HINTS).decimal_separator)
    if value is None:
        return None
    if "%" not in text and 0 < value < 1:
        value *= 100
    return value if 0 <= value <= 100 else None


def normalize_rate(raw: str, hints: Hints | None = None) -> str | None:
    """A rate as a decimal percent string without trailing zeros ("18", "5.5"), or None."""
    value = parse_rate(raw, hints)
    return format_number(value) if value is not None else None


# ---------------------------------------------------------------------------- currency

_CODE_RE = re.compile(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])")


def _resolve_ambiguous(mark: str, hints: Hints) -> str | None:
    rule = load_yaml("currencies.yaml")["ambiguous"][mark]
    choices: dict[str, str] = rule.get("by_country") or {}
    if hints.currency and hints.currency in choices.values():
        return hints.currency
    if hints.country and hints.country.upper() in choices:
        return choices[hints.country.upper()]
    default: str | None = rule.get("default")
    return default


def parse_currency(text: str, hints: Hints | None = None) -> str | None:
    """The ISO 4217 code named in ``text`` by code ("EUR"), symbol ("€", "Rs.", "RM", "S$")
    or word ("euros", "rupees"), or None.

    An ambiguous mark is resolved by ``hints``: "$" alone is USD unless the country (or the
    currency hint) says CAD, AUD, SGD...; "kr" needs a country. Never raises.
    """
    hints = hints or NO_HINTS
    data = load_yaml("currencies.yaml")
    codes = set(data["codes"])
    for m in _CODE_RE.finditer(text):
        if m.group(1) in codes:
            return str(m.group(1))
    stripped = text.strip()
    for mark in sorted(data["symbols"], key=len, reverse=True):
        if _mark_in(mark, stripped):
            return str(data["symbols"][mark])
    for word in re.findall(r"[^\W\d_]+", stripped.lower()):
        if word in data["words"]:
            return str(data["words"][word])
    for mark in sorted(data["ambiguous"], key=len, reverse=True):
        if _mark_in(mark, stripped):
            return _resolve_ambiguous(mark, hints)
    return None


def _mark_in(mark: str, text: str) -> bool:
    """Whether a currency mark occurs in ``text``; letter marks must not be part of a word."""
    if not mark[0].isalpha() and not mark[-1].isalpha():
        return mark in text
    return re.search(rf"(?<![^\W\d_]){re.escape(mark)}(?![^\W\d_])", text) is not None


def normalize_currency(raw: str, hints: Hints | None = None) -> str | None:
    """The ISO 4217 code for ``raw`` (see parse_currency), or None."""
    return parse_currency(raw, hints)
