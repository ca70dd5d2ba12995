"""One invoice from (seed, index): content, style, layout plan, rendering and truth."""

from __future__ import annotations

from collections.abc import Mapping

from docsift.synth.document import Generated, doc_rng, fit_font
from docsift.synth.invoice.content import invoice_content
from docsift.synth.invoice.layout import render_invoice
from docsift.synth.invoice.plan import InvoicePlan, plan_invoice
from docsift.synth.invoice.truth import invoice_truth
from docsift.synth.model import Content
from docsift.synth.painter import can_draw
from docsift.synth.style import Style, choose_style
from docsift.synth.truth import build_truth


def plan_invoice_doc(
    seed: int, index: int, force: Mapping[str, str] | None = None
) -> tuple[Content, InvoicePlan, Style]:
    """The content, layout plan and style of invoice ``index`` of stream ``seed``, without drawing it."""
    rng = doc_rng(seed, index)
    style = choose_style(rng)
    c = invoice_content(rng, unicode_ok=can_draw(style.family, "₹"))
    fit_font(style, c)
    return c, plan_invoice(rng, c, force), style


def make_invoice(seed: int, index: int, force: Mapping[str, str] | None = None) -> Generated:
    """Invoice number ``index`` of the stream ``seed``; ``force`` fixes layout axes (tests)."""
    c, plan, style = plan_invoice_doc(seed, index, force)
    painter = render_invoice(c, plan, style)
    pdf = painter.finish()
    truth = build_truth(
        c, painter, [col.key for col in plan.table.columns if col.key != "position"], plan.name
    )
    truth.update(invoice_truth(c, plan, painter))
    truth["style"] = {"font": style.family.name, "size": style.size}
    return Generated(f"invoice-{seed}-{index:05d}", "invoice", pdf, truth)
