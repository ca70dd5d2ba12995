"""Invoice page composition from independent layout axes (``axes``): header, parties, reference block,
item table, totals, notes, signature and footer, drawn by the plan (``invoice.plan``).

Drawing uses no randomness, so a document can be drawn twice (once to count pages, once with
"Page n of m").
"""

from __future__ import annotations

from docsift.synth.invoice.closing import draw_footer, draw_notes, draw_signature, footer_height
from docsift.synth.invoice.page import InvoicePage
from docsift.synth.invoice.plan import InvoicePlan
from docsift.synth.invoice.sections import draw_first_page_top, draw_logo, draw_sidebar
from docsift.synth.invoice.table import TableWriter
from docsift.synth.invoice.totals_draw import TotalsArea, draw_totals, totals_height
from docsift.synth.model import Content
from docsift.synth.painter import Painter
from docsift.synth.scripts import devanagari_font
from docsift.synth.style import Style


class InvoiceWriter(InvoicePage):
    """Draws an invoice by its plan; ``pages`` is the total page count printed in footers."""

    def __init__(self, c: Content, plan: InvoicePlan, style: Style, pages: int) -> None:
        super().__init__(c, plan, style, pages)
        self.footer_h = footer_height(self)

    def draw(self) -> Painter:
        """Draws every section; returns the painter holding the PDF and the recorded boxes."""
        plan, pen = self.plan, self.pen
        y = draw_first_page_top(self, plan.margin)
        bottom = self.h - plan.margin - self.footer_h
        table = TableWriter(
            pen, self.c, plan.table, self.left, self.right - self.left, bottom, self.page_break
        )
        y = table.draw(y + 8)
        style = plan.axes["totals"]
        if y + totals_height(pen, plan.totals, style) + 10 > bottom:
            y = self.page_break()
        area = TotalsArea(self.left, self.right, min(300.0, (self.right - self.left) * 0.55))
        y = draw_totals(pen, self.c, plan.totals, style, area, y + 6, plan.pay_label)
        y = draw_notes(self, y + 4, bottom)
        draw_signature(self, y + 4, bottom)
        draw_footer(self)
        return self.painter

    def page_break(self) -> float:
        """Finishes the page (footer), starts the next with a short running header; returns the top y."""
        draw_footer(self)
        self.painter.new_page()
        pen, plan = self.pen, self.plan
        if plan.axes["header"] == "sidebar":
            draw_sidebar(self, first=False)
        if plan.axes["header"] in ("logo_only", "logo_footer") and plan.logo:
            y = draw_logo(self, self.left, plan.margin, "left")
        else:
            pen.text(self.left, plan.margin, self.c.parties["vendor"].name, bold=True, color=pen.s.accent)
            y = plan.margin + pen.s.line_h
        pen.text(self.right, plan.margin, f"{plan.title} {self.c.fields['invoice_number']}", align="right")
        return max(y, plan.margin + pen.s.line_h) + pen.s.line_h


def render_invoice(c: Content, plan: InvoicePlan, style: Style) -> Painter:
    """Draws the invoice, twice when it spans several pages so that "Page n of m" is right."""
    if c.extra.get("label_set"):
        style.script_font = devanagari_font()
    painter = InvoiceWriter(c, plan, style, pages=1).draw()
    if painter.page > 1:
        painter = InvoiceWriter(c, plan, style, pages=painter.page).draw()
    return painter
