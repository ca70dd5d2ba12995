"""Choices for the printed parts of an invoice: party blocks, the reference block with its distractor
numbers, vendor ids, notes and the line at the very top of the page.

Every function returns what will be printed; nothing is drawn here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from docsift.synth.fmt import amount_words
from docsift.synth.invoice.blocks import Entry
from docsift.synth.knowledge import load, pick
from docsift.synth.model import Content, Party

WRAP_NAME_RATE = 0.15


@dataclass
class PartyLook:
    """How one party block is printed: heading, salutation, the name's lines, attention line, extras."""

    heading: str | None
    name_lines: list[str]
    salutation: str | None = None
    salutation_line: bool = False  # on its own line above the name ("Herrn" / "Max Muster")
    attn: str | None = None  # the whole printed line ("z. Hd. Anna Berg")
    kv_labels: tuple[str, str] | None = None  # ("CUSTOMER NAME", "ADDRESS") for a key-value block
    extra: list[Entry] = field(default_factory=list)
    lead: list[Entry] = field(default_factory=list)  # id rows between the heading and the name


def split_name(name: str) -> list[str]:
    """``name`` broken at the space nearest its middle into two lines (one line when it has one word)."""
    words = name.split()
    if len(words) < 2:
        return [name]
    cut = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(name) / 2))
    return [" ".join(words[:cut]), " ".join(words[cut:])]


KV_SECTION_RATE = 0.5  # key-value party blocks under a section heading
LEAD_RATE = 0.2  # a labelled party block opening with its id rows ("Nummer: 549910" over the name)


def lead_rows(c: Content, lab: dict, prefix: str) -> list[Entry]:
    """The party's own numbers printed under its heading and above its name (a customer or supplier
    number, a global location number), for a fifth of the labelled blocks.

    Drawn from a generator of their own, seeded by the document's number, so that documents without
    such rows come out as they did before these rows existed."""
    rng = random.Random(f"lead:{prefix}:{c.fields['invoice_number']}")
    if rng.random() >= LEAD_RATE:
        return []
    number = c.extra.get("customer_no") if prefix == "customer" else None
    number = number or f"{rng.choice('ABCDEFGHKLMNPRSTVW')}{rng.randint(10, 99)}{rng.randint(10000, 999999)}"
    labels = lab["fields"]["x_customer_no"] + ["No.", "Nummer", "ID"]
    rows = [Entry("x_party_number", pick(rng, labels), number)]
    if rng.random() < 0.5:
        gln = "".join(str(rng.randint(0, 9)) for _ in range(13))
        rows.append(Entry("x_party_gln", pick(rng, ["GLN", "Global ID", "Globale Nummer", "EAN"]), gln))
    rng.shuffle(rows)
    return rows


def _name_lines(rng: random.Random, party: Party) -> list[str]:
    if len(party.name) >= 16 and len(party.name.split()) >= 2 and rng.random() < WRAP_NAME_RATE:
        return split_name(party.name)
    return [party.name]


def customer_look(rng: random.Random, c: Content, lab: dict, parties_axis: str) -> PartyLook:
    """The customer block: labelled, unlabelled (window) or key-value, with salutation or attention line."""
    cust = c.parties["customer"]
    p = lab["parties"]
    heading = pick(rng, p["customer"])
    section = parties_axis == "kv" and rng.random() < KV_SECTION_RATE  # "Buyer" over "Name: X" rows
    look = PartyLook(
        heading=None if parties_axis == "window" or (parties_axis == "kv" and not section) else heading,
        name_lines=_name_lines(rng, cust),
    )
    if section:
        look.kv_labels = (pick(rng, p["kv_name"]), pick(rng, p["kv_address"]))
    elif parties_axis == "kv":
        look.kv_labels = (pick(rng, p["customer_kv_name"]), pick(rng, p["customer_kv_address"]))
    if cust.salutation:
        look.salutation = cust.salutation
        look.salutation_line = rng.random() < 0.5 and parties_axis != "kv"  # key-value: same line
    if cust.attn:
        look.attn = f"{pick(rng, p['attn'])} {cust.attn}"
    look.extra = _customer_extra(rng, c, lab["fields"])
    if look.heading:
        look.lead = lead_rows(c, lab, "customer")
    return look


def shipping_look(rng: random.Random, c: Content, lab: dict) -> PartyLook:
    """The ship-to block: always labelled."""
    return PartyLook(
        heading=pick(rng, lab["parties"]["shipping"]), name_lines=_name_lines(rng, c.parties["shipping"])
    )


