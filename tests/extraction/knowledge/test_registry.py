"""The field registry: roles and fields per document type, checked against the schema."""

from __future__ import annotations

import pytest

from docsift.extraction.knowledge.lexicon import tokens
from docsift.extraction.knowledge.registry import (
    FieldKind,
    RegistryError,
    build_type,
    label_table,
    roles,
    type_fields,
)
from docsift.schema import get_schema
from docsift.schema.model import DocSchema, FieldSpec, Kind


def test_given_every_shipped_type_when_loaded_then_its_fields_are_schema_fields_of_fitting_kinds() -> None:
    for doc_type in ("invoice", "receipt", "purchase_order"):
        reg = type_fields(doc_type)
        schema = get_schema(doc_type)
        assert reg.fields, doc_type
        for name in reg.fields:
            assert name in schema.by_name


def test_given_the_roles_when_listed_then_value_roles_have_value_kinds_and_labels() -> None:
    table = label_table()
    for role in roles().values():
        if role.is_party:
            assert not role.values and role.party in ("issuer", "recipient", "ship_to")
            continue
        assert role.values, role.name
        assert role.label_class in table, role.name
        assert role.compare in ("amount", "date", "text")


def test_given_an_invoice_and_a_receipt_then_one_role_serves_both_under_their_own_field_names() -> None:
    invoice, receipt = type_fields("invoice"), type_fields("receipt")
    assert invoice.fields["invoice_total"].role is receipt.fields["total"].role
    assert invoice.fields_of("issuer_name") == ["vendor_name"]
    assert receipt.fields_of("issuer_name") == ["merchant_name"]
    assert set(invoice.required) == {"invoice_number", "invoice_date", "vendor_name", "invoice_total"}


def test_given_a_field_with_its_own_labels_then_they_name_its_role_alone_on_that_type() -> None:
    po = type_fields("purchase_order").lexicon.find(tokens("PO No:"))
    inv = type_fields("invoice").lexicon.find(tokens("PO No:"))
    assert po and po[0].classes == {"document_number"}
    assert inv and "order_reference" in inv[0].classes and "document_number" not in inv[0].classes


def test_given_a_purchase_order_then_the_buyer_is_the_issuing_party_and_the_vendor_the_recipient() -> None:
    po = type_fields("purchase_order")
    assert po.fields["buyer_name"].role.party == "issuer"
    assert po.fields["vendor_name"].role.party == "recipient"


SCHEMA = DocSchema(
    document_type="test_note",
    klearstack_request="TestNotes",
    klearstack_result="TestNote",
    fields=(
        FieldSpec("note_number", Kind.ID),
        FieldSpec("note_date", Kind.DATE),
        FieldSpec("note", Kind.TEXT),
    ),
)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"fields": {"note_number": "no_such_role"}}, "unknown role"),
        ({"fields": {"not_a_field": "document_number"}}, "not a field"),
        ({"fields": {"note_date": "total"}}, "does not fit"),
    ],
)
def test_given_inconsistent_registry_data_when_built_then_a_clear_error_names_the_field(
    spec: dict[str, object], message: str
) -> None:
    with pytest.raises(RegistryError, match=message):
        build_type("test_note", spec, SCHEMA)


def test_given_registry_data_when_built_then_roles_and_required_fields_follow_it() -> None:
    reg = build_type(
        "test_note",
        {"threshold": 0.1, "fields": {"note_number": {"role": "document_number", "required": True},
                                      "note_date": "document_date"}},
        SCHEMA,
    )  # fmt: skip
    assert reg.roles == ["document_number", "document_date"]
    assert reg.required == ("note_number",)
    assert reg.required_roles() == {"document_number": 0.1}
    assert reg.fields["note_date"].role.kind == FieldKind.DATE
