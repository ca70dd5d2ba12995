"""Arithmetic checks (fields.md, "Checks"): line amount = quantity x unit price, sum of lines =
subtotal, subtotal - discount + taxes = total, CGST = SGST, tax parts = total tax, receipt and
premium totals, EMI against amount, rate and tenure.

Each check is a pure function of a DocumentResult returning CheckResults (none when the fields it
needs are absent). Values are read from the normalised strings; an unreadable value counts as
absent. Nothing here raises or changes a value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

from docsift.result import CheckResult, DocumentResult, FieldValue, Row

CENT = Decimal("0.01")
Check = Callable[[DocumentResult], list[CheckResult]]


def num(value: object) -> Decimal | None:
    """A normalised value (string or number, or a FieldValue) as Decimal; None when unreadable."""
    if isinstance(value, FieldValue):
        value = value.value
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def field_num(result: DocumentResult, name: str) -> Decimal | None:
    """The value of field ``name`` as Decimal, or None when absent or not a number."""
    return num(result.fields.get(name))


def round_off(stated: Decimal, computed: Decimal) -> bool:
    """Whether ``stated`` is ``computed`` rounded to a whole unit or to 0.05 (cash rounding)."""
    diff = abs(stated - computed)
    whole = stated == stated.to_integral_value() and diff < Decimal("0.5")
    nickel = (stated * 20) == (stated * 20).to_integral_value() and diff <= Decimal("0.025")
    return whole or nickel


def _fmt(x: Decimal) -> str:
    return format(x.quantize(CENT), "f")


def _cell(row: Row, col: str) -> Decimal | None:
    return num(row.get(col))


def _line_ok(row: Row) -> bool | None:
    """Whether a line's amount fits quantity x unit price (less its discount, or plus its tax for
    tax-inclusive amounts); None when a value is missing."""
    qty, price, amount = _cell(row, "quantity"), _cell(row, "unit_price"), _cell(row, "amount")
    if qty is None or price is None or amount is None:
        return None
    gross = qty * price
    tolerance = CENT + abs(qty) * Decimal("0.005")  # the printed unit price may be rounded
    discount = _cell(row, "discount") or Decimal(0)
    tax = _cell(row, "tax_amount") or Decimal(0)
    candidates = {gross, gross - discount, gross + tax, gross - discount + tax}
    return any(abs(amount - c) <= tolerance for c in candidates)


def line_amounts(result: DocumentResult) -> list[CheckResult]:
    """One finding over all lines: each amount = quantity x unit price (within rounding, allowing
    the line's discount and tax); fields name the cells of the lines checked (or failing)."""
    verdicts = [(i, _line_ok(row)) for i, row in enumerate(result.line_items)]
    checked = [(i, ok) for i, ok in verdicts if ok is not None]
    if not checked:
        return []
    bad = [i for i, ok in checked if not ok]
    cells = [
        f"line_items[{i}].{c}"
        for i in (bad or [i for i, _ in checked])
        for c in ("quantity", "unit_price", "amount")
    ]
    if bad:
        message = "line amount is not quantity x unit price on line(s) " + ", ".join(str(i + 1) for i in bad)
    else:
        message = f"{len(checked)} line amount(s) equal quantity x unit price"
    return [CheckResult(name="line_amounts", ok=not bad, message=message, fields=cells)]


def lines_sum(subtotal: str, total: str) -> Check:
    """A check: the line amounts add up to ``subtotal`` (or, less the document discount and plus
    document charges known from an e-invoice, to it; or, for tax-inclusive lines, to ``total``).
    A mismatch is an error, or only "info" when the document has a discount (document-level
    charges that no field holds may then explain it)."""

    def check(result: DocumentResult) -> list[CheckResult]:
        amounts = [_cell(row, "amount") for row in result.line_items]
        if not amounts or any(a is None for a in amounts):
            return []
        lines = sum((a for a in amounts if a is not None), Decimal(0))
        tolerance = CENT + Decimal("0.005") * len(amounts)
        sub, tot = field_num(result, subtotal), field_num(result, total)
        discount = field_num(result, "total_discount")
        charges = num((result.meta.get("embedded") or {}).get("charge_total")) or Decimal(0)
        adjusted = lines - (discount or Decimal(0)) + charges
        cells = [f"line_items[{i}].amount" for i in range(len(amounts))]
        if sub is not None and min(abs(lines - sub), abs(adjusted - sub)) <= tolerance:
            return [
                CheckResult(
                    name="lines_sum_to_subtotal",
                    ok=True,
                    message=f"lines add up to {_fmt(sub)}",
                    fields=[*cells, subtotal],
                )
            ]
        if tot is not None and abs(lines - tot) <= tolerance:
            return [
                CheckResult(
                    name="lines_sum_to_subtotal",
                    ok=True,
                    message=f"lines add up to the total {_fmt(tot)}",
                    fields=[*cells, total],
                )
            ]
        if sub is None and tot is None:
            return []
        target, name = (sub, subtotal) if sub is not None else (tot, total)
        assert target is not None
        return [
            CheckResult(
                name="lines_sum_to_subtotal",
                ok=False,
                severity="info" if discount is not None else "error",
                fields=[*cells, name],
                message=f"lines add up to {_fmt(lines)}, {name} is {_fmt(target)}",
            )
        ]

    return check


def _taxes(result: DocumentResult, tax_field: str) -> Decimal | None:
    """All taxes: the total tax field, else the GST parts, else the tax detail rows."""
    total = field_num(result, tax_field)
    if total is not None:
        return total
    parts = [field_num(result, f) for f in ("cgst_amount", "sgst_amount", "igst_amount", "cess_amount")]
    if any(p is not None for p in parts):
        return sum((p for p in parts if p is not None), Decimal(0))
    rows = [num(row.get("amount")) for row in result.tax_details]
    if rows and all(r is not None for r in rows):
        return sum((r for r in rows if r is not None), Decimal(0))
    return None


def totals_add_up(
    name: str,
    base: str,
    tax: str,
    total_fields: Sequence[str],
    extra: Sequence[str] = (),
    discount: str = "",
    tax_included: bool = False,
) -> Check:
    """A check: ``base`` (- ``discount``) + taxes (+ ``extra`` fields such as a tip) equals the
    first of ``total_fields`` present, within rounding or a round-off to a whole unit or 0.05.
    With ``tax_included`` (receipts) a base that already holds the tax also passes. Skipped when
    taxes are unknown and the base differs from the total."""

    def check(result: DocumentResult) -> list[CheckResult]:
        base_value = field_num(result, base)
        stated_name = next((f for f in total_fields if field_num(result, f) is not None), None)
        if base_value is None or stated_name is None:
            return []
        stated = field_num(result, stated_name)
        assert stated is not None
        taxes = _taxes(result, tax)
        extras = sum((field_num(result, f) or Decimal(0) for f in extra), Decimal(0))
        off = field_num(result, discount) if discount else None
        bases = {base_value, base_value - off} if off is not None else {base_value}
        if taxes is None:
            sums = {b + extras for b in bases}
        else:
            sums = {b + extras + taxes for b in bases} | (
                {b + extras for b in bases} if tax_included else set()
            )
        involved = [base, stated_name, *(f for f in (tax, discount, *extra) if f and f in result.fields)]
        if any(abs(stated - s) <= 2 * CENT for s in sums):
            return [
                CheckResult(
                    name=name, ok=True, message=f"{stated_name} {_fmt(stated)} adds up", fields=involved
                )
            ]
        if any(round_off(stated, s) for s in sums):
            return [
                CheckResult(
                    name=name,
                    ok=True,
                    fields=involved,
                    message=f"{stated_name} {_fmt(stated)} adds up after rounding off",
                )
            ]
        if taxes is None:
            return []
        best = min(sums, key=lambda s: abs(stated - s))
        return [
            CheckResult(
                name=name,
                ok=False,
                fields=involved,
                message=f"parts add up to {_fmt(best)}, {stated_name} is {_fmt(stated)}",
            )
        ]

    return check


def amount_due_within_total(result: DocumentResult) -> list[CheckResult]:
    """The balance to pay is not more than the invoice total (the rest was prepaid)."""
    due, total = field_num(result, "amount_due"), field_num(result, "invoice_total")
    if due is None or total is None or total < 0:
        return []
    ok = due <= total + CENT
    message = f"amount due {_fmt(due)} " + ("is within" if ok else "exceeds") + f" the total {_fmt(total)}"
    return [
        CheckResult(
            name="amount_due_within_total", ok=ok, message=message, fields=["amount_due", "invoice_total"]
        )
    ]


def cgst_equals_sgst(result: DocumentResult) -> list[CheckResult]:
    """Intra-state GST is split evenly: CGST = SGST."""
    cgst, sgst = field_num(result, "cgst_amount"), field_num(result, "sgst_amount")
    if cgst is None or sgst is None:
        return []
    ok = abs(cgst - sgst) <= CENT
    message = f"CGST {_fmt(cgst)} " + ("equals" if ok else "differs from") + f" SGST {_fmt(sgst)}"
    return [
        CheckResult(name="cgst_equals_sgst", ok=ok, message=message, fields=["cgst_amount", "sgst_amount"])
    ]


def tax_parts_add_up(result: DocumentResult) -> list[CheckResult]:
    """The GST parts (CGST, SGST, IGST, cess), or else the tax detail rows, add up to the total tax."""
    total = field_num(result, "total_tax")
    if total is None:
        return []
    names = [
        f
        for f in ("cgst_amount", "sgst_amount", "igst_amount", "cess_amount")
        if field_num(result, f) is not None
    ]
    if names:
        parts = sum((field_num(result, f) or Decimal(0) for f in names), Decimal(0))
        involved, label = [*names, "total_tax"], "GST parts"
    else:
        rows = [num(row.get("amount")) for row in result.tax_details]
        if not rows or any(r is None for r in rows):
            return []
        parts = sum((r for r in rows if r is not None), Decimal(0))
        involved = [*(f"tax_details[{i}].amount" for i in range(len(rows))), "total_tax"]
        label = "tax detail rows"
    ok = abs(parts - total) <= CENT * max(1, len(involved) - 1)
    message = f"{label} add up to {_fmt(parts)}, total tax is {_fmt(total)}"
    return [CheckResult(name="tax_parts_add_up", ok=ok, message=message, fields=involved)]


def emi_consistent(result: DocumentResult) -> list[CheckResult]:
    """The EMI matches the loan amount, annual rate and tenure, as a reducing-balance annuity or a
    flat-rate loan, within 1% (or one unit)."""
    principal, rate = field_num(result, "loan_amount"), field_num(result, "interest_rate")
    months, emi = field_num(result, "tenure_months"), field_num(result, "emi_amount")
    if principal is None or rate is None or months is None or emi is None or months <= 0 or principal <= 0:
        return []
    n = int(months)
    r = rate / 1200
    annuity = principal / n if r == 0 else principal * r * (1 + r) ** n / ((1 + r) ** n - 1)
    flat = principal * (1 + rate / 100 * Decimal(n) / 12) / n
    tolerance = max(Decimal(1), emi * Decimal("0.01"))
    ok = min(abs(emi - annuity), abs(emi - flat)) <= tolerance
    message = f"EMI {_fmt(emi)}; expected {_fmt(annuity)} (reducing balance) or {_fmt(flat)} (flat rate)"
    fields = ["emi_amount", "loan_amount", "interest_rate", "tenure_months"]
    return [CheckResult(name="emi_consistent", ok=ok, message=message, fields=fields)]
