"""The layout of an invoice chosen before drawing (``InvoicePlan``): the value of every layout axis
(``axes``) and every other random choice of the page (margins, title, labels, blocks, pictures).

Drawing (``invoice.layout``) uses no randomness, so a document can be drawn twice (once to count
pages, once with "Page n of m").
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, LETTER

from docsift.synth.images import LogoSpec, SignatureSpec, StampSpec, plan_logo, plan_signature, plan_stamp
from docsift.synth.invoice import axes as layout_axes
from docsift.synth.invoice.blocks import Entry
from docsift.synth.invoice.extras import document_labels
from docsift.synth.invoice.plan_parts import (
    PartyLook,
    customer_look,
    meta_entries,
    notes,
    shipping_look,
    top_line,
    vendor_ids,
    vendor_look,
)
from docsift.synth.invoice.table import TablePlan, plan_table
from docsift.synth.invoice.totals import TotalLine, total_lines
from docsift.synth.knowledge import load, pick
from docsift.synth.model import Content
from docsift.synth.style import ACCENTS, FILLS, Color

SENDER_SEPARATORS = [" · ", " - ", ", ", " | ", " • "]
HEADERS_WITHOUT_TOP_VENDOR = ("footer", "logo_footer", "din")


@dataclass
class InvoicePlan:
    """Every random choice of one invoice's layout; ``axes`` holds the value of every layout axis."""

    page: tuple[float, float]
    margin: float
    axes: dict[str, str]
    title: str
    title_number: bool
    title_side: str  # left, right or center (where headers without a vendor block put it)
    title_scale: float
    meta: list[Entry]
    customer: PartyLook
    shipping: PartyLook | None  # printed only when the parties axis shows a ship-to block
    vendor_look: PartyLook  # the "From:" block
    from_first: bool
    vendor_extra: list[Entry]
    table: TablePlan
    totals: list[TotalLine]
    pay_label: str
    notes: list[tuple[str, str | None]]
    footer: list[list[Entry]]
    footer_name: bool
    footer_address: bool
    page_label: str
    logo: LogoSpec | None
    sender_sep: str
    top_ref: Entry | None
    signature: SignatureSpec | None
    stamp: StampSpec | None
    sign_top: str | None
    sign_bottom: str | None
    sidebar_w: float
    sidebar_fill: Color
    name: str = ""
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def family(self) -> str:
        """The family of this layout (its major axis values joined by "/")."""
        return layout_axes.family(self.axes)


def plan_invoice(rng: random.Random, c: Content, force: Mapping[str, str] | None = None) -> InvoicePlan:
    """Chooses the layout of invoice ``c``; ``force`` fixes axis values (tests, debugging)."""
    lab = document_labels(c)
    f = lab["fields"]
    table = plan_table(rng, c, lab)
    have = {"shipping"} if "shipping" in c.parties else set()
    if len(table.columns) <= 6:
        have.add("narrow_table")
    axes = layout_axes.choose_axes(rng, have, force)
    credit = bool(c.extra.get("credit_note"))
    title_number = rng.random() < 0.15
    meta = meta_entries(rng, c, f, skip_number=title_number)
    ids, bank = vendor_ids(rng, c, f)
    vendor_extra, footer, from_extra = _place_vendor_ids(rng, axes, ids, bank)
    signature_labels = list(lab["words"]["signature"])
    plan = InvoicePlan(
        page=LETTER if c.locale == "en_US" else A4,
        margin=rng.choice([32, 36, 42, 48, 56]),
        axes=axes,
        title=pick(rng, lab["credit_titles"] if credit else lab["titles"]),
        title_number=title_number,
        title_side=pick(rng, ["left", "right", "center"]),
        title_scale=rng.choice([2.4, 2.8, 3.2]),
        meta=meta,
        customer=customer_look(rng, c, lab, axes["parties"]),
        shipping=shipping_look(rng, c, lab) if axes["parties"].startswith("ship_") else None,
        vendor_look=vendor_look(rng, c, lab, from_extra),
        from_first=rng.random() < 0.6,
        vendor_extra=vendor_extra,
        table=table,
        totals=total_lines(rng, c, lab, marks=axes["currency_at"] == "amount"),
        pay_label=pick(rng, lab["totals"]["pay_box"]),
        notes=notes(rng, c, lab, meta),
        footer=footer,
        footer_name=_footer_name(rng, axes),
        footer_address=axes["header"] in HEADERS_WITHOUT_TOP_VENDOR or rng.random() < 0.3,
        page_label=pick(rng, lab["words"]["page"]),
        logo=_logo(rng, c, axes["logo"]),
        sender_sep=pick(rng, SENDER_SEPARATORS),
        top_ref=top_line(rng, c, f, axes["top_ref"]),
        signature=plan_signature(rng) if axes["signature"] in ("image", "stamp") else None,
        stamp=_stamp(rng, c, lab) if axes["signature"] == "stamp" else None,
        sign_top=_sign_top(rng, signature_labels),
        sign_bottom=pick(rng, [s for s in signature_labels if "{vendor}" not in s]),
        sidebar_w=rng.choice([130.0, 145.0, 160.0]),
        sidebar_fill=pick(rng, FILLS),
    )
    if axes["currency_at"] == "header":
        table.currency_header = pick(rng, load("layouts")["currency_header"])
    plan.name = f"invoice/{plan.family}/{table.ruled}"
    if title_number:
        plan.labels["invoice_number"] = plan.title
    return plan


def _place_vendor_ids(
    rng: random.Random, axes: dict[str, str], ids: list[Entry], bank: list[Entry]
) -> tuple[list[Entry], list[list[Entry]], list[Entry]]:
    """(entries under the vendor block, footer groups, entries in the "From" block)."""
    header = axes["header"]
    if header in HEADERS_WITHOUT_TOP_VENDOR:
        return [], [g for g in (ids, bank) if g], []
    if header == "from_block":
        return [], [bank] if bank else [], ids
    in_footer = header != "sidebar" and rng.random() < 0.35
    header_ids = [] if in_footer else ids
    return header_ids, [g for g in (ids if in_footer else [], bank) if g], []


def _footer_name(rng: random.Random, axes: dict[str, str]) -> bool:
    """Whether the footer repeats the vendor's name (never on logo-only pages, always when the
    footer is the only place for it)."""
    header = axes["header"]
    if header == "logo_only" or axes["footer"] != "columns":
        return False
    return header in ("footer", "logo_footer", "din") or rng.random() < 0.5


def _logo(rng: random.Random, c: Content, kind: str) -> LogoSpec | None:
    if kind not in ("image", "image_brand"):
        return None
    return plan_logo(rng, c.parties["vendor"].name, pick(rng, ACCENTS[:6]), brand=kind == "image_brand")


def _stamp(rng: random.Random, c: Content, lab: dict) -> StampSpec:
    return plan_stamp(rng, lab["words"]["stamp"], c.formats.date(c.dates["invoice_date"]))


def _sign_top(rng: random.Random, labels: list[str]) -> str | None:
    with_vendor = [s for s in labels if "{vendor}" in s]
    return pick(rng, with_vendor) if with_vendor and rng.random() < 0.6 else None
