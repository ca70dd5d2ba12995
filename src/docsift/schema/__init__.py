"""Field vocabulary per document type: the only place field names are spelled.

Follows ../shared/reference/fields.md. Each document type module defines ``SCHEMA``; the registry
lists them and takes types defined at run time (``register_schema``).
"""

from docsift.schema.model import DocSchema, FieldSpec, Kind
from docsift.schema.registry import get_schema, register_schema

__all__ = ["DocSchema", "FieldSpec", "Kind", "get_schema", "register_schema"]
