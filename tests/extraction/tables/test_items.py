"""Line items and tax details of invoice tables drawn with reportlab, read from the text layer.

Each test draws a layout (ruled or not, wrapped descriptions, a table over two pages, sub-total
rows, German and Indian GST tables) and asserts every cell tables_of returns.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from docsift.extraction.tables.items import tables_of
from docsift.reading import read_document
from docsift.result import Row

WIDTH, HEIGHT = A4


@dataclass
class Col:
    """A table column: its header label(s) (one per header line), left x and alignment."""

    labels: list[str]
    x: float
    right: float | None = None  # right edge for right-aligned numbers


@dataclass
class Sheet:
    """A multi-page PDF drawn with absolute positions (y from the top of the page, in points)."""

    pages: list[list[tuple[Any, ...]]] = field(default_factory=lambda: [[]])

    def text(
        self, x: float, y: float, s: str, size: float = 9, right: bool = False, bold: bool = False
    ) -> None:
        self.pages[-1].append(("text", x, y, s, size, right, bold))

    def hline(self, y: float, x0: float = 40, x1: float = WIDTH - 40) -> None:
        self.pages[-1].append(("line", x0, y, x1, y))

    def vline(self, x: float, y0: float, y1: float) -> None:
        self.pages[-1].append(("line", x, y0, x, y1))

    def new_page(self) -> None:
        self.pages.append([])

    def header(self, cols: list[Col], y: float, size: float = 9) -> float:
        """Column labels at ``y`` (several label lines stacked); returns the y below them."""
        lines = max(len(c.labels) for c in cols)
        for c in cols:
            for n, label in enumerate(c.labels):
                if c.right is not None:
                    self.text(c.right, y + n * (size + 2), label, size, right=True, bold=True)
                else:
                    self.text(c.x, y + n * (size + 2), label, size, bold=True)
        return y + lines * (size + 2) + 6

    def row(self, cols: list[Col], y: float, cells: list[str], size: float = 9) -> float:
        """One table row; a cell with "\\n" wraps onto the next lines; returns the y of the next row."""
        depth = 1
        for c, cell in zip(cols, cells, strict=True):
            parts = cell.split("\n")
            depth = max(depth, len(parts))
            for n, part in enumerate(parts):
                if c.right is not None:
                    self.text(c.right, y + n * (size + 2), part, size, right=True)
                else:
                    self.text(c.x, y + n * (size + 2), part, size)
        return y + depth * (size + 2) + 5

    def pdf(self) -> bytes:
        buf = io.BytesIO()
        canvas = Canvas(buf, pagesize=A4)
        for page in self.pages:
            for op in page:
                if op[0] == "text":
                    _, x, y, s, size, right, bold = op
                    canvas.setFont("Helvetica-Bold" if bold else "Helvetica", size)
                    (canvas.drawRightString if right else canvas.drawString)(x, HEIGHT - y, s)
                else:
                    _, x0, y0, x1, y1 = op
                    canvas.line(x0, HEIGHT - y0, x1, HEIGHT - y1)
            canvas.showPage()
        canvas.save()
        return buf.getvalue()


def extract(pdf: bytes, doc_type: str = "invoice") -> tuple[list[Row], list[Row]]:
    """(line_items, tax_details) of a PDF read from its text layer."""
    doc = read_document(pdf, "test.pdf")
    return tables_of(doc, doc_type)


def values(rows: list[Row], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rows as plain values, restricted to ``keys`` (absent cells as None)."""
    return [{k: (r[k].value if k in r else None) for k in keys} for r in rows]


def letterhead(sheet: Sheet, title: str = "INVOICE") -> None:
    sheet.text(40, 50, "Northwind Traders Ltd", 14, bold=True)
    sheet.text(40, 68, "12 Harbour Road, Bristol BS1 4DJ")
    sheet.text(400, 50, title, 16, bold=True)
    sheet.text(400, 70, "Invoice No: INV-2041")
    sheet.text(400, 82, "Date: 14/03/2024")


