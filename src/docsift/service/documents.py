"""Documents: reading, versioned field edits, approve / reject, the audit trail and the
"modified since the last pull" feed. Shared by the native and the KlearStack API.

Edits and decisions are conditional updates (``WHERE version = …`` / ``WHERE decision IS NULL``),
so concurrent requests cannot overwrite each other and a decision is final.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session, defer, undefer

from docsift.result import DocumentResult, Status
from docsift.schema import DocSchema, get_schema
from docsift.service.auth import Actor
from docsift.service.errors import Conflict, NotFound, Unprocessable
from docsift.store.changes import next_change
from docsift.store.models import AuditEvent, Decision, DocStatus, Document, PullCursor, Role, utcnow
from docsift.store.scope import Scope

EDITABLE = (DocStatus.COMPLETED.value, DocStatus.NEEDS_REVIEW.value)


class FieldEdit(BaseModel):
    """A new value for one field; ``page`` and ``bbox`` keep their old values when omitted."""

    value: Any
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None


class FieldsPatch(BaseModel):
    """A versioned edit: fields to set (null removes one), optionally all line items, a comment."""

    version: int = Field(description="the version the edit is based on (from GET /documents/{id})")
    fields: dict[str, FieldEdit | None] = Field(default_factory=dict)
    line_items: list[dict[str, Any]] | None = Field(default=None, description="replaces every line item")
    comment: str | None = None


def get_document(scope: Scope, document_id: str) -> Document:
    """The document ``document_id`` of the scope's company. Raises NotFound (other companies' too)."""
    doc = scope.get(Document, document_id)
    if doc is None:
        raise NotFound(f"no document {document_id}", code="document_not_found")
    return doc


def batch_documents(scope: Scope, batch_id: str, *, with_results: bool = True) -> list[Document]:
    """The documents of a batch in upload order (empty for another company's batch); without
    ``with_results`` the result column is not loaded (faster listings)."""
    stmt = scope.select(Document).where(Document.batch_id == batch_id).order_by(Document.seq)
    if not with_results:
        stmt = stmt.options(defer(Document.result))
    return scope.all(stmt)


def load_results(session: Session, docs: list[Document]) -> None:
    """Load the stored results of ``docs`` (listed without them) with one query."""
    if docs:
        stmt = select(Document).where(Document.id.in_([d.id for d in docs])).options(undefer(Document.result))
        session.scalars(stmt).all()


def stored_result(doc: Document) -> DocumentResult:
    """The document's native result (with edits); an empty one carrying the status while queued
    or processing."""
    if doc.result:
        result = DocumentResult.model_validate(doc.result)
    else:
        result = DocumentResult(document_id=doc.id, file_name=doc.file_name, status=Status(doc.status))
    result.document_id, result.file_name = doc.id, doc.file_name
    return result


def schema_of(doc: Document) -> DocSchema | None:
    """The field schema of the document's (detected) type, None when the type is unknown."""
    try:
        return get_schema(doc.document_type or "")
    except KeyError:
        return None


def edit_fields(session: Session, actor: Actor, document_id: str, patch: FieldsPatch) -> Document:
    """Apply a versioned edit, mark the document saved and audit old and new values (commits).

    Raises NotFound, Conflict (decided, not yet processed, or a stale ``version``: details carry
    the current version), Unprocessable (unknown field or line-item column).
    """
    doc = get_document(actor.scope(session), document_id)
    _check_editable(doc)
    result = dict(doc.result or {})
    changes = _apply_fields(result, patch.fields, schema_of(doc))
    if patch.line_items is not None:
        changes["line_items"] = {"old": result.get("line_items", []), "new": patch.line_items}
        result["line_items"] = _line_items(patch.line_items, schema_of(doc))
    now = utcnow()
    seq = next_change(session, actor.company_id)
    done = session.execute(
        update(Document)
        .where(Document.id == doc.id, Document.version == patch.version, Document.decision.is_(None))
        .values(result=result, version=patch.version + 1, saved_at=now, saved_by=actor.user_id,
                modified_at=now, change_seq=seq)
    )  # fmt: skip
    if done.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        session.refresh(doc)
        _check_editable(doc)
        raise Conflict(
            f"the document is at version {doc.version}, not {patch.version}: reload and edit again",
            code="version_conflict",
            details={"current_version": doc.version},
        )
    _audit(session, actor, doc, "edit", patch.version + 1, {"changes": changes, "comment": patch.comment})
    session.commit()
    session.refresh(doc)
    return doc


def _check_editable(doc: Document) -> None:
    if doc.decision is not None:
        raise Conflict(
            f"the document is {doc.decision}; it can no longer change", code=f"already_{doc.decision}"
        )
    if doc.status not in EDITABLE:
        raise Conflict(
            f"the document is {doc.status}; only processed documents can be edited", code="not_ready"
        )


def _apply_fields(
    result: dict[str, Any], edits: dict[str, FieldEdit | None], schema: DocSchema | None
) -> dict[str, Any]:
    if schema is not None:
        unknown = sorted(n for n in edits if n not in schema.by_name)
        if unknown:
            raise Unprocessable(
                f"unknown field(s) for {schema.document_type}: {', '.join(unknown)}",
                code="unknown_field",
                details={"fields": unknown},
            )
    fields = dict(result.get("fields") or {})
    changes: dict[str, Any] = {}
    for name, edit in edits.items():
        old = fields.get(name)
        if edit is None:
            fields.pop(name, None)
            changes[name] = {"old": old, "new": None}
            continue
        new = {**(old or {}), "value": edit.value, "confidence": 1.0, "source": "user"}
        if edit.page is not None:
            new["page"] = edit.page
        if edit.bbox is not None:
            new["bbox"] = list(edit.bbox)
        fields[name] = new
        changes[name] = {"old": (old or {}).get("value"), "new": edit.value}
    result["fields"] = fields
    return changes


def _line_items(rows: list[dict[str, Any]], schema: DocSchema | None) -> list[dict[str, Any]]:
    allowed = {c.name for c in schema.line_columns} if schema is not None else None
    out = []
    for row in rows:
        if allowed is not None and (unknown := sorted(set(row) - allowed)):
            raise Unprocessable(
                f"unknown line-item column(s): {', '.join(unknown)}", code="unknown_column",
                details={"columns": unknown},
            )  # fmt: skip
        out.append({k: (v if isinstance(v, dict) else {"value": v, "confidence": 1.0, "source": "user"})
                    for k, v in row.items()})  # fmt: skip
    return out


def decide(
    session: Session, actor: Actor, document_id: str, decision: Decision, comment: str | None
) -> Document:
    """Approve or reject a document, once (commits).

    Raises Forbidden (creators may not decide), NotFound, Conflict (already decided: code
    ``already_approved`` / ``already_rejected``; or not processed yet: ``not_ready``).
    """
    actor.require(Role.ADMIN, Role.APPROVER)
    doc = get_document(actor.scope(session), document_id)
    if doc.decision is not None:
        raise Conflict(f"the document is already {doc.decision}", code=f"already_{doc.decision}")
    allowed = EDITABLE if decision is Decision.APPROVED else (*EDITABLE, DocStatus.FAILED.value)
    if doc.status not in allowed:
        raise Conflict(f"a {doc.status} document cannot be {decision.value}", code="not_ready")
    now = utcnow()
    seq = next_change(session, actor.company_id)
    done = session.execute(
        update(Document)
        .where(Document.id == doc.id, Document.decision.is_(None))
        .values(decision=decision.value, decided_at=now, decided_by=actor.user_id, decision_comment=comment,
                modified_at=now, change_seq=seq)
    )  # fmt: skip
    if done.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        session.refresh(doc)
        raise Conflict(f"the document is already {doc.decision}", code=f"already_{doc.decision}")
    _audit(session, actor, doc, decision.value, doc.version, {"comment": comment})
    session.commit()
    session.refresh(doc)
    return doc


def _audit(session: Session, actor: Actor, doc: Document, action: str, version: int, details: dict) -> None:
    session.add(
        AuditEvent(company_id=actor.company_id, document_id=doc.id, user_id=actor.user_id, action=action,
                   version=version, details=details)
    )  # fmt: skip


def audit_trail(scope: Scope, document_id: str) -> list[AuditEvent]:
    """Every audit event of a document of the scope's company, oldest first."""
    stmt = scope.select(AuditEvent).where(AuditEvent.document_id == document_id).order_by(AuditEvent.id)
    return scope.all(stmt)


def pull_modified(
    session: Session, actor: Actor, feed: str, where: Select[Any] | None = None
) -> list[Document]:
    """Documents of the actor's company changed since the actor last pulled ``feed`` (in change
    order), and move the actor's cursor past them (commits). ``where`` narrows the documents
    (a statement from ``actor.scope(session).select(Document)``)."""
    cursor = session.get(PullCursor, (actor.user_id, feed))
    if cursor is None:
        cursor = PullCursor(user_id=actor.user_id, feed=feed, last_seq=0)
        session.add(cursor)
    stmt = where if where is not None else actor.scope(session).select(Document)
    stmt = stmt.where(Document.change_seq > cursor.last_seq).order_by(Document.change_seq)
    docs: list[Document] = list(session.scalars(stmt))
    if docs:
        cursor.last_seq = max(d.change_seq for d in docs)
    cursor.pulled_at = utcnow()
    session.commit()
    return docs
