"""Changing documents (klearstack-api.md §5): update_document and approve_reject_doc, through the
core's versioned, audited ``edit_fields`` and final ``decide``.

update_document's ``data`` maps keys (``Inv_Number``, ``doc_number_value``, ``invoice_number``, …)
to ``{"_value": …, "_coordinates": [x1, y1, x2, y2]}`` (pixels of the page image; optional
``_page_index``, default the field's page or 1), or to a bare value. ``Line_Items`` replaces every
line item: a list of rows keyed by column (``Description``, ``Unit_Price``, … or docsift names).
Values are read like extracted ones: dates ``DD-Mon-YYYY``, ``DD/MM/YYYY`` or ISO; amounts with
or without separators. An empty ``_value`` removes the field.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import Response

from docsift.extraction.normalize.hints import Hints
from docsift.extraction.normalize.values import normalize_value
from docsift.schema import DocSchema, Kind
from docsift.service.deps import Context, DbSession
from docsift.service.documents import FieldEdit, FieldsPatch, decide, edit_fields
from docsift.service.errors import BadRequest, Conflict
from docsift.service.klearstack.access import Mode
from docsift.service.klearstack.base import (
    RELEASE_VERSION,
    KParams,
    Spec,
    Token,
    document_type_param,
    endpoint,
    get_document,
    ok,
)
from docsift.service.klearstack.geometry import page_sizes, to_relative
from docsift.service.klearstack.keys import column_name, field_name, is_line_items_key, schema_for
from docsift.service.klearstack.params import Params
from docsift.service.klearstack.shapes import IN_PROGRESS, status_of
from docsift.store.models import Batch, Decision, Document
from docsift.store.scope import Scope

_HINTS = Hints(date_order="DMY")  # KlearStack's own dates are day first (DD/MM/YYYY, DD-Mon-YYYY)
_FREE_TEXT = (Kind.TEXT, Kind.ENUM)
_RETRIES = 3

UPDATE = Spec(
    "update_document", Mode.TOKEN, ("id", "data"), ("document_type", "comment"),
    summary="Set field values (and coordinates) of a processed, undecided document: a new version, audited.",
)  # fmt: skip
DECIDE = Spec(
    "approve_reject_doc", Mode.TOKEN, ("id", "approve_reject"), ("comment", "document_type"),
    summary="Approve or reject a document (admins and approvers). Final: a second decision is 400.",
)  # fmt: skip


def _editable(scope: Scope, params: Params) -> tuple[Document, DocSchema]:
    doc = get_document(scope, params.require("id"))
    if doc.decision is not None:
        raise Conflict(f"Document is already {doc.decision}", code=f"already_{doc.decision}")
    if status_of(doc) == IN_PROGRESS:
        raise BadRequest(
            "Document is still being processed; update it once it is processed.", code="not_ready"
        )
    batch = scope.get(Batch, doc.batch_id)
    schema = schema_for(doc.document_type) or schema_for(batch.document_type if batch else None)
    if schema is None:
        raise BadRequest("Document has no known document type; it cannot be updated.", code="not_ready")
    return doc, schema


def _value(kind: Kind, raw: Any, key: str) -> str:
    text = str(raw).strip()
    if kind in _FREE_TEXT:
        return text
    value = normalize_value(kind, text, _HINTS)
    if value is None:
        raise BadRequest(f"{key}: {text!r} cannot be read as a {kind.value}.", code="bad_value")
    return value


def _parts(raw: Any) -> tuple[Any, Any, Any]:
    """(value, coordinates, page) of one entry of ``data``."""
    if isinstance(raw, dict):
        value = raw.get("_value", raw.get("value"))
        return (
            value,
            raw.get("_coordinates", raw.get("coordinate")),
            raw.get("_page_index", raw.get("page_index")),
        )
    return raw, None, None


def _page(page: Any, existing: Any, key: str) -> int:
    if page not in (None, ""):
        try:
            return int(page)
        except (TypeError, ValueError) as e:
            raise BadRequest(f"{key}: _page_index must be a page number.", code="bad_value") from e
    old = existing.get("page") if isinstance(existing, dict) else None
    return int(old) if old else 1


def field_edit(
    kind: Kind, raw: Any, existing: Any, sizes: list[tuple[int, int]], key: str
) -> FieldEdit | None:
    """The core FieldEdit for one entry of ``data``; None removes the field. Raises BadRequest."""
    value, coords, page = _parts(raw)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = _page(page, existing, key)
    bbox = to_relative(coords, number, sizes, key) if coords is not None else None
    explicit_page = bbox is not None or page not in (None, "")
    return FieldEdit(value=_value(kind, value, key), page=number if explicit_page else None, bbox=bbox)


def _line_items(schema: DocSchema, rows: Any, sizes: list[tuple[int, int]]) -> list[dict[str, Any]]:
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise BadRequest("Line_Items must be a list of rows (objects keyed by column).", code="bad_value")
    out = []
    for i, row in enumerate(rows, start=1):
        cells: dict[str, Any] = {}
        for key, raw in row.items():
            name = column_name(schema.document_type, key)
            if name is None:
                raise BadRequest(f"Line_Items row {i}: unknown column {key}.", code="unknown_column")
            edit = field_edit(schema.kind(name), raw, None, sizes, f"Line_Items row {i} {key}")
            if edit is not None:
                cell: dict[str, Any] = {"value": edit.value, "confidence": 1.0, "source": "user"}
                if edit.bbox is not None:
                    cell.update(page=edit.page, bbox=list(edit.bbox))
                cells[name] = cell
        out.append(cells)
    return out


def build_patch(schema: DocSchema, doc: Document, data: Any, sizes: list[tuple[int, int]],
                comment: str | None) -> FieldsPatch:  # fmt: skip
    """The core patch for update_document's ``data``. Raises BadRequest (unknown key, bad value)."""
    if not isinstance(data, dict) or not data:
        raise BadRequest("data must be a JSON object of fields to update.", code="bad_value")
    existing = (doc.result or {}).get("fields") or {}
    fields: dict[str, FieldEdit | None] = {}
    line_items = None
    unknown = []
    for key, raw in data.items():
        if is_line_items_key(key):
            line_items = _line_items(schema, raw, sizes)
            continue
        name = field_name(schema.document_type, key)
        if name is None:
            unknown.append(key)
            continue
        fields[name] = field_edit(schema.kind(name), raw, existing.get(name), sizes, key)
    if unknown:
        raise BadRequest(f"Unknown field(s) for {schema.klearstack_request}: {', '.join(unknown)}.",
                         code="unknown_field")  # fmt: skip
    return FieldsPatch(version=doc.version, fields=fields, line_items=line_items, comment=comment)


