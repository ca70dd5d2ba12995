"""Line items of a scanned invoice: the drawn table rendered at 200 dpi, skewed, OCR'd, then read."""

from __future__ import annotations

import pytest

from docsift.extraction.tables.items import tables_of
from docsift.reading import read_document
from tests.docgen import degrade, image_bytes, render_pdf_page
from tests.extraction.tables.test_items import EN_COLS, KEYS, Sheet, letterhead, values


@pytest.mark.slow
def test_given_a_slightly_skewed_scan_when_ocred_then_every_cell_is_read() -> None:
    sheet = Sheet()
    letterhead(sheet)
    y = sheet.header(EN_COLS, 170, size=11)
    rows = [
        ["Copy paper A4 80g", "10", "4.50", "45.00"],
        ["Toner cartridge black", "2", "61.25", "122.50"],
        ["Desk lamp LED", "3", "24.90", "74.70"],
        ["Whiteboard markers", "12", "1.15", "13.80"],
    ]
    for cells in rows:
        y = sheet.row(EN_COLS, y, cells, size=11)
    sheet.text(400, y + 20, "Total", 11)
    sheet.text(550, y + 20, "256.00", 11, right=True)
    scan = degrade(render_pdf_page(sheet.pdf(), 0, 200), rotate=0.8, noise=6, seed=3)

    doc = read_document(image_bytes(scan), "scan.png")
    items, _ = tables_of(doc, "invoice")

    assert values(items, KEYS) == [
        {"description": d, "quantity": q, "unit_price": p, "amount": a} for d, q, p, a in rows
    ]
    assert all(fv.source == "ocr" for r in items for fv in r.values())
