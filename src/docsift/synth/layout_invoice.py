"""Invoice page composition: header, parties, reference block, item table, totals, notes and footer.

A layout is a set of random choices (``InvoicePlan``) made before drawing; drawing uses no randomness,
so a document can be drawn twice (once to count pages, once with "Page n of m").
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, LETTER

from docsift.synth.blocks import KV_STYLES, Entry
from docsift.synth.fmt import amount_words
from docsift.synth.knowledge import labels, load, pick
from docsift.synth.model import Content
from docsift.synth.painter import Painter
from docsift.synth.style import Pen, Style
from docsift.synth.table import TablePlan, TableWriter, plan_table
from docsift.synth.totals import TotalLine, draw_totals, total_lines

HEADERS = ("left", "right", "center", "banner")


@dataclass
class InvoicePlan:
    """Every random choice of one invoice's layout."""

    page: tuple[float, float]
    margin: float
    header: str
    title: str
    title_number: bool
    meta_style: str
    meta_side: str  # right (beside the customer), left, below (full width under the parties)
    meta: list[Entry]
    customer_heading: str | None
    shipping_heading: str
    vendor_extra: list[Entry]
    customer_extra: list[Entry]
    table: TablePlan
    totals: list[TotalLine]
    totals_boxed: bool
    notes: list[tuple[str, str | None]]  # (text, key)
    footer: list[list[Entry]]
    page_label: str
    logo: bool
    name: str = ""
    labels: dict[str, str] = field(default_factory=dict)


def plan_invoice(rng: random.Random, c: Content) -> InvoicePlan:
    """Chooses the layout of invoice ``c``."""
    lab = labels(c.language)
    f = lab["fields"]
    page = LETTER if c.locale == "en_US" else A4
    title_number = rng.random() < 0.15
    meta = _meta_entries(rng, c, f, skip_number=title_number)
    vendor_extra, footer = _vendor_ids(rng, c, f)
    plan = InvoicePlan(
        page=page,
        margin=rng.choice([32, 36, 42, 48, 56]),
        header=pick(rng, list(HEADERS)),
        title=pick(rng, lab["titles"]),
        title_number=title_number,
        meta_style=pick(rng, list(KV_STYLES)),
        meta_side=pick(rng, ["right", "right", "left", "below"]),
        meta=meta,
        customer_heading=pick(rng, lab["parties"]["customer"]) if rng.random() < 0.85 else None,
        shipping_heading=pick(rng, lab["parties"]["shipping"]),
        vendor_extra=vendor_extra,
        customer_extra=_customer_extra(rng, c, f),
        table=plan_table(rng, c, lab),
        totals=total_lines(rng, c, lab),
        totals_boxed=rng.random() < 0.3,
        notes=_notes(rng, c, lab, meta),
        footer=footer,
        page_label=pick(rng, lab["words"]["page"]),
        logo=rng.random() < 0.4,
    )
    plan.name = f"invoice/{plan.header}/{plan.meta_style}-{plan.meta_side}/{plan.table.ruled}"
    if title_number:
        plan.labels["invoice_number"] = plan.title
    return plan


def _meta_entries(rng: random.Random, c: Content, f: dict, skip_number: bool) -> list[Entry]:
    fm = c.formats
    entries = (
        []
        if skip_number
        else [Entry("invoice_number", pick(rng, f["invoice_number"]), c.fields["invoice_number"])]
    )
    entries.append(Entry("invoice_date", pick(rng, f["invoice_date"]), fm.date(c.dates["invoice_date"])))
    if "due_date" in c.dates and rng.random() < 0.85:
        entries.append(Entry("due_date", pick(rng, f["due_date"]), fm.date(c.dates["due_date"])))
    if "purchase_order" in c.fields:
        entries.append(Entry("purchase_order", pick(rng, f["purchase_order"]), c.fields["purchase_order"]))
    if rng.random() < 0.35:
        entries.append(Entry("x_customer_no", pick(rng, f["x_customer_no"]), c.extra["customer_no"]))
    if "x_delivery_date" in c.dates:
        entries.append(
            Entry("x_delivery_date", pick(rng, f["x_delivery_date"]), fm.date(c.dates["x_delivery_date"]))
        )
    if "place_of_supply" in c.fields:
        party = c.parties["customer"]
        text = pick(
            rng, [f"{party.state} ({party.state_code})", f"{party.state_code}-{party.state}", party.state]
        )
        entries.append(Entry("place_of_supply", pick(rng, f["place_of_supply"]), text or ""))
    if rng.random() < 0.4:
        entries.append(Entry("payment_terms", pick(rng, f["payment_terms"]), c.fields["payment_terms"]))
    if rng.random() < 0.12 and "currency" in f:
        entries.append(Entry("currency", pick(rng, f["currency"]), c.currency))
    rng.shuffle(entries[2 if not skip_number else 1 :])
    return entries


def _vendor_ids(rng: random.Random, c: Content, f: dict) -> tuple[list[Entry], list[list[Entry]]]:
    """Vendor contact and id entries, split between the header block and the footer."""
    v = c.parties["vendor"]
    ids: list[Entry] = []
    if v.phone and rng.random() < 0.7:
        ids.append(Entry("vendor_phone", pick(rng, f["vendor_phone"]), v.phone))
    if v.email and rng.random() < 0.6:
        ids.append(Entry("vendor_email", pick(rng, f["vendor_email"]), v.email))
    if v.tax_id:
        ids.append(Entry("vendor_tax_id", pick(rng, f["vendor_tax_id"]), v.tax_id_printed or v.tax_id))
    if v.pan and rng.random() < 0.7:
        ids.append(Entry("vendor_pan", pick(rng, f["vendor_pan"]), v.pan))
    bank: list[Entry] = []
    fields = c.fields
    if "bank_name" in c.extra:
        bank.append(Entry("x_bank", pick(rng, f["x_bank"]), c.extra["bank_name"]))
    for key in ("bank_account_number", "ifsc", "iban", "bic"):
        if key in fields:
            value = _group4(fields[key]) if key == "iban" and rng.random() < 0.7 else fields[key]
            bank.append(Entry(key, pick(rng, f[key]), value))
    in_footer = rng.random() < 0.35
    header = [] if in_footer else ids
    footer = [e for e in [ids if in_footer else [], bank] if e]
    return header, footer


