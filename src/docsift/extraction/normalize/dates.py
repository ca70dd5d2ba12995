"""Dates and times as printed -> ISO (``YYYY-MM-DD``, ``HH:MM[:SS]``).

Numeric dates whose day and month could swap (03/05/2018) have two readings; which one holds
is decided per document by ``infer_date_order`` from the evidence on the page (an impossible
day/month such as 25/12, dotted dates, month names written first or second) and the hints
(country, language, currency), never by a blind default. Month names come from
``data/months.yaml`` (English, German, French, Spanish, Dutch, Italian, Malay, Portuguese).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from docsift.extraction.knowledge.files import load_yaml
from docsift.extraction.normalize.hints import Hints

__all__ = [
    "DateMatch",
    "find_dates",
    "infer_date_order",
    "month_number",
    "normalize_date",
    "normalize_time",
    "parse_date",
    "parse_date_all",
    "parse_time",
]

DMY, MDY, YMD = "DMY", "MDY", "YMD"


@cache
def _months() -> dict[str, int]:
    table: dict[str, int] = {}
    for lang, months in load_yaml("months.yaml").items():
        if lang == "filler":
            continue
        for number, names in enumerate(months, start=1):
            for name in names:
                table.setdefault(str(name), number)
    return table


def month_number(word: str) -> int | None:
    """The month (1..12) a name or abbreviation stands for in any supported language
    ("MAR", "März", "janv.", "Ogos"), or None."""
    return _months().get(word.lower().strip(". "))


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text: its position, and its reading for each possible order.

    ``readings`` maps an order ("DMY", "MDY", "YMD") to the date it gives; an unambiguous date has
    one reading (or the same date under both orders). ``evidence`` is what this spelling says about
    the document's order: "DMY!"/"MDY!" (impossible otherwise, strong), "DMY"/"MDY" (a habit, weak).
    """

    raw: str
    start: int
    end: int
    readings: dict[str, date] = field(default_factory=dict)
    evidence: str | None = None

    @property
    def ambiguous(self) -> bool:
        return len(set(self.readings.values())) > 1

    def value(self, order: str | None = None) -> date | None:
        """The date under ``order``; the only date when unambiguous; None when ambiguous and
        ``order`` does not pick one."""
        dates = set(self.readings.values())
        if len(dates) == 1:
            return next(iter(dates))
        return self.readings.get(order) if order else None


def _year(text: str) -> int:
    y = int(text)
    if len(text) <= 2:
        y += 2000 if y < 70 else 1900
    return y


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d) if 1900 <= y <= 2199 else None
    except ValueError:
        return None


_SUFFIX = r"(?:st|nd|rd|th|er|re|e|º|°|\.)?"
_MON = r"(?P<mon>[^\W\d_]{3,10})\.?"
_TEXT_PATTERNS = [
    # 09 MAR 2018, 5. März 2018, 1er janvier 2018, 5 de marzo de 2018, 09MAR18, 5-Mar-2018
    ("day_first", rf"(?<!\d)(?P<d>\d{{1,2}}){_SUFFIX}[\s\-/.,]*(?:de\s+|of\s+)?{_MON}"
     r"[\s\-/.,']*(?:de\s+|del\s+)?(?P<y>\d{4}|\d{2})(?!\d)"),
    # March 5, 2018 / Mar 5th 2018 / MAR-05-2018
    ("month_first", rf"(?<![^\W\d_]){_MON}[\s\-/.]*(?P<d>\d{{1,2}}){_SUFFIX}(?P<sep>[\s,\-/.']+)"
     r"(?P<y>\d{4}|\d{2})(?!\d)"),
    # 2018-Mar-05
    ("year_first", rf"(?<!\d)(?P<y>\d{{4}})[\s\-/.]+{_MON}[\s\-/.]+(?P<d>\d{{1,2}})(?!\d)"),
]  # fmt: skip
_TEXT_RES = [(style, re.compile(p, re.IGNORECASE)) for style, p in _TEXT_PATTERNS]
_ISO_RE = re.compile(r"(?<!\d)(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![\d])")
_NUM_RE = re.compile(
    r"(?<![\d.,])(?P<a>\d{1,2})(?P<s1>\s?(?P<s>[-/.])\s?)(?P<b>\d{1,2})(?P<s2>\s?(?P=s)\s?)(?P<y>\d{4}|\d{2})"
    r"(?![\d]|[.,]\d)"
)
_CJK_RE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_COMPACT_RE = re.compile(r"^\s*(?P<y>(?:19|20|21)\d{2})(?P<m>\d{2})(?P<d>\d{2})\s*$")


