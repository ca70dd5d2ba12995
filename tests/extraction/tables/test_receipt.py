"""Receipt line items: thermal-receipt lines drawn on a narrow page, read from the text layer."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from docsift.extraction.tables.items import tables_of
from docsift.reading import read_document

KEYS = ("description", "quantity", "unit_price", "amount")


def receipt_pdf(lines: list[tuple[str, str]]) -> bytes:
    """A 80 mm receipt: each line a (left text, right-aligned amount) pair in a monospace font."""
    width, height = 226.0, 60 + 12.0 * len(lines)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height))
    c.setFont("Courier", 8)
    y = height - 30
    for left, right in lines:
        if left:
            c.drawString(10, y, left)
        if right:
            c.drawRightString(width - 10, y, right)
        y -= 12
    c.showPage()
    c.save()
    return buf.getvalue()


def extract(pdf: bytes) -> list[dict[str, str | None]]:
    items, _ = tables_of(read_document(pdf, "receipt.pdf"), "receipt")
    return [{k: (r[k].value if k in r else None) for k in KEYS} for r in items]


HEAD = [
    ("KEDAI RUNCIT MAJU JAYA SDN BHD", ""),
    ("NO 12, JALAN MERANTI 3/4", ""),
    ("47100 PUCHONG, SELANGOR", ""),
    ("TEL: 03-8075 1234", ""),
    ("TAX INVOICE", ""),
    ("DATE: 12/05/2018  TIME: 14:32", ""),
    ("--------------------------------", ""),
]
TAIL = [
    ("--------------------------------", ""),
    ("SUBTOTAL", "45.30"),
    ("SST 6%", "2.72"),
    ("ROUNDING ADJ", "-0.02"),
    ("TOTAL", "48.00"),
    ("CASH", "50.00"),
    ("CHANGE", "2.00"),
    ("THANK YOU, PLEASE COME AGAIN", ""),
]


def test_given_quantity_times_price_lines_under_names_when_extracted_then_each_item_has_its_numbers() -> None:
    body = [
        ("MILO 1KG", ""),
        ("2 x 3.50", "7.00"),
        ("GARDENIA BREAD", ""),
        ("3.00 @ 2.60", "7.80"),
        ("EGGS GRADE A 30S", "12.90"),
    ]
    assert extract(receipt_pdf(HEAD + body + TAIL)) == [
        {"description": "MILO 1KG", "quantity": "2", "unit_price": "3.50", "amount": "7.00"},
        {"description": "GARDENIA BREAD", "quantity": "3", "unit_price": "2.60", "amount": "7.80"},
        {"description": "EGGS GRADE A 30S", "quantity": None, "unit_price": None, "amount": "12.90"},
    ]


def test_given_items_with_quantity_columns_when_extracted_then_quantity_and_price_are_told_apart() -> None:
    body = [
        ("ITEM            QTY  PRICE", "TOTAL"),
        ("DETOL HANDWASH   1   12.90", "12.90"),
        ("TISSUE BOX       2    3.20", "6.40"),
        ("4 MINERAL WATER 1.5L", "8.00"),
    ]
    assert extract(receipt_pdf(HEAD + body + TAIL)) == [
        {"description": "DETOL HANDWASH", "quantity": "1", "unit_price": "12.90", "amount": "12.90"},
        {"description": "TISSUE BOX", "quantity": "2", "unit_price": "3.20", "amount": "6.40"},
        {"description": "MINERAL WATER 1.5L", "quantity": "4", "unit_price": None, "amount": "8.00"},
    ]


def test_given_a_quantity_on_its_own_line_when_extracted_then_it_belongs_to_the_next_item() -> None:
    body = [
        ("2", ""),
        ("NASI LEMAK BUNGKUS", "9.00"),
        ("TEH TARIK", "2.80"),
        ("  1 @ 2.80", ""),
    ]
    assert extract(receipt_pdf(HEAD + body + TAIL)) == [
        {"description": "NASI LEMAK BUNGKUS", "quantity": "2", "unit_price": None, "amount": "9.00"},
        {"description": "TEH TARIK", "quantity": "1", "unit_price": "2.80", "amount": "2.80"},
    ]


def test_given_totals_tax_cash_and_change_lines_when_extracted_then_none_of_them_is_an_item() -> None:
    rows = extract(receipt_pdf([*HEAD, ("PANADOL ACTIFAST", "18.50"), *TAIL]))

    assert rows == [
        {"description": "PANADOL ACTIFAST", "quantity": None, "unit_price": None, "amount": "18.50"}
    ]


def test_given_priced_lines_with_only_a_code_when_extracted_then_the_name_comes_from_a_text_line() -> None:
    body = [
        ("CHOPPING BOARD 35X25CM", ""),
        ("EZ10HD05 - 24", ""),
        ("8970669   1 X 19.00", "19.00"),
        ("Member Discount", "-1.90"),
        ("4132   2 X 2.50", "5.00"),
        ("CABLE TIES 100PCS", ""),
    ]
    assert extract(receipt_pdf(HEAD + body + TAIL)) == [
        {"description": "CHOPPING BOARD 35X25CM", "quantity": "1", "unit_price": "19.00", "amount": "19.00"},
        {"description": "CABLE TIES 100PCS", "quantity": "2", "unit_price": "2.50", "amount": "5.00"},
    ]
