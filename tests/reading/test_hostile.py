"""Hostile and broken inputs: one clear ReadError each, quickly, never a crash or a hang."""

from __future__ import annotations

import pytest

from docsift.errors import CorruptFile, EncryptedFile, LimitExceeded, ReadError, UnsupportedFormat
from docsift.options import Limits, RunOptions
from docsift.reading import read_document
from tests.docgen import image_bytes, invoice_pdf, many_page_tiff, png_bomb, zip_bytes


def test_given_zero_bytes_when_read_then_corrupt_file_says_empty() -> None:
    with pytest.raises(CorruptFile, match="empty"):
        read_document(b"", "empty.pdf")


def test_given_a_truncated_pdf_when_read_then_corrupt_file() -> None:
    data = invoice_pdf().data
    with pytest.raises(CorruptFile):
        read_document(data[: len(data) // 2], "cut.pdf")


def test_given_only_a_pdf_header_when_read_then_corrupt_file() -> None:
    with pytest.raises(CorruptFile):
        read_document(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "header.pdf")


def test_given_a_password_protected_pdf_when_read_then_encrypted_file() -> None:
    with pytest.raises(EncryptedFile, match="password"):
        read_document(invoice_pdf(encrypt_password="s3cret").data, "locked.pdf")


def test_given_a_text_file_named_pdf_when_read_then_the_content_decides_it_is_plain_text() -> None:
    doc = read_document(b"Invoice 42\nTotal 10.00 EUR\n" * 20, "invoice.pdf")
    assert doc.mime_type == "text/plain" and "Total 10.00 EUR" in doc.text


def test_given_binary_junk_named_pdf_when_read_then_unsupported_format() -> None:
    with pytest.raises(UnsupportedFormat):
        read_document(bytes(range(256)) * 20, "invoice.pdf")


def test_given_a_pdf_named_png_when_read_then_it_is_read_as_a_pdf() -> None:
    gen = invoice_pdf(seed=3)
    doc = read_document(gen.data, "scan.png")
    assert doc.mime_type == "application/pdf"
    assert gen.truth.invoice_number in doc.text


def test_given_a_zip_archive_when_read_as_one_document_then_unsupported_format() -> None:
    with pytest.raises(UnsupportedFormat, match="ZIP"):
        read_document(zip_bytes({"a.pdf": invoice_pdf().data}), "batch.zip")


def test_given_a_30000_pixel_square_png_when_read_then_limit_exceeded_before_decoding() -> None:
    with pytest.raises(LimitExceeded):
        read_document(png_bomb(30000, 30000), "bomb.png")


def test_given_a_png_over_the_configured_pixel_limit_when_read_then_limit_exceeded_names_its_size() -> None:
    options = RunOptions(limits=Limits(max_page_pixels=1_000_000))
    with pytest.raises(LimitExceeded, match="2000 x 1000"):
        read_document(png_bomb(2000, 1000), "wide.png", options)


def test_given_a_tiff_of_1000_pages_when_read_then_limit_exceeded_on_pages() -> None:
    with pytest.raises(LimitExceeded, match="pages"):
        read_document(many_page_tiff(1000), "long.tiff")


def test_given_a_pdf_with_more_pages_than_the_limit_when_read_then_limit_exceeded() -> None:
    options = RunOptions(limits=Limits(max_pages=2))
    with pytest.raises(LimitExceeded, match="3 pages"):
        read_document(invoice_pdf(pages=3).data, "long.pdf", options)


def test_given_a_file_over_the_byte_limit_when_read_then_limit_exceeded() -> None:
    options = RunOptions(limits=Limits(max_file_bytes=1000))
    with pytest.raises(LimitExceeded, match="bytes"):
        read_document(invoice_pdf().data, "big.pdf", options)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "broken.png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "broken.jpg"),
        (b"II*\x00\x08\x00\x00\x00" + b"\xff" * 30, "broken.tiff"),
        (b"GIF89a" + b"\x00" * 10, "broken.gif"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 8, "broken.webp"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "broken.heic"),
    ],
)
def test_given_a_broken_image_when_read_then_one_read_error(data: bytes, name: str) -> None:
    with pytest.raises(ReadError):
        read_document(data, name)


def test_given_a_truncated_jpeg_when_read_then_corrupt_file() -> None:
    from PIL import Image

    data = image_bytes(Image.new("RGB", (400, 300), "white"), "JPEG", quality=90)
    with pytest.raises(CorruptFile):
        read_document(data[: len(data) // 2], "cut.jpg")
