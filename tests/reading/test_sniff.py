"""The file type comes from the content."""

from __future__ import annotations

import pytest
from PIL import Image

from docsift.reading.sniff import Kind, sniff
from tests.docgen import image_bytes, invoice_pdf, zip_bytes


@pytest.mark.parametrize(
    ("fmt", "kind"),
    [
        ("PNG", Kind.PNG),
        ("JPEG", Kind.JPEG),
        ("TIFF", Kind.TIFF),
        ("BMP", Kind.BMP),
        ("WEBP", Kind.WEBP),
        ("GIF", Kind.GIF),
    ],
)
def test_given_an_image_when_sniffed_then_its_format_is_named(fmt: str, kind: Kind) -> None:
    assert sniff(image_bytes(Image.new("RGB", (8, 8), "white"), fmt)) == kind


def test_given_other_files_when_sniffed_then_pdf_xml_zip_heif_text_and_unknown_are_told_apart() -> None:
    assert sniff(invoice_pdf().data) == Kind.PDF
    assert sniff(b"junk before\n%PDF-1.4\n") == Kind.PDF
    assert sniff(b'\xef\xbb\xbf<?xml version="1.0"?><rsm:CrossIndustryInvoice/>') == Kind.XML
    assert sniff(b"  <Invoice xmlns='urn:oasis'>") == Kind.XML
    assert sniff(zip_bytes({"a.txt": b"x"})) == Kind.ZIP
    assert sniff(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic") == Kind.HEIF
    assert sniff(b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heicmiaf") == Kind.HEIF
    assert sniff(b"Total 10.00\n") == Kind.UNKNOWN  # a note, not a document
    assert sniff(b"Invoice 42\nDate 01.02.2024\nTotal 10.00 EUR\nThank you\n") == Kind.TEXT
    assert sniff(b"") == Kind.UNKNOWN
