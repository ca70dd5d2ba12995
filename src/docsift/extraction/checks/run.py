"""Checks over an extracted result (fields.md, "Checks"): arithmetic, identifiers, dates.

Checks are pure functions ``DocumentResult -> list[CheckResult]``; they never raise and never
change a value. ``REGISTRY`` lists the checks of each document type; ``run_checks`` runs them and
``apply_checks`` attaches the findings and adjusts confidence:

- a failed check of severity "error" multiplies the confidence of every field it names by
  ``FAIL_FACTOR`` (0.5) and sets the status to ``needs_review``;
- a passed check that confirms how the values were read (arithmetic that adds up, a checksum that
  matches: ``CONFIRMING``) moves each named field's confidence ``PASS_LIFT`` (30%) of the way
  towards 1.0, never above ``PASS_CAP`` (0.99) unless it was already higher;
- an "info" finding changes nothing.

Field names in findings are schema names, or ``line_items[i].column`` / ``tax_details[i].column``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date, timedelta

from docsift.extraction.checks import arithmetic as m
from docsift.extraction.knowledge.identifiers import (
    bic_problem,
    gstin_problem,
    iban_problem,
    ifsc_problem,
    kind_of_tax_id,
    micr_problem,
    pan_problem,
    vat_problem,
)
from docsift.extraction.normalize.words import parse_amount_words
from docsift.result import CheckResult, DocumentResult, FieldValue, Status
from docsift.schema import DocSchema, Kind

log = logging.getLogger(__name__)

FAIL_FACTOR = 0.5
PASS_LIFT = 0.3
PASS_CAP = 0.99
EARLIEST = date(1970, 1, 1)
LATEST = date(2100, 12, 31)
ISSUE_DATE_FIELDS = (
    "invoice_date",
    "transaction_date",
    "po_date",
    "mandate_date",
    "agreement_date",
    "issue_date",
)

Check = Callable[[DocumentResult], list[CheckResult]]


def _text(result: DocumentResult, name: str) -> str | None:
    value = result.value(name)
    return str(value).strip() or None if value is not None else None


def _identifier(name: str, field: str, problem: Callable[[str], str | None], label: str) -> Check:
    """A check: ``field`` is a valid ``label`` (per ``problem``)."""

    def check(result: DocumentResult) -> list[CheckResult]:
        value = _text(result, field)
        if value is None:
            return []
        why = problem(value)
        message = f"{field}: {why}" if why else f"{field} is a valid {label}"
        return [CheckResult(name=name, ok=why is None, message=message, fields=[field])]

    return check


def tax_id_valid(field: str) -> Check:
    """A check on a tax id field: GSTIN format, state code and checksum when it looks like a GSTIN;
    EU / UK / Swiss VAT format when it carries a VAT country prefix; nothing otherwise."""

    def check(result: DocumentResult) -> list[CheckResult]:
        value = _text(result, field)
        kind = kind_of_tax_id(value) if value else None
        if value is None or kind is None:
            return []
        why = gstin_problem(value) if kind == "gstin" else vat_problem(value)
        name = "gstin_valid" if kind == "gstin" else "vat_id_format"
        message = (
            f"{field}: {why}" if why else f"{field} is a valid {'GSTIN' if kind == 'gstin' else 'VAT id'}"
        )
        return [CheckResult(name=name, ok=why is None, message=message, fields=[field])]

    return check


def pan_matches_gstin(result: DocumentResult) -> list[CheckResult]:
    """The seller's PAN is the one inside their GSTIN (characters 3 to 12)."""
    pan, gstin = _text(result, "vendor_pan"), _text(result, "vendor_tax_id")
    if pan is None or gstin is None or kind_of_tax_id(gstin) != "gstin":
        return []
    inside = re.sub(r"\s", "", gstin).upper()[2:12]
    ok = inside == re.sub(r"\s", "", pan).upper()
    message = "PAN " + ("matches" if ok else f"differs from {inside!r},") + " the PAN inside the GSTIN"
    return [
        CheckResult(name="pan_matches_gstin", ok=ok, message=message, fields=["vendor_pan", "vendor_tax_id"])
    ]


