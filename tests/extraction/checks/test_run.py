"""Checks: arithmetic, identifiers, dates, the registry, and how findings adjust a result."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from docsift.extraction.checks.run import FAIL_FACTOR, apply_checks, run_checks
from docsift.extraction.knowledge.identifiers import (
    bic_problem,
    gstin_check_char,
    gstin_problem,
    iban_problem,
    ifsc_problem,
    kind_of_tax_id,
    micr_problem,
    pan_problem,
    vat_problem,
)
from docsift.result import CheckResult, DocumentResult, FieldValue, Status
from docsift.schema import get_schema

TODAY = date(2024, 6, 1)


def _result(
    doc_type: str = "invoice", lines: list[dict[str, str]] | None = None, **fields: str
) -> DocumentResult:
    return DocumentResult(
        document_type=doc_type,
        fields={k: FieldValue(value=v, confidence=0.8) for k, v in fields.items()},
        line_items=[{k: FieldValue(value=v, confidence=0.8) for k, v in row.items()} for row in lines or []],
    )


def _findings(result: DocumentResult, name: str) -> list[CheckResult]:
    return [f for f in run_checks(result, get_schema(result.document_type), TODAY) if f.name == name]


def _one(result: DocumentResult, name: str) -> CheckResult:
    found = _findings(result, name)
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------ identifiers: constructed examples


def _gstin(body14: str) -> str:
    return body14 + gstin_check_char(body14)


def test_given_constructed_gstins_when_checked_then_checksum_and_state_code_decide() -> None:
    good = _gstin("29ABCDE1234F1Z")
    assert gstin_problem(good) is None
    assert gstin_problem(good.lower()) is None
    wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert "check character" in (gstin_problem(wrong_check) or "")
    assert "state code" in (gstin_problem(_gstin("55ABCDE1234F1Z")) or "")
    assert "format" in (gstin_problem("29ABCDE1234F1") or "")


def test_given_one_changed_character_when_gstin_checked_then_checksum_catches_it() -> None:
    good = _gstin("07AAACB2230M1Z")
    for i in range(2, 14):
        for replacement in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            if replacement == good[i]:
                continue
            bad = good[:i] + replacement + good[i + 1 :]
            assert gstin_problem(bad) is not None, bad


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("ABCPE1234F", True),
        ("abcpe1234f", True),
        ("ABCXE1234F", False),
        ("ABCP1234F", False),
        ("1BCPE1234F", False),
    ],
)
def test_given_pans_when_checked_then_format_and_holder_type_decide(value: str, ok: bool) -> None:
    assert (pan_problem(value) is None) is ok


def _iban(country: str, bban: str) -> str:
    digits = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def test_given_constructed_ibans_when_checked_then_mod97_and_length_decide() -> None:
    de = _iban("DE", "370400440532013000")
    assert iban_problem(de) is None
    assert iban_problem(" ".join(de[i : i + 4] for i in range(0, len(de), 4))) is None
    swapped = de[:6] + de[7] + de[6] + de[8:]
    assert "mod 97" in (iban_problem(swapped) or "")
    assert "22 characters" in (iban_problem(_iban("DE", "3704004405320130001")) or "")
    assert iban_problem("hello") is not None


@pytest.mark.parametrize(
    ("value", "problem", "ok"),
    [
        ("SBIN0001234", ifsc_problem, True),
        ("SBIN1001234", ifsc_problem, False),
        ("SBI00001234", ifsc_problem, False),
        ("400002011", micr_problem, True),
        ("40000201", micr_problem, False),
        ("COBADEFFXXX", bic_problem, True),
        ("COBADEFF", bic_problem, True),
        ("COBADEF", bic_problem, False),
    ],
)
def test_given_bank_codes_when_checked_then_format_decides(value: str, problem: Any, ok: bool) -> None:
    assert (problem(value) is None) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("DE123456789", True), ("DE 123 456 789", True), ("DE12345678", False), ("ATU12345678", True),
        ("AT12345678", False), ("FR11999999998", True), ("NL123456789B01", True), ("NL123456789", False),
        ("ESB12345678", True), ("IT12345678901", True), ("BE0123456789", True), ("BE2123456789", False),
        ("GB123456789", True), ("CHE-123.456.789 MWST", True), ("XX123456789", False),
    ],
)  # fmt: skip
def test_given_vat_ids_when_checked_then_country_format_decides(value: str, ok: bool) -> None:
    assert (vat_problem(value) is None) is ok


def test_given_tax_ids_when_classified_then_gstin_vat_or_unchecked() -> None:
    assert kind_of_tax_id(_gstin("29ABCDE1234F1Z")) == "gstin"
    assert kind_of_tax_id("DE123456789") == "vat"
    assert kind_of_tax_id("201/113/40209") is None
    assert kind_of_tax_id("12-3456789") is None


# ---------------------------------------------------------------------------- arithmetic


def test_given_lines_that_multiply_out_when_checked_then_line_amounts_pass() -> None:
    lines = [
        {"quantity": "3", "unit_price": "3.33", "amount": "10.00"},  # rounded unit price
        {"quantity": "2", "unit_price": "50.00", "amount": "90.00", "discount": "10.00"},
        {"quantity": "1", "unit_price": "100.00", "amount": "118.00", "tax_amount": "18.00"},
        {"description": "note line"},
    ]
    finding = _one(_result(lines=lines), "line_amounts")
    assert finding.ok and "3 line amount" in finding.message


def test_given_a_line_that_does_not_multiply_out_when_checked_then_that_line_is_named() -> None:
    lines = [
        {"quantity": "2", "unit_price": "5.00", "amount": "10.00"},
        {"quantity": "3", "unit_price": "5.00", "amount": "16.00"},
    ]
    finding = _one(_result(lines=lines), "line_amounts")
    assert not finding.ok and "line(s) 2" in finding.message
    assert finding.fields == ["line_items[1].quantity", "line_items[1].unit_price", "line_items[1].amount"]


def test_given_lines_and_subtotal_when_checked_then_sum_compared() -> None:
    lines = [{"amount": "10.00"}, {"amount": "20.50"}]
    assert _one(_result(lines=lines, subtotal="30.50"), "lines_sum_to_subtotal").ok
    assert _one(_result(lines=lines, subtotal="25.50", total_discount="5.00"), "lines_sum_to_subtotal").ok
    assert _one(_result(lines=lines, invoice_total="30.50", subtotal="26.00"), "lines_sum_to_subtotal").ok
    bad = _one(_result(lines=lines, subtotal="40.00"), "lines_sum_to_subtotal")
    assert not bad.ok and bad.severity == "error" and "30.50" in bad.message


def test_given_a_discount_and_unexplained_difference_then_lines_sum_is_only_info() -> None:
    lines = [{"amount": "100.00"}]
    finding = _one(_result(lines=lines, subtotal="101.00", total_discount="4.00"), "lines_sum_to_subtotal")
    assert not finding.ok and finding.severity == "info"


def test_given_embedded_charges_when_checked_then_lines_plus_charges_minus_discount_pass() -> None:
    result = _result(lines=[{"amount": "100.00"}], subtotal="101.00", total_discount="4.00")
    result.meta["embedded"] = {"syntax": "CII", "charge_total": "5.00"}
    assert _one(result, "lines_sum_to_subtotal").ok


@pytest.mark.parametrize(
    ("fields", "ok"),
    [
        ({"subtotal": "100.00", "total_tax": "19.00", "invoice_total": "119.00"}, True),
        (
            {
                "subtotal": "100.00",
                "total_discount": "10.00",
                "total_tax": "17.10",
                "invoice_total": "107.10",
            },
            True,
        ),
        (
            {"subtotal": "100.00", "cgst_amount": "9.00", "sgst_amount": "9.00", "invoice_total": "118.00"},
            True,
        ),
        ({"subtotal": "1000.40", "total_tax": "180.07", "invoice_total": "1180.00"}, True),  # round-off
        ({"subtotal": "100.00", "total_tax": "19.00", "amount_due": "119.00"}, True),
        ({"subtotal": "100.00", "total_tax": "19.00", "invoice_total": "129.00"}, False),
        ({"subtotal": "100.00", "total_tax": "19.00", "invoice_total": "100.00"}, False),
    ],
)
def test_given_invoice_totals_when_checked_then_subtotal_less_discount_plus_tax_is_total(
    fields: dict[str, str], ok: bool
) -> None:
    assert _one(_result(**fields), "totals_add_up").ok is ok


def test_given_no_tax_known_when_subtotal_differs_from_total_then_no_finding() -> None:
    assert _findings(_result(subtotal="100.00", invoice_total="119.00"), "totals_add_up") == []


def test_given_gst_parts_when_checked_then_cgst_equals_sgst_and_parts_make_total_tax() -> None:
    good = _result(cgst_amount="9.00", sgst_amount="9.00", total_tax="18.00")
    assert _one(good, "cgst_equals_sgst").ok and _one(good, "tax_parts_add_up").ok
    bad = _result(cgst_amount="9.00", sgst_amount="8.00", total_tax="18.00")
    assert not _one(bad, "cgst_equals_sgst").ok and not _one(bad, "tax_parts_add_up").ok


def test_given_amount_due_above_total_when_checked_then_fails() -> None:
    assert _one(_result(amount_due="80.00", invoice_total="119.00"), "amount_due_within_total").ok
    assert not _one(_result(amount_due="219.00", invoice_total="119.00"), "amount_due_within_total").ok


def test_given_receipt_totals_when_checked_then_subtotal_tax_and_tip_make_total() -> None:
    assert _one(
        _result("receipt", subtotal="20.00", total_tax="1.20", tip="3.00", total="24.20"),
        "receipt_totals_add_up",
    ).ok
    assert _one(
        _result("receipt", subtotal="21.20", total_tax="1.20", total="21.20"), "receipt_totals_add_up"
    ).ok
    assert _one(
        _result("receipt", subtotal="10.02", total_tax="0.60", total="10.60"), "receipt_totals_add_up"
    ).ok
    assert not _one(
        _result("receipt", subtotal="20.00", total_tax="1.20", total="25.00"), "receipt_totals_add_up"
    ).ok


def test_given_insurance_premiums_when_checked_then_net_plus_tax_is_total() -> None:
    assert _one(
        _result("insurance", net_premium="1000.00", tax_amount="180.00", total_premium="1180.00"),
        "premium_adds_up",
    ).ok
    assert not _one(
        _result("insurance", net_premium="1000.00", tax_amount="180.00", total_premium="1280.00"),
        "premium_adds_up",
    ).ok


def test_given_loan_terms_when_checked_then_emi_matches_annuity_or_flat_rate() -> None:
    loan = {"loan_amount": "500000", "interest_rate": "10", "tenure_months": "60"}
    assert _one(_result("loan_agreement", emi_amount="10623.52", **loan), "emi_consistent").ok
    assert _one(_result("loan_agreement", emi_amount="12500.00", **loan), "emi_consistent").ok  # flat rate
    assert not _one(_result("loan_agreement", emi_amount="9000.00", **loan), "emi_consistent").ok


def test_given_amount_in_words_when_checked_then_figures_must_match() -> None:
    words = "Rupees One Lakh Eighteen Thousand Only"
    assert _one(_result("nach_mandate", amount="118000.00", amount_in_words=words), "amount_in_words").ok
    assert not _one(_result("nach_mandate", amount="11800.00", amount_in_words=words), "amount_in_words").ok
    unreadable = _one(
        _result("nach_mandate", amount="1.00", amount_in_words="see overleaf"), "amount_in_words"
    )
    assert unreadable.severity == "info"


# ------------------------------------------------------------ dates and identifiers in results


def test_given_dates_when_checked_then_due_not_before_issue_and_start_before_end() -> None:
    assert _one(
        _result(invoice_date="2024-01-31", due_date="2024-03-01"), "due_date_not_before_invoice_date"
    ).ok
    assert not _one(
        _result(invoice_date="2024-03-01", due_date="2024-01-31"), "due_date_not_before_invoice_date"
    ).ok
    assert not _one(
        _result("insurance", start_date="2024-01-01", end_date="2024-01-01"), "start_before_end"
    ).ok
    assert _one(
        _result("nach_mandate", start_date="2024-01-01", end_date="2099-12-31"), "start_before_end"
    ).ok


def test_given_absurd_dates_when_checked_then_implausible() -> None:
    findings = _findings(_result(invoice_date="2031-01-01", due_date="1960-05-05"), "date_plausible")
    assert [f.ok for f in findings] == [False, False]
    assert [
        f.ok for f in _findings(_result(invoice_date="2024-05-01", due_date="2040-01-01"), "date_plausible")
    ] == [True, True]


def test_given_identifiers_in_an_invoice_when_checked_then_each_named_field_is_validated() -> None:
    gstin = _gstin("27ABCPE1234F1Z")
    iban = _iban("DE", "370400440532013000")
    result = _result(
        vendor_tax_id=gstin, vendor_pan="ABCPE1234F", customer_tax_id="DE12345678", ifsc="HDFC0001234",
        iban=iban, bic="COBADEFF",
    )  # fmt: skip
    by_name = {(f.name, tuple(f.fields)): f.ok for f in run_checks(result, get_schema("invoice"), TODAY)}
    assert by_name[("gstin_valid", ("vendor_tax_id",))]
    assert not by_name[("vat_id_format", ("customer_tax_id",))]
    assert (
        by_name[("pan_format", ("vendor_pan",))]
        and by_name[("pan_matches_gstin", ("vendor_pan", "vendor_tax_id"))]
    )
    assert (
        by_name[("ifsc_format", ("ifsc",))]
        and by_name[("iban_checksum", ("iban",))]
        and by_name[("bic_format", ("bic",))]
    )
    other = _result(vendor_tax_id=gstin, vendor_pan="ABCPE9999F")
    assert not _one(other, "pan_matches_gstin").ok


def test_given_a_mandate_when_checked_then_ifsc_and_micr_formats_are_checked() -> None:
    result = _result("nach_mandate", ifsc="SBIN0001234", micr="4000020")
    assert _one(result, "ifsc_format").ok and not _one(result, "micr_format").ok


def test_given_unreadable_values_when_checked_then_no_crash_and_no_finding() -> None:
    result = _result(subtotal="abc", total_tax="", invoice_total="NaN", invoice_date="31/01/2024",
                     lines=[{"quantity": "x", "unit_price": "1", "amount": "1"}])  # fmt: skip
    names = {f.name for f in run_checks(result, get_schema("invoice"), TODAY)}
    assert names.isdisjoint({"totals_add_up", "line_amounts", "date_plausible", "check_error"})


# ---------------------------------------------------------------------------- apply_checks


def test_given_a_failed_check_when_applied_then_fields_halved_and_review_needed() -> None:
    result = _result(subtotal="100.00", total_tax="19.00", invoice_total="129.00", invoice_number="A-1")
    apply_checks(result, get_schema("invoice"), TODAY)
    assert result.status == Status.NEEDS_REVIEW
    assert result.fields["invoice_total"].confidence == pytest.approx(0.8 * FAIL_FACTOR)
    assert result.fields["invoice_number"].confidence == pytest.approx(0.8)
    assert result.fields["invoice_total"].value == "129.00"  # reported, never rewritten
    assert any(c.name == "totals_add_up" and not c.ok for c in result.checks)


def test_given_passing_arithmetic_when_applied_then_amounts_gain_confidence_moderately() -> None:
    result = _result(subtotal="100.00", total_tax="19.00", invoice_total="119.00",
                     lines=[{"quantity": "2", "unit_price": "50.00", "amount": "100.00"}])  # fmt: skip
    apply_checks(result, get_schema("invoice"), TODAY)
    assert result.status == Status.COMPLETED
    assert 0.8 < result.fields["invoice_total"].confidence <= 0.99
    assert 0.8 < result.line_items[0]["amount"].confidence <= 0.99


def test_given_certain_values_when_checks_pass_then_confidence_stays_at_one() -> None:
    result = _result(subtotal="100.00", total_tax="19.00", invoice_total="119.00")
    for field in result.fields.values():
        field.confidence = 1.0
    apply_checks(result, get_schema("invoice"), TODAY)
    assert all(f.confidence == 1.0 for f in result.fields.values())


def test_given_checks_applied_twice_then_findings_and_penalties_once() -> None:
    result = _result(subtotal="100.00", total_tax="19.00", invoice_total="129.00")
    apply_checks(result, get_schema("invoice"), TODAY)
    count, confidence = len(result.checks), result.fields["subtotal"].confidence
    apply_checks(result, get_schema("invoice"), TODAY)
    assert len(result.checks) == count and result.fields["subtotal"].confidence == confidence
    assert result.meta["checks"]["failed"] >= 1


def test_given_an_info_finding_when_applied_then_nothing_changes() -> None:
    result = _result(lines=[{"amount": "100.00"}], subtotal="101.00", total_discount="4.00")
    apply_checks(result, get_schema("invoice"), TODAY)
    assert result.status == Status.COMPLETED
    assert result.fields["subtotal"].confidence == pytest.approx(0.8)


def test_given_a_failed_document_when_checks_fail_then_status_stays_failed() -> None:
    result = _result(subtotal="100.00", total_tax="19.00", invoice_total="129.00")
    result.status = Status.FAILED
    apply_checks(result, get_schema("invoice"), TODAY)
    assert result.status == Status.FAILED
