"""Line items and tax breakdown tables, template-free, from words and boxes.

``extract_tables(doc, index, schema)`` finds the item table on each page by its header (labels in many
languages, columns.yaml), follows it onto the next pages (with a repeated header or none), builds
rows anchored by their amounts and maps columns to the schema's line columns, checking
quantity x unit price = amount. Tax breakdown rows (VAT by rate, CGST/SGST/IGST) become
``tax_details``. Receipts without a header are read line by line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from docsift.extraction.document.index import DocIndex
from docsift.extraction.document.lines import ILine
from docsift.extraction.tables.body import BodyLine, RawRow, group_rows, merge_columns, walk_body
from docsift.extraction.tables.cells import check_arithmetic, map_row, right_limit
from docsift.extraction.tables.columns import refine_columns
from docsift.extraction.tables.header import Column, Header, find_headers
from docsift.extraction.tables.labels import Labels, labels
from docsift.extraction.tables.receipt import receipt_items
from docsift.extraction.tables.tax import find_tax_type, line_taxes, merge_taxes, table_taxes
from docsift.reading.model import Document
from docsift.result import Row
from docsift.schema import DocSchema

_DEC = re.compile(r"^\d{1,3}(?:[.,' ]?\d{3})*([.,])\d{2}$")  # an amount with two decimals


@dataclass
class Segment:
    """Part of an item table on one page: its columns and body lines."""

    page: int
    columns: list[Column]
    body: list[BodyLine]
    continued: bool = False  # on a page without its own header


def decimal_separator(lines: list[list[ILine]]) -> str | None:
    """The document's decimal mark ("." or ","), voted by numbers with two decimals; None if unclear."""
    votes: Counter[str] = Counter()
    for page in lines:
        for line in page:
            for w in line.words:
                m = _DEC.match(w.text.strip("€$£¥₹-+()%*:"))
                if m:
                    votes[m.group(1)] += 1
    if not votes:
        return None
    (best, n), *rest = votes.most_common()
    return best if not rest or n > 1.5 * rest[0][1] else None


def extract_tables(
    doc: Document, index: DocIndex, schema: DocSchema, till: bool = False
) -> tuple[list[Row], list[Row]]:
    """(line_items, tax_details) of ``doc`` (whose lines ``index`` holds): rows of column name ->
    FieldValue, named per ``schema.line_columns`` and ``schema.tax_columns``; items read line by
    line as on a till receipt when ``till``. Empty lists when nothing is found.

    Never raises for odd layouts; a malformed columns.yaml raises ValueError.
    """
    lab = labels()
    pages = [page.lines for page in index.pages]
    dec = decimal_separator(pages)
    headers = [find_headers(lines, lab) for lines in pages]
    used: set[int] = set()
    if till:
        items = receipt_items(pages, lab, dec)
    else:
        items, used = table_items(item_segments(pages, headers, lab, dec), schema, lab, dec)
    taxes = tax_details(pages, headers, lab, dec, used)
    sources = {p.number: p.source.value for p in doc.pages}
    for fv in (fv for row in items + taxes for fv in row.values()):
        fv.source = sources.get(fv.page or 0)
    return items, taxes


def tables_of(doc: Document, document_type: str) -> tuple[list[Row], list[Row]]:
    """(line_items, tax_details) of ``doc`` read as a ``document_type`` (its lines indexed here; the
    registry says whether items are a table or till lines). For callers without an index."""
    from docsift.extraction.document.index import build_index
    from docsift.extraction.knowledge.registry import type_fields
    from docsift.schema import get_schema

    till = type_fields(document_type).till_items
    return extract_tables(doc, build_index(doc), get_schema(document_type), till)


def table_items(
    segments: list[Segment], schema: DocSchema, lab: Labels, dec: str | None
) -> tuple[list[Row], set[int]]:
    """Item rows of the table segments (arithmetic checked) and the ids of the lines they use."""
    wanted = {c.name for c in schema.line_columns}
    items: list[Row] = []
    used: set[int] = set()
    for seg in segments:
        seg.columns = refine_columns(seg.columns, seg.body, dec)
        rows = group_rows(seg.body, seg.columns, dec, min_numbers=2 if seg.continued else 1)
        limit = right_limit(rows, seg.columns, dec)
        for raw in rows:
            row = {k: v for k, v in map_row(raw, seg.columns, lab, dec, limit).items() if k in wanted}
            if _is_item(row, seg.continued):
                items.append(row)
                used.update(id(bl.line) for bl in raw.lines)
    check_arithmetic(items)
    return items, used


def tax_details(
    pages: list[list[ILine]], headers: list[list[Header]], lab: Labels, dec: str | None, used: set[int]
) -> list[Row]:
    """Tax rows from tax tables, then from tax lines outside every table (duplicates merged)."""
    default = ""
    rows: list[Row] = []
    skip = set(used)
    for lines, hs in zip(pages, headers, strict=True):
        for n, h in enumerate(hs):
            if h.table != "tax":
                continue
            default = default or _document_tax_type(pages, lab)
            stop = hs[n + 1].first if n + 1 < len(hs) else len(lines)
            found, seen = table_taxes(lines, h, stop, lab, dec, default)
            rows += found
            skip |= seen | {id(line) for line in lines[h.first : h.last + 1]}
    for lines in pages:
        rows += line_taxes(lines, skip, lab, dec)
    return merge_taxes(rows)


def _document_tax_type(pages: list[list[ILine]], lab: Labels) -> str:
    """The tax the document speaks of most (GST terms before VAT terms), VAT when none is named."""
    counts: Counter[str] = Counter()
    for lines in pages:
        for line in lines:
            t = find_tax_type(line.text, lab)
            if t:
                counts[t] += 1
    for k in ("GST", "SST", "SALES"):
        if counts[k] or (k == "GST" and (counts["CGST"] or counts["IGST"])):
            return k
    return "VAT"


def _is_item(row: Row, continued: bool) -> bool:
    """Whether a mapped row is an item: a description with an amount or unit price, or (not on a
    continuation page) at least quantity, unit price and amount without a description."""
    money = "amount" in row or "unit_price" in row
    if "description" in row:
        return money
    values = sum(1 for k in ("quantity", "unit_price", "amount") if k in row)
    return not continued and values == 3


def item_segments(
    pages: list[list[ILine]], headers: list[list[Header]], lab: Labels, dec: str | None
) -> list[Segment]:
    """The item-table segments of every page, continuing a table that did not end onto the next page."""
    out: list[Segment] = []
    open_columns: list[Column] | None = None
    for lines, hs in zip(pages, headers, strict=True):
        if not lines:
            continue
        stops = sorted(h.first for h in hs)
        item_hs = [h for h in hs if h.table == "items"]
        first_stop = stops[0] if stops else len(lines)
        if open_columns is not None and (not item_hs or item_hs[0].first > 0):
            body, ended = walk_body(lines, 0, first_stop, open_columns, lab, dec)
            if body:
                out.append(Segment(lines[0].page, open_columns, body, continued=True))
            if ended or item_hs:
                open_columns = None
        for h in item_hs:
            columns = merge_columns(h.columns)
            stop = next((s for s in stops if s > h.last), len(lines))
            body, ended = walk_body(lines, h.last + 1, stop, columns, lab, dec)
            out.append(Segment(h.page, columns, body))
            open_columns = None if ended or stop < len(lines) else columns
    return out


__all__ = ["RawRow", "Segment", "decimal_separator", "extract_tables", "item_segments"]
