"""Document sets (klearstack-api.md §8; the pages were not available, so names and shapes are
docsift's, documented in docs/klearstack-compat.md): getsetreferencenumbers,
getsetdocuments and getsetuploadstatus. A set gathers the batches uploaded with its
``set_reference_number`` (or ``create_new_set`` / ``set_name``)."""

from __future__ import annotations

from collections import Counter

from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import defer

from docsift.service.deps import Context, DbSession
from docsift.service.documents import load_results
from docsift.service.errors import NotFound
from docsift.service.klearstack.access import Mode
from docsift.service.klearstack.base import (
    RELEASE_VERSION,
    KParams,
    Spec,
    Token,
    endpoint,
    ok,
    review_filters,
)
from docsift.service.klearstack.geometry import page_sizes
from docsift.service.klearstack.shapes import IN_PROGRESS, iso_time, keyed, needs_result, status_of
from docsift.store.models import Batch, Document, DocumentSet
from docsift.store.scope import Scope

LIST = Spec(
    "getsetreferencenumbers", Mode.CREDENTIALS,
    summary="The company's document sets: reference number, name, creation time, documents.",
)  # fmt: skip
DOCS = Spec(
    "getsetdocuments", Mode.CREDENTIALS, ("set_reference_number",), ("approve_flag", "save_flag"),
    summary="Every document of a set in the keyed format (unfinished ones: status in_progress).",
)  # fmt: skip
STATUS = Spec(
    "getsetuploadstatus", Mode.CREDENTIALS, ("set_reference_number",),
    summary="Upload status of a set: counts per status and each document's status.",
)  # fmt: skip


def _set(scope: Scope, reference: str) -> DocumentSet:
    found = scope.session.scalar(scope.select(DocumentSet).where(DocumentSet.reference_number == reference))
    if found is None:
        raise NotFound("Set reference number not found.", code="set_not_found")
    return found


def _documents(scope: Scope, doc_set: DocumentSet, *where: object) -> list[tuple[Document, str]]:
    stmt = (
        scope.select(Document)
        .add_columns(Batch.document_type)
        .join(Batch, Batch.id == Document.batch_id)
        .where(Batch.set_id == doc_set.id, *where)  # type: ignore[arg-type]
        .order_by(Batch.created_at, Document.seq)
        .options(defer(Document.result))
    )
    return [(doc, batch_type) for doc, batch_type in scope.session.execute(stmt).all()]


@endpoint(LIST)
def getsetreferencenumbers(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """Newest first."""
    actor = LIST.caller(ctx, session, token, params)
    scope = actor.scope(session)
    stmt = (
        select(Batch.set_id, func.count(Document.id))
        .join(Document, Document.batch_id == Batch.id)
        .where(Batch.company_id == actor.company_id, Batch.set_id.is_not(None))
        .group_by(Batch.set_id)
    )
    counts: dict[int | None, int] = {set_id: n for set_id, n in session.execute(stmt)}
    sets = scope.all(scope.select(DocumentSet).order_by(DocumentSet.created_at.desc(), DocumentSet.id.desc()))
    result = [{"set_reference_number": s.reference_number, "set_name": s.name,
               "created_time": iso_time(s.created_at), "documents": counts.get(s.id, 0)}
              for s in sets]  # fmt: skip
    return ok({"result": result, "release_version": RELEASE_VERSION})


@endpoint(DOCS)
def getsetdocuments(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """404 for a set your company does not have."""
    actor = DOCS.caller(ctx, session, token, params)
    scope = actor.scope(session)
    doc_set = _set(scope, params.require("set_reference_number"))
    rows = _documents(scope, doc_set, *review_filters(params))
    load_results(session, [doc for doc, batch_type in rows if needs_result(doc, batch_type)])
    sizes = page_sizes(ctx.blobs).of
    return ok({"set_reference_number": doc_set.reference_number, "set_name": doc_set.name,
               "result": [keyed(doc, sizes, batch_type) for doc, batch_type in rows],
               "release_version": RELEASE_VERSION})  # fmt: skip


@endpoint(STATUS)
def getsetuploadstatus(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """status is in_progress while any document of the set is queued or processing, else completed."""
    actor = STATUS.caller(ctx, session, token, params)
    scope = actor.scope(session)
    doc_set = _set(scope, params.require("set_reference_number"))
    rows = _documents(scope, doc_set)
    statuses = [status_of(doc) for doc, _ in rows]
    counts = Counter(statuses)
    result = [
        {
            "Document_id": doc.id,
            "batch_id": doc.batch_id,
            "file_name": doc.file_name,
            "status": status,
            "upload_time": iso_time(doc.created_at),
        }
        for (doc, _), status in zip(rows, statuses, strict=True)
    ]
    return ok({"set_reference_number": doc_set.reference_number, "set_name": doc_set.name,
               "status": IN_PROGRESS if counts[IN_PROGRESS] else "completed", "total": len(rows),
               "counts": {k: counts.get(k, 0) for k in (IN_PROGRESS, "completed", "failed")},
               "result": result, "release_version": RELEASE_VERSION})  # fmt: skip
