"""Labels as data: tokenising and finding labels in many languages."""

from __future__ import annotations

import pytest

from docsift.extraction.knowledge.lexicon import field_lexicon, fold, tokens


def test_given_accents_and_punctuation_when_tokenised_then_letters_fold_and_punctuation_splits() -> None:
    assert tokens("Rechnungs-Nr.:") == ["rechnungs", "nr"]
    assert tokens("Fälligkeit") == ["falligkeit"]
    assert tokens("N° de facture") == ["n", "de", "facture"]
    assert fold("Straße") == "strasse"
    assert tokens("Invoice #") == ["invoice", "#"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Invoice No:", "invoice_number"),
        ("Bill No.", "invoice_number"),
        ("Rechnungsnummer", "invoice_number"),
        ("N° de facture", "invoice_number"),
        ("Fecha de vencimiento", "due_date"),
        ("Total Tax", "total_tax"),
        ("Sub Total", "subtotal"),
        ("Taxable Value", "subtotal"),
        ("Grand Total", "invoice_total"),
        ("Jumlah", "invoice_total"),
        ("Rechnungsempfänger", "customer_name"),
        ("Sold By", "vendor_name"),
        ("GSTIN", "vendor_tax_id"),
        ("USt-IdNr.", "vendor_tax_id"),
        ("Zahlungsbedingungen", "payment_terms"),
    ],
)
def test_given_a_label_in_some_language_when_found_then_it_names_its_role(text: str, role: str) -> None:
    hits = field_lexicon().find(tokens(text))
    assert hits and role in hits[0].classes


def test_given_a_longer_label_when_found_then_it_wins_over_its_prefix() -> None:
    hits = field_lexicon().find(tokens("Total Tax 56.87"))
    assert len(hits) == 1
    assert "total_tax" in hits[0].classes and "invoice_total" not in hits[0].classes


@pytest.mark.parametrize(
    ("text", "cls"), [("CHANGE", "change"), ("Rounding Adj", "rounding"), ("Tunai", "cash_tendered")]
)
def test_given_receipt_words_when_found_then_they_name_context_classes(text: str, cls: str) -> None:
    assert cls in field_lexicon().contains(tokens(text))
