"""Credit notes: positive amounts in the truth with ``credit_note: true``, whatever the page prints."""

from __future__ import annotations

import re

from docsift.synth.invoice.extras import document_labels
from tests.synth.invoices import drawn, find, planned
from tests.synth.pdftext import page_texts

AMOUNTS = ("subtotal", "total_discount", "total_tax", "cgst_amount", "sgst_amount", "igst_amount")
AMOUNTS += ("invoice_total", "amount_due")
NEGATIVE = re.compile(r"^[-(]|[-)]$|-\s|\bCR$")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text).lstrip("0")


def test_given_credit_notes_when_drawn_then_truth_amounts_are_positive_and_flagged() -> None:
    negative = positive = 0
    for index in find(lambda c, plan: bool(c.extra.get("credit_note")), count=12):
        truth = drawn(index).truth
        assert truth["credit_note"] is True and truth["axes"]["document"] == "credit_note"
        amounts = [truth["fields"][k] for k in AMOUNTS if k in truth["fields"]]
        amounts += [row[k] for row in truth["line_items"] for k in ("amount", "tax_amount") if k in row]
        amounts += [t["amount"] for t in truth["tax_details"]]
        assert amounts and all(not a.startswith("-") for a in amounts), amounts
        raw = truth["raw"]["invoice_total"]
        assert _digits(raw) == _digits(truth["fields"]["invoice_total"])
        if truth["axes"]["negative"] == "positive":
            positive += 1
            assert not NEGATIVE.search(raw), raw
        else:
            negative += 1
            assert NEGATIVE.search(raw), raw
    assert negative and positive


def test_given_a_credit_note_then_its_title_says_so_and_plain_invoices_are_not_flagged() -> None:
    index = find(lambda c, plan: bool(c.extra.get("credit_note")))[0]
    c, _ = planned(index)
    text = page_texts(drawn(index).pdf)[0]
    assert any(title in text for title in document_labels(c)["credit_titles"])
    plain = find(lambda c, plan: not c.extra.get("credit_note"))[0]
    assert drawn(plain).truth["credit_note"] is False