EN_COLS = [
    Col(["Description"], 45),
    Col(["Qty"], 300, right=330),
    Col(["Unit Price"], 350, right=420),
    Col(["Amount"], 470, right=550),
]
KEYS = ("description", "quantity", "unit_price", "amount")


def test_given_a_ruled_english_table_when_extracted_then_every_cell_is_read() -> None:
    sheet = Sheet()
    letterhead(sheet)
    y = 150.0
    sheet.hline(y - 12)
    y = sheet.header(EN_COLS, y)
    sheet.hline(y - 8)
    rows = [
        ["Copy paper A4 80g", "10", "4.50", "45.00"],
        ["Toner cartridge black", "2", "61.25", "122.50"],
        ["Desk lamp LED", "1", "1,249.00", "1,249.00"],
    ]
    for cells in rows:
        y = sheet.row(EN_COLS, y, cells)
        sheet.hline(y - 8)
    for x in (40, 290, 345, 430, WIDTH - 40):
        sheet.vline(x, 138, y - 8)
    sheet.text(400, y + 10, "Subtotal")
    sheet.text(550, y + 10, "1,416.50", right=True)
    sheet.text(400, y + 24, "VAT 20% 283.30")
    sheet.text(400, y + 38, "Total")
    sheet.text(550, y + 38, "1,699.80", right=True)

    items, taxes = extract(sheet.pdf())

    assert values(items, KEYS) == [
        {"description": "Copy paper A4 80g", "quantity": "10", "unit_price": "4.50", "amount": "45.00"},
        {"description": "Toner cartridge black", "quantity": "2", "unit_price": "61.25", "amount": "122.50"},
        {"description": "Desk lamp LED", "quantity": "1", "unit_price": "1249.00", "amount": "1249.00"},
    ]
    assert values(taxes, ("tax_type", "rate", "basis", "amount")) == [
        {"tax_type": "VAT", "rate": "20", "basis": None, "amount": "283.30"}
    ]
    assert all(r["amount"].confidence >= 0.9 and r["amount"].page == 1 for r in items)
    assert all(fv.source == "text_layer" and fv.raw for r in items for fv in r.values())
    assert all(0 <= v <= 1 for r in items for fv in r.values() for v in (fv.bbox or (0,)))


def test_given_unruled_rows_with_wrapped_descriptions_when_extracted_then_wraps_join_their_row() -> None:
    sheet = Sheet()
    letterhead(sheet)
    y = sheet.header(EN_COLS, 160)
    y = sheet.row(
        EN_COLS,
        y,
        ["Consulting hours for the\nmigration of the billing\nplatform", "12", "95.00", "1,140.00"],
    )
    y = sheet.row(EN_COLS, y, ["USB-C cable 2m", "3", "9.90", "29.70"])
    y = sheet.row(EN_COLS, y, ["Office chair mesh, black,\nwith armrests", "1", "189.00", "189.00"])
    sheet.text(400, y + 20, "Total")
    sheet.text(550, y + 20, "1,358.70", right=True)

    items, _ = extract(sheet.pdf())

    assert values(items, KEYS) == [
        {
            "description": "Consulting hours for the migration of the billing platform",
            "quantity": "12",
            "unit_price": "95.00",
            "amount": "1140.00",
        },
        {"description": "USB-C cable 2m", "quantity": "3", "unit_price": "9.90", "amount": "29.70"},
        {
            "description": "Office chair mesh, black, with armrests",
            "quantity": "1",
            "unit_price": "189.00",
            "amount": "189.00",
        },
    ]