def vendor_look(rng: random.Random, c: Content, lab: dict, extra: list[Entry]) -> PartyLook:
    """The vendor's "From:" block (header ``from_block``), sometimes as "Seller" over "Name: X" rows."""
    p = lab["parties"]
    look = PartyLook(heading=pick(rng, p["vendor"]), name_lines=[c.parties["vendor"].name], extra=extra)
    if rng.random() < KV_SECTION_RATE:
        look.kv_labels = (pick(rng, p["kv_name"]), pick(rng, p["kv_address"]))
    look.lead = lead_rows(c, lab, "vendor")
    return look


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


def meta_entries(rng: random.Random, c: Content, f: dict, skip_number: bool) -> list[Entry]:
    """The reference block: number, dates, order, place of supply, terms and numbers that are not the
    invoice number (customer, account, sales order, delivery note, original invoice)."""
    fm = c.formats
    credit = bool(c.extra.get("credit_note"))
    number_label = pick(rng, f["credit_number"] if credit and rng.random() < 0.8 else f["invoice_number"])
    entries = [] if skip_number else [Entry("invoice_number", number_label, c.fields["invoice_number"])]
    entries.append(Entry("invoice_date", pick(rng, f["invoice_date"]), fm.date(c.dates["invoice_date"])))
    if "due_date" in c.dates and rng.random() < 0.85:
        entries.append(Entry("due_date", pick(rng, f["due_date"]), fm.date(c.dates["due_date"])))
    if "purchase_order" in c.fields:
        entries.append(Entry("purchase_order", pick(rng, f["purchase_order"]), c.fields["purchase_order"]))
    for key, extra, rate in (
        ("x_customer_no", "customer_no", 0.35),
        ("x_sales_order", "sales_order", 0.15),
        ("x_delivery_note", "delivery_note", 0.15),
        ("x_account_ref", "account_ref", 0.08),
        ("x_original_invoice", "original_invoice", 0.8 if credit else 0.0),
    ):
        if rng.random() < rate:
            entries.append(Entry(key, pick(rng, f[key]), c.extra[extra]))
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


def vendor_ids(rng: random.Random, c: Content, f: dict) -> tuple[list[Entry], list[Entry]]:
    """Vendor contact and id entries, and bank entries; the caller decides where they are printed."""
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
    if "contact" in c.extra and "x_contact" in f:
        ids.insert(0, Entry("x_contact", pick(rng, f["x_contact"]), c.extra["contact"]))
    bank: list[Entry] = []
    if "bank_name" in c.extra:
        bank.append(Entry("x_bank", pick(rng, f["x_bank"]), c.extra["bank_name"]))
    if "sort_code" in c.extra:
        bank.append(Entry("x_sort_code", pick(rng, f["x_sort_code"]), c.extra["sort_code"]))
    for key in ("bank_account_number", "ifsc", "iban", "bic"):
        if key in c.fields:
            value = c.fields[key]
            value = _group4(value) if key == "iban" and rng.random() < 0.7 else value
            bank.append(Entry(key, pick(rng, f[key]), value))
    return ids, bank


def _group4(value: str) -> str:
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def notes(rng: random.Random, c: Content, lab: dict, meta: list[Entry]) -> list[tuple[str, str | None]]:
    """Texts under the totals: payment terms, reverse-charge note, amount in words, thanks."""
    w = lab["words"]
    out: list[tuple[str, str | None]] = []
    if not any(e.key == "payment_terms" for e in meta) and rng.random() < 0.5:
        out.append((c.fields["payment_terms"], "payment_terms"))
    if c.extra.get("reverse_charge"):
        out.append((pick(rng, w["reverse_charge"]), None))
    if c.currency == "INR" and rng.random() < 0.7:
        prefix = pick(rng, load("india")["tax_labels"]["words_prefix"])
        words = amount_words(c.amounts["invoice_total"], "INR")
        out.append((words if prefix == "Rupees" else f"{prefix}: {words}", None))
    elif c.language == "en" and rng.random() < 0.15:
        words = amount_words(c.amounts["invoice_total"], c.currency)
        out.append((f"{pick(rng, w['words_prefix'][:2])}: {words}", None))
    if rng.random() < 0.5:
        out.append((pick(rng, w["thanks"]), None))
    return out


def top_line(rng: random.Random, c: Content, f: dict, kind: str) -> Entry | None:
    """What is printed at the very top edge of the page: a reference number, or None."""
    if kind != "ref":
        return None
    return Entry("x_top_ref", pick(rng, f["x_top_ref"]), c.extra["top_ref"])
