"""Typed values found on the lines of a document: amounts, dates, times, identifiers, currencies.

Each entity knows its line, its word span and its normalised value. Identifier patterns (IBAN,
GSTIN, VAT ids, PAN, IFSC, BIC, e-mail, phone...) come from labels/patterns.yaml.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from docsift.extraction.document.index import DocIndex
from docsift.extraction.document.lines import ILine
from docsift.extraction.knowledge.files import load_labels, load_yaml
from docsift.extraction.knowledge.identifiers import gstin_problem, iban_length, iban_problem
from docsift.extraction.normalize.amounts import find_amounts, format_amount
from docsift.extraction.normalize.dates import DateMatch, find_dates, normalize_time
from docsift.reading.model import BBox

ID_CHARS = re.compile(r"^[#:(\[]*(?P<id>[A-Za-z0-9][A-Za-z0-9\-/._]*[A-Za-z0-9])[).,;:\]]*$")
_SPACED = re.compile(r"\d\s+[-/.]|[-/.]\s+\d")
_GLUED_TIME = re.compile(r"^(\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2}))(\d{1,2}:\d{2}(?::\d{2})?)$")
_TIME = re.compile(
    r"(?<![\d.,])\d{1,2}(?::\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?|h\d{2}|[.]\d{2}\s?[AaPp]\.?[Mm]\.?)(?![\d.,])"
)


@dataclass(slots=True, eq=False)
class Entity:
    """A typed value on a line: ``kind`` (amount, date, time, id, currency or a pattern name)."""

    kind: str
    value: str
    raw: str
    line: ILine
    w0: int
    w1: int
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def bbox(self) -> BBox:
        box = self.attrs.get("_bbox")
        if box is None:
            box = self.attrs["_bbox"] = self.line.span_bbox(self.w0, self.w1)
        return box

    @property
    def page(self) -> int:
        return self.line.page


@dataclass
class Entities:
    """Every entity of a document, by kind."""

    by_kind: dict[str, list[Entity]] = field(default_factory=dict)

    def of(self, *kinds: str) -> list[Entity]:
        """Every entity of the given kinds, kind by kind."""
        out: list[Entity] = []
        for k in kinds:
            out += self.by_kind.get(k, [])
        return out

    def add(self, e: Entity) -> None:
        """Record ``e`` under its kind."""
        self.by_kind.setdefault(e.kind, []).append(e)


@cache
def _patterns() -> list[tuple[str, re.Pattern[str], dict[str, Any]]]:
    out = []
    for name, spec in load_labels("patterns.yaml")["patterns"].items():
        flags = re.IGNORECASE if spec.get("ignore_case") else 0
        out.append((name, re.compile(spec["regex"], flags), spec))
    return out


@cache
def _currency_marks() -> dict[str, str]:
    data = load_yaml("currencies.yaml")
    marks = {str(c): str(c) for c in data["codes"]}
    marks.update({str(k): str(v) for k, v in data["symbols"].items()})
    for k, rule in data["ambiguous"].items():
        marks.setdefault(str(k), str(rule.get("default") or ""))
    return {k: v for k, v in marks.items() if v}


def _valid(problem: Callable[[str], str | None]) -> Callable[[str], bool]:
    return lambda value: problem(value) is None


_CHECKS = {"iban": _valid(iban_problem), "gstin": _valid(gstin_problem)}


def _add_amounts(line: ILine, out: Entities, sep: str | None) -> None:
    for m in find_amounts(line.text, decimal_separator=sep):
        w0, w1 = line.word_span(m.start, m.end)
        attrs = {
            "amount": m.value,
            "has_dec": m.has_decimals,
            "currency": m.currency,
            "pct": m.is_percent,
        }
        out.add(Entity("amount", format_amount(m.value), m.raw, line, w0, w1, attrs))


def _add_dates(line: ILine, out: Entities, order: str | None) -> None:
    found: list[tuple[DateMatch, int, int]] = []
    found += [(d, *line.word_span(d.start, d.end)) for d in find_dates(line.text)]
    covered = {i for _, w0, w1 in found for i in range(w0, w1)}
    for i, w in enumerate(line.words):  # a date glued to its time by OCR: "03/02/201815:28"
        m = _GLUED_TIME.match(w.text)
        if m and i not in covered:
            found += [(d, i, i + 1) for d in find_dates(m.group(1))[:1]]
    for d, w0, w1 in found:
        value = d.value(order)
        ambiguous = value is None
        if value is None:
            value = next(iter(d.readings.values()))
        words = " ".join(w.text for w in line.words[w0:w1]).strip(".,:;()[]")
        attrs = {
            "date": value,
            "ambiguous": ambiguous,
            "named": any(c.isalpha() for c in d.raw),
            "in_word": len(words) > len(d.raw) + 1,  # shares its words with other characters
            "spaced": bool(_SPACED.search(d.raw)),
        }
        out.add(Entity("date", value.isoformat(), d.raw, line, w0, w1, attrs))


def _add_times(line: ILine, out: Entities) -> None:
    for m in _TIME.finditer(line.text):
        value = normalize_time(m.group(0))
        if value:
            w0, w1 = line.word_span(m.start(), m.end())
            out.add(Entity("time", value, m.group(0), line, w0, w1))


def _add_patterns(line: ILine, out: Entities) -> None:
    for name, regex, spec in _patterns():
        for m in regex.finditer(line.text):
            raw = _shrink(m.group(0), _CHECKS[spec["check"]]) if spec.get("shrink") else m.group(0)
            if not raw and name == "iban":
                raw = _iban_as_printed(m.group(0))  # a misprinted IBAN is still the printed IBAN
            if not raw:
                continue
            value = re.sub(r"\s+", "", raw) if spec.get("compact") else raw.strip()
            if name not in ("email",):
                value = value.upper()
            check = _CHECKS.get(str(spec.get("check")))
            valid = check(value) if check else None
            w0, w1 = line.word_span(m.start(), m.start() + len(raw))
            attrs = {"strength": float(spec.get("strength", 0.5)), "valid": valid}
            out.add(Entity(name, value, raw, line, w0, w1, attrs))


def _shrink(raw: str, check: Callable[[str], bool]) -> str:
    """The longest prefix of ``raw`` (whole space-separated groups) whose compact form passes ``check``."""
    groups = raw.split()
    while groups:
        text = " ".join(groups)
        if check(re.sub(r"\s+", "", text).upper()):
            return text
        groups.pop()
    return ""


def _iban_as_printed(raw: str) -> str:
    """The leading groups of ``raw`` that make an IBAN of its country's length ("" when none do):
    an IBAN whose check digits fail, read as printed (the checks report the failure)."""
    length = iban_length(raw[:2])
    groups = raw.split()
    for n in range(len(groups), 0, -1):
        if length is not None and len("".join(groups[:n])) == length:
            return " ".join(groups[:n])
    return ""


def _add_ids(line: ILine, out: Entities) -> None:
    for i, w in enumerate(line.words):
        m = ID_CHARS.match(w.text)
        if not m:
            continue
        text = m["id"]
        if len(text) < 2 or len(text) > 40:
            continue
        digits = sum(ch.isdigit() for ch in text)
        attrs = {"digits": digits, "letters": sum(ch.isalpha() for ch in text)}
        out.add(Entity("id", text.upper(), text, line, i, i + 1, attrs))


def _add_currencies(line: ILine, out: Entities) -> None:
    marks = _currency_marks()
    for i, w in enumerate(line.words):
        text = w.text.strip(".,:;()[]")
        code = marks.get(text) or marks.get(w.text)
        if code is None:
            # a mark glued to a number: "€12.50", "12,50€", "RM33.90"
            m = re.match(r"^([^\d\s]{1,4})\d", w.text) or re.search(r"\d([^\d\s.,]{1,4})$", w.text)
            code = marks.get(m.group(1)) if m else None
        if code:
            out.add(
                Entity(
                    "currency", code, w.text, line, i, i + 1, {"is_code": text.isalpha() and len(text) == 3}
                )
            )


def find_entities(index: DocIndex) -> Entities:
    """Every typed value on the lines of ``index``. Never raises."""
    out = Entities()
    for line in index.lines:
        _add_amounts(line, out, index.decimal_separator)
        _add_dates(line, out, index.date_order)
        _add_times(line, out)
        _add_patterns(line, out)
        _add_ids(line, out)
        _add_currencies(line, out)
    return out


def document_currency_votes(entities: Entities) -> Counter[str]:
    """How often each currency is named on the document (codes count double)."""
    votes: Counter[str] = Counter()
    for e in entities.of("currency"):
        votes[e.value] += 2 if e.attrs.get("is_code") else 1
    for e in entities.of("amount"):
        if e.attrs.get("currency"):
            votes[str(e.attrs["currency"])] += 1
    return votes


def amount_value(e: Entity) -> Decimal:
    """The Decimal of an amount entity."""
    value: Decimal = e.attrs["amount"]
    return value


def refresh_dates(index: DocIndex, ents: Entities) -> None:
    """Re-read the dates of ``index`` after its date order was decided."""
    ents.by_kind["date"] = []
    for line in index.lines:
        _add_dates(line, ents, index.date_order)
