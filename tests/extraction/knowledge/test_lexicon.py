"""Labels as data: tokenising and finding labels in many languages."""

from __future__ import annotations

import pytest

from docsift.extraction.knowledge.lexicon import Lexicon, fold, label_text, tokens
from docsift.extraction.knowledge.registry import base_lexicon


def test_given_accents_and_punctuation_when_tokenised_then_letters_fold_and_punctuation_splits() -> None:
    assert tokens("Rechnungs-Nr.:") == ["rechnungs", "nr"]
    assert tokens("Fälligkeit") == ["falligkeit"]
    assert tokens("N° de facture") == ["n", "de", "facture"]
    assert fold("Straße") == "strasse"
    assert tokens("Invoice #") == ["invoice", "#"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Invoice No:", "document_number"),
        ("Bill No.", "document_number"),
        ("Rechnungsnummer", "document_number"),
        ("N° de facture", "document_number"),
        ("Fecha de vencimiento", "due_date"),
        ("Total Tax", "total_tax"),
        ("Sub Total", "subtotal"),
        ("Taxable Value", "subtotal"),
        ("Grand Total", "total"),
        ("Jumlah", "total"),
        ("Rechnungsempfänger", "recipient_name"),
        ("Sold By", "issuer_name"),
        ("GSTIN", "issuer_tax_id"),
        ("USt-IdNr.", "issuer_tax_id"),
        ("Zahlungsbedingungen", "payment_terms"),
    ],
)
def test_given_a_label_in_some_language_when_found_then_it_names_its_role(text: str, role: str) -> None:
    hits = base_lexicon().find(tokens(text))
    assert hits and role in hits[0].classes


def test_given_a_longer_label_when_found_then_it_wins_over_its_prefix() -> None:
    hits = base_lexicon().find(tokens("Total Tax 56.87"))
    assert len(hits) == 1
    assert "total_tax" in hits[0].classes and "total" not in hits[0].classes


@pytest.mark.parametrize(
    ("text", "cls"), [("CHANGE", "change"), ("Rounding Adj", "rounding"), ("Tunai", "cash_tendered")]
)
def test_given_receipt_words_when_found_then_they_name_context_classes(text: str, cls: str) -> None:
    assert cls in base_lexicon().contains(tokens(text))


def test_given_accents_punctuation_and_marks_when_folded_then_labels_compare_equal() -> None:
    assert label_text("Qté.") == "qte"
    assert label_text("Art.-Nr.") == "art nr"
    assert label_text("Stückpreis") == "stuckpreis"
    assert label_text("USt.%") == "ust %"
    assert tokens("Inv#:") == ["inv", "#"]


def test_given_two_labels_printed_together_when_covered_then_cover_wins_over_the_longest_first() -> None:
    index = Lexicon({"tax_amount": ["tva montant"], "tax_rate": ["tva"], "amount": ["montant ht"]})

    hits = index.cover(["tva", "montant", "ht"])

    assert [(h.kind, h.start, h.end) for h in hits] == [("tax_rate", 0, 1), ("amount", 1, 3)]
    assert [(h.start, h.end) for h in index.find(["tva", "montant", "ht"])] == [(0, 2)]


def test_given_a_synonym_under_two_classes_then_it_names_both_and_its_kind_is_the_first() -> None:
    index = Lexicon({"unit_price": ["rate"], "tax_rate": ["rate", "tax rate"]})
    (hit,) = index.find(["rate"])
    assert hit.classes == {"unit_price", "tax_rate"} and hit.kind == "unit_price"
    assert index.exact("Tax-Rate") == "tax_rate"
