"""Invoice content beyond the items and taxes: credit notes, balances carried from earlier invoices,
numbers that are not the invoice number, the label set of a document and what credit notes print.

Truth convention: every amount in the content (and in the truth) is a positive magnitude; a credit
note says so in ``extra["credit_note"]`` and may print its amounts negative (``shown``).
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal
from functools import cache
from typing import Any

from docsift.synth import ids
from docsift.synth.common import price
from docsift.synth.fmt import money
from docsift.synth.knowledge import labels, load, locale, merged, pick, weighted
from docsift.synth.model import Content
from docsift.synth.scripts import devanagari_font, latin_only

CREDIT_RATE = 0.08
HINDI_RATE = 0.3  # share of en_IN invoices with bilingual Hindi / English labels
BALANCES = [("plain", 0.72), ("prepaid", 0.07), ("payments", 0.08), ("previous", 0.13)]


@cache
def _document_labels(language: str, code: str, overlay: str, deva: bool) -> dict[str, Any]:
    base = labels(language)
    over = load("label_overlays").get(overlay, {}) if overlay else {}
    lab = merged(base, locale(code).get("labels", {}), over if deva else latin_only(over))
    return dict(lab)


def labels_for(language: str, code: str, overlay: str) -> dict[str, Any]:
    """The labels of an invoice in ``language`` and locale ``code``: the language's, the locale's own,
    and the overlay's (Hindi words; Devanagari ones only when a font draws them).

    The result is shared between documents: read it, never change it.
    """
    return _document_labels(language, code, overlay, devanagari_font() is not None)


def document_labels(c: Content) -> dict[str, Any]:
    """The labels of invoice ``c`` (see ``labels_for``)."""
    return labels_for(c.language, c.locale, c.extra.get("label_set", ""))


def choose_label_set(rng: random.Random, code: str) -> str:
    """The overlay of a new invoice: "hi_en" for some Indian ones, else ""."""
    return "hi_en" if code == "en_IN" and rng.random() < HINDI_RATE else ""


def credit_note(rng: random.Random, c: Content) -> None:
    """Makes some invoices credit notes; chooses how negative amounts are printed on every invoice.

    A credit note prints its amounts negative (``credit_negative``) or as plain magnitudes.
    """
    notation = weighted(rng, [(k, float(w)) for k, w in load("layouts")["negative"].items()])
    c.formats.money = replace(c.formats.money, negative=notation)
    if rng.random() < CREDIT_RATE:
        c.extra["credit_note"] = "1"
        c.extra["credit_negative"] = "1" if rng.random() < 0.7 else ""


def shown(c: Content, value: Decimal) -> Decimal:
    """``value`` as the document prints it: negated on credit notes that print negative amounts."""
    return -value if c.extra.get("credit_negative") else value


def balance(rng: random.Random, c: Content) -> None:
    """Advance, payments and a previous balance around the invoice total; sets ``amount_due``.

    ``amount_due`` = total + previous balance - payments - advance, never below zero; the previous
    balance is often larger than the invoice's own total.
    """
    a = c.amounts
    total = a["invoice_total"]
    kind = "plain" if c.extra.get("credit_note") else weighted(rng, BALANCES)
    c.extra["balance"] = kind
    if kind == "prepaid":
        a["prepaid"] = money(total * Decimal(pick(rng, [10, 20, 25, 30, 50])) / 100)
    elif kind == "payments":
        a["payments"] = total if rng.random() < 0.2 else money(total * Decimal(rng.randrange(10, 90)) / 100)
    elif kind == "previous":
        previous = price(rng, float(total) * 0.2 + 1, float(total) * 5 + 2)
        a["previous_balance"] = previous
        if rng.random() < 0.6:
            a["payments"] = previous if rng.random() < 0.6 else money(previous * Decimal("0.5"))
    a["amount_due"] = (
        total
        + a.get("previous_balance", Decimal(0))
        - a.get("payments", Decimal(0))
        - a.get("prepaid", Decimal(0))
    )


def _lookalike(rng: random.Random, year: int) -> str:
    """A reference shaped like an invoice number (so only its label tells them apart)."""
    return pick(
        rng,
        [
            f"{year}-{rng.randrange(1, 9999):04d}",
            str(rng.randrange(10000, 999999)),
            f"SO-{rng.randrange(1000, 99999)}",
            f"{rng.randrange(100, 999)}/{year % 100:02d}",
            f"{''.join(rng.choice(ids.LETTERS) for _ in range(2))}{rng.randrange(10000, 999999)}",
            f"{year}{rng.randrange(1000, 99999)}",
        ],
    )


def _same_shape(rng: random.Random, number: str) -> str:
    """Another number of the same shape as ``number`` (digits replaced, letters and signs kept)."""
    out = "".join(rng.choice("0123456789") if ch.isdigit() else ch for ch in number)
    return out if out != number else out + "1"


def distractors(rng: random.Random, c: Content, country: str) -> None:
    """Numbers printed near the invoice number that are not it: customer and account numbers, sales
    order, delivery note, a reference at the top of the page, a bank sort code."""
    year = c.dates["invoice_date"].year
    c.extra["customer_no"] = str(rng.randrange(10000, 99999))
    c.extra["sales_order"] = _lookalike(rng, year)
    c.extra["delivery_note"] = _lookalike(rng, year)
    c.extra["account_ref"] = f"{rng.randrange(100, 999)}{rng.randrange(10000, 99999)}"
    c.extra["top_ref"] = _lookalike(rng, year)
    c.extra["original_invoice"] = _same_shape(rng, c.fields["invoice_number"])
    if country == "GB" and rng.random() < 0.5:
        c.extra["sort_code"] = ids.sort_code(rng, "GB")
        c.fields["bank_account_number"] = ids.account_number(rng, 8)
    elif country == "DE" and rng.random() < 0.15:
        c.extra["sort_code"] = ids.sort_code(rng, "DE")
