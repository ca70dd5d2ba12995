"""Totals blocks: the amount due after advance, payments and a previous balance, the invoice total
that is not always the largest amount, pay boxes and currency marks only in column headers."""

from __future__ import annotations

from decimal import Decimal

from docsift.synth.invoice.plan import InvoicePlan
from docsift.synth.model import Content
from tests.synth.invoices import drawn, find, planned


def test_given_balances_when_planned_then_amount_due_is_total_plus_previous_minus_payments() -> None:
    for index in find(lambda c, plan: c.extra["balance"] != "plain", count=40):
        a = planned(index)[0].amounts
        paid = a.get("payments", 0) + a.get("prepaid", 0)
        expected = a["invoice_total"] + a.get("previous_balance", 0) - paid
        assert a["amount_due"] == expected and a["amount_due"] >= 0


def test_given_a_previous_balance_then_the_truth_keeps_the_invoice_total_and_the_larger_amount_due() -> None:
    for index in find(lambda c, plan: c.extra["balance"] == "previous", count=6):
        truth = drawn(index).truth
        f = truth["fields"]
        total, due = Decimal(f["invoice_total"]), Decimal(f["amount_due"])
        previous = planned(index)[0].amounts["previous_balance"]
        assert due == total + previous - planned(index)[0].amounts.get("payments", Decimal(0))
        printed = [line.amount for line in planned(index)[1].totals]
        assert max(abs(a) for a in printed) >= total


def test_given_some_invoices_then_the_invoice_total_is_not_the_largest_amount_printed() -> None:
    def larger(c: Content, plan: InvoicePlan) -> bool:
        return max(abs(line.amount) for line in plan.totals) > c.amounts["invoice_total"]

    assert len(find(larger, count=10)) == 10


def test_given_a_pay_box_then_the_amount_due_is_printed_in_it_with_its_label() -> None:
    for index in find(lambda c, plan: plan.axes["totals"] == "pay_box", count=4):
        c, plan = planned(index)
        truth = drawn(index).truth
        assert truth["fields"]["amount_due"] == f"{c.amounts['amount_due']:.2f}"
        assert plan.pay_label.lower() in truth["labels"]["amount_due"].lower()


def test_given_the_currency_only_in_column_headers_then_the_currency_box_is_in_the_table_header() -> None:
    for index in find(lambda c, plan: plan.axes["currency_at"] == "header", count=4):
        c, _ = planned(index)
        truth = drawn(index).truth
        assert truth["fields"]["currency"] == c.currency
        box = truth["boxes"]["currency"]["bbox"]
        region = truth["table_region"]["regions"][0]["bbox"]
        assert abs(box[1] - region[1]) < 0.03
        mark = c.formats.money.mark
        assert mark and all(mark not in truth["raw"].get(k, "") for k in ("invoice_total", "subtotal"))
