"""E-invoice XML (CII and UBL) -> canonical invoice fields, line items and tax details.

The mapping from each syntax to docsift's field names is data (``cii.yaml``, ``ubl.yaml``); this
module only walks it. Values are normalised as fields.md says (dates ISO, amounts "1180.00",
rates "19", identifiers upper-case without spaces). Parsing is safe: no DTDs, no entities.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_et
import yaml
from defusedxml import DefusedXmlException

from docsift.errors import CorruptFile, UnsupportedFormat
from docsift.extraction.normalize.amounts import format_amount, format_number
from docsift.extraction.normalize.text import clean_address, clean_text, normalize_id
from docsift.reading.einvoice.paths import find, find_all, first_text, local_name, texts
from docsift.schema import Kind
from docsift.schema.invoice import SCHEMA

CII_ROOTS = {"CrossIndustryInvoice", "CrossIndustryDocument"}
UBL_ROOTS = {"Invoice", "CreditNote"}
_TAX_KINDS = {c.name: c.kind for c in SCHEMA.tax_columns}


@cache
def _mapping(syntax: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(f"{syntax.lower()}.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _root(data: bytes) -> Element:
    if not data or not data.strip():
        raise CorruptFile("the e-invoice XML is empty")
    try:
        root: Element = safe_et.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as e:
        raise CorruptFile(f"the e-invoice XML uses a DTD or entities, which are refused: {e}") from e
    except (ParseError, ValueError) as e:
        raise CorruptFile(f"the e-invoice XML is not well-formed: {e}") from e
    return root


def syntax_of(root: Element) -> str | None:
    """ "CII" or "UBL" for the root element of an e-invoice, else None."""
    name = local_name(root.tag)
    if name in CII_ROOTS:
        return "CII"
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    if name in UBL_ROOTS and "oasis" in namespace and "ubl" in namespace.lower():
        return "UBL"
    return None


def parse_invoice_xml(data: bytes) -> dict[str, Any]:
    """The invoice in a CII (ZUGFeRD 1/2.x, Factur-X, XRechnung CII) or UBL 2.1 (Invoice,
    CreditNote) document.

    Returns {"syntax": "CII"|"UBL", "profile", "type_code", "fields": {name: value},
    "line_items": [{column: value}], "tax_details": [{tax_type, rate, basis, amount}],
    "raw": the same three parts with the XML text of each value, "extras": {"charge_total": amount
    of document-level charges, which has no canonical field}, "warnings": [str]}, names from
    docsift.schema.invoice, values normalised (fields.md).
    Raises CorruptFile for empty, malformed or DTD/entity-bearing XML and UnsupportedFormat for
    well-formed XML that is not an invoice in either syntax.
    """
    root = _root(data)
    syntax = syntax_of(root)
    if syntax is None:
        raise UnsupportedFormat(f"XML root <{local_name(root.tag)}> is neither a CII nor a UBL invoice")
    mapping = _mapping(syntax)
    warnings: list[str] = []
    header = _header_fields(root, mapping, warnings)
    for role, path in mapping["parties"].items():
        _party_fields(header, role, find(root, path), mapping["party"])
    lines = _line_items(root, mapping["line_items"], warnings)
    taxes = _tax_details(root, mapping["tax_details"], warnings)
    return {
        "syntax": syntax,
        "profile": first_text(root, mapping["profile"]),
        "type_code": first_text(root, mapping["type_code"]),
        "fields": header.values,
        "line_items": [row.values for row in lines],
        "tax_details": [row.values for row in taxes],
        "raw": {
            "fields": header.raws,
            "line_items": [row.raws for row in lines],
            "tax_details": [row.raws for row in taxes],
        },
        "extras": {
            name: value
            for name, paths in mapping.get("extras", {}).items()
            if (value := _normalise(Kind.AMOUNT, first_text(root, paths), name, warnings)) is not None
        },
        "warnings": warnings,
    }


class _Values:
    """Normalised values with the XML text each came from."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.raws: dict[str, str] = {}

    def put(self, name: str, value: str | None, raw: str | None) -> None:
        if value is not None:
            self.values[name] = value
            self.raws[name] = raw if raw is not None else value


def _header_fields(root: Element, mapping: dict[str, Any], warnings: list[str]) -> _Values:
    out = _Values()
    for name, paths in mapping["fields"].items():
        kind = SCHEMA.kind(name)
        if kind == Kind.DATE:
            out.put(name, *_date_at(root, paths))
        elif name == "total_tax":
            raw = _text_in_currency(root, paths, out.values.get("currency"))
            out.put(name, _normalise(Kind.AMOUNT, raw, name, warnings), raw)
        else:
            raw = first_text(root, paths)
            out.put(name, _normalise(kind, raw, name, warnings), raw)
    return out


