"""Documents in KlearStack's result shapes (klearstack-api.md §9), built from the stored rows.

- ``keyed``: one object per document (PUSH sample, getapproveinvoices): metadata keys, then every
  field of the document type under its KlearStack key as ``{value, confidence, page_index,
  coordinate}``, then ``Line_Items`` (and ``Tax_Details``): rows of such cells keyed by column.
- ``tuples``: getuserdocuments' list of ``[value, key]`` metadata entries and
  ``[value, key, confidence, {"page_index": n}, [x1, y1, x2, y2]]`` field entries.

Values are strings (numbers and dates too); dates as ``DD-Mon-YYYY`` ("15-Sep-2023"); times as
naive ISO UTC with milliseconds ("2023-10-11T18:28:40.322"). Works on the stored JSON directly
(no model validation), and remembers the field part of each document version, so that large
listings stay fast. The objects returned share parts: serialise them, never change them.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from docsift.schema import DocSchema, FieldSpec, Kind
from docsift.service.klearstack.geometry import NO_BOX, to_pixels
from docsift.service.klearstack.keys import LINE_ITEMS_KEY, TAX_DETAILS_KEY, key_of, result_type, schema_for
from docsift.store.models import Decision, DocStatus, Document

Sizes = Callable[[Document], list[tuple[int, int]]]

_CONTENT_CACHE_MAX = 2000
_content_cache: OrderedDict[tuple[str, int, str], dict[str, Any]] = OrderedDict()
_content_lock = threading.Lock()
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
IN_PROGRESS = "in_progress"


def status_of(doc: Document) -> str:
    """KlearStack status of a document: ``in_progress``, ``completed`` (needs_review too) or ``failed``."""
    if doc.status in (DocStatus.QUEUED.value, DocStatus.PROCESSING.value):
        return IN_PROGRESS
    return "failed" if doc.status == DocStatus.FAILED.value else "completed"


def iso_time(moment: datetime | None) -> str:
    """``2023-10-11T18:28:40.322`` (UTC, no zone, as in KlearStack's results); "" for None."""
    if moment is None:
        return ""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}"


def day_name(moment: datetime | None) -> str:
    """``Wed Apr 14 2021`` (KlearStack's approved_date); "" for None."""
    if moment is None:
        return ""
    utc = moment.astimezone(UTC)
    return f"{('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')[utc.weekday()]} {_MONTHS[utc.month - 1]} " \
        f"{utc.day:02d} {utc.year}"  # fmt: skip


