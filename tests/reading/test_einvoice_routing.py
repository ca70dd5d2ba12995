"""E-invoices: the embedded XML of a PDF lands in Document.embedded (unless switched off), and
a standalone CII/UBL XML file becomes a Document without pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from docsift.errors import ReadError
from docsift.options import RunOptions
from docsift.reading import read_document
from tests.docgen import invoice_pdf


def _first(folder: Path, pattern: str) -> Path:
    files = sorted(folder.glob(pattern))
    if not files:
        pytest.skip(f"no {pattern} under {folder}")
    return files[0]


@pytest.mark.datasets
def test_given_a_zugferd_pdf_when_read_then_embedded_holds_the_invoice_and_pages_hold_the_text(
    datasets: Path,
) -> None:
    path = _first(datasets / "zugferd" / "pdf", "*.pdf")
    doc = read_document(path.read_bytes(), path.name)
    assert doc.embedded is not None
    assert doc.embedded["fields"].get("invoice_number")
    assert doc.pages and doc.pages[0].words


@pytest.mark.datasets
def test_given_no_embedded_xml_option_when_a_zugferd_pdf_is_read_then_embedded_is_left_out(
    datasets: Path,
) -> None:
    path = _first(datasets / "zugferd" / "pdf", "*.pdf")
    doc = read_document(path.read_bytes(), path.name, RunOptions(use_embedded_xml=False))
    assert doc.embedded is None
    assert doc.pages[0].words


@pytest.mark.datasets
def test_given_a_standalone_cii_xml_when_read_then_a_document_without_pages_carries_it(
    datasets: Path,
) -> None:
    path = _first(datasets / "zugferd" / "xml", "*.xml")
    doc = read_document(path.read_bytes(), "invoice.bin")
    assert doc.pages == []
    assert doc.embedded is not None and doc.embedded["syntax"] == "CII"
    assert doc.mime_type == "application/xml"


def test_given_a_plain_pdf_when_read_then_embedded_is_none() -> None:
    assert read_document(invoice_pdf().data, "a.pdf").embedded is None


def test_given_xml_that_is_no_invoice_when_read_then_one_read_error() -> None:
    with pytest.raises(ReadError):
        read_document(b"<?xml version='1.0'?><note><to>Tove</to></note>", "note.xml")