def _numeric_match(m: re.Match[str]) -> DateMatch | None:
    if (m["s1"] != m["s"]) != (m["s2"] != m["s"]):
        return None  # spaced unevenly: "03-7 - 15" is a code or a phone number, not a date
    a, b, y_text, sep = int(m["a"]), int(m["b"]), m["y"], m["s"]
    y = _year(y_text)
    readings: dict[str, date] = {}
    if (dmy := _make(y, b, a)) is not None:
        readings[DMY] = dmy
    if (mdy := _make(y, a, b)) is not None:
        readings[MDY] = mdy
    if len(y_text) == 2 and a > 31 and (ymd := _make(_year(m["a"]), b, int(y_text))) is not None:
        readings = {YMD: ymd}
    if not readings:
        return None
    evidence = None
    if DMY in readings and MDY not in readings and a != b:
        evidence = "DMY!"
    elif MDY in readings and DMY not in readings and a != b:
        evidence = "MDY!"
    elif sep == ".":
        evidence = DMY  # dotted numeric dates are a day-first habit (5.3.2018)
    return DateMatch(m.group(0), m.start(), m.end(), readings, evidence)


def _text_match(style: str, m: re.Match[str]) -> DateMatch | None:
    if style == "month_first" and m["sep"] in (".", ",") and len(m["y"]) == 2:
        return None  # "SET 21.90": a word and a price, not 21 September 1990
    month = month_number(m["mon"])
    if month is None:
        return None
    value = _make(_year(m["y"]), month, int(m["d"]))
    if value is None:
        return None
    evidence = {"day_first": DMY, "month_first": MDY}.get(style)
    return DateMatch(m.group(0), m.start(), m.end(), {style: value}, evidence)


def _glued(text: str, d: DateMatch) -> bool:
    """Whether ``d`` touches a letter or digit of ``text`` ("HC03-07-15", "A12/05/18X"): part of a
    code, not a date. An ISO timestamp's "T" ("2018-03-05T10:00") does not glue."""
    before = text[d.start - 1 : d.start]
    after = text[d.end : d.end + 1]
    timestamp = after == "T" and text[d.end + 1 : d.end + 2].isdigit()
    return (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum() and not timestamp)


def find_dates(text: str) -> list[DateMatch]:
    """Every date in ``text`` (numeric, ISO, with month names in the supported languages),
    left to right, without overlaps. A date glued to letters or digits is part of a code, one
    spaced unevenly ("03-7 - 15") or a word and a price ("SET 21.90") is no date. Never raises."""
    found: list[DateMatch] = []
    for style, regex in _TEXT_RES:
        found += [d for m in regex.finditer(text) if (d := _text_match(style, m))]
    for m in _ISO_RE.finditer(text):
        if (v := _make(int(m["y"]), int(m["m"]), int(m["d"]))) is not None:
            found.append(DateMatch(m.group(0), m.start(), m.end(), {YMD: v}))
    for m in _CJK_RE.finditer(text):
        if (v := _make(int(m["y"]), int(m["m"]), int(m["d"]))) is not None:
            found.append(DateMatch(m.group(0), m.start(), m.end(), {YMD: v}))
    found += [d for m in _NUM_RE.finditer(text) if (d := _numeric_match(m))]
    compact = _COMPACT_RE.match(text)
    if compact and (v := _make(int(compact["y"]), int(compact["m"]), int(compact["d"]))):
        found.append(DateMatch(compact.group(0).strip(), compact.start("y"), compact.end("d"), {YMD: v}))
    found = [d for d in found if not _glued(text, d)]
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMatch] = []
    for d in found:
        if not kept or d.start >= kept[-1].end:
            kept.append(d)
    return kept


def parse_date_all(text: str) -> list[date]:
    """Every reading of the first date in ``text``: one date, or two (day-first and month-first,
    in that order) when the day and month could swap; [] when there is no date."""
    dates = find_dates(text)
    if not dates:
        return []
    readings = dates[0].readings
    ordered = [readings[k] for k in (DMY, MDY) if k in readings]
    ordered += [v for k, v in readings.items() if k not in (DMY, MDY)]
    return list(dict.fromkeys(ordered))


