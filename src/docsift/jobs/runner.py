"""Processing one document, for every queue adapter: claim it, run the pipeline, store the result.

Status is written here (the adapter's side), never by pipeline stages. Every write is conditional
on the claim token, so a document run twice (a crash, a redelivered task) stores one result and
one ``processed`` audit event: the effect happens exactly once.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update

from docsift.errors import DocsiftError
from docsift.options import DocumentType, Limits, ProcessingPref, RunOptions
from docsift.pipeline import run_pipeline
from docsift.result import DocumentResult, ErrorItem, Status
from docsift.store.blobs import BlobStore
from docsift.store.changes import next_change
from docsift.store.db import Database
from docsift.store.models import AuditEvent, Batch, DocStatus, Document, utcnow

log = logging.getLogger("docsift.jobs")
FINAL = {
    Status.COMPLETED: DocStatus.COMPLETED,
    Status.NEEDS_REVIEW: DocStatus.NEEDS_REVIEW,
    Status.FAILED: DocStatus.FAILED,
}


def new_token() -> str:
    """A fresh claim token."""
    return uuid.uuid4().hex


def run_options(batch: Batch, limits: Limits) -> RunOptions:
    """The RunOptions a batch asks for (type, speed/accuracy, additional parameters) with ``limits``."""
    try:
        doc_type = DocumentType(batch.document_type)
    except ValueError:
        doc_type = DocumentType.AUTO
    return RunOptions(
        document_type=doc_type,
        pref=ProcessingPref(batch.processing_pref),
        limits=limits,
        additional_params=dict(batch.additional_params or {}),
    )


def claim_next(db: Database, token: str) -> str | None:
    """Move the most urgent queued document to ``processing`` under ``token``; its id, or None."""
    with db.session() as s:
        for _ in range(10):
            doc_id = s.scalar(
                select(Document.id)
                .where(Document.status == DocStatus.QUEUED.value)
                .order_by(Document.priority.desc(), Document.created_at, Document.seq)
                .limit(1)
            )
            if doc_id is None:
                return None
            if claim(s, doc_id, token, from_states=(DocStatus.QUEUED,)):
                s.commit()
                return doc_id
    return None


def claim(s: Any, document_id: str, token: str, from_states: tuple[DocStatus, ...]) -> bool:
    """Claim one document in one of ``from_states`` (does not commit). Whether it was claimed."""
    now = utcnow()
    done = s.execute(
        update(Document)
        .where(Document.id == document_id, Document.status.in_([st.value for st in from_states]))
        .values(status=DocStatus.PROCESSING.value, claim=token, attempts=Document.attempts + 1,
                started_at=now, modified_at=now)
    )  # fmt: skip
    return bool(done.rowcount == 1)


@dataclass(frozen=True)
class Claimed:
    """What a worker needs to run a claimed document."""

    blob_key: str
    file_name: str
    options: RunOptions


def load_claimed(db: Database, limits: Limits, document_id: str, token: str) -> Claimed | None:
    """The blob key, file name and run options of a document claimed under ``token``; None when
    the claim is no longer ours."""
    with db.session() as s:
        doc = s.get(Document, document_id)
        if doc is None or doc.claim != token or doc.status != DocStatus.PROCESSING.value:
            return None
        batch = s.get(Batch, doc.batch_id)
        if batch is None:
            return None
        return Claimed(doc.blob_key, doc.file_name, run_options(batch, limits))


def process(
    db: Database, blobs: BlobStore, limits: Limits, document_id: str, token: str,
    permanent: tuple[type[DocsiftError], ...] = (DocsiftError,),
) -> str:  # fmt: skip
    """Run the pipeline on a claimed document and store the outcome. Returns the final status, or
    "lost" when the claim is no longer ours (nothing stored). Never raises for a bad file.

    An original that cannot be loaded with one of the ``permanent`` errors fails the document
    (stage ``load``); other blob store errors are raised, for an adapter that retries them."""
    claimed = load_claimed(db, limits, document_id, token)
    if claimed is None:
        return "lost"
    try:
        data = blobs.get(claimed.blob_key)
    except permanent as e:
        return fail(db, document_id, token, e.code, e.message, stage="load")
    result = run_pipeline(data, claimed.file_name, claimed.options, document_id=document_id)
    outcome = store_result(db, document_id, token, result)
    log.info("document %s: %s (%d pages)", document_id, outcome, result.pages)
    return outcome


def store_result(db: Database, document_id: str, token: str, result: DocumentResult) -> str:
    """Store a pipeline result under the claim ``token``. Returns the status, or "lost"."""
    status = FINAL.get(result.status, DocStatus.COMPLETED)
    result.status = Status(status.value)
    error = result.errors[-1] if status is DocStatus.FAILED and result.errors else None
    values: dict[str, Any] = {
        "status": status.value,
        "result": result.to_json_dict(),
        "pages": result.pages,
        "document_type": result.document_type,
        "overall_confidence": result.overall_confidence,
        "error_code": error.code if error else None,
        "error_message": f"{error.stage}: {error.message}" if error else None,
    }
    return _finish(db, document_id, token, values)


def fail(db: Database, document_id: str, token: str, code: str, message: str, stage: str = "worker") -> str:
    """Mark a claimed document failed with its reason. Returns "failed", or "lost"."""
    with db.session() as s:
        doc = s.get(Document, document_id)
        file_name = doc.file_name if doc else ""
    result = DocumentResult(document_id=document_id, file_name=file_name, status=Status.FAILED)
    result.errors.append(ErrorItem(stage=stage, message=message, code=code))
    return store_result(db, document_id, token, result)


def _finish(db: Database, document_id: str, token: str, values: dict[str, Any]) -> str:
    with db.session() as s:
        company_id = s.scalar(select(Document.company_id).where(Document.id == document_id))
        if company_id is None:
            return "lost"
        now = utcnow()
        seq = next_change(s, company_id)
        done = s.execute(
            update(Document)
            .where(Document.id == document_id, Document.claim == token,
                   Document.status == DocStatus.PROCESSING.value)
            .values(**values, claim=None, finished_at=now, modified_at=now, change_seq=seq)
        )  # fmt: skip
        if done.rowcount != 1:  # type: ignore[attr-defined]
            s.rollback()
            return "lost"
        attempts = s.scalar(select(Document.attempts).where(Document.id == document_id))
        details = {"status": values["status"], "attempts": attempts, "error": values["error_message"]}
        s.add(AuditEvent(company_id=company_id, document_id=document_id, action="processed", details=details))
    return str(values["status"])


def requeue_or_fail(db: Database, document_id: str, token: str, reason: str, max_attempts: int) -> str:
    """After a worker died on a document: queue it again, or fail it once it has been started
    ``max_attempts`` times. Returns "queued", "failed" or "lost"."""
    with db.session() as s:
        doc = s.get(Document, document_id)
        if doc is None or doc.claim != token or doc.status != DocStatus.PROCESSING.value:
            return "lost"
        attempts = doc.attempts
        if attempts < max_attempts:
            s.execute(
                update(Document)
                .where(Document.id == document_id, Document.claim == token)
                .values(status=DocStatus.QUEUED.value, claim=None)
            )
            return "queued"
    return fail(db, document_id, token, "worker_crashed", f"{reason} ({attempts} attempts)")


def recover(db: Database, max_attempts: int) -> dict[str, int]:
    """After a restart: documents left ``processing`` go back to the queue, or fail when they have
    already been started ``max_attempts`` times. Returns how many were requeued and failed."""
    with db.session() as s:
        stuck = list(s.execute(
            select(Document.id, Document.claim, Document.attempts)
            .where(Document.status == DocStatus.PROCESSING.value)
        ))  # fmt: skip
    counts = {"requeued": 0, "failed": 0}
    for doc_id, token, _attempts in stuck:
        outcome = requeue_or_fail(db, doc_id, token or "", "interrupted by a restart", max_attempts)
        if outcome == "queued":
            counts["requeued"] += 1
        elif outcome == "failed":
            counts["failed"] += 1
    return counts


def pending_counts(db: Database) -> dict[str, int]:
    """How many documents are ``queued`` and ``processing`` (for the adapters' health reports)."""
    with db.session() as s:
        rows = s.execute(
            select(Document.status, func.count())
            .where(Document.status.in_([DocStatus.QUEUED.value, DocStatus.PROCESSING.value]))
            .group_by(Document.status)
        )
        counts = {status: n for status, n in rows}
    return {"queued": counts.get(DocStatus.QUEUED.value, 0),
            "processing": counts.get(DocStatus.PROCESSING.value, 0)}  # fmt: skip
