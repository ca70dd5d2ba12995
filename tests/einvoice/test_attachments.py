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


def _hand_made_pdf(stream_dict: bytes, stream: bytes) -> bytes:
    """A one-page PDF whose only extra object is an embedded-file stream that no attachment tree
    lists (as when a writer hangs the XML on an annotation only)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        stream_dict + b" /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


@pytest.mark.parametrize("compressed", [True, False])
def test_given_an_embedded_file_stream_outside_the_attachment_tree_when_bytes_given_then_found(
    compressed: bool,
) -> None:
    import zlib

    xml = cii_invoice()
    body, header = (
        (zlib.compress(xml), b"<< /Type /EmbeddedFile /Filter /FlateDecode")
        if compressed
        else (xml, b"<< /Type /EmbeddedFile /Subtype /text#2Fxml")
    )
    data = _hand_made_pdf(header, body)
    pdf = pdfium.PdfDocument(data)
    assert pdf.count_attachments() == 0
    assert find_embedded_invoice(pdf) is None  # without the bytes only the attachment tree is read
    found = find_embedded_invoice(pdf, data)
    assert found is not None and found["fields"]["invoice_number"] == "RE-2024-17"


def test_given_a_plain_pdf_when_bytes_scanned_then_none() -> None:
    data = _hand_made_pdf(b"<< /Type /XObject /Subtype /Form /BBox [0 0 1 1]", b"")
    assert find_embedded_invoice(pdfium.PdfDocument(data), data) is None
