"""Invoice content: Portuguese invoices with valid tax ids, Hindi/English labels, numbers that are not
the invoice number."""

from __future__ import annotations

import pytest

from docsift.synth import ids
from docsift.synth.knowledge import load
from docsift.synth.scripts import devanagari_font, has_devanagari, latin_only
from tests.synth.invoices import drawn, find, planned
from tests.synth.pdftext import page_texts


@pytest.mark.parametrize("code", ["pt_PT", "pt_BR"])
def test_given_portuguese_locales_when_drawn_then_labels_and_tax_ids_are_portuguese(code: str) -> None:
    index = find(lambda c, plan: c.locale == code)[0]
    c, _ = planned(index)
    truth = drawn(index).truth
    assert truth["language"] == "pt"
    tax_id = truth["fields"]["vendor_tax_id"]
    if code == "pt_BR":
        assert c.currency == "BRL" and ids.cnpj_valid(tax_id)
    else:
        nif = tax_id.removeprefix("PT")
        check = 11 - sum(int(d) * (9 - i) for i, d in enumerate(nif[:8])) % 11
        assert c.currency == "EUR" and int(nif[8]) == (0 if check >= 10 else check)
    assert c.formats.months[0] == "janeiro"


def test_given_indian_invoices_then_some_have_hindi_words_in_their_labels() -> None:
    index = find(lambda c, plan: c.extra.get("label_set") == "hi_en")[0]
    overlay = load("label_overlays")["hi_en"]
    words = {w for values in overlay["fields"].values() for w in values}
    words |= set(overlay["titles"]) | set(overlay["india"]["invoice_total"])
    text = page_texts(drawn(index).pdf)[0]
    assert any(w in text for w in words if not has_devanagari(w) or devanagari_font())


def test_given_no_devanagari_font_when_labels_are_chosen_then_only_latin_entries_remain() -> None:
    overlay = latin_only(load("label_overlays")["hi_en"])

    def lists(node: object) -> list[list[str]]:
        if isinstance(node, dict):
            return [x for v in node.values() for x in lists(v)]
        return [node] if isinstance(node, list) else []

    for values in lists(overlay):
        assert values and not any(has_devanagari(v) for v in values)


@pytest.mark.skipif(devanagari_font() is None, reason="no Devanagari font installed (fonts-lohit-deva)")
def test_given_a_devanagari_font_when_bilingual_invoices_are_drawn_then_their_text_has_devanagari() -> None:
    indexes = find(lambda c, plan: c.extra.get("label_set") == "hi_en", count=5)
    assert any(has_devanagari(page_texts(drawn(i).pdf)[0]) for i in indexes)


def test_given_distractor_numbers_when_printed_then_they_differ_from_the_invoice_number() -> None:
    keys = ("x_customer_no", "x_sales_order", "x_delivery_note", "x_account_ref", "x_original_invoice")
    seen = set()
    for index in find(lambda c, plan: any(e.key in keys for e in plan.meta), count=30):
        c, plan = planned(index)
        for e in plan.meta:
            if e.key in keys:
                seen.add(e.key)
                assert e.value != c.fields["invoice_number"]
    assert seen == set(keys)