def _normalise(kind: Kind, text: str | None, name: str, warnings: list[str]) -> str | None:
    """An XML value (machine format: "." decimals, codes) normalised for ``kind``."""
    if text is None:
        return None
    if kind in (Kind.AMOUNT, Kind.NUMBER, Kind.RATE):
        try:
            number = Decimal(text.strip())
        except InvalidOperation:
            warnings.append(f"{name}: {text!r} is not a number")
            return None
        return format_amount(number) if kind == Kind.AMOUNT else format_number(number)
    if kind == Kind.ID:
        return normalize_id(text)
    if kind == Kind.CURRENCY:
        code = text.strip().upper()
        return code if re.fullmatch(r"[A-Z]{3}", code) else None
    return clean_text(text)


def _date_at(root: Element, paths: list[str]) -> tuple[str | None, str | None]:
    """(ISO date, XML text) of a date element: CII ``DateTimeString`` with format 102
    (YYYYMMDD), or ISO text (ZUGFeRD 1 references, UBL)."""
    for path in paths:
        for el in find_all(root, path):
            stamp = find(el, "DateTimeString")
            text = "".join((stamp if stamp is not None else el).itertext()).strip()
            fmt = stamp.get("format", "102") if stamp is not None else None
            m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text) if fmt in (None, "102") else None
            if m:
                return f"{m[1]}-{m[2]}-{m[3]}", text
            m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
            if m:
                return m.group(0), text
    return None, None


def _text_in_currency(root: Element, paths: list[str], currency: str | None) -> str | None:
    """The text at ``paths`` stated in the invoice currency (a tax total may repeat in the tax
    currency); the first one when none says its currency."""
    candidates = [el for path in paths for el in find_all(root, path)]
    chosen = next((el for el in candidates if currency and el.get("currencyID") == currency), None)
    chosen = chosen if chosen is not None else next(iter(candidates), None)
    return ("".join(chosen.itertext()).strip() or None) if chosen is not None else None


def _party_fields(out: _Values, role: str, party: Element | None, spec: dict[str, Any]) -> None:
    """name, address, tax_id, email, phone of one party, under ``{role}_...`` schema names."""
    if party is None:
        return
    for part, clean in (
        ("name", clean_text),
        ("tax_id", normalize_id),
        ("email", clean_text),
        ("phone", clean_text),
    ):
        raw = first_text(party, spec[part])
        if f"{role}_{part}" in SCHEMA.by_name and raw:
            out.put(f"{role}_{part}", clean(raw), raw)
    raw_address = _address(party, spec)
    if f"{role}_address" in SCHEMA.by_name and raw_address:
        out.put(f"{role}_address", clean_address(raw_address), raw_address)


def _address(party: Element, spec: dict[str, Any]) -> str | None:
    """The address lines of a party joined with newlines (postcode and city on one line)."""
    for path in [spec["address"], *spec.get("address_alternatives", [])]:
        address = find(party, path)
        if address is None:
            continue
        parts = []
        for part in spec["address_parts"]:
            names = part if isinstance(part, list) else [part]
            joined = " ".join(t for n in names for t in texts(address, n))
            if joined:
                parts.append(joined)
        if parts:
            return "\n".join(parts)
    return None


def _line_items(root: Element, spec: dict[str, Any], warnings: list[str]) -> list[_Values]:
    rows = []
    for line in find_all(root, spec["path"]):
        row = _Values()
        for column, paths in spec["columns"].items():
            raw = first_text(line, paths)
            row.put(column, _normalise(SCHEMA.kind(column), raw, f"line {column}", warnings), raw)
        row.put("discount", _allowances(line, spec, warnings), None)
        if any(k in row.values for k in spec["required_any"]):
            rows.append(row)
    return rows


def _allowances(line: Element, spec: dict[str, Any], warnings: list[str]) -> str | None:
    """The sum of a line's allowances (not charges), or None when it has none."""
    total, seen = Decimal(0), False
    for item in find_all(line, spec["allowances"]):
        if (first_text(item, spec["allowance_is_charge"]) or "").lower() == "true":
            continue
        amount = _normalise(Kind.AMOUNT, first_text(item, spec["allowance_amount"]), "allowance", warnings)
        if amount is not None:
            total += Decimal(amount)
            seen = True
    return format_amount(total) if seen else None


def _tax_details(root: Element, spec: dict[str, Any], warnings: list[str]) -> list[_Values]:
    rows = []
    for el in find_all(root, spec["path"]):
        row = _Values()
        for column, paths in spec["columns"].items():
            raw = first_text(el, paths)
            value = _normalise(_TAX_KINDS.get(column, Kind.TEXT), raw, f"tax {column}", warnings)
            row.put(column, value.upper() if value and column == "tax_type" else value, raw)
        if "amount" in row.values or "basis" in row.values:
            rows.append(row)
    return rows
