"""Document type detection (--type auto) and the check on a contradicted type."""

from __future__ import annotations

from docsift.extraction import extract
from docsift.extraction.document.doctype import detect_type
from docsift.extraction.document.index import build_index
from docsift.options import DocumentType, RunOptions
from docsift.result import DocumentResult, Status
from tests.extraction.pages import doc_of

INVOICE = [
    [(2, "Northwind Traders GmbH"), (70, "INVOICE")],
    [(60, "Invoice No: 4711")],
    [(60, "Invoice Date: 05.03.2024")],
    [(2, "Bill To:"), (60, "Due Date: 04.04.2024")],
    [(2, "Fabrikam Retail")],
    [(2, "Description"), (50, "Qty"), (60, "Unit Price"), (80, "Amount")],
    [(2, "Consulting hours"), (50, "3"), (60, "100.00"), (80, "300.00")],
    [(60, "Subtotal"), (80, "300.00")],
    [(60, "VAT 19%"), (80, "57.00")],
    [(60, "Total"), (80, "357.00")],
    [(2, "IBAN DE89 3704 0044 0532 0130 00")],
]
RECEIPT = [
    [(8, "KEDAI MAKAN SEDAP")],
    [(6, "NO 12, JALAN MAWAR")],
    [(2, "CASH BILL")],
    [(2, "DATE: 12/01/2019 TIME 13:05")],
    [(2, "NASI LEMAK"), (24, "6.50")],
    [(2, "TEH TARIK"), (24, "2.20")],
    [(2, "TOTAL"), (24, "8.70")],
    [(2, "CASH"), (24, "10.00")],
    [(2, "CHANGE"), (24, "1.30")],
    [(4, "THANK YOU PLEASE COME AGAIN")],
]


def test_given_an_invoice_when_its_type_is_detected_then_it_is_an_invoice_with_high_confidence() -> None:
    guess = detect_type(build_index(doc_of(INVOICE)))
    assert guess.document_type == "invoice"
    assert guess.confidence >= 0.8


def test_given_a_till_receipt_when_its_type_is_detected_then_it_is_a_receipt() -> None:
    guess = detect_type(build_index(doc_of(RECEIPT)))
    assert guess.document_type == "receipt"
    assert guess.confidence >= 0.8
    assert abs(sum(guess.scores.values()) - 1.0) < 1e-3


def test_given_type_auto_when_extracted_then_the_result_reports_the_type_and_its_confidence() -> None:
    options = RunOptions(document_type=DocumentType.AUTO, use_embedded_xml=False)
    result = extract(doc_of(RECEIPT), options, DocumentResult())
    assert result.document_type == "receipt"
    assert result.document_type_confidence is not None and result.document_type_confidence >= 0.8
    assert result.value("total") == "8.70"


def test_given_a_receipt_processed_as_an_invoice_then_a_failed_type_check_asks_for_review() -> None:
    options = RunOptions(document_type=DocumentType.INVOICE, use_embedded_xml=False)
    result = extract(doc_of(RECEIPT), options, DocumentResult())
    check = next(c for c in result.checks if c.name == "document_type_matches")
    assert not check.ok and "receipt" in check.message
    assert result.status == Status.NEEDS_REVIEW


def test_given_an_invoice_processed_as_an_invoice_then_the_type_check_passes() -> None:
    options = RunOptions(document_type=DocumentType.INVOICE, use_embedded_xml=False)
    result = extract(doc_of(INVOICE), options, DocumentResult())
    assert next(c for c in result.checks if c.name == "document_type_matches").ok


def test_given_a_credit_note_title_at_the_top_then_the_document_is_a_credit_note() -> None:
    from docsift.extraction.document.doctype import is_credit_note

    top = build_index(doc_of([[(2, "Nordlicht Logistik GmbH"), (60, "GUTSCHRIFT")], [(60, "Nr. GS-2024-7")]]))
    footnote = [(2, "Eine Gutschrift erhalten Sie nach Rücksendung der Ware.")]
    note = build_index(doc_of([[(2, "Nordlicht Logistik GmbH"), (60, "RECHNUNG")], *[[]] * 40, footnote]))
    assert is_credit_note(top)
    assert not is_credit_note(note)


def test_given_a_credit_note_printing_negative_amounts_then_its_amounts_are_positive_values() -> None:
    from docsift.extraction.document.analysis import analyse

    rows = [[(60, "CREDIT NOTE")], [(40, "Total"), (70, "-119.00")], [(40, "Subtotal"), (70, "(100.00)")]]
    analysis = analyse(doc_of(rows), "invoice")
    assert analysis.credit_note
    assert sorted(e.value for e in analysis.ents.of("amount")) == ["100.00", "119.00"]
    assert all(e.attrs.get("printed_negative") for e in analysis.ents.of("amount"))