def test_given_section_headings_and_subtotal_rows_when_extracted_then_only_items_are_returned() -> None:
    sheet = Sheet()
    letterhead(sheet)
    y = sheet.header(EN_COLS, 160)
    sheet.text(45, y, "Hardware:", bold=True)
    y += 18
    y = sheet.row(EN_COLS, y, ["Laptop stand aluminium", "2", "39.00", "78.00"])
    y = sheet.row(EN_COLS, y, ["Whiteboard markers", "5", "2.20", "11.00"])
    sheet.text(45, y, "Subtotal hardware")
    sheet.text(550, y, "89.00", right=True)
    y += 24
    sheet.text(45, y, "Services:", bold=True)
    y += 18
    y = sheet.row(EN_COLS, y, ["Printer maintenance", "1", "120.00", "120.00"])
    sheet.text(45, y, "Subtotal services")
    sheet.text(550, y, "120.00", right=True)
    y += 30
    sheet.text(400, y, "Total")
    sheet.text(550, y, "209.00", right=True)

    items, _ = extract(sheet.pdf())

    assert values(items, KEYS) == [
        {"description": "Laptop stand aluminium", "quantity": "2", "unit_price": "39.00", "amount": "78.00"},
        {"description": "Whiteboard markers", "quantity": "5", "unit_price": "2.20", "amount": "11.00"},
        {"description": "Printer maintenance", "quantity": "1", "unit_price": "120.00", "amount": "120.00"},
    ]


def _two_page_table(repeat_header: bool) -> bytes:
    sheet = Sheet()
    letterhead(sheet)
    y = sheet.header(EN_COLS, 160)
    for n in range(1, 31):
        y = sheet.row(EN_COLS, y, [f"Article number {n}", str(n), "2.00", f"{2 * n}.00"])
    sheet.text(45, y + 4, "Carried forward")
    sheet.text(550, y + 4, "930.00", right=True)
    sheet.text(280, 810, "Page 1 of 2", 8)
    sheet.new_page()
    sheet.text(40, 40, "Northwind Traders Ltd - Invoice INV-2041 (continued)", 8)
    y = sheet.header(EN_COLS, 70) if repeat_header else 70.0
    sheet.text(45, y, "Brought forward")
    sheet.text(550, y, "930.00", right=True)
    y += 16
    for n in range(31, 36):
        y = sheet.row(EN_COLS, y, [f"Article number {n}", str(n), "2.00", f"{2 * n}.00"])
    sheet.text(400, y + 20, "Total")
    sheet.text(550, y + 20, "1,260.00", right=True)
    sheet.text(280, 810, "Page 2 of 2", 8)
    return sheet.pdf()


def test_given_a_table_continued_without_header_when_extracted_then_rows_of_both_pages_are_returned() -> None:
    items, _ = extract(_two_page_table(repeat_header=False))

    assert values(items, KEYS) == [
        {
            "description": f"Article number {n}",
            "quantity": str(n),
            "unit_price": "2.00",
            "amount": f"{2 * n}.00",
        }
        for n in range(1, 36)
    ]
    assert {r["amount"].page for r in items} == {1, 2}


def test_given_a_table_continued_with_a_repeated_header_when_extracted_then_carry_rows_are_left_out() -> None:
    items, _ = extract(_two_page_table(repeat_header=True))

    assert [r["description"].value for r in items] == [f"Article number {n}" for n in range(1, 36)]


DE_COLS = [
    Col(["Pos."], 45),
    Col(["Bezeichnung"], 80),
    Col(["Menge"], 290, right=320),
    Col(["Einheit"], 330),
    Col(["Einzelpreis"], 380, right=440),
    Col(["Gesamt"], 480, right=550),
]


