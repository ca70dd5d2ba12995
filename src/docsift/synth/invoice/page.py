"""The drawing state of one invoice that every section drawer reads (header, parties, closing)."""

from __future__ import annotations

from docsift.synth.invoice.plan import InvoicePlan
from docsift.synth.model import Content
from docsift.synth.painter import Painter
from docsift.synth.style import Pen, Style


class InvoicePage:
    """Content, plan, painter and pen of an invoice being drawn, the page size (``w``, ``h``), the
    content edges (``left``, ``right``; right of the sidebar when there is one), the height of the
    footer (``footer_h``, set once the footer is measured) and the page count printed in footers."""

    def __init__(self, c: Content, plan: InvoicePlan, style: Style, pages: int) -> None:
        self.c, self.plan, self.pages = c, plan, pages
        self.painter = Painter(*plan.page)
        self.pen = Pen(self.painter, style)
        self.w, self.h = plan.page
        self.left, self.right = plan.margin, self.w - plan.margin
        if plan.axes["header"] == "sidebar":
            self.left = plan.sidebar_w + plan.margin * 0.6
        self.footer_h = 0.0