@endpoint(UPDATE)
def update_document(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """400 missing parameter, unknown key, unreadable value, decided or unprocessed document;
    401; 403; 404 a document your company does not have."""
    actor = UPDATE.caller(ctx, session, token, params)
    document_type_param(params, "document_type")
    doc, schema = _editable(actor.scope(session), params)
    sizes = page_sizes(ctx.blobs).of(doc)
    patch = build_patch(schema, doc, params.json_value("data"), sizes, params.get("comment"))
    for attempt in range(_RETRIES):
        try:
            doc = edit_fields(session, actor, doc.id, patch)
            break
        except Conflict as e:  # another edit landed first: KlearStack has no versions, so apply on top
            if e.code != "version_conflict" or attempt == _RETRIES - 1:
                raise
            patch = patch.model_copy(update={"version": int(e.details["current_version"])})
    return ok({"success": "Document updated successfully", "Document_id": doc.id, "version": doc.version,
               "release_version": RELEASE_VERSION})  # fmt: skip


@endpoint(DECIDE)
def approve_reject_doc(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """400 missing parameter, a bad approve_reject, an unprocessed document, or a second decision
    ("Document is already approved/rejected"); 403 for creators; 404 another company's document."""
    actor = DECIDE.caller(ctx, session, token, params)
    document_type_param(params, "document_type")
    choice = params.require("approve_reject").lower()
    decisions = {"approve": Decision.APPROVED, "reject": Decision.REJECTED}
    if choice not in decisions:
        raise BadRequest("approve_reject must be approve or reject.", code="bad_parameter")
    decide(session, actor, params.require("id"), decisions[choice], params.get("comment"))
    return ok({"success": "Document updated successfully", "release_version": RELEASE_VERSION})
