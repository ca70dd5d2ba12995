"""Ground truth of a generated document from its content and the boxes the painter recorded.

A field is in the truth exactly when its value was printed (tagged) on the page.
"""

from __future__ import annotations

from typing import Any

from docsift.schema import get_schema
from docsift.synth.fmt import canon_amount, canon_number
from docsift.synth.model import Content, Item
from docsift.synth.painter import Painter, Record

COLUMN_OF = {"hsn": "product_code", "qty_unit": "quantity"}


def canonical_cells(item: Item, key: str) -> dict[str, str]:
    """Canonical truth values for what a column prints (qty_unit yields quantity and unit)."""
    values = {
        "description": lambda: {"description": item.description},
        "product_code": lambda: {"product_code": (item.product_code or "").upper()},
        "hsn": lambda: {"product_code": (item.product_code or "").upper()},
        "quantity": lambda: {"quantity": canon_number(item.quantity)},
        "qty_unit": lambda: {"quantity": canon_number(item.quantity), "unit": item.unit or ""},
        "unit": lambda: {"unit": item.unit or ""},
        "unit_price": lambda: {"unit_price": canon_amount(item.unit_price)},
        "discount": lambda: {"discount": canon_amount(item.discount)} if item.discount else {},
        "tax_rate": lambda: {"tax_rate": canon_number(item.tax_rate)},
        "tax_amount": lambda: {"tax_amount": canon_amount(item.tax_amount)},
        "amount": lambda: {"amount": canon_amount(item.amount)},
    }
    return values[key]() if key in values else {}


def _norm(rec: Record, w: float, h: float) -> dict[str, Any]:
    x0, y0, x1, y1 = rec.box
    box = [max(0.0, x0 / w), max(0.0, y0 / h), min(1.0, x1 / w), min(1.0, y1 / h)]
    return {"page": rec.page, "bbox": [round(v, 5) for v in box]}


def build_truth(c: Content, painter: Painter, columns: list[str], layout: str) -> dict[str, Any]:
    """The truth dict of a rendered document (fields, line items, taxes, boxes, labels, layout)."""
    schema = get_schema(c.document_type)
    first: dict[str, Record] = {}
    for rec in painter.records:
        first.setdefault(rec.key, rec)
    w, h = painter.width, painter.height
    fields: dict[str, str] = {}
    raw: dict[str, str] = {}
    boxes: dict[str, Any] = {}
    labels: dict[str, str] = {}
    label_boxes: dict[str, Any] = {}
    for name in schema.field_names:
        found = first.get(name)
        if found is None or not c.fields.get(name):
            continue
        fields[name], raw[name], boxes[name] = c.fields[name], found.raw, _norm(found, w, h)
        lab = first.get(f"label:{name}")
        if lab is not None:
            labels[name] = lab.raw
            label_boxes[name] = _norm(lab, w, h)
    items, item_boxes = _line_items(c, first, columns, w, h)
    return {
        "document_type": c.document_type,
        "locale": c.locale,
        "language": c.language,
        "layout": layout,
        "pages": painter.page,
        "page_size": [round(w, 2), round(h, 2)],
        "fields": fields,
        "line_items": items,
        "tax_details": [t.canonical() for t in c.taxes] if _tax_printed(first) else [],
        "raw": raw,
        "boxes": boxes,
        "labels": labels,
        "label_boxes": label_boxes,
        "line_item_boxes": item_boxes,
        "table_region": {
            "regions": [_norm(r, w, h) for r in painter.records if r.key == "table_region"],
            "columns": [COLUMN_OF.get(k, k) for k in columns],
        },
        "inconsistent": bool(c.inconsistencies),
        "inconsistencies": list(c.inconsistencies),
    }


def _tax_printed(first: dict[str, Record]) -> bool:
    return any(k.startswith(("x_tax:", "total_tax", "cgst_amount", "igst_amount", "x_sales")) for k in first)


def _line_items(
    c: Content, first: dict[str, Record], columns: list[str], w: float, h: float
) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    items: list[dict[str, str]] = []
    boxes: list[dict[str, Any]] = []
    for i, item in enumerate(c.items):
        values: dict[str, str] = {}
        row_boxes: dict[str, Any] = {}
        for key in columns:
            for name, value in canonical_cells(item, key).items():
                rec = first.get(f"li:{i}:{name}") or first.get(f"li:{i}:{key}")
                if rec is None or value == "":
                    continue
                values[name] = value
                row_boxes[name] = _norm(rec, w, h)
        items.append(values)
        boxes.append(row_boxes)
    return items, boxes
