"""Candidates and their features: typed values found on lines, the labels around them."""

from __future__ import annotations

from docsift.extraction.document.analysis import analyse
from docsift.extraction.fields.features import FIELD_SPACE
from tests.extraction.pages import doc_of, role_candidates

INVOICE = [
    [(2, "Acme Tools GmbH"), (60, "INVOICE")],
    [(2, "Hauptstr. 5, 10115 Berlin"), (60, "Invoice No: R-2024-17")],
    [(60, "Date: 25/12/2024")],
    [(60, "Due date: 08/01/2025")],
    [(2, "Bill To:")],
    [(2, "Blue Shop Ltd")],
    [(2, "VAT No: DE123456789")],
    [(50, "Subtotal"), (80, "100.00")],
    [(50, "VAT 19%"), (80, "19.00")],
    [(50, "Total"), (80, "119.00")],
    [(2, "Paid at 4.55 pm"), (50, "Cash"), (80, "200.00")],
]


def _cands(rows: list[list[tuple[int, str]]], roles: list[str]):  # type: ignore[no-untyped-def]
    analysis = analyse(doc_of(rows), "invoice")
    return analysis, role_candidates(analysis, roles)


def test_given_amounts_beside_labels_when_candidates_made_then_the_left_label_feature_names_the_role() -> (
    None
):
    _, cands = _cands(INVOICE, ["total", "subtotal"])
    total = {c.value: c.features["left_r"] for c in cands["total"]}
    assert total["119.00"] == 1.0
    assert total["19.00"] == 0.0  # "VAT" is nearer than any total label
    sub = {c.value: c.features["left_r"] for c in cands["subtotal"]}
    assert sub["100.00"] == 1.0


def test_given_a_day_over_twelve_when_the_document_is_read_then_its_dates_are_day_first() -> None:
    analysis, cands = _cands(INVOICE, ["due_date"])
    assert analysis.index.date_order == "DMY"
    assert "2025-01-08" in {c.value for c in cands["due_date"]}


def test_given_identifiers_when_candidates_made_then_numbers_need_a_digit_and_tax_ids_a_pattern() -> None:
    _, cands = _cands(INVOICE, ["document_number", "issuer_tax_id"])
    numbers = {c.value for c in cands["document_number"]}
    assert "R-2024-17" in numbers
    assert "ACME" not in numbers
    assert {c.value for c in cands["issuer_tax_id"]} == {"DE123456789"}


def test_given_a_decimal_with_pm_when_times_are_found_then_a_price_is_not_a_time() -> None:
    analysis, _ = _cands([*INVOICE, [(2, "Time 14:05")], [(2, "Price 4.55")]], [])
    times = {e.value for e in analysis.ents.of("time")}
    assert "14:05" in times
    assert "04:55" not in times
    assert "16:55" in times  # "4.55 pm" is a time


def test_given_every_candidate_when_rows_built_then_they_name_exactly_the_model_features() -> None:
    _, cands = _cands(INVOICE, ["total", "document_number", "document_date", "currency"])
    assert all(set(c.features) == set(FIELD_SPACE.names) for cs in cands.values() for c in cs)


def test_given_a_product_code_that_looks_like_a_date_then_it_is_not_a_date_candidate() -> None:
    analysis, _ = _cands([[(2, "HC03-7 - 15")], [(2, "Date:12-01-19 21:13")]], [])
    assert {e.raw for e in analysis.ents.of("date")} == {"12-01-19"}
