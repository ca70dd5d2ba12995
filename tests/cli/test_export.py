"""CSV / XLSX exports: one row per document (fields in schema order), one per line item."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from docsift.export import documents_table, line_items_table, safe_text, table_csv, xlsx_bytes
from docsift.result import DocumentResult, ErrorItem, FieldValue, Status


def _results() -> list[DocumentResult]:
    a = DocumentResult(
        document_id="a1",
        file_name="a.pdf",
        pages=1,
        fields={
            "invoice_total": FieldValue(value="119.00"),
            "invoice_number": FieldValue(value="INV-7"),
            "zz_custom": FieldValue(value="x"),
        },
        line_items=[
            {"description": FieldValue(value="Paper"), "amount": FieldValue(value="100.00")},
            {"description": FieldValue(value='=HYPERLINK("http://x")'), "quantity": FieldValue(value="2")},
        ],
    )
    b = DocumentResult(
        document_id="b2",
        file_name="b.pdf",
        status=Status.FAILED,
        errors=[ErrorItem(stage="read", message="the file is empty")],
    )
    return [a, b]


def test_given_results_when_tabled_then_fields_follow_schema_order_and_unknown_fields_come_last() -> None:
    header, rows = documents_table(_results())
    assert header.index("invoice_number") < header.index("invoice_total") < header.index("zz_custom")
    assert header[-1] == "errors"
    assert rows[0][header.index("invoice_number")] == "INV-7"
    assert rows[1][header.index("status")] == "failed"
    assert rows[1][header.index("invoice_number")] is None
    assert rows[1][-1] == "read: the file is empty"


def test_given_line_items_when_tabled_then_one_row_per_item_numbered_within_its_document() -> None:
    header, rows = line_items_table(_results())
    assert header[:3] == ["file_name", "document_id", "line"]
    assert [r[2] for r in rows] == [1, 2]
    assert header.index("description") < header.index("quantity") < header.index("amount")


def test_given_a_value_that_looks_like_a_formula_when_exported_then_it_is_made_inert() -> None:
    _, rows = line_items_table(_results())
    assert rows[1][3].startswith("'=")
    assert safe_text("-12.50") == "-12.50"
    assert safe_text("+49 30 1234") == "'+49 30 1234"
    assert "'=HYPERLINK" in table_csv(line_items_table(_results()))


def test_given_results_when_written_as_xlsx_then_both_sheets_hold_the_rows() -> None:
    wb = load_workbook(io.BytesIO(xlsx_bytes(_results())))
    docs = list(wb["documents"].iter_rows(values_only=True))
    items = list(wb["line_items"].iter_rows(values_only=True))
    assert [d[0] for d in docs[1:]] == ["a.pdf", "b.pdf"]
    assert len(items) == 3
    assert all(not (isinstance(c, str) and c.startswith("=")) for row in items for c in row)
