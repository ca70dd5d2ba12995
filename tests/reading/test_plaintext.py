"""Plain-text documents: read as monospaced pages whose words keep their columns."""

from __future__ import annotations

import pytest

from docsift.errors import LimitExceeded, UnsupportedFormat
from docsift.options import Limits, RunOptions
from docsift.reading import read_document
from docsift.reading.sniff import Kind, sniff

INVOICE = """Rechnung Nr: RE-4711                          Datum: 03.02.2024
Lieferant:   Kaffeerösterei Morgenrot GmbH
Kunde:       Buchhandlung Seitenwind

Pos  Artikel                  Menge     Preis     Betrag
1    Espresso 1 kg               2     18,50      37,00

                                   Gesamtbetrag:   44,03 EUR
"""


def test_given_a_text_invoice_when_read_then_words_keep_their_columns_and_lines() -> None:
    doc = read_document(INVOICE.encode("utf-8"), "invoice.txt")
    page = doc.pages[0]
    assert doc.mime_type == "text/plain" and page.source == "text_layer"
    assert page.lines[0].text == "Rechnung Nr: RE-4711 Datum: 03.02.2024"
    betrag = next(w for w in page.words if w.text == "Betrag")
    amount = next(w for w in page.words if w.text == "37,00")
    assert abs(betrag.x0 - amount.x0) < 0.001  # in the column of its header
    assert any(line.text == "Lieferant: Kaffeerösterei Morgenrot GmbH" for line in page.lines)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
def test_given_a_text_in_a_common_encoding_when_sniffed_and_read_then_its_letters_survive(
    encoding: str,
) -> None:
    data = INVOICE.encode(encoding)
    assert sniff(data) == Kind.TEXT
    assert "Kaffeerösterei" in read_document(data, "x").pages[0].text


def test_given_form_feeds_when_read_then_each_starts_a_page() -> None:
    doc = read_document(b"page one of the letter\nline two\nline three\n\x0cpage two\n\x0c", "x")
    assert [p.text for p in doc.pages] == ["page one of the letter\nline two\nline three", "page two"]


def test_given_more_pages_than_the_limit_when_read_then_limit_exceeded() -> None:
    options = RunOptions(limits=Limits(max_pages=2))
    with pytest.raises(LimitExceeded):
        read_document(b"one two three\nfour five six\nseven eight nine\n\x0cb\x0cc", "x", options)


@pytest.mark.parametrize(
    "data", [b"\x00\x01\x02binary\x00", bytes(range(128, 256)) * 4, b"\x1b\x1b\x1b\x07\x08"]
)
def test_given_binary_bytes_when_read_then_unsupported_not_text(data: bytes) -> None:
    assert sniff(data) != Kind.TEXT
    with pytest.raises(UnsupportedFormat):
        read_document(data, "x.txt")
