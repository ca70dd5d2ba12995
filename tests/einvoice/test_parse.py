"""E-invoice XML (CII and UBL) read into canonical invoice fields, lines and tax details."""

from __future__ import annotations

import pytest

from docsift.errors import CorruptFile, UnsupportedFormat
from docsift.reading.einvoice import parse_invoice_xml
from docsift.schema.invoice import SCHEMA
from tests.einvoice.xmlgen import cii_invoice, cii_line, ubl_invoice, zugferd1_invoice


def test_given_a_factur_x_invoice_when_parsed_then_header_fields_are_canonical_and_normalised() -> None:
    parsed = parse_invoice_xml(cii_invoice())
    assert parsed["syntax"] == "CII"
    assert parsed["profile"] == "urn:cen.eu:en16931:2017"
    assert parsed["type_code"] == "380"
    assert parsed["fields"] == {
        "invoice_number": "RE-2024-17",
        "invoice_date": "2024-01-31",
        "due_date": "2024-03-01",
        "purchase_order": "PO4711",
        "currency": "EUR",
        "payment_terms": "30 days net",
        "subtotal": "200.00",
        "total_tax": "28.40",
        "invoice_total": "228.40",
        "amount_due": "200.00",
        "iban": "DE89370400440532013000",
        "bic": "COBADEFFXXX",
        "vendor_name": "Muster Werkzeuge GmbH",
        "vendor_address": "Hauptstr. 1, 10115 Berlin, DE",
        "vendor_tax_id": "DE999999999",
        "vendor_email": "billing@muster.example",
        "vendor_phone": "+49 30 1234",
        "customer_name": "Beispiel AG",
        "customer_address": "Marienplatz 2, 80331 München, DE",
        "shipping_name": "Beispiel AG Lager",
    }


def test_given_a_factur_x_invoice_when_parsed_then_note_lines_dropped_and_items_normalised() -> None:
    parsed = parse_invoice_xml(cii_invoice())
    assert parsed["line_items"] == [
        {"description": "Widget blue", "product_code": "SKU-1", "quantity": "10", "unit": "H87",
         "unit_price": "12.50", "tax_rate": "19", "amount": "120.00", "discount": "5.00"},
        {"description": "Manual", "product_code": "SKU-2", "quantity": "2", "unit": "H87",
         "unit_price": "40.00", "tax_rate": "7", "amount": "80.00"},
    ]  # fmt: skip
    assert parsed["tax_details"] == [
        {"tax_type": "VAT", "rate": "19", "basis": "120.00", "amount": "22.80"},
        {"tax_type": "VAT", "rate": "7", "basis": "80.00", "amount": "5.60"},
    ]


def test_given_a_parsed_invoice_when_listing_names_then_only_schema_names_are_used() -> None:
    for xml in (cii_invoice(), zugferd1_invoice(), ubl_invoice(), ubl_invoice("CreditNote")):
        parsed = parse_invoice_xml(xml)
        assert set(parsed["fields"]) <= set(SCHEMA.field_names)
        columns = {c.name for c in SCHEMA.line_columns}
        assert all(set(row) <= columns for row in parsed["line_items"])
        assert all(set(row) <= {c.name for c in SCHEMA.tax_columns} for row in parsed["tax_details"])


def test_given_a_parsed_invoice_then_raw_xml_text_is_kept_beside_each_value() -> None:
    parsed = parse_invoice_xml(cii_invoice())
    assert parsed["raw"]["fields"]["invoice_date"] == "20240131"
    assert parsed["raw"]["fields"]["vendor_tax_id"] == "DE 999999999"
    assert parsed["raw"]["line_items"][0]["quantity"] == "10.0000"
    assert parsed["raw"]["tax_details"][1]["rate"] == "7.00"


