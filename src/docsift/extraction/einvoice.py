"""Turn the structured e-invoice data a file embeds (``Document.embedded``) into result fields.

The XML is the issuer's own statement of the invoice, so its values carry confidence 1.0 and
source ``embedded_xml``; they replace anything read visually for the same field. When the XML
has no line items (MINIMUM and BASIC WL profiles) the line items already in the result stay.
"""

from __future__ import annotations

from typing import Any

from docsift.result import DocumentResult, FieldValue, Row

SOURCE = "embedded_xml"


def _field(value: Any, raw: Any) -> FieldValue:
    return FieldValue(
        value=value, raw=str(raw) if raw is not None else str(value), confidence=1.0, source=SOURCE
    )


def _rows(values: list[dict[str, Any]], raws: list[dict[str, Any]]) -> list[Row]:
    rows: list[Row] = []
    for i, row in enumerate(values):
        raw_row = raws[i] if i < len(raws) else {}
        rows.append({col: _field(v, raw_row.get(col)) for col, v in row.items() if v is not None})
    return rows


def apply_embedded(embedded: dict[str, Any], result: DocumentResult) -> DocumentResult:
    """``result`` with the fields, line items and tax details of ``embedded`` (the dict of
    docsift.reading.einvoice.parse_invoice_xml) set as FieldValues (confidence 1.0, source
    "embedded_xml", raw = the XML text), and ``result.meta["embedded"]`` = {syntax, profile,
    type_code, attachment, and the extras such as charge_total}. Returns the same object; never
    raises for a partial dict.
    """
    raw = embedded.get("raw") or {}
    raw_fields: dict[str, Any] = raw.get("fields") or {}
    for name, value in (embedded.get("fields") or {}).items():
        if value is not None:
            result.fields[name] = _field(value, raw_fields.get(name))
    lines = _rows(embedded.get("line_items") or [], raw.get("line_items") or [])
    if lines:
        result.line_items = lines
    taxes = _rows(embedded.get("tax_details") or [], raw.get("tax_details") or [])
    if taxes:
        result.tax_details = taxes
    meta = {"syntax": embedded.get("syntax"), "profile": embedded.get("profile")}
    meta |= {k: embedded[k] for k in ("type_code", "attachment") if embedded.get(k) is not None}
    meta |= embedded.get("extras") or {}
    result.meta["embedded"] = meta
    return result
