"""/api/v1/batches: upload, list, progress, documents of a batch, export."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Response, UploadFile
from pydantic import ValidationError

from docsift import export
from docsift.service.batches import BatchFilter, BatchOptions, create_batch, get_batch, list_batches, progress
from docsift.service.deps import Context, CurrentActor, DbSession, TenantScope
from docsift.service.documents import batch_documents, stored_result
from docsift.service.errors import Unprocessable
from docsift.service.schemas import BatchCreated, BatchExport, BatchPublic, DocumentSummary, ErrorBody, Page
from docsift.service.uploads import RawUpload, collect
from docsift.service.views import batch_view, document_summary, document_view, json_response

router = APIRouter(prefix="/batches", tags=["batches"])
_UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 404, 413, 415, 422)
}


def _options(**form: Any) -> BatchOptions:
    raw = form.pop("additional_params") or "{}"
    try:
        params = json.loads(raw)
        if not isinstance(params, dict):
            raise ValueError("not a JSON object")
        return BatchOptions(additional_params=params, **{k: v for k, v in form.items() if v is not None})
    except (ValueError, ValidationError) as e:
        raise Unprocessable(f"invalid upload options: {e}", code="bad_options") from e


@router.post("", response_model=BatchCreated, status_code=201, responses=_UPLOAD_ERRORS)
def upload(
    ctx: Context,
    actor: CurrentActor,
    session: DbSession,
    files: Annotated[list[UploadFile], File(description="documents (PDF, images) and/or ZIPs of them")],
    document_type: Annotated[str, Form()] = "auto",
    invoice_type: Annotated[str | None, Form()] = None,
    processing_pref: Annotated[str, Form()] = "speed",
    priority: Annotated[bool, Form()] = False,
    set_reference_number: Annotated[str | None, Form()] = None,
    set_name: Annotated[str | None, Form()] = None,
    create_new_set: Annotated[bool, Form()] = False,
    application_no: Annotated[str | None, Form()] = None,
    additional_params: Annotated[str | None, Form(description="a JSON object")] = None,
) -> BatchCreated:
    """Upload one or more files and/or ZIPs as one batch; processing starts in the background.

    413 for a file over the size limit, a ZIP bomb or too many files; 415 for an unsupported
    file; 400 for an unsafe or unreadable ZIP. ZIP members that are not documents are skipped and
    listed in ``skipped``. A file uploaded before in the company is processed again and marked
    with ``duplicate_of``.
    """
    options = _options(
        document_type=document_type, invoice_type=invoice_type, processing_pref=processing_pref,
        priority=priority, set_reference_number=set_reference_number, set_name=set_name,
        create_new_set=create_new_set, application_no=application_no, additional_params=additional_params,
    )  # fmt: skip
    uploads = [RawUpload(f.filename or "", f.file) for f in files]
    collected = collect(uploads, ctx.upload_limits, ctx.blobs)
    created = create_batch(session, actor, collected, options, ctx.queue)
    counts = progress(session, [created.batch.id])[created.batch.id]
    return BatchCreated(
        batch=batch_view(session, created.batch, counts),
        documents=[document_summary(d) for d in created.documents],
        skipped=created.skipped,
    )


@router.get("", response_model=Page[BatchPublic])
def batches(
    scope: TenantScope,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    document_type: str | None = None,
    status: Literal["in_progress", "done"] | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    set_reference_number: str | None = None,
    user_id: int | None = None,
) -> Page[BatchPublic]:
    """The company's batches, newest first, one page at a time, with optional filters."""
    flt = BatchFilter(document_type, status, created_from, created_to, set_reference_number, user_id)
    rows, total = list_batches(scope, flt, limit, offset)
    counts = progress(scope.session, [b.id for b in rows])
    items = [batch_view(scope.session, b, counts[b.id]) for b in rows]
    return Page[BatchPublic](items=items, total=total, limit=limit, offset=offset)


@router.get("/{batch_id}", response_model=BatchPublic, responses={404: {"model": ErrorBody}})
def batch(batch_id: str, scope: TenantScope) -> BatchPublic:
    """One batch with its progress: documents per status."""
    found = get_batch(scope, batch_id)
    return batch_view(scope.session, found, progress(scope.session, [found.id])[found.id])


@router.get(
    "/{batch_id}/documents", response_model=list[DocumentSummary], responses={404: {"model": ErrorBody}}
)
def documents(batch_id: str, scope: TenantScope) -> Response:
    """The documents of a batch in upload order, with status and review state (no results)."""
    found = get_batch(scope, batch_id)
    return json_response([document_summary(d) for d in batch_documents(scope, found.id, with_results=False)])


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    "/{batch_id}/export",
    response_model=BatchExport,
    responses={200: {"content": {"text/csv": {}, _XLSX: {}}}, 404: {"model": ErrorBody}},
)
def export_batch(
    batch_id: str,
    scope: TenantScope,
    format: Literal["json", "csv", "xlsx"] = "json",
    table: Annotated[Literal["documents", "line_items"], Query(description="csv only")] = "documents",
) -> Response:
    """Every document of a batch with its (edited) result: JSON, CSV (one table: documents or
    line items) or XLSX (both tables as sheets). Spreadsheet cells are guarded against formulas."""
    found = get_batch(scope, batch_id)
    docs = batch_documents(scope, found.id)
    if format == "json":
        counts = progress(scope.session, [found.id])[found.id]
        views = [document_view(d) for d in docs]
        return json_response(BatchExport(batch=batch_view(scope.session, found, counts), documents=views))
    results = [stored_result(d) for d in docs]
    disposition = f'attachment; filename="batch-{found.id}'
    if format == "xlsx":
        headers = {"Content-Disposition": disposition + '.xlsx"'}
        return Response(export.xlsx_bytes(results), media_type=_XLSX, headers=headers)
    rows = export.documents_table(results) if table == "documents" else export.line_items_table(results)
    headers = {"Content-Disposition": disposition + f'-{table}.csv"'}
    return Response(export.table_csv(rows), media_type="text/csv; charset=utf-8", headers=headers)