def _group4(value: str) -> str:
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def _customer_extra(rng: random.Random, c: Content, f: dict) -> list[Entry]:
    cust = c.parties["customer"]
    out = []
    if cust.tax_id and rng.random() < 0.85:
        out.append(
            Entry("customer_tax_id", pick(rng, f["customer_tax_id"]), cust.tax_id_printed or cust.tax_id)
        )
    if c.regime == "gst" and cust.state and rng.random() < 0.5:
        out.append(Entry("x_state", "State", f"{cust.state}, Code: {cust.state_code}"))
    return out


def _notes(rng: random.Random, c: Content, lab: dict, meta: list[Entry]) -> list[tuple[str, str | None]]:
    w = lab["words"]
    notes: list[tuple[str, str | None]] = []
    if not any(e.key == "payment_terms" for e in meta) and rng.random() < 0.5:
        notes.append((c.fields["payment_terms"], "payment_terms"))
    if c.extra.get("reverse_charge"):
        notes.append((pick(rng, w["reverse_charge"]), None))
    if c.currency == "INR" and rng.random() < 0.7:
        prefix = pick(rng, load("india")["tax_labels"]["words_prefix"])
        words = amount_words(c.amounts["invoice_total"], "INR")
        notes.append((words if prefix == "Rupees" else f"{prefix}: {words}", None))
    elif c.language == "en" and rng.random() < 0.15:
        notes.append(
            (
                f"{pick(rng, w['words_prefix'][:2])}: {amount_words(c.amounts['invoice_total'], c.currency)}",
                None,
            )
        )
    if rng.random() < 0.5:
        notes.append((pick(rng, w["thanks"]), None))
    return notes


class InvoiceWriter:
    """Draws an invoice by its plan; ``pages`` is the total page count printed in footers."""

    def __init__(self, c: Content, plan: InvoicePlan, style: Style, pages: int) -> None:
        self.c, self.plan, self.pages = c, plan, pages
        self.painter = Painter(*plan.page)
        self.pen = Pen(self.painter, style)
        self.w, self.h = plan.page
        self.left, self.right = plan.margin, self.w - plan.margin
        self.footer_h = (len(plan.footer) + 1) * style.line_h * 0.95 + 10

    def draw(self) -> Painter:
        """Draws every section; returns the painter holding the PDF and the recorded boxes."""
        from docsift.synth.layout_sections import draw_first_page_top, draw_notes

        y = draw_first_page_top(self, self.plan.margin)
        bottom = self.h - self.plan.margin - self.footer_h
        table = TableWriter(
            self.pen, self.c, self.plan.table, self.left, self.right - self.left, bottom, self.page_break
        )
        y = table.draw(y + 8)
        need = (len(self.plan.totals) + 1) * (self.pen.s.line_h + 2) + 10
        if y + need > bottom:
            y = self.page_break()
        width = min(300.0, (self.right - self.left) * 0.55)
        y = draw_totals(self.pen, self.c, self.plan.totals, self.right, width, y + 6, self.plan.totals_boxed)
        draw_notes(self, y + 4, bottom)
        self.footer()
        return self.painter

    def page_break(self) -> float:
        """Finishes the page (footer), starts the next with a short running header; returns the top y."""
        self.footer()
        self.painter.new_page()
        pen = self.pen
        v = self.c.parties["vendor"].name
        pen.text(self.left, self.plan.margin, v, bold=True, color=pen.s.accent)
        pen.text(
            self.right,
            self.plan.margin,
            f"{self.plan.title} {self.c.fields['invoice_number']}",
            align="right",
        )
        return self.plan.margin + pen.s.line_h * 2

    def footer(self) -> None:
        """Footer lines (ids, bank details) and the page number at the bottom of the current page."""
        pen = self.pen
        y = self.h - self.plan.margin - self.footer_h + 6
        pen.p.line(self.left, y - 3, self.right, y - 3, 0.4, (0.6, 0.6, 0.6))
        small = pen.s.size * 0.85
        for group in self.plan.footer:
            x = self.left
            for e in group:
                label = pen.label(e.label)
                text = f"{label} {e.value}"
                box = pen.text(
                    x,
                    y,
                    text,
                    size=small,
                    spans=((f"label:{e.key}", 0, len(label)), (e.key, len(label) + 1, len(text))),
                )
                x = box[2] + 14
            y += small * pen.s.leading
        label = self.plan.page_label.replace("{n}", str(self.painter.page)).replace("{m}", str(self.pages))
        pen.text(self.right, y, label, size=small, align="right")


def render_invoice(c: Content, plan: InvoicePlan, style: Style) -> Painter:
    """Draws the invoice, twice when it spans several pages so that "Page n of m" is right."""
    painter = InvoiceWriter(c, plan, style, pages=1).draw()
    if painter.page > 1:
        painter = InvoiceWriter(c, plan, style, pages=painter.page).draw()
    return painter
