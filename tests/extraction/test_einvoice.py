"""Embedded e-invoice data turned into result fields (source embedded_xml, confidence 1.0)."""

from __future__ import annotations

from docsift.extraction.einvoice import apply_embedded
from docsift.reading.einvoice import parse_invoice_xml
from docsift.result import DocumentResult, FieldValue
from tests.einvoice.xmlgen import cii_invoice, ubl_invoice


def test_given_embedded_invoice_when_applied_then_fields_are_certain_with_xml_raw_text() -> None:
    result = apply_embedded(parse_invoice_xml(cii_invoice()), DocumentResult())
    date = result.fields["invoice_date"]
    assert (date.value, date.raw, date.confidence, date.source) == (
        "2024-01-31",
        "20240131",
        1.0,
        "embedded_xml",
    )
    assert result.value("invoice_total") == "228.40"
    assert all(f.source == "embedded_xml" and f.confidence == 1.0 for f in result.fields.values())


def test_given_embedded_invoice_when_applied_then_lines_and_taxes_become_rows_of_field_values() -> None:
    result = apply_embedded(parse_invoice_xml(cii_invoice()), DocumentResult())
    assert [row["amount"].value for row in result.line_items] == ["120.00", "80.00"]
    assert result.line_items[0]["quantity"].raw == "10.0000"
    assert result.line_items[0]["discount"].value == "5.00"
    assert [(t["rate"].value, t["amount"].value) for t in result.tax_details] == [
        ("19", "22.80"),
        ("7", "5.60"),
    ]


def test_given_embedded_invoice_when_applied_then_meta_names_syntax_and_profile() -> None:
    result = apply_embedded(parse_invoice_xml(ubl_invoice("CreditNote")), DocumentResult())
    assert result.meta["embedded"]["syntax"] == "UBL"
    assert result.meta["embedded"]["profile"].startswith("urn:cen.eu:en16931:2017")
    assert result.meta["embedded"]["type_code"] == "381"


def test_given_visual_values_when_xml_applied_then_xml_replaces_them_and_keeps_lines_it_lacks() -> None:
    result = DocumentResult(
        fields={"invoice_total": FieldValue(value="999.00", confidence=0.6, source="text_layer")},
        line_items=[{"amount": FieldValue(value="5.00", confidence=0.7)}],
    )
    embedded = parse_invoice_xml(cii_invoice(lines=""))  # a MINIMUM-like invoice without lines
    result = apply_embedded(embedded, result)
    assert result.fields["invoice_total"].value == "228.40"
    assert [row["amount"].value for row in result.line_items] == ["5.00"]


def test_given_a_partial_dict_without_raw_when_applied_then_value_stands_in_for_raw() -> None:
    result = apply_embedded({"syntax": "CII", "fields": {"currency": "EUR"}}, DocumentResult())
    assert result.fields["currency"].raw == "EUR"
    assert result.meta["embedded"] == {"syntax": "CII", "profile": None}
