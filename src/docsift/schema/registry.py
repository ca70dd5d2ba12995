"""All document schemas by canonical name and by KlearStack request value."""

from __future__ import annotations

from docsift.schema.insurance import SCHEMA as INSURANCE
from docsift.schema.invoice import SCHEMA as INVOICE
from docsift.schema.loan_agreement import SCHEMA as LOAN_AGREEMENT
from docsift.schema.model import DocSchema
from docsift.schema.nach_mandate import SCHEMA as NACH_MANDATE
from docsift.schema.purchase_order import SCHEMA as PURCHASE_ORDER
from docsift.schema.receipt import SCHEMA as RECEIPT

SCHEMAS: dict[str, DocSchema] = {
    s.document_type: s for s in (INVOICE, RECEIPT, PURCHASE_ORDER, NACH_MANDATE, LOAN_AGREEMENT, INSURANCE)
}


def by_klearstack(value: str) -> DocSchema:
    """The schema whose KlearStack request value (e.g. "Invoices") matches, case-insensitively.

    Raises KeyError when none does.
    """
    wanted = value.strip().lower()
    for s in SCHEMAS.values():
        if wanted in (s.klearstack_request.lower(), s.klearstack_result.lower()):
            return s
    raise KeyError(value)


def get_schema(document_type: str) -> DocSchema:
    """The schema of a canonical document type name or KlearStack request value.

    Raises KeyError for an unknown type.
    """
    key = document_type.strip()
    if key in SCHEMAS:
        return SCHEMAS[key]
    return by_klearstack(key)


def register_schema(schema: DocSchema) -> None:
    """Add (or replace) a document type's schema at run time (a type defined by a deployment)."""
    SCHEMAS[schema.document_type] = schema
