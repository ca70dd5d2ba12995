"""KlearStack keys for docsift's field names, per document type, both ways.

Result keys come from the schema (``FieldSpec.klearstack``, following fields.md); a field without
one gets its name in the same style (``vendor_email`` -> ``Vendor_Email``). Incoming keys (for
update_document) may be result keys, docsift names, ``<name>_value``, or KlearStack's internal
keys listed in keys.yaml; matching ignores case.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from docsift.schema import DocSchema, FieldSpec, get_schema


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(Path(__file__).with_name("keys.yaml").read_text())
    return raw


LINE_ITEMS_KEY: str = _data()["tables"]["line_items"]
TAX_DETAILS_KEY: str = _data()["tables"]["tax_details"]


def key_of(spec: FieldSpec) -> str:
    """The KlearStack key of a field or column."""
    return spec.klearstack or "_".join(part.capitalize() for part in spec.name.split("_"))


def schema_for(document_type: str | None) -> DocSchema | None:
    """The schema of a canonical type or KlearStack value; None when unknown (or ``auto``)."""
    try:
        return get_schema(document_type or "")
    except KeyError:
        return None


def result_type(document_type: str | None) -> str:
    """The KlearStack result value of a document type ("Invoice"); the type itself if unknown."""
    schema = schema_for(document_type)
    return schema.klearstack_result if schema else (document_type or "")


@lru_cache(maxsize=64)
def _incoming(document_type: str) -> dict[str, str]:
    schema = get_schema(document_type)
    table: dict[str, str] = {}
    for spec in schema.fields:
        for key in (spec.name, f"{spec.name}_value", key_of(spec)):
            table[key.lower()] = spec.name
    for key, name in (_data()["internal_keys"].get(schema.document_type) or {}).items():
        table[str(key).lower()] = str(name)
    return table


def field_name(document_type: str, key: str) -> str | None:
    """docsift's field name for an incoming key of a document of ``document_type``, or None."""
    return _incoming(document_type).get(key.strip().lower())


@lru_cache(maxsize=64)
def _columns(document_type: str) -> dict[str, str]:
    schema = get_schema(document_type)
    return {k.lower(): c.name for c in schema.line_columns for k in (c.name, key_of(c))}


def column_name(document_type: str, key: str) -> str | None:
    """docsift's line-item column for an incoming key (``Unit_Price`` or ``unit_price``), or None."""
    return _columns(document_type).get(key.strip().lower())


def is_line_items_key(key: str) -> bool:
    """Whether an incoming key names the line-item table (``Line_Items`` or ``line_items``)."""
    return key.strip().lower() in (LINE_ITEMS_KEY.lower(), "line_items")
