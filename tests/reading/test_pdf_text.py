"""PDF text layer: words with boxes, lines in reading order, columns, rotation, page by page."""

from __future__ import annotations

import pytest

from docsift.reading import Document, TextSource, read_document
from tests.docgen import invoice_pdf, text_pdf, two_column_pdf


def test_given_a_text_invoice_when_read_then_every_printed_word_is_found_exactly() -> None:
    gen = invoice_pdf(items=6, seed=11)
    doc = read_document(gen.data, "invoice.pdf")
    page = doc.pages[0]
    assert page.source == TextSource.TEXT_LAYER
    assert sorted(w.text for w in page.words) == sorted(gen.truth.words)
    assert doc.mime_type == "application/pdf"


def test_given_a_table_row_when_read_then_the_row_is_one_line_left_to_right() -> None:
    gen = invoice_pdf(items=4, seed=2)
    lines = [line.text for line in read_document(gen.data, "i.pdf").pages[0].lines]
    item = gen.truth.line_items[0]
    assert f"{item['description']} {item['quantity']} {item['unit_price']} {item['amount']}" in lines
    assert f"Invoice No: {gen.truth.invoice_number}" in lines
    assert f"Total EUR {gen.truth.invoice_total}" in lines


def test_given_a_text_invoice_when_read_then_word_boxes_sit_where_they_were_drawn() -> None:
    gen = invoice_pdf(seed=4)
    page = read_document(gen.data, "i.pdf").pages[0]
    assert (page.width, page.height, page.dpi) == (595, 842, 72.0)
    first = page.lines[0].words[0]  # vendor name, 16 pt at x=50 pt, baseline 60 pt below the top
    assert first.x0 == pytest.approx(50 / 595, abs=0.005)
    assert first.y1 == pytest.approx((60 + 4) / 842, abs=0.01)
    assert first.font_size == pytest.approx(16, abs=0.5)
    for w in page.words:
        assert 0 <= w.x0 < w.x1 <= 1 and 0 <= w.y0 < w.y1 <= 1
    amount = next(w for w in page.words if w.text == gen.truth.invoice_total)
    assert amount.x1 == pytest.approx((595 - 50) / 595, abs=0.005)  # right-aligned at 50 pt from the edge


def test_given_two_columns_on_shared_baselines_when_read_then_the_columns_do_not_interleave() -> None:
    data, left, right = two_column_pdf(lines_per_column=18)
    lines = [line.text for line in read_document(data, "report.pdf").pages[0].lines]
    assert lines == ["Quarterly Report", *left, *right]


def test_given_a_multi_page_pdf_when_read_then_each_page_keeps_its_own_text() -> None:
    data = text_pdf([["first page alpha"], ["second page beta", "more beta"], ["third page gamma"]])
    doc = read_document(data, "three.pdf")
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert [p.text for p in doc.pages] == [
        "first page alpha",
        "second page beta\nmore beta",
        "third page gamma",
    ]


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_given_a_page_turned_by_its_rotate_entry_when_read_then_text_reads_upright(rotate: int) -> None:
    upright = read_document(invoice_pdf(seed=8).data, "a.pdf").pages[0]
    turned = read_document(invoice_pdf(seed=8, rotate=rotate).data, "b.pdf").pages[0]
    assert turned.text == upright.text
    assert turned.rotation == (360 - rotate) % 360
    assert (turned.width, turned.height) == (upright.width, upright.height)
    for a, b in zip(upright.words, turned.words, strict=True):
        assert a.bbox == pytest.approx(b.bbox, abs=0.002)


def test_given_a_read_document_when_dumped_to_json_then_it_round_trips() -> None:
    doc = read_document(invoice_pdf(pages=2, seed=9).data, "i.pdf")
    again = Document.model_validate_json(doc.model_dump_json())
    assert again == doc
    assert again.pages[1].lines[3].words[0].bbox == doc.pages[1].lines[3].words[0].bbox


def test_given_ligatures_and_non_latin_text_when_read_then_words_carry_plain_unicode() -> None:
    from tests.docgen import text_pdf, unicode_font

    data = text_pdf([["Ofﬁce ﬂoor suppliers", "Ελληνικά Русский Čeština 1.234,50 €"]], font=unicode_font())
    lines = [line.text for line in read_document(data, "u.pdf").pages[0].lines]
    assert lines == ["Office floor suppliers", "Ελληνικά Русский Čeština 1.234,50 €"]


def test_given_characters_outside_the_bmp_when_words_are_built_then_the_text_encodes_as_utf8() -> None:
    from docsift.reading.textlayer import _text

    assert _text("\ud83d\udce7mail") == "\U0001f4e7mail"  # a surrogate pair becomes one character
    assert _text("\ud83d") == "\ufffd"  # PDFium reports only the high half for some emoji
    assert _text("plain") == "plain"
    _text("x\ud83dy").encode("utf-8")