def parse_date(text: str, order: str | None = None) -> date | None:
    """The first date in ``text``; when its day and month could swap, the reading for ``order``
    ("DMY" or "MDY"); None when there is no date or it is ambiguous and ``order`` is None."""
    dates = find_dates(text)
    return dates[0].value(order) if dates else None


def _vote_hints(hints: Hints | None) -> dict[str, float]:
    score = {DMY: 0.0, MDY: 0.0}
    if hints is None:
        return score
    table = load_yaml("date_locale.yaml")
    country = (hints.country or "").upper()
    if country in table["month_first_countries"]:
        score[MDY] += 2
    elif country in table["day_first_countries"]:
        score[DMY] += 2
    language = (hints.language or "").lower()
    if language in table["day_first_languages"]:
        score[DMY] += 1
    elif language in table["month_first_languages"]:
        score[MDY] += 1
    currency = (hints.currency or "").upper()
    if currency in table["day_first_currencies"]:
        score[DMY] += 1
    elif currency in table["month_first_currencies"] and not country:
        score[MDY] += 1
    return score


def infer_date_order(date_strings: Iterable[str], hints: Hints | None = None) -> str | None:
    """The document's day/month order, "DMY" or "MDY", or None when nothing tells.

    An explicit ``hints.date_order`` wins. Then strong evidence: a date that only reads one way
    (25/12/2018 is day first, 12/25/2018 month first); the majority wins. Else weak evidence
    adds up: dotted dates and "5 March" (day first), "March 5" (month first), the country,
    language and currency in ``hints``. Never raises.
    """
    if hints is not None and hints.date_order in (DMY, MDY):
        return hints.date_order
    strong = {DMY: 0, MDY: 0}
    weak = _vote_hints(hints)
    for text in date_strings:
        for d in find_dates(text):
            if d.evidence and d.evidence.endswith("!"):
                strong[d.evidence[:3]] += 1
            elif d.evidence:
                weak[d.evidence] += 0.5
    if strong[DMY] != strong[MDY]:
        return DMY if strong[DMY] > strong[MDY] else MDY
    if weak[DMY] != weak[MDY]:
        return DMY if weak[DMY] > weak[MDY] else MDY
    return None


def normalize_date(raw: str, hints: Hints | None = None) -> str | None:
    """The first date in ``raw`` as "YYYY-MM-DD". An ambiguous numeric date takes
    ``hints.date_order``, else the order the hints imply; None when that is still unknown."""
    dates = find_dates(raw)
    if not dates:
        return None
    value = dates[0].value()
    if value is None:
        value = dates[0].value(infer_date_order([], hints))
    return value.isoformat() if value else None


_TIME_RE = re.compile(
    r"(?<!\d)(?P<h>\d{1,2})(?:\s?[:h.]\s?(?P<m>\d{2})(?:\s?[:.]\s?(?P<s>\d{2}))?)?"
    r"(?:\s*(?P<ap>[ap])\.?\s?m\.?(?![a-z]))?(?!\d)",
    re.IGNORECASE,
)


def parse_time(text: str) -> tuple[int, int, int | None] | None:
    """The first time in ``text`` as (hour, minute, second or None), 24-hour clock.

    Reads "14:30", "14:30:15", "2:30 PM", "12:05 a.m.", "14h30", "3 pm"; a bare number is a time
    only with AM/PM. Returns None when there is none. Never raises.
    """
    for m in _TIME_RE.finditer(text):
        if m["m"] is None and m["ap"] is None:
            continue
        h, mi = int(m["h"]), int(m["m"] or 0)
        s = int(m["s"]) if m["s"] is not None else None
        if m["ap"]:
            if not 1 <= h <= 12:
                continue
            h = h % 12 + (12 if m["ap"].lower() == "p" else 0)
        if h > 23 or mi > 59 or (s is not None and s > 59):
            continue
        return h, mi, s
    return None


def normalize_time(raw: str) -> str | None:
    """The first time in ``raw`` as "HH:MM" or "HH:MM:SS" (24-hour), or None."""
    t = parse_time(raw)
    if t is None:
        return None
    h, m, s = t
    return f"{h:02d}:{m:02d}" + (f":{s:02d}" if s is not None else "")
