"""Uploads: processdocument (one file) and uploadbatch (a ZIP, or several files), klearstack-api.md §3.

Both store the files, create one batch (processing continues in the background) and answer at
once with the batch id: ``OCR_ref_no`` for processdocument, the ``"Function successfully
executed!"`` key for uploadbatch, and ``batch_id`` for both.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import Response
from pydantic import ValidationError

from docsift.options import ProcessingPref
from docsift.reading.sniff import Kind, sniff
from docsift.service.batches import BatchOptions, CreatedBatch, create_batch
from docsift.service.deps import Context, DbSession
from docsift.service.errors import BadRequest, UnsupportedMediaType
from docsift.service.klearstack.access import Mode
from docsift.service.klearstack.base import (
    RELEASE_VERSION,
    KParams,
    Spec,
    Token,
    document_type_param,
    endpoint,
    ok,
)
from docsift.service.klearstack.params import Params, missing
from docsift.service.uploads import RawUpload, collect

_OPTIONAL = (
    "source_name",
    "priority_flag",
    "account_id",
    "set_reference_number",
    "set_name",
    "create_new_set",
)
PROCESS = Spec(
    "processdocument", Mode.CREDENTIALS, ("processing_pref", "invoice_type"),
    ("document_type", "userid", "user_role", "application_no", "additional_params", *_OPTIONAL), files=True,
    summary="Upload one PDF or image; returns its batch id as OCR_ref_no.",
)  # fmt: skip
BATCH = Spec(
    "uploadbatch", Mode.CREDENTIALS, ("processing_pref", "document_type", "invoice_type"),
    ("application_no", "additional_params", *_OPTIONAL), files=True,
    summary="Upload a ZIP of PDFs/images (or several files); returns one batch id for all of them.",
)  # fmt: skip


def batch_options(params: Params, default_type: str | None) -> BatchOptions:
    """The batch options of an upload request. Raises BadRequest for a missing or bad value."""
    pref = params.require("processing_pref").lower()
    if pref not in {p.value for p in ProcessingPref}:
        raise BadRequest("processing_pref must be Speed or Accuracy.", code="bad_parameter")
    invoice_type = params.require("invoice_type").upper()
    if invoice_type not in ("B2B", "B2C"):
        raise BadRequest("invoice_type must be B2B or B2C.", code="bad_parameter")
    document_type = document_type_param(params, "document_type") or default_type
    if document_type is None:
        raise missing("document_type")
    extra = params.json_value("additional_params") or {}
    if not isinstance(extra, dict):
        raise BadRequest("additional_params must be a JSON object.", code="bad_parameter")
    try:
        return BatchOptions(
            document_type=document_type, invoice_type=invoice_type, processing_pref=ProcessingPref(pref),
            priority=params.flag("priority_flag"),
            set_reference_number=params.get("set_reference_number") or None,
            set_name=params.get("set_name") or None, create_new_set=params.flag("create_new_set"),
            source=(params.get("source_name") or "API")[:40],
            application_no=params.get("application_no") or None, additional_params=extra,
        )  # fmt: skip
    except ValidationError as e:
        raise BadRequest(f"Invalid upload options: {e.errors()[0]['msg']}.", code="bad_options") from e


def _store(
    ctx: Context, session: DbSession, params: Params, actor: Any, options: BatchOptions
) -> CreatedBatch:
    uploads = [RawUpload(f.filename or "", f.file) for f in params.files]
    collected = collect(uploads, ctx.upload_limits, ctx.blobs)
    return create_batch(session, actor, collected, options, ctx.queue)


def _set_ref(created: CreatedBatch) -> str | None:
    return created.document_set.reference_number if created.document_set else None


@endpoint(PROCESS)
def processdocument(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """400 missing parameter or more than one file, 401, 403, 404 unknown set_reference_number,
    413 too large, 415 not a PDF or image (ZIPs go to uploadbatch)."""
    actor = PROCESS.caller(ctx, session, token, params)
    if not params.files:
        raise missing("file")
    if len(params.files) > 1:
        raise BadRequest(
            "processdocument takes one file; upload several with uploadbatch.", code="too_many_files"
        )
    upload = params.files[0]
    kind = sniff(upload.file.read(1024))
    upload.file.seek(0)
    if kind == Kind.ZIP:
        raise UnsupportedMediaType("processdocument takes one PDF or image; upload ZIPs with uploadbatch.")
    created = _store(ctx, session, params, actor, batch_options(params, "invoice"))
    doc = created.documents[0]
    return ok({"OCR_ref_no": created.batch.id, "batch_id": created.batch.id, "Document_id": doc.id,
               "file_name": doc.file_name, "duplicate_of": doc.duplicate_of,
               "set_reference_number": _set_ref(created), "release_version": RELEASE_VERSION})  # fmt: skip


@endpoint(BATCH)
def uploadbatch(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """400 missing parameter, unsafe ZIP or no document in it, 401, 403, 404 unknown
    set_reference_number, 413 too large or a ZIP bomb, 415 unsupported file."""
    actor = BATCH.caller(ctx, session, token, params)
    if not params.files:
        raise missing("file")
    created = _store(ctx, session, params, actor, batch_options(params, None))
    documents = [{"Document_id": d.id, "file_name": d.file_name, "duplicate_of": d.duplicate_of}
                 for d in created.documents]  # fmt: skip
    return ok({"Function successfully executed!": created.batch.id, "batch_id": created.batch.id,
               "release_version": RELEASE_VERSION, "set_reference_number": _set_ref(created),
               "documents": documents, "skipped": created.skipped})  # fmt: skip