def amount_in_words(figures: str, words: str) -> Check:
    """A check: the amount in figures equals the amount in words (English, lakh / crore)."""

    def check(result: DocumentResult) -> list[CheckResult]:
        amount, text = m.field_num(result, figures), _text(result, words)
        if amount is None or text is None:
            return []
        spelt = parse_amount_words(text)
        if spelt is None:
            return [
                CheckResult(
                    name="amount_in_words",
                    ok=True,
                    severity="info",
                    fields=[words],
                    message=f"{words} could not be read as a number",
                )
            ]
        ok = abs(spelt - amount) <= m.CENT
        message = f"{figures} {amount} " + ("matches" if ok else f"differs from {spelt} in") + " words"
        return [CheckResult(name="amount_in_words", ok=ok, message=message, fields=[figures, words])]

    return check


def _date(result: DocumentResult, name: str) -> date | None:
    value = _text(result, name)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def date_order(name: str, first: str, second: str, strict: bool = False) -> Check:
    """A check: date ``first`` is not after (``strict``: before) date ``second``."""

    def check(result: DocumentResult) -> list[CheckResult]:
        a, b = _date(result, first), _date(result, second)
        if a is None or b is None:
            return []
        ok = a < b if strict else a <= b
        message = (
            f"{first} {a} is "
            + ("" if ok else "not ")
            + ("before" if strict else "on or before")
            + f" {second} {b}"
        )
        return [CheckResult(name=name, ok=ok, message=message, fields=[first, second])]

    return check


def dates_plausible(schema: DocSchema, today: date | None = None) -> Check:
    """A check over every date field: between 1970 and 2100, and an issue date (invoice, receipt,
    PO, mandate, agreement, policy issue) at most a year after ``today``."""

    def check(result: DocumentResult) -> list[CheckResult]:
        now = today or date.today()
        findings = []
        for spec in schema.fields:
            value = _date(result, spec.name) if spec.kind == Kind.DATE else None
            if value is None:
                continue
            latest = min(LATEST, now + timedelta(days=366)) if spec.name in ISSUE_DATE_FIELDS else LATEST
            ok = EARLIEST <= value <= latest
            message = f"{spec.name} {value} is " + ("plausible" if ok else f"outside {EARLIEST} .. {latest}")
            findings.append(CheckResult(name="date_plausible", ok=ok, message=message, fields=[spec.name]))
        return findings

    return check


def _common_ids(*tax_fields: str) -> list[Check]:
    return [tax_id_valid(f) for f in tax_fields] + [
        _identifier("ifsc_format", "ifsc", ifsc_problem, "IFSC"),
        _identifier("iban_checksum", "iban", iban_problem, "IBAN"),
        _identifier("bic_format", "bic", bic_problem, "BIC"),
    ]


