"""/api/v1/documents: one document's result, edits, decisions, audit trail, page images, original."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Body, Query, Response

from docsift.service.deps import Context, CurrentActor, DbSession, TenantScope
from docsift.service.documents import FieldsPatch, audit_trail, decide, edit_fields, get_document
from docsift.service.errors import NotFound
from docsift.service.render import render_page_png
from docsift.service.schemas import AuditEntry, DecisionRequest, DocumentPublic, ErrorBody
from docsift.service.views import document_view, json_response
from docsift.store.models import Decision

router = APIRouter(prefix="/documents", tags=["documents"])
_E: dict[int | str, dict[str, Any]] = {code: {"model": ErrorBody} for code in (403, 404, 409, 422)}


@router.get("/{document_id}", response_model=DocumentPublic, responses=_E)
def document(document_id: str, scope: TenantScope) -> Response:
    """A document: status, review state, version and its native result once processed."""
    return json_response(document_view(get_document(scope, document_id)))


@router.patch("/{document_id}/fields", response_model=DocumentPublic, responses=_E)
def edit(document_id: str, patch: FieldsPatch, actor: CurrentActor, session: DbSession) -> DocumentPublic:
    """Edit fields (and optionally replace the line items) of a processed, undecided document.

    ``version`` must be the document's current version (409 ``version_conflict`` otherwise, with
    the current version in details). Each edit is audited with old and new values.
    """
    return document_view(edit_fields(session, actor, document_id, patch))


def _decide(document_id: str, decision: Decision, body: DecisionRequest | None, actor: CurrentActor,
            session: DbSession) -> DocumentPublic:  # fmt: skip
    comment = body.comment if body else None
    return document_view(decide(session, actor, document_id, decision, comment))


@router.post("/{document_id}/approve", response_model=DocumentPublic, responses=_E)
def approve(
    document_id: str,
    actor: CurrentActor,
    session: DbSession,
    body: Annotated[DecisionRequest | None, Body()] = None,
) -> DocumentPublic:
    """Approve (admins and approvers). Final: a second decision gets 409 (already_approved or
    already_rejected)."""
    return _decide(document_id, Decision.APPROVED, body, actor, session)


@router.post("/{document_id}/reject", response_model=DocumentPublic, responses=_E)
def reject(
    document_id: str,
    actor: CurrentActor,
    session: DbSession,
    body: Annotated[DecisionRequest | None, Body()] = None,
) -> DocumentPublic:
    """Reject (admins and approvers), also a failed document. Final like approve."""
    return _decide(document_id, Decision.REJECTED, body, actor, session)


@router.get("/{document_id}/audit", response_model=list[AuditEntry], responses=_E)
def audit(document_id: str, scope: TenantScope) -> list[AuditEntry]:
    """Every processing outcome, edit and decision of the document, oldest first."""
    doc = get_document(scope, document_id)
    return [AuditEntry(id=e.id, action=e.action, user_id=e.user_id, version=e.version, details=e.details,
                       created_at=e.created_at) for e in audit_trail(scope, doc.id)]  # fmt: skip


@router.get("/{document_id}/pages/{page}.png", response_class=Response, responses=_E)
def page_image(
    document_id: str, page: int, ctx: Context, scope: TenantScope,
    dpi: Annotated[int, Query(ge=30, le=300)] = 100,
) -> Response:  # fmt: skip
    """Page ``page`` (1-based) of the original, rendered as PNG."""
    doc = get_document(scope, document_id)
    png = render_page_png(
        ctx.blobs.get(doc.blob_key), doc.media_type, page, dpi, ctx.settings.max_page_pixels
    )
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


@router.get("/{document_id}/original", response_class=Response, responses=_E)
def original(document_id: str, ctx: Context, scope: TenantScope) -> Response:
    """The file as uploaded."""
    doc = get_document(scope, document_id)
    if not ctx.blobs.exists(doc.blob_key):
        raise NotFound("the original is no longer stored", code="original_missing")
    name = doc.file_name.rsplit("/", 1)[-1]
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    return Response(ctx.blobs.get(doc.blob_key), media_type=doc.media_type,
                    headers={"Content-Disposition": disposition})  # fmt: skip