def test_given_a_german_table_when_extracted_then_decimal_commas_units_and_vat_are_read() -> None:
    sheet = Sheet()
    sheet.text(40, 50, "Sonnenweg Druck AG", 14, bold=True)
    sheet.text(400, 50, "RECHNUNG", 16, bold=True)
    sheet.text(400, 70, "Rechnungsnr. 2024-117")
    y = sheet.header(DE_COLS, 160)
    sheet.hline(y - 8)
    y = sheet.row(DE_COLS, y, ["1", "Visitenkarten 4/4-farbig", "1.000", "Stk", "0,085", "85,00"])
    y = sheet.row(
        DE_COLS, y, ["2", "Flyer DIN A5, 135 g/m²\nbeidseitig bedruckt", "2.500", "Stk", "0,12", "300,00"]
    )
    y = sheet.row(DE_COLS, y, ["3", "Gestaltung", "3,5", "Std.", "65,00", "227,50"])
    sheet.hline(y - 4)
    sheet.text(330, y + 10, "Zwischensumme netto")
    sheet.text(550, y + 10, "612,50", right=True)
    sheet.text(330, y + 24, "zzgl. 19 % MwSt. auf 612,50")
    sheet.text(550, y + 24, "116,38", right=True)
    sheet.text(330, y + 38, "Gesamtbetrag")
    sheet.text(550, y + 38, "728,88", right=True)

    items, taxes = extract(sheet.pdf())

    assert values(items, ("description", "quantity", "unit", "unit_price", "amount")) == [
        {
            "description": "Visitenkarten 4/4-farbig",
            "quantity": "1000",
            "unit": "Stk",
            "unit_price": "0.085",
            "amount": "85.00",
        },
        {
            "description": "Flyer DIN A5, 135 g/m2 beidseitig bedruckt",
            "quantity": "2500",
            "unit": "Stk",
            "unit_price": "0.12",
            "amount": "300.00",
        },
        {
            "description": "Gestaltung",
            "quantity": "3.5",
            "unit": "Std.",
            "unit_price": "65.00",
            "amount": "227.50",
        },
    ]
    assert values(taxes, ("tax_type", "rate", "basis", "amount")) == [
        {"tax_type": "VAT", "rate": "19", "basis": "612.50", "amount": "116.38"}
    ]


GST_COLS = [
    Col(["Sr"], 42),
    Col(["Description"], 62),
    Col(["HSN/SAC"], 170),
    Col(["Qty"], 222, right=240),
    Col(["Rate"], 250, right=290),
    Col(["Taxable", "Value"], 300, right=350),
    Col(["", "Rate"], 362, right=380),
    Col(["", "Amount"], 390, right=430),
    Col(["", "Rate"], 440, right=458),
    Col(["", "Amount"], 468, right=508),
    Col(["Total"], 520, right=560),
]


def test_given_an_indian_gst_invoice_when_extracted_then_items_and_cgst_sgst_rows_are_read() -> None:
    sheet = Sheet()
    sheet.text(40, 50, "Shree Ganesh Traders", 14, bold=True)
    sheet.text(40, 66, "GSTIN: 27AAPFU0939F1ZV")
    sheet.text(400, 50, "TAX INVOICE", 14, bold=True)
    sheet.text(400, 66, "Invoice No: SGT/24-25/118")
    y = 160.0
    sheet.text(380, y, "CGST", bold=True)
    sheet.text(458, y, "SGST", bold=True)
    y = sheet.header(GST_COLS, y)
    y = sheet.row(
        GST_COLS,
        y,
        [
            "1",
            "Steel almirah 4 door",
            "9403",
            "2",
            "8,500.00",
            "17,000.00",
            "9%",
            "1,530.00",
            "9%",
            "1,530.00",
            "20,060.00",
        ],
    )
    y = sheet.row(
        GST_COLS,
        y,
        [
            "2",
            "Installation service",
            "9987",
            "1",
            "1,000.00",
            "1,000.00",
            "9%",
            "90.00",
            "9%",
            "90.00",
            "1,180.00",
        ],
    )
    sheet.text(300, y + 10, "Total Taxable Value")
    sheet.text(560, y + 10, "18,000.00", right=True)
    sheet.text(300, y + 24, "Add: CGST @ 9%")
    sheet.text(560, y + 24, "1,620.00", right=True)
    sheet.text(300, y + 38, "Add: SGST @ 9%")
    sheet.text(560, y + 38, "1,620.00", right=True)
    sheet.text(300, y + 52, "Grand Total")
    sheet.text(560, y + 52, "21,240.00", right=True)

    items, taxes = extract(sheet.pdf())

    assert values(
        items, ("description", "product_code", "quantity", "unit_price", "tax_rate", "tax_amount", "amount")
    ) == [
        {
            "description": "Steel almirah 4 door",
            "product_code": "9403",
            "quantity": "2",
            "unit_price": "8500.00",
            "tax_rate": "18",
            "tax_amount": "3060.00",
            "amount": "17000.00",
        },
        {
            "description": "Installation service",
            "product_code": "9987",
            "quantity": "1",
            "unit_price": "1000.00",
            "tax_rate": "18",
            "tax_amount": "180.00",
            "amount": "1000.00",
        },
    ]
    assert values(taxes, ("tax_type", "rate", "amount")) == [
        {"tax_type": "CGST", "rate": "9", "amount": "1620.00"},
        {"tax_type": "SGST", "rate": "9", "amount": "1620.00"},
    ]


