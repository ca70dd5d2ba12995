"""Amounts written in words (English, lakh / crore), used by the amount-in-words check."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docsift.extraction.normalize.words import parse_amount_words, parse_number_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rupees One Lakh Eighteen Thousand Only", "118000"),
        ("Rupees One Lakh Eighteen Thousand and Paise Fifty Only", "118000.50"),
        ("INR Twelve Crore Thirty Four Lakh Fifty Six Thousand Seven Hundred Eighty Nine only", "123456789"),
        ("One Thousand Two Hundred Thirty-Four Dollars and 56/100", "1234.56"),
        ("One Thousand Two Hundred Thirty-Four Dollars and fifty six cents", "1234.56"),
        ("Ninety Nine Euros and Ninety Nine Cents", "99.99"),
        ("one hundred and twenty dollars and fifty cents", "120.50"),
        ("Two Million Three Hundred Thousand", "2300000"),
        ("one thousand crore", "10000000000"),
        ("Rs. 2 lakh only", "200000"),
        ("fifty cents", "0.50"),
    ],
)
def test_given_an_amount_in_words_when_parsed_then_its_value(text: str, expected: str) -> None:
    assert parse_amount_words(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "hello world", "see overleaf", "only"])
def test_given_text_that_spells_no_number_when_parsed_then_none(text: str) -> None:
    assert parse_amount_words(text) is None


_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    if n >= 100:
        words += [_UNITS[n // 100], "hundred"]
        n %= 100
    if n >= 20:
        words.append(_TENS[n // 10])
        n %= 10
        if n:
            words.append(_UNITS[n])
    elif n or not words:
        words.append(_UNITS[n])
    return words


def _indian(n: int) -> list[str]:
    words: list[str] = []
    for scale, name in ((10_000_000, "crore"), (100_000, "lakh"), (1000, "thousand")):
        if n >= scale:
            words += [*_below_thousand(n // scale), name]
            n %= scale
    return words + (_below_thousand(n) if n or not words else [])


def _western(n: int) -> list[str]:
    words: list[str] = []
    for scale, name in ((1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand")):
        if n >= scale:
            words += [*_below_thousand(n // scale), name]
            n %= scale
    return words + (_below_thousand(n) if n or not words else [])


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=0, max_value=999_999_999))
def test_property_numbers_spelt_both_ways_parse_back(n: int) -> None:
    assert parse_number_words(_western(n)) == n
    assert parse_number_words(_indian(n)) == n


@settings(max_examples=200, deadline=None)
@given(rupees=st.integers(min_value=1, max_value=99_99_99_999), paise=st.integers(min_value=1, max_value=99))
def test_property_rupees_and_paise_parse_back(rupees: int, paise: int) -> None:
    text = (
        "Rupees "
        + " ".join(_indian(rupees)).title()
        + " and Paise "
        + " ".join(_below_thousand(paise))
        + " Only"
    )
    assert parse_amount_words(text) == Decimal(rupees) + Decimal(paise) / 100