REGISTRY: dict[str, list[Check]] = {
    "invoice": [
        m.line_amounts,
        m.lines_sum("subtotal", "invoice_total"),
        m.totals_add_up("totals_add_up", "subtotal", "total_tax", ("invoice_total", "amount_due"),
                        discount="total_discount"),
        m.amount_due_within_total,
        m.cgst_equals_sgst,
        m.tax_parts_add_up,
        *_common_ids("vendor_tax_id", "customer_tax_id"),
        _identifier("pan_format", "vendor_pan", pan_problem, "PAN"),
        pan_matches_gstin,
        date_order("due_date_not_before_invoice_date", "invoice_date", "due_date"),
    ],
    "receipt": [
        m.line_amounts,
        m.lines_sum("subtotal", "total"),
        m.totals_add_up("receipt_totals_add_up", "subtotal", "total_tax", ("total",), extra=("tip",),
                        tax_included=True),
        tax_id_valid("merchant_tax_id"),
    ],
    "purchase_order": [
        m.line_amounts,
        m.lines_sum("subtotal", "total"),
        m.totals_add_up("totals_add_up", "subtotal", "total_tax", ("total",)),
        tax_id_valid("buyer_tax_id"),
        tax_id_valid("vendor_tax_id"),
        date_order("delivery_not_before_po_date", "po_date", "delivery_date"),
    ],
    "nach_mandate": [
        _identifier("ifsc_format", "ifsc", ifsc_problem, "IFSC"),
        _identifier("micr_format", "micr", micr_problem, "MICR code"),
        amount_in_words("amount", "amount_in_words"),
        date_order("start_before_end", "start_date", "end_date", strict=True),
    ],
    "loan_agreement": [
        amount_in_words("loan_amount", "loan_amount_in_words"),
        m.emi_consistent,
        date_order("repayment_after_agreement", "agreement_date", "repayment_start_date"),
    ],
    "insurance": [
        m.totals_add_up("premium_adds_up", "net_premium", "tax_amount", ("total_premium",)),
        date_order("start_before_end", "start_date", "end_date", strict=True),
    ],
}  # fmt: skip

# Checks whose pass confirms the values were read right (sums, checksums): they lift confidence.
CONFIRMING = {
    "line_amounts", "lines_sum_to_subtotal", "totals_add_up", "receipt_totals_add_up",
    "premium_adds_up", "cgst_equals_sgst", "tax_parts_add_up", "gstin_valid", "iban_checksum",
    "amount_in_words", "emi_consistent",
}  # fmt: skip


def run_checks(result: DocumentResult, schema: DocSchema, today: date | None = None) -> list[CheckResult]:
    """The findings of every check registered for ``schema.document_type`` plus the date sanity
    check. A check that fails unexpectedly is reported as an "info" finding, never raised."""
    findings: list[CheckResult] = []
    for check in [*REGISTRY.get(schema.document_type, []), dates_plausible(schema, today)]:
        try:
            findings.extend(check(result))
        except Exception as e:  # a bug in one check must not cost the document
            log.exception("check %r failed", getattr(check, "__name__", check))
            findings.append(CheckResult(name="check_error", ok=True, severity="info", message=repr(e)))
    return findings


def field_ref(result: DocumentResult, ref: str) -> FieldValue | None:
    """The FieldValue a finding names: a field name, ``line_items[i].col`` or ``tax_details[i].col``."""
    match = re.fullmatch(r"(line_items|tax_details)\[(\d+)\]\.(\w+)", ref)
    if match is None:
        return result.fields.get(ref)
    rows = result.line_items if match[1] == "line_items" else result.tax_details
    index = int(match[2])
    return rows[index].get(match[3]) if index < len(rows) else None


def apply_checks(result: DocumentResult, schema: DocSchema, today: date | None = None) -> DocumentResult:
    """``result`` with the findings of ``run_checks`` appended and confidences adjusted (see the
    module docstring); status ``needs_review`` when an error-severity check failed. Runs once per
    result (``meta["checks"]`` records it). Returns the same object; never raises."""
    if "checks" in result.meta:
        return result
    findings = run_checks(result, schema, today)
    result.checks.extend(findings)
    for finding in findings:
        if finding.ok and finding.name in CONFIRMING:
            for ref in finding.fields:
                fv = field_ref(result, ref)
                if fv is not None and fv.confidence < PASS_CAP:
                    fv.confidence = min(PASS_CAP, fv.confidence + (1.0 - fv.confidence) * PASS_LIFT)
    failed = [f for f in findings if not f.ok and f.severity == "error"]
    touched: set[int] = set()
    for finding in failed:
        for ref in finding.fields:
            fv = field_ref(result, ref)
            if fv is not None and id(fv) not in touched:  # once per field, however many checks name it
                touched.add(id(fv))
                fv.confidence *= FAIL_FACTOR
    if failed and result.status != Status.FAILED:
        result.status = Status.NEEDS_REVIEW
    result.meta["checks"] = {"run": len(findings), "failed": len(failed)}
    return result
