"""``normalize_value``: text as printed -> the canonical value of a field of a given kind."""

from __future__ import annotations

from docsift.extraction.normalize.amounts import (
    normalize_amount,
    normalize_currency,
    normalize_number,
    normalize_rate,
)
from docsift.extraction.normalize.dates import normalize_date, normalize_time
from docsift.extraction.normalize.hints import NO_HINTS, Hints
from docsift.extraction.normalize.text import clean_text, normalize_id
from docsift.schema import Kind

_BOOL_WORDS = {
    "true": True, "yes": True, "y": True, "x": True, "✓": True, "✔": True, "ja": True, "oui": True,
    "si": True, "sí": True, "1": True, "false": False, "no": False, "n": False, "nein": False,
    "non": False, "0": False,
}  # fmt: skip


def normalize_value(kind: Kind, raw: str, hints: Hints | None = None) -> str | None:
    """``raw`` normalised for a field of ``kind`` (fields.md), or None when it cannot be read.

    DATE uses hints.date_order, else the order the hints imply (infer_date_order); an
    ambiguous date with no evidence gives None rather than a guess. Never raises.
    """
    hints = hints or NO_HINTS
    if raw is None or not str(raw).strip():
        return None
    raw = str(raw)
    if kind == Kind.AMOUNT:
        return normalize_amount(raw, hints)
    if kind == Kind.NUMBER:
        return normalize_number(raw, hints)
    if kind == Kind.RATE:
        return normalize_rate(raw, hints)
    if kind == Kind.DATE:
        return normalize_date(raw, hints)
    if kind == Kind.TIME:
        return normalize_time(raw)
    if kind == Kind.CURRENCY:
        return normalize_currency(raw, hints)
    if kind == Kind.ID:
        return normalize_id(raw)
    if kind == Kind.BOOL:
        flag = _BOOL_WORDS.get(raw.strip().lower())
        return None if flag is None else str(flag).lower()
    return clean_text(raw)  # addresses: callers that know the field use clean_address