def format_value(value: Any, kind: Kind) -> str:
    """A stored value as KlearStack's string: dates ``DD-Mon-YYYY``, booleans ``true``/``false``,
    numbers as their decimal text, None as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    match = _ISO_DATE.match(text) if kind == Kind.DATE else None
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(3)}-{_MONTHS[int(match.group(2)) - 1]}-{match.group(1)}"
    return text


# a field or cell not on the document; shared by every response (they are serialised, never changed)
_ABSENT: dict[str, Any] = {"value": "", "confidence": 0.0, "page_index": 0, "coordinate": NO_BOX}


def _cell(stored: Any, kind: Kind, sizes: list[tuple[int, int]]) -> dict[str, Any]:
    if not isinstance(stored, dict) or stored.get("value") is None:
        return _ABSENT
    value, page, bbox = stored.get("value"), stored.get("page"), stored.get("bbox")
    return {
        "value": value if type(value) is str and kind is not Kind.DATE else format_value(value, kind),
        "confidence": round(float(stored.get("confidence") or 0.0), 4),
        "page_index": int(page) if page else 0,
        "coordinate": to_pixels(bbox, page, sizes) if bbox else NO_BOX,
    }


def _rows(rows: Any, columns: tuple[FieldSpec, ...], sizes: list[tuple[int, int]]) -> list[dict[str, Any]]:
    out = []
    for row in rows if isinstance(rows, list) else []:
        row = row if isinstance(row, dict) else {}
        out.append({key_of(c): _cell(row.get(c.name), c.kind, sizes) for c in columns})
    return out


def _has_boxes(result: dict[str, Any]) -> bool:
    if any(isinstance(f, dict) and f.get("bbox") for f in (result.get("fields") or {}).values()):
        return True
    tables = [*(result.get("line_items") or []), *(result.get("tax_details") or [])]
    return any(isinstance(c, dict) and c.get("bbox") for row in tables if isinstance(row, dict)
               for c in row.values())  # fmt: skip


def metadata(doc: Document, fallback_type: str | None = None) -> dict[str, Any]:
    """The metadata keys of a document (no fields)."""
    meta: dict[str, Any] = {
        "Document_id": doc.id,
        "batch_id": doc.batch_id,
        "file_name": doc.file_name,
        "status": status_of(doc),
        "needs_review": int(doc.status == DocStatus.NEEDS_REVIEW.value),
        "is_approved": int(doc.decision == Decision.APPROVED.value),
        "is_rejected": int(doc.decision == Decision.REJECTED.value),
        "is_saved": int(doc.saved_at is not None),
        "overall_confidence": round(float(doc.overall_confidence or 0.0), 4),
        "document_type": result_type(doc.document_type or fallback_type),
        "upload_time": iso_time(doc.created_at),
        "finished_time": iso_time(doc.finished_at),
        "pages": doc.pages,
        "version": doc.version,
        "duplicate_of": doc.duplicate_of,
    }
    if doc.status == DocStatus.FAILED.value:
        meta["reason"] = doc.error_message or "processing failed"
        meta["error_code"] = doc.error_code or "failed"
    return meta


def _schema(doc: Document, fallback_type: str | None) -> DocSchema | None:
    return schema_for(doc.document_type) or schema_for(fallback_type)


def _content(doc: Document, schema: DocSchema, sizes: Sizes) -> dict[str, Any]:
    """Every field, Line_Items (and Tax_Details) of a processed document, keyed. Remembered per
    document version: a stored result changes only by an edit, which bumps the version."""
    key = (doc.id, doc.version, schema.document_type)
    with _content_lock:
        found = _content_cache.get(key)
        if found is not None:
            _content_cache.move_to_end(key)
            return found
    result = doc.result or {}
    pages = sizes(doc) if _has_boxes(result) else []
    fields = result.get("fields") or {}
    part: dict[str, Any] = {
        key_of(spec): _cell(fields.get(spec.name), spec.kind, pages) for spec in schema.fields
    }
    part[LINE_ITEMS_KEY] = _rows(result.get("line_items"), schema.line_columns, pages)
    if schema.tax_columns:
        part[TAX_DETAILS_KEY] = _rows(result.get("tax_details"), schema.tax_columns, pages)
    if pages or not _has_boxes(result):  # page sizes unknown (original unreadable): try again next time
        with _content_lock:
            _content_cache[key] = part
            while len(_content_cache) > _CONTENT_CACHE_MAX:
                _content_cache.popitem(last=False)
    return part


def needs_result(doc: Document, fallback_type: str | None = None) -> bool:
    """Whether ``keyed`` or ``tuples`` will read the document's stored result: it is processed, of a
    known type, and its fields are not remembered for its version (listings load only these)."""
    schema = _schema(doc, fallback_type)
    if schema is None or status_of(doc) != "completed":
        return False
    with _content_lock:
        return (doc.id, doc.version, schema.document_type) not in _content_cache


def keyed(doc: Document, sizes: Sizes, fallback_type: str | None = None) -> dict[str, Any]:
    """A document in the keyed shape: metadata, every schema field, Line_Items (and Tax_Details).
    Queued, processing and failed documents carry metadata only."""
    out = metadata(doc, fallback_type)
    schema = _schema(doc, fallback_type)
    if schema is None or out["status"] != "completed":
        return out
    out.update(_content(doc, schema, sizes))
    return out


def tuples(doc: Document, sizes: Sizes, fallback_type: str | None = None) -> list[list[Any]]:
    """A document in the tuple shape: ``[value, key]`` metadata entries (``Is_Approved`` once), then
    ``[value, key, confidence, {"page_index": n}, [x1, y1, x2, y2]]`` for each field found, then
    ``[rows, "Line_Items"]`` with rows as in the keyed shape."""
    meta = metadata(doc, fallback_type)
    entries: list[list[Any]] = [[doc.id, "Document_id"], [meta["is_approved"], "Is_Approved"],
                                [meta["overall_confidence"], "overall_confidence"]]  # fmt: skip
    skip = {"Document_id", "is_approved", "overall_confidence"}
    entries += [[value, key] for key, value in meta.items() if key not in skip]
    schema = _schema(doc, fallback_type)
    if schema is None or meta["status"] != "completed":
        return entries
    content = _content(doc, schema, sizes)
    for spec in schema.fields:
        cell = content[key_of(spec)]
        if cell is not _ABSENT:
            page = {"page_index": cell["page_index"]}
            entries.append([cell["value"], key_of(spec), cell["confidence"], page, cell["coordinate"]])
    entries.append([content[LINE_ITEMS_KEY], LINE_ITEMS_KEY])
    return entries
