"""Regressions on generated receipts (reportlab, text layer): one test per bug fixed at its source."""

from __future__ import annotations

from docsift.extraction import extract
from docsift.extraction.document.analysis import analyse
from docsift.options import DocumentType, RunOptions
from docsift.reading import read_document
from docsift.result import DocumentResult
from tests.extraction.tables.test_receipt import receipt_pdf

HEAD = [
    ("RESTORAN SELERA KITA SDN BHD", ""),
    ("NO 3, JALAN KENARI 7", ""),
    ("47100 PUCHONG, SELANGOR", ""),
    ("TEL: 03-8075 1234", ""),
    ("TAX INVOICE", ""),
    ("DATE: 14/06/2018  TIME: 19:05", ""),
    ("--------------------------------", ""),
]
TAIL = [
    ("--------------------------------", ""),
    ("TOTAL", "31.90"),
    ("CASH", "50.00"),
    ("CHANGE", "18.10"),
]


def _receipt(body: list[tuple[str, str]]) -> DocumentResult:
    doc = read_document(receipt_pdf(HEAD + body + TAIL), "receipt.pdf")
    options = RunOptions(document_type=DocumentType.RECEIPT, use_embedded_xml=False)
    return extract(doc, options, DocumentResult())


def _dates(body: list[tuple[str, str]]) -> set[str]:
    doc = read_document(receipt_pdf(HEAD + body + TAIL), "receipt.pdf")
    return {e.value for e in analyse(doc, "receipt").ents.of("date")}


def test_given_a_set_meal_priced_after_its_name_when_extracted_then_no_date_is_read_from_it() -> None:
    # "SET 21.90" was read as 21 September 1990 (SET is a month abbreviation)
    body = [("SET 21.90", "21.90"), ("TEH TARIK", "10.00")]
    assert _dates(body) == {"2018-06-14"}
    assert _receipt(body).fields["transaction_date"].value == "2018-06-14"


def test_given_an_unevenly_spaced_code_on_a_receipt_when_extracted_then_it_is_no_date() -> None:
    # "03-7 - 15" (an item code) was read as a date
    body = [("HC03-7 - 15 SPANNER", "21.90"), ("03-7 - 15", "10.00")]
    assert _dates(body) == {"2018-06-14"}


def test_given_a_name_dash_number_line_when_extracted_then_the_number_stays_positive() -> None:
    # "SARL - 1242" was read as the amount -1242
    doc = read_document(receipt_pdf([("KEDAI SARL - 1242", ""), *HEAD[1:], *TAIL]), "receipt.pdf")
    amounts = {e.value for e in analyse(doc, "receipt").ents.of("amount")}
    assert "1242.00" in amounts and "-1242.00" not in amounts
