"""Exports of native results: CSV and XLSX with one row per document and one row per line item.

Columns: the document's identity and status, then every field in schema order (fields a schema
does not name follow, sorted), then errors. Cells hold the normalised ``value`` of each field.
Used by ``docsift extract --format csv|xlsx`` and by the service's export endpoints.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from docsift.result import DocumentResult, FieldValue

DOCUMENT_COLUMNS = ["file_name", "document_id", "document_type", "status", "pages", "overall_confidence"]
ITEM_COLUMNS = ["file_name", "document_id", "line"]
Table = tuple[list[str], list[list[Any]]]


def _schema_order(document_types: Iterable[str]) -> tuple[list[str], list[str]]:
    """Field names and line-item columns of the given document types, in schema order."""
    from docsift.schema import get_schema

    fields: list[str] = []
    columns: list[str] = []
    for doc_type in dict.fromkeys(document_types):
        try:
            schema = get_schema(doc_type)
        except KeyError:
            continue
        fields += [n for n in schema.field_names if n not in fields]
        columns += [c.name for c in schema.line_columns if c.name not in columns]
    return fields, columns


def _ordered(known: list[str], seen: Iterable[str]) -> list[str]:
    present = set(seen)
    return [n for n in known if n in present] + sorted(present - set(known))


def _cell(value: FieldValue | None) -> Any:
    if value is None or value.value is None:
        return None
    v = value.value
    if isinstance(v, int | float | bool):
        return v
    return safe_text(v if isinstance(v, str) else str(v))


def safe_text(text: str) -> str:
    """``text`` made inert for spreadsheets: a leading ``=``, ``+``, ``-``, ``@`` or control
    character (a formula once opened) gets a ``'`` in front, unless the text is a number."""
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def documents_table(results: Sequence[DocumentResult]) -> Table:
    """One row per document: identity, status, every field present in any result, errors.

    Returns (header, rows). Never raises."""
    known, _ = _schema_order(r.document_type for r in results)
    names = _ordered(known, (n for r in results for n in r.fields))
    header = [*DOCUMENT_COLUMNS, *names, "errors"]
    rows = []
    for r in results:
        name = safe_text(r.file_name)
        base = [name, r.document_id, r.document_type, r.status.value, r.pages, r.overall_confidence]
        errors = safe_text("; ".join(f"{e.stage}: {e.message}" for e in r.errors))
        rows.append([*base, *(_cell(r.fields.get(n)) for n in names), errors])
    return header, rows


def line_items_table(results: Sequence[DocumentResult]) -> Table:
    """One row per line item of every document, numbered from 1 within each document.

    Returns (header, rows). Never raises."""
    _, known = _schema_order(r.document_type for r in results)
    columns = _ordered(known, (c for r in results for item in r.line_items for c in item))
    rows = []
    for r in results:
        for i, item in enumerate(r.line_items, start=1):
            rows.append([safe_text(r.file_name), r.document_id, i, *(_cell(item.get(c)) for c in columns)])
    return [*ITEM_COLUMNS, *columns], rows


def table_csv(table: Table) -> str:
    """A table as CSV text (header first)."""
    header, rows = table
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(["" if c is None else c for c in row] for row in rows)
    return buf.getvalue()


def write_csv(results: Sequence[DocumentResult], out_dir: Path) -> list[Path]:
    """Write ``documents.csv`` and ``line_items.csv`` into ``out_dir``. Returns their paths.
    Raises OSError when the directory cannot be written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / "documents.csv", out_dir / "line_items.csv"]
    for path, table in zip(paths, (documents_table(results), line_items_table(results)), strict=True):
        path.write_text(table_csv(table), encoding="utf-8", newline="")
    return paths


def xlsx_bytes(results: Sequence[DocumentResult]) -> bytes:
    """A workbook with the sheets ``documents`` and ``line_items``, as bytes."""
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "documents"
    _fill(sheet, documents_table(results))
    _fill(wb.create_sheet("line_items"), line_items_table(results))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _fill(sheet: Any, table: Table) -> None:
    header, rows = table
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"


def write_xlsx(results: Sequence[DocumentResult], out_dir: Path) -> list[Path]:
    """Write ``results.xlsx`` into ``out_dir``. Returns its path in a list. Raises OSError."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "results.xlsx"
    path.write_bytes(xlsx_bytes(results))
    return [path]