def test_given_a_zugferd_1_invoice_when_parsed_then_old_element_names_are_read() -> None:
    parsed = parse_invoice_xml(zugferd1_invoice())
    assert parsed["profile"] == "urn:ferd:CrossIndustryDocument:invoice:1p0:basic"
    f = parsed["fields"]
    assert (f["invoice_number"], f["invoice_date"], f["purchase_order"]) == ("A-99", "2013-06-05", "B-1")
    assert (f["subtotal"], f["total_tax"], f["invoice_total"]) == ("10.00", "1.90", "11.90")
    assert parsed["line_items"] == [
        {"description": "Beratung", "quantity": "1", "unit": "C62", "amount": "10.00"}
    ]
    assert parsed["tax_details"] == [{"tax_type": "VAT", "rate": "19", "basis": "10.00", "amount": "1.90"}]


def test_given_a_ubl_invoice_when_parsed_then_fields_lines_and_taxes_in_invoice_currency() -> None:
    parsed = parse_invoice_xml(ubl_invoice())
    assert parsed["syntax"] == "UBL"
    assert parsed["profile"].endswith("xrechnung_3.0")
    f = parsed["fields"]
    assert (
        f["invoice_number"] == "UBL-0042"
        and f["invoice_date"] == "2024-02-14"
        and f["due_date"] == "2024-03-15"
    )
    assert f["total_tax"] == "21.00"  # the EUR total, not the SEK one
    assert (f["subtotal"], f["invoice_total"], f["amount_due"]) == ("100.00", "121.00", "121.00")
    assert f["vendor_tax_id"] == "NL123456789B01"  # the VAT scheme, not the tax number
    assert f["vendor_email"] == "invoices@supplier.example" and f["vendor_phone"] == "+31 30 555"
    assert f["vendor_address"] == "Kerkstraat 5, 3511 AB Utrecht, NL"
    assert (f["customer_name"], f["customer_tax_id"]) == ("Customer SARL", "FR12345678901")
    assert (f["shipping_name"], f["shipping_address"]) == ("Customer Depot", "Quai 3, Lyon")
    assert (f["iban"], f["bic"], f["purchase_order"], f["payment_terms"]) == (
        "NL91ABNA0417164300", "ABNANL2A", "PO-77", "Net 30",
    )  # fmt: skip
    assert parsed["line_items"] == [
        {"description": "Consulting hours", "product_code": "CONS-1", "quantity": "4", "unit": "HUR",
         "unit_price": "25.00", "tax_rate": "21", "amount": "100.00"},
    ]  # fmt: skip
    assert parsed["tax_details"] == [{"tax_type": "VAT", "rate": "21", "basis": "100.00", "amount": "21.00"}]


def test_given_a_ubl_credit_note_when_parsed_then_credit_lines_and_payment_due_date_are_read() -> None:
    parsed = parse_invoice_xml(ubl_invoice("CreditNote"))
    assert parsed["type_code"] == "381"
    assert parsed["fields"]["due_date"] == "2024-03-15"
    assert parsed["line_items"][0]["quantity"] == "4"


def test_given_a_malformed_number_when_parsed_then_field_left_out_with_a_warning() -> None:
    xml = cii_invoice(lines=cii_line("1", "X", "abc", "1.00", "1.00", "19"))
    parsed = parse_invoice_xml(xml)
    assert "quantity" not in parsed["line_items"][0]
    assert any("not a number" in w for w in parsed["warnings"])


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", CorruptFile, "empty"),
        (b"   \n", CorruptFile, "empty"),
        (b"<rsm:CrossIndustryInvoice", CorruptFile, "not well-formed"),
        (cii_invoice()[:400], CorruptFile, "not well-formed"),
        (b"<html><body>hello</body></html>", UnsupportedFormat, "<html>"),
        (b"<Invoice xmlns='urn:example:other'/>", UnsupportedFormat, "neither"),
    ],
)
def test_given_broken_or_foreign_xml_when_parsed_then_clear_error(
    data: bytes, error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        parse_invoice_xml(data)


def test_given_entity_expansion_or_external_entities_when_parsed_then_refused_not_expanded() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b"<rsm:CrossIndustryInvoice xmlns:rsm='urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100'>"
        b"&lol2;</rsm:CrossIndustryInvoice>"
    )
    external = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'><ID>&xxe;</ID></Invoice>"
    )
    for data in (laughs, external):
        with pytest.raises(CorruptFile, match="DTD or entities"):
            parse_invoice_xml(data)
