"""Normalising dates and times, and the date order of a document."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docsift.extraction.normalize.dates import (
    find_dates,
    infer_date_order,
    month_number,
    normalize_date,
    normalize_time,
    parse_date,
    parse_date_all,
)
from docsift.extraction.normalize.hints import Hints

# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2018-03-05", "2018-03-05"),
        ("2018/3/5", "2018-03-05"),
        ("25/12/2018", "2018-12-25"),
        ("12/25/2018", "2018-12-25"),
        ("09 MAR 2018", "2018-03-09"),
        ("9-Mar-2018", "2018-03-09"),
        ("09MAR18", "2018-03-09"),
        ("March 5, 2018", "2018-03-05"),
        ("Mar 5th 2018", "2018-03-05"),
        ("Monday, 5th of March 2018", "2018-03-05"),
        ("5. März 2018", "2018-03-05"),
        ("1er janvier 2018", "2018-01-01"),
        ("le 12 févr. 2019", "2019-02-12"),
        ("5 de marzo de 2018", "2018-03-05"),
        ("5 maart 2018", "2018-03-05"),
        ("5 maggio 2018", "2018-05-05"),
        ("5 Ogos 2018", "2018-08-05"),
        ("2018-Mar-05", "2018-03-05"),
        ("20180305", "2018-03-05"),
        ("2018年3月5日", "2018-03-05"),
        ("Date: 31.12.19", "2019-12-31"),
    ],
)
def test_given_a_date_in_any_common_spelling_when_normalised_then_iso(raw: str, expected: str) -> None:
    assert normalize_date(raw) == expected


def test_given_an_ambiguous_date_when_parsed_then_both_readings_day_first_listed_first() -> None:
    assert parse_date_all("03/05/2018") == [date(2018, 5, 3), date(2018, 3, 5)]
    assert parse_date_all("12-01-19") == [date(2019, 1, 12), date(2019, 12, 1)]
    assert parse_date_all("05/05/2018") == [date(2018, 5, 5)]
    assert parse_date_all("no date here") == []


def test_given_an_ambiguous_date_without_evidence_when_normalised_then_none_not_a_guess() -> None:
    assert parse_date("03/05/2018") is None
    assert normalize_date("03/05/2018") is None
    assert normalize_date("03/05/2018", Hints(date_order="MDY")) == "2018-03-05"
    assert normalize_date("03/05/2018", Hints(country="DE")) == "2018-05-03"


def test_given_impossible_dates_when_parsed_then_no_date() -> None:
    assert find_dates("31/02/2018") == []
    assert find_dates("13/13/2018") == []
    assert find_dates("Invoice 2018 total 12.50") == []


def test_given_a_word_and_a_price_when_finding_dates_then_no_date() -> None:
    # regression: "SET" (a month name in Portuguese / Italian) and a price read as 21 Sep 1990
    assert find_dates("SET 21.90") == []
    assert find_dates("SEP 21,90 RM") == []
    assert normalize_date("Sept 21. 2018") == "2018-09-21"
    assert normalize_date("Mar 5, 18") == "2018-03-05"


def test_given_unevenly_spaced_or_glued_numbers_when_finding_dates_then_no_date() -> None:
    # regression: "03-7 - 15" (a phone number or a product code) was read as a date
    assert find_dates("03-7 - 15") == []
    assert find_dates("HC03-7 - 15") == []
    assert find_dates("HC03-07-15") == []
    assert find_dates("SKU 12/05/18X") == []
    assert normalize_date("12 / 05 / 2018", Hints(date_order="DMY")) == "2018-05-12"
    assert normalize_date("Date:12/05/2018", Hints(date_order="DMY")) == "2018-05-12"
    assert normalize_date("2018-03-05T10:00:00") == "2018-03-05"


@settings(max_examples=200, deadline=None)
@given(
    word=st.sampled_from(["SET", "MAR", "MAY", "Sep", "OCT", "DEC"]),
    whole=st.integers(min_value=1, max_value=31),
    cents=st.integers(min_value=0, max_value=99),
)
def test_property_a_month_word_before_a_price_is_never_a_date(word: str, whole: int, cents: int) -> None:
    assert find_dates(f"{word} {whole}.{cents:02d}") == []


@pytest.mark.parametrize(
    ("dates", "hints", "expected"),
    [
        (["03/05/2018", "25/12/2018"], None, "DMY"),
        (["03/05/2018", "12/25/2018"], None, "MDY"),
        (["03/05/2018"], None, None),
        (["03/05/2018"], Hints(country="US"), "MDY"),
        (["03/05/2018"], Hints(country="IN"), "DMY"),
        (["03/05/2018"], Hints(currency="MYR"), "DMY"),
        (["03/05/2018"], Hints(currency="USD"), "MDY"),
        (["03/05/2018"], Hints(language="de"), "DMY"),
        (["03.05.2018"], None, "DMY"),
        (["03/05/2018", "March 5, 2018"], None, "MDY"),
        (["03/05/2018", "5 March 2018"], None, "DMY"),
        (["25/12/2018"], Hints(country="US"), "DMY"),  # the page outweighs the locale
        (["03/05/2018"], Hints(date_order="MDY", country="DE"), "MDY"),  # an explicit order wins
    ],
)
def test_given_document_dates_and_hints_when_inferring_order_then_evidence_decides(
    dates: list[str], hints: Hints | None, expected: str | None
) -> None:
    assert infer_date_order(dates, hints) == expected


def test_given_month_tables_when_loaded_then_no_name_means_two_months() -> None:
    from docsift.extraction.knowledge.files import load_yaml

    seen: dict[str, int] = {}
    for lang, months in load_yaml("months.yaml").items():
        if lang == "filler":
            continue
        assert len(months) == 12, lang
        for number, names in enumerate(months, start=1):
            for name in names:
                assert seen.setdefault(name, number) == number, (lang, name)
    assert month_number("Sept.") == 9 and month_number("MÄRZ") == 3 and month_number("foo") is None


_MONTH_NAMES = {
    1: ("January", "janvier", "Januar"),
    3: ("March", "mars", "März"),
    9: ("September", "sept.", "Sep"),
}


@settings(max_examples=300, deadline=None)
@given(d=st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)), style=st.integers(0, 5))
def test_property_numeric_dates_parse_back_under_their_order(d: date, style: int) -> None:
    text, order = [
        (f"{d.day:02d}/{d.month:02d}/{d.year}", "DMY"),
        (f"{d.month}/{d.day}/{d.year}", "MDY"),
        (f"{d.day}.{d.month}.{d.year}", "DMY"),
        (f"{d.day:02d}-{d.month:02d}-{d.year % 100:02d}", "DMY"),
        (d.isoformat(), "DMY"),
        (f"{d.year}/{d.month:02d}/{d.day:02d}", "MDY"),
    ][style]
    if d.year % 100 >= 70 and style == 3:
        return  # two-digit years 70-99 read as 19xx
    assert parse_date(text, order) == d
    assert d in parse_date_all(text)


@settings(max_examples=200, deadline=None)
@given(
    d=st.dates(date(1990, 1, 1), date(2099, 12, 31)).filter(lambda x: x.month in _MONTH_NAMES),
    lang=st.integers(0, 2),
    month_first=st.booleans(),
)
def test_property_dates_with_month_names_parse_back(d: date, lang: int, month_first: bool) -> None:
    name = _MONTH_NAMES[d.month][lang]
    text = f"{name} {d.day}, {d.year}" if month_first else f"{d.day} {name} {d.year}"
    assert parse_date(text) == d


# ---------------------------------------------------------------------------- times and dispatch


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("14:30", "14:30"),
        ("14:30:15", "14:30:15"),
        ("2:30 PM", "14:30"),
        ("12:05 a.m.", "00:05"),
        ("12:05 pm", "12:05"),
        ("14h30", "14:30"),
        ("3 pm", "15:00"),
        ("Time: 09:15:00", "09:15:00"),
        ("25:00", None),
        ("13:30 PM", None),
        ("42", None),
    ],
)
def test_given_a_time_when_normalised_then_24_hour(raw: str, expected: str | None) -> None:
    assert normalize_time(raw) == expected
