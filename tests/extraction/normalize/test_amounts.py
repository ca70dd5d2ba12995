"""Normalising amounts, rates, currencies, identifiers and text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docsift.extraction.normalize.amounts import (
    find_amounts,
    format_amount,
    format_number,
    normalize_amount,
    normalize_rate,
    parse_amount,
    parse_currency,
)
from docsift.extraction.normalize.hints import Hints
from docsift.extraction.normalize.text import clean_address, clean_text, normalize_id

# ---------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("1\u202f234,56", "1234.56"),
        ("1'234.56", "1234.56"),
        ("1’234.56", "1234.56"),
        ("12,50 €", "12.50"),
        ("RM 33.90", "33.90"),
        ("RM33.90", "33.90"),
        ("(12.00)", "-12.00"),
        ("-12.00", "-12.00"),
        ("12.00-", "-12.00"),
        ("€ -5,00", "-5.00"),
        ("1,18,000.00", "118000.00"),
        ("Rs. 1,18,000/-", "118000.00"),
        ("12,-", "12.00"),
        ("S57.05", "57.05"),
        ("$57,052.55", "57052.55"),
        ("1,234,567.89", "1234567.89"),
        ("1.234.567", "1234567.00"),
        ("0,125", "0.125"),
        (".50", "0.50"),
        ("EUR 1.234,56", "1234.56"),
        ("19.8000", "19.80"),
        ("Rs.50", "50.00"),
        ("$.75", "0.75"),
        ("Total: 1.234,56 EUR (inkl. 19% MwSt.)", "1234.56"),
        ("1180", "1180.00"),
    ],
)
def test_given_any_amount_convention_when_normalised_then_plain_decimal(raw: str, expected: str) -> None:
    assert normalize_amount(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "abc", "1,23,45", "1..5", "12.34.56,7,8", "1,2345,678", "2 x 10.00", "Total 12.00 incl. 2.00"]
)
def test_given_no_well_formed_amount_when_parsed_then_none(raw: str) -> None:
    assert parse_amount(raw) is None


def test_given_three_digits_after_one_separator_when_no_hint_then_comma_groups_and_dot_is_decimal() -> None:
    assert parse_amount("1,234") == Decimal("1234")
    assert parse_amount("1.234") == Decimal("1.234")


def test_given_three_digits_after_one_separator_when_document_hint_then_hint_decides() -> None:
    assert parse_amount("1.234", decimal_separator=",") == Decimal("1234")
    assert parse_amount("1,234", decimal_separator=",") == Decimal("1.234")
    assert parse_amount("1,234", decimal_separator=".") == Decimal("1234")
    assert normalize_amount("1.500", Hints(decimal_separator=",")) == "1500.00"


def test_given_two_separators_when_hint_contradicts_then_layout_wins() -> None:
    assert parse_amount("1.234,56", decimal_separator=".") == Decimal("1234.56")


def test_given_amounts_when_formatted_then_two_decimals_at_least_and_no_exponent() -> None:
    assert format_amount(Decimal("1E+3")) == "1000.00"
    assert format_amount(Decimal("0.1250")) == "0.125"
    assert format_number(Decimal("5.000")) == "5"
    assert format_number(Decimal("1E+2")) == "100"
    assert format_number(Decimal("-0.0")) == "0"


def test_given_a_line_of_text_when_finding_amounts_then_dates_and_times_are_not_amounts() -> None:
    found = find_amounts("Total RM 33.90 on 25.12.2018 at 12:30, 2 x 10.00 = 20,00 EUR; VAT 18% (5.00)")
    assert [(a.value, a.currency, a.is_percent) for a in found] == [
        (Decimal("33.90"), "MYR", False),
        (Decimal("2"), None, False),
        (Decimal("10.00"), None, False),
        (Decimal("20.00"), "EUR", False),
        (Decimal("18"), None, True),
        (Decimal("-5.00"), None, False),
    ]
    assert [a.has_decimals for a in found] == [True, False, True, True, False, True]


def test_given_text_when_finding_amounts_then_offsets_point_at_the_raw_token() -> None:
    text = "Balance: ₹ 1,18,000.00 only"
    (match,) = find_amounts(text)
    assert text[match.start : match.end] == match.raw
    assert match.value == Decimal("118000.00") and match.currency == "INR"


def test_given_numbers_glued_to_letters_when_finding_amounts_then_skipped() -> None:
    assert find_amounts("INV12 ABC-7 12/25/2018") == []


def test_given_a_dash_spaced_off_after_a_word_when_finding_amounts_then_not_a_sign() -> None:
    # regression: "SARL - 1242" (a company name, a separator, a number) was read as -1242
    (match,) = find_amounts("ACME SARL - 1242 Paris")
    assert match.value == Decimal("1242") and match.raw == "1242"
    assert parse_amount("SARL - 1242") == Decimal("1242")
    assert [a.value for a in find_amounts("Total - 12.00 EUR")] == [Decimal("12.00")]


def test_given_a_dash_that_is_a_sign_when_finding_amounts_then_still_negative() -> None:
    for text in ("Discount -5.00", "Discount: - 5.00", "- 5.00", "RM - 5.00", "(- 5.00)"):
        assert [a.value for a in find_amounts(text)] == [Decimal("-5.00")], text
        assert parse_amount(text) == Decimal("-5.00"), text


def test_given_space_grouping_when_allowed_then_joined_else_separate() -> None:
    assert [a.value for a in find_amounts("Total 1 234,56")] == [Decimal("1"), Decimal("234.56")]
    assert [a.value for a in find_amounts("Total 1 234,56", allow_space_groups=True)] == [Decimal("1234.56")]


_CONVENTIONS = [  # (thousands, decimal)
    (",", "."),
    (".", ","),
    (" ", ","),
    ("\u202f", ","),
    ("'", "."),
    ("", "."),
    ("", ","),
]


def _format_western(value: Decimal, thousands: str, decimal_mark: str) -> str:
    sign = "-" if value < 0 else ""
    whole, frac = f"{abs(value):.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + thousands.join(groups) + decimal_mark + frac


def _format_indian(value: Decimal) -> str:
    whole, frac = f"{value:.2f}".split(".")
    head, last = whole[:-3], whole[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return ",".join([*groups, last]) + "." + frac


money = st.decimals(min_value=Decimal("-9999999.99"), max_value=Decimal("9999999.99"), places=2)


@settings(max_examples=300, deadline=None)
@given(money, st.sampled_from(_CONVENTIONS), st.sampled_from(["{}", "€ {}", "{} EUR"]))
def test_property_any_formatted_amount_parses_back(
    value: Decimal, convention: tuple[str, str], decorate: str
) -> None:
    text = decorate.format(_format_western(value, *convention))
    assert parse_amount(text) == value


@settings(max_examples=200, deadline=None)
@given(value=st.decimals(min_value=Decimal("1000"), max_value=Decimal("999999999.99"), places=2))
def test_property_indian_grouping_parses_back(value: Decimal) -> None:
    assert parse_amount("Rs. " + _format_indian(value)) == value


@settings(max_examples=200, deadline=None)
@given(value=money.filter(lambda v: v > 0), style=st.sampled_from(["({})", "-{}", "{}-"]))
def test_property_negative_spellings_parse_back(value: Decimal, style: str) -> None:
    assert parse_amount(style.format(_format_western(value, ",", "."))) == -value


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(min_value=1, max_value=999), frac=st.integers(min_value=0, max_value=999))
def test_property_three_decimals_read_by_hint(whole: int, frac: int) -> None:
    text = f"{whole},{frac:03d}"
    assert parse_amount(text, decimal_separator=",") == Decimal(f"{whole}.{frac:03d}")
    assert parse_amount(text, decimal_separator=".") == Decimal(whole * 1000 + frac)


# ---------------------------------------------------------------------------- rates, currency, ids, text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("18%", "18"), ("18.00 %", "18"), ("0,19", "19"), ("5.5%", "5.5"), ("0.5%", "0.5"), ("7,25 %", "7.25")],
)
def test_given_a_rate_when_normalised_then_percent_without_trailing_zeros(raw: str, expected: str) -> None:
    assert normalize_rate(raw) == expected


def test_given_an_impossible_rate_when_normalised_then_none() -> None:
    assert normalize_rate("250%") is None
    assert normalize_rate("n/a") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("€", "EUR"), ("EUR", "EUR"), ("£ 12", "GBP"), ("₹", "INR"), ("Rs. 100", "INR"), ("RM 3.00", "MYR"),
        ("S$ 5", "SGD"), ("US$", "USD"), ("$", "USD"), ("CHF 12.00", "CHF"), ("euros", "EUR"),
        ("Rupees One Lakh only", "INR"), ("12 zł", "PLN"),
    ],
)  # fmt: skip
def test_given_a_currency_mark_when_parsed_then_iso_code(raw: str, expected: str) -> None:
    assert parse_currency(raw) == expected


def test_given_dollar_sign_when_country_known_then_local_dollar() -> None:
    assert parse_currency("$ 12.00", Hints(country="CA")) == "CAD"
    assert parse_currency("$ 12.00", Hints(country="AU")) == "AUD"
    assert parse_currency("$ 12.00", Hints(currency="SGD")) == "SGD"


def test_given_ambiguous_krona_without_country_then_none_and_with_country_then_code() -> None:
    assert parse_currency("kr 5") is None
    assert parse_currency("kr 5", Hints(country="SE")) == "SEK"


def test_given_letters_inside_words_when_parsing_currency_then_not_a_currency() -> None:
    assert parse_currency("FORM") is None
    assert parse_currency("PRS 12") is None


def test_given_identifiers_when_normalised_then_upper_case_without_spaces() -> None:
    assert normalize_id(" de 123 456 789 ") == "DE123456789"
    assert normalize_id("GB29 NWBK 6016 1331 9268 19") == "GB29NWBK60161331926819"
    assert normalize_id("#INV-7:") == "INV-7"
    assert normalize_id("  ") is None


def test_given_messy_names_and_addresses_when_cleaned_then_single_spaced() -> None:
    assert clean_text(" :  ACME   GmbH\n ") == "ACME GmbH"
    assert clean_address("Hauptstr. 1\n\n12345 Berlin,\nGermany") == "Hauptstr. 1, 12345 Berlin, Germany"
    assert clean_text(" - ") is None


def test_given_a_digit_run_too_long_for_money_when_found_then_it_is_no_amount_and_nothing_raises() -> None:
    assert [m.value for m in find_amounts("Ref 1234567890123456789012 Total 12.50")] == [Decimal("12.50")]
    assert format_amount(Decimal("123456789012345678901234567890")) == "123456789012345678901234567890.00"
