"""Approved documents for accounting (klearstack-api.md §4.5, §5.2): getapproveinvoices (admins and
approvers; approval dates DD/MM/YYYY) and updateqbestatus (the QuickBooks Enterprise outcome).

A QuickBooks outcome is an audit event (``qbe_status``) of the document: the latest one is its
status, and every one stays in the audit trail.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from fastapi.responses import Response
from sqlalchemy.orm import defer

from docsift.service.auth import Actor
from docsift.service.deps import Context, DbSession
from docsift.service.documents import load_results
from docsift.service.errors import BadRequest, Forbidden
from docsift.service.klearstack.access import Mode
from docsift.service.klearstack.base import (
    RELEASE_VERSION,
    KParams,
    Spec,
    Token,
    document_type_param,
    endpoint,
    get_document,
    of_type,
    ok,
)
from docsift.service.klearstack.geometry import page_sizes
from docsift.service.klearstack.params import Params
from docsift.service.klearstack.shapes import day_name, keyed, needs_result
from docsift.store.models import AuditEvent, Batch, Decision, Document, Role, User
from docsift.store.scope import Scope

QBE_ACTION = "qbe_status"
QBE_STATES = ("successful", "failed")

APPROVED = Spec(
    "getapproveinvoices", Mode.CREDENTIALS, ("from_date", "to_date"),
    ("document_type", "user_list", "QBE_status"),
    summary="Documents approved between from_date and to_date (DD/MM/YYYY, inclusive, UTC), keyed format "
    "with approved_date and the QuickBooks status. Admins and approvers only.",
)  # fmt: skip
QBE = Spec(
    "updateqbestatus", Mode.CREDENTIALS, ("QBE_response",), ("document_type",),
    summary="Record the QuickBooks Enterprise outcome of approved documents. Admins and approvers only.",
)  # fmt: skip


def _require_reviewer(actor: Actor) -> None:
    if actor.role not in (Role.ADMIN, Role.APPROVER):
        raise Forbidden("Only admin and approver users can do this.", code="role_forbidden")


def latest_qbe(scope: Scope, document_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The latest QuickBooks outcome recorded for each of ``document_ids`` that has one."""
    if not document_ids:
        return {}
    stmt = (
        scope.select(AuditEvent)
        .where(AuditEvent.action == QBE_ACTION, AuditEvent.document_id.in_(document_ids))
        .order_by(AuditEvent.id)
    )
    return {e.document_id: dict(e.details) for e in scope.all(stmt) if e.document_id}


def _uploaders(scope: Scope, user_list: str | None) -> list[int] | None:
    if not user_list:
        return None
    names = [n.strip() for n in user_list.split(",") if n.strip()]
    users = {u.username: u.id for u in scope.all(scope.select(User).where(User.username.in_(names)))}
    unknown = [n for n in names if n not in users]
    if unknown:
        raise BadRequest(f"Unknown user(s) in user_list: {', '.join(unknown)}.", code="bad_parameter")
    return list(users.values())


def _window(params: Params) -> tuple[datetime, datetime]:
    start, end = params.day("from_date"), params.day("to_date")
    if end < start:
        raise BadRequest("to_date is before from_date.", code="bad_date")
    return datetime.combine(start, time(), UTC), datetime.combine(end + timedelta(days=1), time(), UTC)


def _qbe_filter(params: Params) -> str | None:
    wanted = (params.get("QBE_status") or "").lower() or None
    if wanted is not None and wanted not in QBE_STATES:
        raise BadRequest("QBE_status must be successful or failed.", code="bad_parameter")
    return wanted


@endpoint(APPROVED)
def getapproveinvoices(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """400 missing or malformed dates, unknown user_list names or QBE_status; 403 for creators."""
    actor = APPROVED.caller(ctx, session, token, params)
    _require_reviewer(actor)
    start, end = _window(params)
    wanted_qbe = _qbe_filter(params)
    document_type = document_type_param(params, "document_type") or "invoice"
    scope = actor.scope(session)
    stmt = (
        scope.select(Document)
        .join(Batch, Batch.id == Document.batch_id)
        .where(Document.decision == Decision.APPROVED.value, Document.decided_at >= start,
               Document.decided_at < end, of_type(document_type))
        .order_by(Document.decided_at, Document.id)
        .options(defer(Document.result))
    )  # fmt: skip
    uploaders = _uploaders(scope, params.get("user_list"))
    if uploaders is not None:
        stmt = stmt.where(Batch.user_id.in_(uploaders))
    docs = scope.all(stmt)
    qbe = latest_qbe(scope, [d.id for d in docs])
    if wanted_qbe is not None:
        docs = [d for d in docs if qbe.get(d.id, {}).get("QBE_status") == wanted_qbe]
    load_results(session, [d for d in docs if needs_result(d, document_type)])
    names = _usernames(scope)
    sizes = page_sizes(ctx.blobs).of
    result = []
    for doc in docs:
        body = keyed(doc, sizes, document_type)
        status = qbe.get(doc.id, {})
        body.update(approved_date=day_name(doc.decided_at), approved_by=names.get(doc.decided_by or 0, ""),
                    approval_comment=doc.decision_comment or "", QBE_status=status.get("QBE_status", ""),
                    QBE_error_message=status.get("error_message", ""),
                    QBE_timestamp=status.get("QBE_timestamp", ""))  # fmt: skip
        result.append(body)
    return ok({"result": result, "release_version": RELEASE_VERSION})


def _usernames(scope: Scope) -> dict[int, str]:
    return {u.id: u.username for u in scope.all(scope.select(User))}


def _responses(params: Params) -> list[dict[str, str]]:
    raw = params.json_value("QBE_response")
    items = raw if isinstance(raw, list) else [raw]
    out = []
    for item in items:
        if not isinstance(item, dict) or not str(item.get("document_id") or "").strip():
            raise BadRequest("QBE_response must be a JSON object with document_id and QBE_status.",
                             code="bad_parameter")  # fmt: skip
        status = str(item.get("QBE_status") or "").strip().lower()
        if status not in QBE_STATES:
            raise BadRequest("QBE_status must be successful or failed.", code="bad_parameter")
        out.append({"document_id": str(item["document_id"]).strip(), "QBE_status": status,
                    "error_message": str(item.get("error_message") or ""),
                    "QBE_timestamp": str(item.get("QBE_timestamp") or "")})  # fmt: skip
    return out


@endpoint(QBE)
def updateqbestatus(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """QBE_response: one object or a list of them. 400 bad QBE_response or a document that is not
    approved, 403 for creators, 404 a document your company does not have (nothing is stored then)."""
    actor = QBE.caller(ctx, session, token, params)
    _require_reviewer(actor)
    responses = _responses(params)
    scope = actor.scope(session)
    docs = [get_document(scope, r["document_id"]) for r in responses]
    for doc in docs:
        if doc.decision != Decision.APPROVED.value:
            raise BadRequest(f"Document {doc.id} is not approved.", code="not_approved")
    for doc, response in zip(docs, responses, strict=True):
        details = {k: v for k, v in response.items() if k != "document_id"}
        session.add(AuditEvent(company_id=actor.company_id, document_id=doc.id, user_id=actor.user_id,
                               action=QBE_ACTION, version=doc.version, details=details))  # fmt: skip
    session.commit()
    return ok({"success": "QBE status updated successfully", "release_version": RELEASE_VERSION})
