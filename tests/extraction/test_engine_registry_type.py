"""A document type defined only as data (a schema and registry entries) is extracted by the engine."""

from __future__ import annotations

from docsift.extraction.engine import extract_document
from docsift.extraction.knowledge.registry import register_type
from docsift.options import RunOptions
from docsift.result import DocumentResult
from docsift.schema import register_schema
from docsift.schema.model import DocSchema, FieldSpec, Kind
from tests.extraction.pages import doc_of

NOTE = DocSchema(
    document_type="delivery_note",
    klearstack_request="DeliveryNotes",
    klearstack_result="DeliveryNote",
    fields=(
        FieldSpec("note_number", Kind.ID),
        FieldSpec("note_date", Kind.DATE),
        FieldSpec("order_number", Kind.ID),
        FieldSpec("sender_name", Kind.TEXT),
        FieldSpec("receiver_name", Kind.TEXT),
        FieldSpec("receiver_address", Kind.TEXT),
    ),
)
REGISTRY = {
    "threshold": 0.05,
    "fields": {
        "note_number": {"role": "document_number", "required": True,
                        "labels": ["delivery note no", "delivery note number", "lieferschein nr"]},
        "note_date": {"role": "document_date", "required": True},
        "order_number": "order_reference",
        "sender_name": {"role": "issuer_name", "required": True},
        "receiver_name": {"role": "recipient_name", "labels": ["deliver to", "consignee", "lieferung an"]},
        "receiver_address": "recipient_address",
    },
}  # fmt: skip
ROWS = [
    [(4, "Nordlicht Logistik GmbH")],
    [(4, "Hafenweg 4, 20457 Hamburg")],
    [],
    [(60, "DELIVERY NOTE")],
    [(4, "Deliver To:"), (60, "Delivery Note No: LS-2024-0815")],
    [(4, "Bergmann Werkzeuge AG"), (60, "Date: 12.03.2024")],
    [(4, "Industriestr. 9"), (60, "Your Order: PO-7781")],
    [(4, "80331 München")],
    [],
    [(4, "Pos"), (10, "Description"), (70, "Quantity")],
    [(4, "1"), (10, "Steel bolts M8"), (70, "200")],
    [(4, "2"), (10, "Washers 8 mm"), (70, "400")],
]


def test_given_a_type_defined_only_as_registry_data_when_extracted_then_its_fields_are_found() -> None:
    register_schema(NOTE)
    register_type("delivery_note", REGISTRY, NOTE)

    result = extract_document(doc_of(ROWS), RunOptions(), DocumentResult(), document_type="delivery_note")

    assert result.document_type == "delivery_note"
    assert result.value("note_number") == "LS-2024-0815"
    assert result.value("note_date") == "2024-03-12"
    assert result.value("order_number") == "PO-7781"
    assert result.value("sender_name") == "Nordlicht Logistik GmbH"
    assert result.value("receiver_name") == "Bergmann Werkzeuge AG"
    assert "Industriestr. 9" in (result.value("receiver_address") or "")
