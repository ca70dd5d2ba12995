"""Batches: creating one from stored uploads, progress counts, listing with filters.

Shared by the native and the KlearStack API. Every query goes through the actor's Scope.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from docsift.options import DocumentType, ProcessingPref
from docsift.schema import get_schema
from docsift.service.auth import Actor
from docsift.service.errors import BadRequest, NotFound
from docsift.service.uploads import Collected
from docsift.store.changes import next_change
from docsift.store.models import AuditEvent, Batch, DocStatus, Document, DocumentSet, utcnow
from docsift.store.scope import Scope

ACTIVE = (DocStatus.QUEUED.value, DocStatus.PROCESSING.value)


class Enqueuer(Protocol):
    def enqueue(self, document_id: str, priority: int) -> None: ...


class BatchOptions(BaseModel):
    """How the documents of a batch are processed (the upload parameters)."""

    document_type: str = Field(
        default="auto", description="invoice, receipt, …, auto; or KlearStack's Invoices, …"
    )
    invoice_type: str | None = Field(default=None, description="B2B or B2C")
    processing_pref: ProcessingPref = ProcessingPref.SPEED
    priority: bool = False
    set_reference_number: str | None = None
    set_name: str | None = None
    create_new_set: bool = False
    source: str = "api"
    application_no: str | None = None
    additional_params: dict[str, Any] = Field(default_factory=dict)

    @field_validator("document_type")
    @classmethod
    def _canonical_type(cls, value: str) -> str:
        return canonical_document_type(value)

    @field_validator("processing_pref", mode="before")
    @classmethod
    def _lower_pref(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("invoice_type")
    @classmethod
    def _invoice_type(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if value.strip().upper() not in ("B2B", "B2C"):
            raise ValueError("invoice_type is B2B or B2C")
        return value.strip().upper()


def canonical_document_type(value: str) -> str:
    """ "invoice", "receipt", … or "auto" for a canonical name or KlearStack value ("Invoices").

    Raises ValueError for an unknown type.
    """
    if not value or value.strip().lower() == DocumentType.AUTO.value:
        return DocumentType.AUTO.value
    try:
        return get_schema(value.strip()).document_type
    except KeyError as e:
        raise ValueError(f"unknown document type {value!r}") from e


@dataclass
class CreatedBatch:
    batch: Batch
    documents: list[Document]
    skipped: list[dict[str, str]] = field(default_factory=list)
    document_set: DocumentSet | None = None


def create_batch(
    session: Session, actor: Actor, collected: Collected, options: BatchOptions, queue: Enqueuer
) -> CreatedBatch:
    """Record a batch of stored uploads (commits), then enqueue each document.

    Duplicates (same content hash already in the company, or earlier in this batch) are processed
    too and carry ``duplicate_of``. Raises NotFound for an unknown set reference number.
    """
    scope = actor.scope(session)
    doc_set = resolve_set(scope, actor, options)
    priority = 1 if options.priority else 0
    batch = Batch(
        company_id=actor.company_id,
        user_id=actor.user_id,
        document_type=options.document_type,
        invoice_type=options.invoice_type,
        processing_pref=options.processing_pref.value,
        priority=priority,
        set_id=doc_set.id if doc_set else None,
        source=options.source,
        application_no=options.application_no,
        additional_params=options.additional_params,
    )
    session.add(batch)
    session.flush()
    seen: dict[str, str] = {}
    documents: list[Document] = []
    now = utcnow()
    for i, f in enumerate(collected.files):
        original = seen.get(f.content_hash) or _first_with_hash(scope, f.content_hash)
        doc = Document(
            company_id=actor.company_id, batch_id=batch.id, seq=i, file_name=f.file_name,
            content_hash=f.content_hash, blob_key=f.blob_key, size_bytes=f.size_bytes,
            media_type=f.media_type, priority=priority, duplicate_of=original,
            created_at=now, modified_at=now,
        )  # fmt: skip
        session.add(doc)
        session.flush()
        seen.setdefault(f.content_hash, original or doc.id)
        documents.append(doc)
    seq = next_change(session, actor.company_id)
    for doc in documents:
        doc.change_seq = seq
    session.add(
        AuditEvent(
            company_id=actor.company_id, user_id=actor.user_id, action="upload",
            details={"batch_id": batch.id, "documents": len(documents), "skipped": collected.skipped},
        )
    )  # fmt: skip
    session.commit()
    for doc in documents:
        queue.enqueue(doc.id, priority)
    return CreatedBatch(batch, documents, collected.skipped, doc_set)


def _first_with_hash(scope: Scope, content_hash: str) -> str | None:
    stmt = (
        scope.select(Document)
        .where(Document.content_hash == content_hash)
        .order_by(Document.created_at, Document.seq)
        .limit(1)
    )
    doc = scope.session.scalar(stmt)
    return doc.id if doc else None


def resolve_set(scope: Scope, actor: Actor, options: BatchOptions) -> DocumentSet | None:
    """The document set named by the options: a new one (``create_new_set``), an existing one by
    reference number, or one found or made by name. Raises NotFound for an unknown reference."""
    if options.create_new_set:
        return _new_set(scope, actor, options.set_name or "")
    if options.set_reference_number:
        found = scope.session.scalar(
            scope.select(DocumentSet).where(DocumentSet.reference_number == options.set_reference_number)
        )
        if found is None:
            raise NotFound(f"no document set {options.set_reference_number!r}", code="set_not_found")
        return found
    if options.set_name:
        found = scope.session.scalar(scope.select(DocumentSet).where(DocumentSet.name == options.set_name))
        return found or _new_set(scope, actor, options.set_name)
    return None


def _new_set(scope: Scope, actor: Actor, name: str) -> DocumentSet:
    while True:
        ref = str(10_000_000 + secrets.randbelow(90_000_000))
        taken = scope.session.scalar(scope.select(DocumentSet).where(DocumentSet.reference_number == ref))
        if taken is None:
            break
    doc_set = DocumentSet(
        company_id=actor.company_id, reference_number=ref, name=name, created_by=actor.user_id
    )
    scope.session.add(doc_set)
    scope.session.flush()
    return doc_set


def get_batch(scope: Scope, batch_id: str) -> Batch:
    """The batch ``batch_id`` of the scope's company. Raises NotFound (also for other companies')."""
    batch = scope.get(Batch, batch_id)
    if batch is None:
        raise NotFound(f"no batch {batch_id}", code="batch_not_found")
    return batch


def progress(session: Session, batch_ids: list[str]) -> dict[str, dict[str, int]]:
    """Per batch id, the number of documents in each status (every status present, 0 if none)."""
    out = {b: {s.value: 0 for s in DocStatus} for b in batch_ids}
    if not batch_ids:
        return out
    stmt = (
        select(Document.batch_id, Document.status, func.count())
        .where(Document.batch_id.in_(batch_ids))
        .group_by(Document.batch_id, Document.status)
    )
    for batch_id, status, count in session.execute(stmt):
        out[batch_id][status] = count
    return out


@dataclass(frozen=True)
class BatchFilter:
    document_type: str | None = None
    status: str | None = None  # "in_progress" | "done"
    created_from: datetime | None = None
    created_to: datetime | None = None
    set_reference_number: str | None = None
    user_id: int | None = None


def _utc(moment: datetime) -> datetime:
    """``moment`` as aware UTC (a time without zone is taken as UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def list_batches(scope: Scope, flt: BatchFilter, limit: int, offset: int) -> tuple[list[Batch], int]:
    """One page of the company's batches, newest first, and the total matching the filter.

    Raises BadRequest for an unknown status filter.
    """
    stmt = scope.select(Batch)
    if flt.document_type:
        try:
            stmt = stmt.where(Batch.document_type == canonical_document_type(flt.document_type))
        except ValueError as e:
            raise BadRequest(str(e), code="bad_document_type") from e
    if flt.created_from:
        stmt = stmt.where(Batch.created_at >= _utc(flt.created_from))
    if flt.created_to:
        stmt = stmt.where(Batch.created_at < _utc(flt.created_to))
    if flt.user_id is not None:
        stmt = stmt.where(Batch.user_id == flt.user_id)
    if flt.set_reference_number:
        stmt = stmt.join(DocumentSet, DocumentSet.id == Batch.set_id).where(
            DocumentSet.reference_number == flt.set_reference_number
        )
    if flt.status:
        active = exists().where(Document.batch_id == Batch.id, Document.status.in_(ACTIVE))
        if flt.status not in ("in_progress", "done"):
            raise BadRequest("status is in_progress or done", code="bad_status")
        stmt = stmt.where(active if flt.status == "in_progress" else ~active)
    total = scope.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = stmt.order_by(Batch.created_at.desc(), Batch.id).limit(limit).offset(offset)
    return scope.all(page), int(total)
