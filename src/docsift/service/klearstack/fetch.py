"""Fetching results (klearstack-api.md §4): getbatchdocuments (the seed endpoint),
getuserdocuments, getmodifiedinvoices, getdocument and the page image, getdocumentimage."""

from __future__ import annotations

from fastapi import Response
from sqlalchemy.orm import defer

from docsift.service.deps import Context, DbSession
from docsift.service.documents import batch_documents, load_results, pull_modified
from docsift.service.klearstack.access import Mode
from docsift.service.klearstack.base import (
    RELEASE_VERSION,
    KParams,
    Spec,
    Token,
    document_type_param,
    endpoint,
    get_batch,
    get_document,
    of_type,
    ok,
    review_filters,
)
from docsift.service.klearstack.geometry import IMAGE_DPI, page_sizes
from docsift.service.klearstack.shapes import IN_PROGRESS, keyed, needs_result, status_of, tuples
from docsift.service.render import render_page_png
from docsift.store.models import Batch, DocStatus, Document

DONE = (DocStatus.COMPLETED.value, DocStatus.NEEDS_REVIEW.value, DocStatus.FAILED.value)

BATCH_DOCS = Spec(
    "getbatchdocuments", Mode.CREDENTIALS, ("batch_id",), ("document_type", "approve_flag", "save_flag"),
    summary="While any document of the batch is queued or processing: {result: [{file_name, status}], "
    "status: in_progress}; then every document in the keyed format, status completed.",
)  # fmt: skip
USER_DOCS = Spec(
    "getuserdocuments", Mode.CREDENTIALS, (),
    ("approve_flag", "save_flag", "document_type", "limit", "offset"),
    summary="Every document uploaded by the user, in the tuple format.",
)  # fmt: skip
MODIFIED = Spec(
    "getmodifiedinvoices", Mode.CREDENTIALS, (), ("document_type",),
    summary="Documents of the company processed, edited or decided since this user's previous pull "
    "(a cursor per user and document type), in the keyed format.",
)  # fmt: skip
ONE_DOC = Spec("getdocument", Mode.TOKEN, ("id",), ("document_type",),
               summary="One document in the keyed format, with ocr_id.")  # fmt: skip
IMAGE = Spec(
    "getdocumentimage", Mode.TOKEN, ("id",), ("page_index",),
    summary=f"A page of the document as PNG (PDF pages at {IMAGE_DPI} dpi, images at their own size): "
    "the pixels the result coordinates refer to.",
)  # fmt: skip


@endpoint(BATCH_DOCS)
def getbatchdocuments(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """400 missing parameter or bad document_type, 401, 403, 404 for a batch your company does not have."""
    actor = BATCH_DOCS.caller(ctx, session, token, params)
    document_type_param(params, "document_type")
    scope = actor.scope(session)
    batch = get_batch(scope, params.require("batch_id"))
    docs = batch_documents(scope, batch.id, with_results=False)
    if any(status_of(d) == IN_PROGRESS for d in docs):
        progress = [{"file_name": d.file_name, "status": status_of(d)} for d in docs]
        return ok({"result": progress, "status": IN_PROGRESS})
    wanted = review_filters(params)
    if wanted:
        stmt = scope.select(Document).where(Document.batch_id == batch.id, *wanted).order_by(Document.seq)
        docs = scope.all(stmt.options(defer(Document.result)))
    # results are large: listings read only those whose fields are not remembered for their version
    load_results(session, [d for d in docs if needs_result(d, batch.document_type)])
    sizes = page_sizes(ctx.blobs).of
    return ok({"result": [keyed(d, sizes, batch.document_type) for d in docs], "status": "completed"})


@endpoint(USER_DOCS)
def getuserdocuments(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """Oldest first; ``limit``/``offset`` page through them (all by default)."""
    actor = USER_DOCS.caller(ctx, session, token, params)
    scope = actor.scope(session)
    stmt = (
        scope.select(Document)
        .add_columns(Batch.document_type)
        .join(Batch, Batch.id == Document.batch_id)
        .where(Batch.user_id == actor.user_id, *review_filters(params))
    )
    document_type = document_type_param(params, "document_type")
    if document_type:
        stmt = stmt.where(of_type(document_type))
    stmt = stmt.order_by(Document.created_at, Document.seq, Document.id).offset(params.integer("offset", 0))
    limit = params.integer("limit", None, minimum=1)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = session.execute(stmt.options(defer(Document.result))).all()
    load_results(session, [doc for doc, batch_type in rows if needs_result(doc, batch_type)])
    sizes = page_sizes(ctx.blobs).of
    return ok({"result": [tuples(doc, sizes, batch_type) for doc, batch_type in rows],
               "release_version": RELEASE_VERSION})  # fmt: skip


@endpoint(MODIFIED)
def getmodifiedinvoices(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """Processed documents only (queued ones appear once they finish); the first pull returns all."""
    actor = MODIFIED.caller(ctx, session, token, params)
    document_type = document_type_param(params, "document_type") or "invoice"
    where = (
        actor.scope(session).select(Document)
        .join(Batch, Batch.id == Document.batch_id)
        .where(of_type(document_type), Document.status.in_(DONE))
        .options(defer(Document.result))
    )  # fmt: skip
    docs = pull_modified(session, actor, f"klearstack.modified.{document_type}", where)
    load_results(session, [d for d in docs if needs_result(d, document_type)])
    sizes = page_sizes(ctx.blobs).of
    return ok({"result": [keyed(d, sizes, document_type) for d in docs], "release_version": RELEASE_VERSION})


@endpoint(ONE_DOC)
def getdocument(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """404 for a document your company does not have."""
    actor = ONE_DOC.caller(ctx, session, token, params)
    document_type_param(params, "document_type")
    scope = actor.scope(session)
    doc = get_document(scope, params.require("id"))
    batch = scope.get(Batch, doc.batch_id)
    body = keyed(doc, page_sizes(ctx.blobs).of, batch.document_type if batch else None)
    body["ocr_id"] = doc.id
    return ok({"result": [body], "release_version": RELEASE_VERSION})


@endpoint(IMAGE, response_class=Response, responses={200: {"content": {"image/png": {}}}})
def getdocumentimage(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """404 for a document your company does not have or a page it does not have."""
    actor = IMAGE.caller(ctx, session, token, params)
    doc = get_document(actor.scope(session), params.require("id"))
    page = params.integer("page_index", 1, minimum=1) or 1
    data = ctx.blobs.get(doc.blob_key)
    png = render_page_png(data, doc.media_type, page, IMAGE_DPI, ctx.settings.max_page_pixels)
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})
