"""Amounts written in words -> Decimal ("Rupees One Lakh Eighteen Thousand Only" -> 118000).

English number words with western (thousand, million, billion) and Indian (lakh, crore) scales,
a minor unit ("and Paise Fifty", "fifty cents", "and 56/100"). The vocabulary lives in
``data/number_words.yaml``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from docsift.extraction.knowledge.files import load_yaml

__all__ = ["parse_amount_words", "parse_number_words"]


def _vocab() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("number_words.yaml")
    return data


def _is_number_word(word: str, v: dict[str, Any]) -> bool:
    return (
        word in v["units"]
        or word in v["tens"]
        or word in v["hundred"]
        or word in v["scales"]
        or word.isdigit()
    )


def parse_number_words(words: list[str]) -> int | None:
    """The whole number spelt by ``words`` (lower-case tokens such as ["one", "lakh", "twenty",
    "thousand"]), or None when they spell none. Digits among the words count as numbers
    ("2 lakh"). A larger scale after a smaller one multiplies all before it ("one thousand crore")."""
    v = _vocab()
    total, current, last_scale, seen = 0, 0, 0, False
    for word in words:
        if word.isdigit():
            current += int(word)
        elif word in v["units"]:
            current += v["units"][word]
        elif word in v["tens"]:
            current += v["tens"][word]
        elif word in v["hundred"]:
            current = (current or 1) * 100
        elif word in v["scales"]:
            scale = v["scales"][word]
            if last_scale and scale > last_scale:
                total = (total + (current or 0)) * scale
            else:
                total += (current or 1) * scale
            last_scale, current = max(last_scale, scale), 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("-", " ")
    text = re.sub(r"(\d+)\s*/\s*100\b", r" \1 __per100__ ", text)
    return re.findall(r"__per100__|[a-z]+|\d+", text)


def _split_minor(tokens: list[str], v: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(major words, minor words) around a minor-unit word or "/100"; all major when none."""
    at = next((i for i, t in enumerate(tokens) if t in v["minor_units"] or t == "__per100__"), None)
    if at is None:
        return tokens, []
    before, after = tokens[:at], tokens[at + 1 :]
    if tokens[at] != "__per100__" and any(t not in v["ignore"] for t in after):
        return before, after  # "... and paise fifty"
    if "and" in before:  # "... dollars and fifty six cents"
        cut = len(before) - 1 - before[::-1].index("and")
        return before[:cut], before[cut + 1 :]
    cut = len(before)  # "... fifty six cents": a unit (or digits), optionally after a tens word
    if cut and (before[cut - 1] in v["units"] or before[cut - 1].isdigit()):
        cut -= 1
        if before[cut].isdigit():
            return before[:cut], before[cut:]
    if cut and before[cut - 1] in v["tens"]:
        cut -= 1
    return before[:cut], before[cut:]


def parse_amount_words(text: str) -> Decimal | None:
    """The amount spelt in ``text``, or None when it spells none (or has words that are neither
    numbers, currency names nor filler). Minor units: "paise fifty", "and fifty cents", "56/100"."""
    v = _vocab()
    major_words, minor_words = _split_minor(_tokens(text), v)
    major_words = [t for t in major_words if t not in v["ignore"]]
    minor_words = [t for t in minor_words if t not in v["ignore"]]
    if not major_words and not minor_words:
        return None
    major = parse_number_words(major_words) if major_words else 0
    minor = parse_number_words(minor_words) if minor_words else 0
    if major is None or minor is None or minor >= 100:
        return None
    return Decimal(major) + Decimal(minor) / 100
