"""Finding the e-invoice XML attached to a PDF (PDF/A-3 attachments)."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest

from docsift.errors import CorruptFile
from docsift.reading.einvoice import find_embedded_invoice
from tests.einvoice.xmlgen import cii_invoice, ubl_invoice


def _pdf_with(attachments: dict[str, bytes]) -> pdfium.PdfDocument:
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    for name, data in attachments.items():
        pdf.new_attachment(name).set_data(data)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return pdfium.PdfDocument(buffer.getvalue())


@pytest.mark.parametrize(
    "name", ["factur-x.xml", "ZUGFeRD-invoice.xml", "zugferd-invoice.xml", "xrechnung.xml"]
)
def test_given_a_pdf_with_a_standard_attachment_when_searched_then_invoice_found(name: str) -> None:
    found = find_embedded_invoice(_pdf_with({name: cii_invoice()}))
    assert found is not None
    assert found["attachment"] == name
    assert found["fields"]["invoice_total"] == "228.40"


def test_given_an_xml_attachment_with_another_name_when_it_is_an_invoice_then_found() -> None:
    pdf = _pdf_with({"notes.xml": b"<notes><n>hello</n></notes>", "rechnung-0042.xml": ubl_invoice()})
    found = find_embedded_invoice(pdf)
    assert found is not None and found["syntax"] == "UBL" and found["attachment"] == "rechnung-0042.xml"


def test_given_a_standard_name_when_another_attachment_also_holds_an_invoice_then_standard_name_wins() -> (
    None
):
    pdf = _pdf_with({"copy.xml": ubl_invoice(), "factur-x.xml": cii_invoice()})
    found = find_embedded_invoice(pdf)
    assert found is not None and found["syntax"] == "CII"


def test_given_a_pdf_without_invoice_xml_when_searched_then_none() -> None:
    assert find_embedded_invoice(_pdf_with({})) is None
    assert find_embedded_invoice(_pdf_with({"readme.txt": b"hello", "other.xml": b"<a/>"})) is None
    assert find_embedded_invoice(_pdf_with({"broken.xml": b"<a"})) is None


def test_given_a_standard_attachment_that_is_broken_when_searched_then_corrupt_file() -> None:
    with pytest.raises(CorruptFile, match="not well-formed"):
        find_embedded_invoice(_pdf_with({"factur-x.xml": cii_invoice()[:300]}))


def test_given_a_broken_standard_attachment_beside_a_good_invoice_then_the_good_one_is_used() -> None:
    pdf = _pdf_with({"factur-x.xml": b"<broken", "invoice.xml": ubl_invoice()})
    found = find_embedded_invoice(pdf)
    assert found is not None and found["syntax"] == "UBL"
