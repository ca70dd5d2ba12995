"""One receipt from (seed, index): axes, style, content, plan, rendering and truth.

The truth of a receipt adds ``family`` (format/header/items/payment), ``axes`` (every axis value)
and ``receipt.other_charges`` (service charge, fees, rounding, discount: total = subtotal +
total_tax + tip + other_charges) to the common truth.
"""

from __future__ import annotations

import random

from docsift.synth.document import Generated, doc_rng, fit_font
from docsift.synth.fmt import canon_amount
from docsift.synth.knowledge import pick
from docsift.synth.painter import families
from docsift.synth.receipt.axes import ReceiptAxes, receipt_axes
from docsift.synth.receipt.content import receipt_content
from docsift.synth.receipt.layout import plan_receipt, render_receipt
from docsift.synth.style import Style, choose_style
from docsift.synth.truth import build_truth

MONO_SHARE = {"thermal58": 0.8, "thermal80": 0.8, "page": 0.2, "folio": 0.1, "email": 0.0, "app": 0.0}
COLUMNS = ["description", "quantity", "unit_price", "amount"]


def receipt_style(rng: random.Random, ax: ReceiptAxes) -> Style:
    """Fonts of a receipt: mostly monospace on till rolls, proportional on pages, sans on phones."""
    style = choose_style(rng, mono=rng.random() < MONO_SHARE[ax.format])
    style.label_bold = False
    if ax.format == "app":
        sans = [f for f in families() if not f.mono and ("Sans" in f.name or f.name == "Helvetica")]
        style.family = pick(rng, sans)
    return style


def make_receipt(seed: int, index: int) -> Generated:
    """Receipt number ``index`` of the stream ``seed``; its axes are ``receipt_axes(seed, index)``."""
    ax = receipt_axes(seed, index)
    rng = doc_rng(seed, index)
    style = receipt_style(rng, ax)
    c = receipt_content(rng, ax)
    fit_font(style, c)
    plan = plan_receipt(rng, c, ax, style)
    painter = render_receipt(c, plan, style)
    truth = build_truth(c, painter, COLUMNS, plan.name)
    truth["style"] = {"font": style.family.name, "size": style.size}
    axes = ax.as_dict()
    truth["family"] = axes.pop("family")
    truth["axes"] = axes
    truth["receipt"] = {"other_charges": canon_amount(c.amounts["other"])}
    return Generated(f"receipt-{seed}-{index:05d}", "receipt", painter.finish(), truth, screen=plan.raster)
