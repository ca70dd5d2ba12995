"""Printed numbers agree (quantity x price = amount, sums, taxes) except in documents flagged inconsistent."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from docsift.synth.fmt import money
from tests.synth.conftest import truths


def _d(value: str | None) -> Decimal:
    return Decimal(value or "0")


def _consistent(truth: dict) -> list[str]:
    problems = []
    for row in truth["line_items"]:
        if {"quantity", "unit_price", "amount"} <= set(row):
            gross = money(_d(row["quantity"]) * _d(row["unit_price"]))
            if gross - _d(row.get("discount")) != _d(row["amount"]):
                problems.append(f"line {row}")
    for tax in truth["tax_details"]:
        if money(_d(tax["basis"]) * _d(tax["rate"]) / 100) != _d(tax["amount"]):
            problems.append(f"tax {tax}")
    f = truth["fields"]
    if truth["document_type"] == "invoice" and truth["tax_details"]:
        taxes = sum(_d(t["amount"]) for t in truth["tax_details"])
        if "total_tax" in f and _d(f["total_tax"]) != taxes:
            problems.append("total_tax")
        lines = truth["line_items"]
        complete = lines and all("amount" in r for r in lines) and "subtotal" in f
        if complete and sum(_d(r["amount"]) for r in lines) != _d(f["subtotal"]):
            problems.append("subtotal")
    if truth["document_type"] == "receipt" and "subtotal" in f and "total" in f:
        other = _d(truth.get("receipt", {}).get("other_charges"))  # service charge, fees, rounding
        taxes = sum((_d(t["amount"]) for t in truth["tax_details"]), Decimal(0))  # CGST + SGST lines
        tax = _d(f["total_tax"]) if "total_tax" in f else taxes
        rest = _d(f["total"]) - _d(f["subtotal"]) - tax - _d(f.get("tip")) - other
        if rest:
            problems.append("receipt total")
    return problems


def test_given_consistent_documents_when_checking_their_numbers_then_every_sum_agrees(batch: Path) -> None:
    for doc_id, truth in truths(batch).items():
        if not truth["inconsistent"]:
            assert _consistent(truth) == [], doc_id


def test_given_many_documents_when_generated_then_a_few_are_flagged_inconsistent_and_really_are(
    tmp_path: Path,
) -> None:
    from docsift.synth import make

    flagged = [make(5, i, ["invoice", "receipt"]).truth for i in range(150)]
    bad = [t for t in flagged if t["inconsistent"]]
    assert 0 < len(bad) < 20
    assert all(t["inconsistencies"] for t in bad)
    assert sum(1 for t in bad if _consistent(t)) >= len(bad) // 2
