"""/api/v1/sets: the company's document sets (made by uploads with create_new_set / set_name)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import func, select

from docsift.service.batches import BatchFilter, list_batches, progress
from docsift.service.deps import TenantScope
from docsift.service.errors import NotFound
from docsift.service.schemas import DocumentSetDetail, DocumentSetPublic, ErrorBody
from docsift.service.views import batch_view
from docsift.store.models import Batch, DocumentSet

router = APIRouter(prefix="/sets", tags=["sets"])


@router.get("", response_model=list[DocumentSetPublic])
def sets(scope: TenantScope) -> list[DocumentSetPublic]:
    """Every document set of the company, newest first, with its number of batches."""
    rows = scope.all(scope.select(DocumentSet).order_by(DocumentSet.created_at.desc(), DocumentSet.id.desc()))
    counts = dict(
        scope.session.execute(
            select(Batch.set_id, func.count())
            .where(Batch.company_id == scope.company_id)
            .group_by(Batch.set_id)
        ).all()
    )
    return [
        DocumentSetPublic(
            reference_number=s.reference_number,
            name=s.name,
            created_at=s.created_at,
            batches=int(counts.get(s.id, 0)),
        )
        for s in rows
    ]


@router.get("/{reference_number}", response_model=DocumentSetDetail, responses={404: {"model": ErrorBody}})
def document_set(reference_number: str, scope: TenantScope) -> DocumentSetDetail:
    """One set with its batches (newest first) and their progress."""
    found = scope.session.scalar(
        scope.select(DocumentSet).where(DocumentSet.reference_number == reference_number)
    )
    if found is None:
        raise NotFound(f"no document set {reference_number}", code="set_not_found")
    batches, total = list_batches(scope, BatchFilter(set_reference_number=reference_number), 200, 0)
    counts = progress(scope.session, [b.id for b in batches])
    return DocumentSetDetail(
        reference_number=found.reference_number, name=found.name, created_at=found.created_at, batches=total,
        items=[batch_view(scope.session, b, counts[b.id]) for b in batches],
    )  # fmt: skip
