"""The content of a generated document before layout: parties, items, taxes, totals, print styles.

Content holds typed values; the layout decides what is printed where and the painter records it.
The truth of a document is the canonical value of every field that was actually printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from docsift.synth.fmt import MoneyStyle, NumberStyle, canon_amount, canon_number, format_date


@dataclass
class Party:
    """A company or person with an address, as printed in a header or address block."""

    name: str
    address: list[str]  # printed lines, street first
    phone: str | None = None
    email: str | None = None
    tax_id: str | None = None  # canonical (upper-case, no spaces)
    tax_id_printed: str | None = None
    pan: str | None = None
    state: str | None = None  # Indian state name
    state_code: str | None = None
    extra: list[str] = field(default_factory=list)  # registration lines (company no., etc.)
    salutation: str | None = None  # printed before a person's name ("Herrn", "Mme"); not part of the name
    attn: str | None = None  # contact person printed after a company's name ("Attn: ...")


@dataclass
class Item:
    """One line item; amount = quantity x unit_price - discount (unless made inconsistent)."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    product_code: str | None = None
    unit: str | None = None
    discount: Decimal = Decimal("0")
    tax_rate: Decimal = Decimal("0")
    tax_amount: Decimal = Decimal("0")
    service: bool = False


@dataclass
class TaxLine:
    """One tax line of the breakdown: type (VAT, CGST, SGST, IGST, SALES, GST, SST), rate, basis, amount."""

    tax_type: str
    rate: Decimal
    basis: Decimal
    amount: Decimal

    def canonical(self) -> dict[str, str]:
        """The tax_details entry of the truth."""
        return {
            "tax_type": self.tax_type,
            "rate": canon_number(self.rate),
            "basis": canon_amount(self.basis),
            "amount": canon_amount(self.amount),
        }


@dataclass
class Formats:
    """How this document prints numbers, money and dates."""

    number: NumberStyle
    money: MoneyStyle
    date_pattern: str
    months: list[str]
    months_abbr: list[str]
    qty_places: int = 0

    def date(self, d: date) -> str:
        """``d`` in this document's date pattern."""
        return format_date(d, self.date_pattern, self.months, self.months_abbr)

    def amount(self, v: Decimal, mark: bool = False) -> str:
        """Money printed with or without the currency mark."""
        return self.money.format(v, with_mark=mark)

    def qty(self, q: Decimal) -> str:
        """A quantity as printed (integers without decimals unless the document uses fixed places)."""
        if q == q.to_integral_value() and self.qty_places == 0:
            return self.number.format(q, 0)
        places = max(self.qty_places, 1 if (q * 10) == (q * 10).to_integral_value() else 2)
        return self.number.format(q, places)

    def rate(self, r: Decimal) -> str:
        """A tax rate as printed ("19", "5.5" in the locale's decimal mark)."""
        return canon_number(r).replace(".", self.number.decimal)


@dataclass
class Content:
    """Everything a document says, typed; ``fields`` maps canonical names to canonical values."""

    document_type: str
    locale: str
    language: str
    currency: str
    formats: Formats
    fields: dict[str, str] = field(default_factory=dict)
    parties: dict[str, Party] = field(default_factory=dict)  # vendor, customer, shipping
    items: list[Item] = field(default_factory=list)
    taxes: list[TaxLine] = field(default_factory=list)
    amounts: dict[str, Decimal] = field(default_factory=dict)  # subtotal, total_discount, shipping, ...
    dates: dict[str, date] = field(default_factory=dict)
    times: dict[str, time] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)  # printed texts that are not fields
    inconsistencies: list[str] = field(default_factory=list)
    regime: str = "vat"  # vat, gst, sales, sst, none