def test_given_numeric_columns_with_unknown_labels_when_extracted_then_arithmetic_names_them() -> None:
    cols = [
        Col(["Item description"], 45),
        Col(["Units"], 300, right=330),
        Col(["Each"], 350, right=420),
        Col(["Extended"], 470, right=550),
    ]
    sheet = Sheet()
    letterhead(sheet)
    y = sheet.header(cols, 160)
    y = sheet.row(cols, y, ["Pallet wrap 500 mm", "4", "12.75", "51.00"])
    y = sheet.row(cols, y, ["Strapping tool", "1", "89.00", "89.00"])
    y = sheet.row(cols, y, ["Corner boards", "250", "0.18", "45.00"])
    sheet.text(400, y + 20, "Total")
    sheet.text(550, y + 20, "185.00", right=True)

    items, _ = extract(sheet.pdf())

    assert values(items, KEYS) == [
        {"description": "Pallet wrap 500 mm", "quantity": "4", "unit_price": "12.75", "amount": "51.00"},
        {"description": "Strapping tool", "quantity": "1", "unit_price": "89.00", "amount": "89.00"},
        {"description": "Corner boards", "quantity": "250", "unit_price": "0.18", "amount": "45.00"},
    ]


def test_given_a_line_whose_numbers_disagree_when_extracted_then_its_confidence_is_lower() -> None:
    sheet = Sheet()
    letterhead(sheet)
    y = sheet.header(EN_COLS, 160)
    y = sheet.row(EN_COLS, y, ["Copy paper A4 80g", "10", "4.50", "45.00"])
    y = sheet.row(EN_COLS, y, ["Toner cartridge black", "2", "61.25", "152.50"])

    items, _ = extract(sheet.pdf())

    assert [r["amount"].value for r in items] == ["45.00", "152.50"]
    assert items[1]["amount"].confidence < 0.7 < items[0]["amount"].confidence


def test_given_a_german_table_with_uebertrag_lines_over_two_pages_when_extracted_then_they_are_left_out() -> (
    None
):
    sheet = Sheet()
    sheet.text(400, 50, "RECHNUNG", 16, bold=True)
    y = sheet.header(DE_COLS, 160)
    for n in range(1, 28):
        y = sheet.row(DE_COLS, y, [str(n), f"Schraube M{n}", "10", "Stk", "0,50", "5,00"])
    sheet.text(80, y + 4, "Übertrag")
    sheet.text(550, y + 4, "135,00", right=True)
    sheet.new_page()
    y = sheet.header(DE_COLS, 60)
    sheet.text(80, y, "Übertrag")
    sheet.text(550, y, "135,00", right=True)
    y = sheet.row(DE_COLS, y + 16, ["28", "Mutter M8", "4", "Stk", "0,25", "1,00"])
    sheet.text(330, y + 10, "Summe netto")
    sheet.text(550, y + 10, "136,00", right=True)

    items, _ = extract(sheet.pdf())

    assert [r["description"].value for r in items] == [f"Schraube M{n}" for n in range(1, 28)] + ["Mutter M8"]
    assert items[-1]["amount"].value == "1.00" and items[-1]["amount"].page == 2
