"""ORM rows to the native API's response models."""

from __future__ import annotations

from typing import Any

from fastapi import Response
from pydantic import BaseModel, TypeAdapter
from sqlalchemy.orm import Session

from docsift.service.schemas import BatchPublic, DocumentError, DocumentPublic, DocumentSummary, ReviewState
from docsift.store.models import Batch, DocStatus, Document, DocumentSet


def batch_view(session: Session, batch: Batch, counts: dict[str, int]) -> BatchPublic:
    """A batch with its per-status counts."""
    doc_set = session.get(DocumentSet, batch.set_id) if batch.set_id else None
    active = counts.get(DocStatus.QUEUED.value, 0) + counts.get(DocStatus.PROCESSING.value, 0)
    return BatchPublic(
        id=batch.id,
        status="in_progress" if active else "done",
        document_type=batch.document_type,
        invoice_type=batch.invoice_type,
        processing_pref=batch.processing_pref,
        priority=bool(batch.priority),
        source=batch.source,
        set_reference_number=doc_set.reference_number if doc_set else None,
        application_no=batch.application_no,
        user_id=batch.user_id,
        created_at=batch.created_at,
        documents=sum(counts.values()),
        counts=counts,
    )


def review_view(doc: Document) -> ReviewState:
    """The review state of a document (saved, approved / rejected, by whom, when)."""
    return ReviewState(
        saved=doc.saved_at is not None,
        saved_at=doc.saved_at,
        saved_by=doc.saved_by,
        decision=doc.decision,  # type: ignore[arg-type]
        decided_at=doc.decided_at,
        decided_by=doc.decided_by,
        comment=doc.decision_comment,
    )


def _summary_fields(doc: Document) -> dict:
    error = DocumentError(code=doc.error_code, message=doc.error_message) if doc.error_message else None
    return {
        "id": doc.id, "batch_id": doc.batch_id, "file_name": doc.file_name, "status": doc.status,
        "error": error, "document_type": doc.document_type, "pages": doc.pages,
        "overall_confidence": doc.overall_confidence, "duplicate_of": doc.duplicate_of,
        "version": doc.version,
        "attempts": doc.attempts, "created_at": doc.created_at, "started_at": doc.started_at,
        "finished_at": doc.finished_at, "review": review_view(doc),
    }  # fmt: skip


def document_summary(doc: Document) -> DocumentSummary:
    """A document without its result."""
    return DocumentSummary(**_summary_fields(doc))


def document_view(doc: Document) -> DocumentPublic:
    """A document with its native result (DocumentResult JSON) and review state."""
    return DocumentPublic(**_summary_fields(doc), result=doc.result)


def json_response(model: BaseModel | list[Any], status_code: int = 200) -> Response:
    """``model`` (or a list of models) serialised once by pydantic-core: FastAPI would validate
    and encode it again, which costs most of the time of a 100-result batch read."""
    body = model.model_dump_json() if isinstance(model, BaseModel) else _LIST.dump_json(model)
    return Response(content=body, status_code=status_code, media_type="application/json")


_LIST: TypeAdapter[list[Any]] = TypeAdapter(list[Any])
