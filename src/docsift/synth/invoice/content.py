"""What an invoice says: parties, references, items, taxes and totals with consistent arithmetic."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from docsift.synth import ids, parties
from docsift.synth.common import currency_mark, description, issue_date, make_formats, price, quantity
from docsift.synth.fmt import canon_amount, canon_number, money
from docsift.synth.invoice import extras
from docsift.synth.knowledge import load, locale, pick, weighted
from docsift.synth.model import Content, Item, Party, TaxLine

INVOICE_LOCALES: list[tuple[str, float]] = [
    ("en_US", 1.2),
    ("en_GB", 0.8),
    ("en_IN", 1.6),
    ("de_DE", 1.3),
    ("de_AT", 0.3),
    ("de_CH", 0.3),
    ("fr_FR", 1.0),
    ("es_ES", 0.8),
    ("nl_NL", 0.7),
    ("it_IT", 0.8),
    ("pt_PT", 0.5),
    ("pt_BR", 0.5),
]
INCONSISTENT_RATE = 0.04


def invoice_content(rng: random.Random, code: str | None = None, unicode_ok: bool = True) -> Content:
    """A complete, arithmetically consistent invoice (a few percent deliberately inconsistent)."""
    code = code or weighted(rng, INVOICE_LOCALES)
    loc = locale(code)
    label_set = extras.choose_label_set(rng, code)
    lab = extras.labels_for(loc["language"], code, label_set)
    currency, mark = currency_mark(rng, loc, unicode_ok)
    c = Content(
        "invoice", code, loc["language"], currency, make_formats(rng, loc, lab, mark), regime=loc["tax"]
    )
    c.extra["label_set"] = label_set
    extras.credit_note(rng, c)
    _parties(rng, c, loc, code, lab)
    _references(rng, c, lab)
    extras.distractors(rng, c, loc["country"])
    _items(rng, c, loc)
    _totals(rng, c, loc)
    extras.balance(rng, c)
    _bank(rng, c, loc)
    if rng.random() < INCONSISTENT_RATE:
        _break(rng, c)
    _fields(c)
    return c


def _parties(rng: random.Random, c: Content, loc: dict, code: str, lab: dict) -> None:
    india = load("india")
    states = india["states"]
    vstate = cstate = None
    if c.regime == "gst":
        codes = sorted(india["state_cities"])
        vcode = pick(rng, codes)
        ccode = vcode if rng.random() < 0.55 else pick(rng, codes)
        vstate, cstate = (vcode, states[vcode]), (ccode, states[ccode])
    vendor = parties.company(rng, loc, code, vstate)
    b2c = rng.random() < 0.2
    if b2c:
        gender = "female" if rng.random() < 0.5 else "male"
        customer = parties.person(rng, loc, code, cstate, gender)
        customer.salutation = pick(rng, lab["parties"][f"salutation_{gender}"])
    else:
        customer = parties.company(rng, loc, code, cstate)
        if rng.random() < 0.2:
            customer.attn = parties.person(rng, loc, code, None, rng.choice(["female", "male"])).name
    _tax_ids(rng, c, loc, vendor, customer, b2c)
    c.parties = {"vendor": vendor, "customer": customer}
    if rng.random() < 0.4:
        same = rng.random() < 0.3
        ship = Party(
            name=customer.name if same else parties.company_name(rng, loc, code),
            address=parties.address(rng, loc, code, cstate),
        )
        c.parties["shipping"] = ship
    c.extra["b2c"] = "1" if b2c else ""
    if rng.random() < 0.3:  # a contact person or managing director printed near the vendor (not a party)
        c.extra["contact"] = parties.person(rng, loc, code, None, rng.choice(["female", "male"])).name


def _tax_ids(rng: random.Random, c: Content, loc: dict, vendor: Party, customer: Party, b2c: bool) -> None:
    if c.regime == "gst":
        vendor.pan = ids.pan(rng, "C", vendor.name)
        vendor.tax_id = ids.gstin(rng, vendor.state_code or "29", vendor.pan)
        if not b2c:
            customer.tax_id = ids.gstin(rng, customer.state_code or "29", ids.pan(rng, "C", customer.name))
    else:
        vendor.tax_id = ids.vat_id(rng, loc["tax_id"])
        if not b2c and c.regime == "vat":
            reverse = rng.random() < 0.08
            kind = (
                pick(rng, ["de_vat", "fr_vat", "nl_vat", "it_vat", "es_vat", "at_vat", "be_vat"])
                if reverse
                else loc["tax_id"]
            )
            customer.tax_id = ids.vat_id(rng, kind)
            if reverse and customer.tax_id[:2] != vendor.tax_id[:2]:
                c.extra["reverse_charge"] = "1"
    for party in (vendor, customer):
        if party.tax_id:
            party.tax_id_printed = ids.spaced_vat(party.tax_id, rng)
            party.tax_id = party.tax_id.replace(" ", "").upper()


def _references(rng: random.Random, c: Content, lab: dict) -> None:
    d = issue_date(rng)
    c.dates["invoice_date"] = d
    year = d.year
    shapes = [
        f"INV-{year}-{rng.randrange(1, 9999):04d}",
        str(rng.randrange(10000, 999999)),
        f"RE{year % 100:02d}{rng.randrange(1, 99999):05d}",
        f"F{year}/{rng.randrange(1, 999):03d}",
        f"{year}-{rng.randrange(1, 9999):04d}",
        f"A{rng.randrange(100000, 999999)}",
        f"{year}{d.month:02d}{rng.randrange(1, 999):03d}",
        f"GST/{year % 100:02d}-{(year + 1) % 100:02d}/{rng.randrange(1, 9999):04d}",
        f"{''.join(rng.choice(ids.LETTERS) for _ in range(3))}/{rng.randrange(1, 99999):05d}",
    ]
    c.fields["invoice_number"] = pick(rng, shapes if c.regime == "gst" else shapes[:-2] + shapes[-1:])
    days = pick(rng, [0, 7, 10, 14, 15, 21, 30, 30, 30, 45, 60, 90])
    if rng.random() < 0.8:
        c.dates["due_date"] = d + timedelta(days=days)
    words = lab["words"]
    terms = (
        pick(rng, words["due_on_receipt"])
        if days == 0
        else pick(rng, [t for t in words["terms"] if "{d}" in t])
    )
    c.extra["payment_terms"] = terms.replace("{d}", str(days))
    if rng.random() < 0.55:
        c.fields["purchase_order"] = pick(
            rng,
            [
                f"PO-{rng.randrange(1000, 99999)}",
                f"{rng.randrange(4500000000, 4599999999)}",
                f"PO{year}{rng.randrange(100, 9999)}",
                f"ORD-{rng.randrange(10000, 999999)}",
            ],
        )
    if rng.random() < 0.3:
        c.dates["x_delivery_date"] = d - timedelta(days=rng.randrange(0, 20))


def _items(rng: random.Random, c: Content, loc: dict) -> None:
    n = weighted(
        rng,
        [
            (rng.randrange(1, 4), 0.35),
            (rng.randrange(4, 9), 0.35),
            (rng.randrange(9, 21), 0.2),
            (rng.randrange(21, 41), 0.1),
        ],
    )
    mix = weighted(rng, [("goods", 0.5), ("services", 0.25), ("mixed", 0.25)])
    rates = [Decimal(r) for r in loc["tax_rates"]]
    multi_rate = c.regime in ("vat", "gst") and rng.random() < 0.3
    line_discount = rng.random() < 0.12
    scale = 60.0 if c.currency == "INR" else 1.0
    lang = c.language
    units = load("words")["units"][lang]
    for _ in range(n):
        service = mix == "services" or (mix == "mixed" and rng.random() < 0.5)
        qty = quantity(rng, service)
        unit_price = price(rng, 0.5 * scale, (3000 if service else 800) * scale)
        gross = money(qty * unit_price)
        discount = (
            money(gross * Decimal(pick(rng, [5, 10, 15, 20])) / 100)
            if line_discount and rng.random() < 0.6
            else Decimal("0.00")
        )
        rate = (pick(rng, rates) if multi_rate else rates[0]) if c.regime != "sales" else Decimal("0")
        amount = gross - discount
        unit = pick(rng, load("words")["service_units"][lang]) if service else pick(rng, units)
        code = ids.hsn(rng, service) if c.regime == "gst" else ids.sku(rng)
        c.items.append(
            Item(
                description=description(rng, lang, service, rng.random() < 0.12),
                quantity=qty,
                unit_price=unit_price,
                amount=amount,
                product_code=code,
                unit=unit,
                discount=discount,
                tax_rate=rate,
                tax_amount=money(amount * rate / 100),
                service=service,
            )
        )
    c.extra["line_discount"] = "1" if line_discount else ""


def _totals(rng: random.Random, c: Content, loc: dict) -> None:
    subtotal = sum((i.amount for i in c.items), Decimal("0.00"))
    a = c.amounts
    a["subtotal"] = subtotal
    single_rate = len({i.tax_rate for i in c.items}) == 1
    if single_rate and rng.random() < 0.12:
        a["total_discount"] = money(subtotal * Decimal(pick(rng, [2, 3, 5, 10])) / 100)
    if c.regime != "gst" and rng.random() < 0.15:
        a["shipping"] = price(rng, 4, 80)
    if c.regime == "sales":
        sales_tax(c, rng, loc)
    else:
        c.taxes = _tax_lines(c, single_rate, loc.get("tax_type", "VAT"))
    a["total_tax"] = sum((t.amount for t in c.taxes), Decimal("0.00"))
    total = subtotal - a.get("total_discount", Decimal(0)) + a.get("shipping", Decimal(0)) + a["total_tax"]
    step = Decimal("1") if c.regime == "gst" else Decimal("0.05") if c.currency == "CHF" else None
    if step and rng.random() < (0.5 if c.regime == "gst" else 0.7):  # rupees; Swiss 5-rappen rounding
        rounded = money((total / step).quantize(Decimal("1"), rounding="ROUND_HALF_UP") * step)
        if rounded != total:
            a["round_off"] = rounded - total
            total = rounded
    a["invoice_total"] = total


def _tax_lines(c: Content, single_rate: bool, vat: str) -> list[TaxLine]:
    """Tax per rate on the net basis (document discount and shipping go to the single rate's basis)."""
    by_rate: dict[Decimal, Decimal] = {}
    for item in c.items:
        by_rate[item.tax_rate] = by_rate.get(item.tax_rate, Decimal("0.00")) + item.amount
    if single_rate:
        rate = next(iter(by_rate))
        by_rate[rate] += c.amounts.get("shipping", Decimal(0)) - c.amounts.get("total_discount", Decimal(0))
    lines: list[TaxLine] = []
    for rate, basis in sorted(by_rate.items(), reverse=True):
        if c.extra.get("reverse_charge"):
            lines.append(TaxLine(vat, Decimal(0), basis, Decimal("0.00")))
        elif c.regime == "gst":
            intra = c.parties["vendor"].state_code == c.parties["customer"].state_code
            if intra:
                half = rate / 2
                lines += [
                    TaxLine("CGST", half, basis, money(basis * half / 100)),
                    TaxLine("SGST", half, basis, money(basis * half / 100)),
                ]
            else:
                lines.append(TaxLine("IGST", rate, basis, money(basis * rate / 100)))
        else:
            lines.append(TaxLine(vat, rate, basis, money(basis * rate / 100)))
    return lines


def sales_tax(c: Content, rng: random.Random, loc: dict) -> None:
    """Sets the single US sales-tax line on the taxable amount (shipping is not taxed)."""
    rate = Decimal(pick(rng, loc["tax_rates"]))
    basis = c.amounts["subtotal"] - c.amounts.get("total_discount", Decimal(0))
    c.taxes = [TaxLine("SALES", rate, basis, money(basis * rate / 100))]


def _bank(rng: random.Random, c: Content, loc: dict) -> None:
    bank = loc["bank"]
    if bank == "iban":
        c.fields["iban"] = ids.iban(rng, loc["iban_country"])
        if rng.random() < 0.8:
            c.fields["bic"] = ids.bic(rng, loc["iban_country"])
    elif bank == "india":
        india = load("india")["tax_labels"]
        k = rng.randrange(len(india["bank_name"]))
        c.extra["bank_name"] = india["bank_name"][k]
        c.fields["bank_account_number"] = ids.account_number(rng, rng.choice([11, 12, 14, 15, 16]))
        c.fields["ifsc"] = ids.ifsc(rng, india["ifsc_prefix"][k])
    elif bank == "us" and rng.random() < 0.5:
        c.fields["bank_account_number"] = ids.account_number(rng, rng.choice([9, 10, 12]))
        c.extra["routing"] = ids.account_number(rng, 9)


def _break(rng: random.Random, c: Content) -> None:
    """Makes one printed number disagree with the others, and says which in ``inconsistencies``."""
    delta = Decimal(rng.choice(["0.10", "1.00", "10.00", "100.00"])) * rng.choice([1, -1])
    choice = rng.choice(["line_amount", "subtotal", "total", "tax"])
    if choice == "line_amount" or (choice == "tax" and not c.taxes):
        item = rng.choice(c.items)
        item.amount += delta
        c.inconsistencies.append("line_amount: quantity x unit_price - discount != amount")
    elif choice == "subtotal":
        c.amounts["subtotal"] += delta
        c.inconsistencies.append("subtotal: sum of line amounts != subtotal")
    elif choice == "total":
        c.amounts["invoice_total"] += delta
        c.amounts["amount_due"] += delta
        c.inconsistencies.append("total: subtotal - discount + shipping + taxes != total")
    else:
        t = rng.choice(c.taxes)
        t.amount += delta
        c.amounts["total_tax"] += delta
        c.amounts["invoice_total"] += delta
        c.amounts["amount_due"] += delta
        c.inconsistencies.append(f"tax: {t.tax_type} amount != basis x rate")


def _fields(c: Content) -> None:
    """Canonical values of every field the content can print (the layout decides which are printed)."""
    f = c.fields
    f["invoice_date"] = c.dates["invoice_date"].isoformat()
    if "due_date" in c.dates:
        f["due_date"] = c.dates["due_date"].isoformat()
    f["currency"] = c.currency
    f["payment_terms"] = c.extra["payment_terms"]
    for role, prefix in (("vendor", "vendor"), ("customer", "customer"), ("shipping", "shipping")):
        party = c.parties.get(role)
        if party is None:
            continue
        f[f"{prefix}_name"] = party.name
        f[f"{prefix}_address"] = ", ".join(party.address)
        if party.tax_id and role != "shipping":
            f[f"{prefix}_tax_id"] = party.tax_id
    vendor = c.parties["vendor"]
    for key, value in (
        ("vendor_pan", vendor.pan),
        ("vendor_email", vendor.email),
        ("vendor_phone", vendor.phone),
    ):
        if value:
            f[key] = value
    if c.regime == "gst" and c.parties["customer"].state:
        f["place_of_supply"] = c.parties["customer"].state or ""
    for key in ("subtotal", "total_discount", "total_tax", "invoice_total", "amount_due"):
        if key in c.amounts:
            f[key] = canon_amount(c.amounts[key])
    for kind in ("CGST", "SGST", "IGST"):
        lines = [t for t in c.taxes if t.tax_type == kind]
        if lines:
            f[f"{kind.lower()}_amount"] = canon_amount(sum((t.amount for t in lines), Decimal(0)))
    c.extra["tax_rates"] = ",".join(canon_number(t.rate) for t in c.taxes)
