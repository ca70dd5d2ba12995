"""Truth keys only invoices have: layout family and axes, the credit-note flag and text in pictures."""

from __future__ import annotations

from typing import Any

from docsift.synth.invoice.plan import InvoicePlan
from docsift.synth.model import Content
from docsift.synth.painter import Painter


def content_axes(c: Content) -> dict[str, str]:
    """Axes the content decides: document type, balance, customer kind, label set, negative notation."""
    credit = bool(c.extra.get("credit_note"))
    return {
        "document": "credit_note" if credit else "invoice",
        "balance": c.extra.get("balance", "plain"),
        "customer": "person" if c.parties["customer"].salutation else "company",
        "labels": c.extra.get("label_set") or c.language,
        "negative": c.formats.money.negative if c.extra.get("credit_negative") else "positive",
    }


def all_axes(c: Content, plan: InvoicePlan) -> dict[str, str]:
    """Every axis value of an invoice: the layout's, then the content's."""
    return {**plan.axes, **content_axes(c)}


def invoice_truth(c: Content, plan: InvoicePlan, painter: Painter) -> dict[str, Any]:
    """``family``, ``axes``, ``credit_note`` (amounts stay positive magnitudes) and ``images``: text
    drawn only inside pictures (a logo's brand name), with its box, which no text layer holds."""
    w, h = painter.width, painter.height
    images = [
        {
            "kind": rec.key.split(":", 1)[1],
            "text": rec.raw,
            "page": rec.page,
            "bbox": [round(v, 5) for v in (rec.box[0] / w, rec.box[1] / h, rec.box[2] / w, rec.box[3] / h)],
        }
        for rec in painter.records
        if rec.key.startswith("image:")
    ]
    return {
        "family": plan.family,
        "axes": all_axes(c, plan),
        "credit_note": bool(c.extra.get("credit_note")),
        "images": images,
    }
