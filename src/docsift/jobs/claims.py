"""Claims for a broker that delivers at least once (Celery): the database decides who runs a
document, so a message delivered twice, redelivered after a worker died, or published again by
the sweep never produces a second result.

Every state change is a compare-and-set on ``(status, claim)``:

- ``claim_delivery``: ``queued -> processing`` under the delivery's token; a ``processing``
  document is taken over only when the token is the same delivery coming back (its worker was
  lost) or its worker stopped stamping ``heartbeat_at`` for ``lease_s``; a finished document or
  one a live worker holds makes the delivery a no-op.
- ``heartbeat``: the holder stamps ``heartbeat_at`` while it works.
- ``release``: give a document back to the queue before a retry (transient errors).
- ``stale_processing`` / ``requeue_stale`` and ``stale_queued`` / ``mark_enqueued``: what the sweep
  (``docsift.jobs.sweep``) uses to recover documents whose worker or message was lost.

Results are stored by ``docsift.jobs.runner.store_result`` / ``fail``, conditional on the token.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, func, select, update

from docsift.jobs import runner
from docsift.store.db import Database
from docsift.store.models import DocStatus, Document, utcnow


class Claim(StrEnum):
    """What a delivery found."""

    CLAIMED = "claimed"  # this delivery now runs the document
    BUSY = "busy"  # a live worker holds it: this delivery is a duplicate
    DONE = "done"  # already finished: nothing to do
    MISSING = "missing"  # no such document (deleted with its batch)
    EXHAUSTED = "exhausted"  # started max_attempts times by workers that died: now failed


def _same_claim(token: str | None) -> ColumnElement[bool]:
    return Document.claim.is_(None) if token is None else Document.claim == token


def _alive_since(lease_s: float, now: datetime) -> datetime:
    return now - timedelta(seconds=lease_s)


def claim_delivery(db: Database, document_id: str, token: str, *, lease_s: float, max_attempts: int) -> Claim:
    """Claim ``document_id`` for the delivery ``token`` (commits). Returns what happened; a
    document whose dead workers used up ``max_attempts`` is failed here (``EXHAUSTED``)."""
    now = utcnow()
    with db.session() as s:
        row = s.execute(
            select(Document.status, Document.claim, Document.attempts,
                   func.coalesce(Document.heartbeat_at, Document.started_at))
            .where(Document.id == document_id)
        ).one_or_none()  # fmt: skip
    if row is None:
        return Claim.MISSING
    status, holder, attempts, last_seen = row
    if status == DocStatus.QUEUED.value:
        return _take(db, document_id, token, DocStatus.QUEUED, None, now)
    if status != DocStatus.PROCESSING.value:
        return Claim.DONE
    stale = last_seen is None or last_seen < _alive_since(lease_s, now)
    if holder != token and not stale:
        return Claim.BUSY
    if attempts >= max_attempts:
        reason = f"the worker processing it was lost {attempts} times"
        outcome = runner.fail(db, document_id, holder or "", "worker_crashed", reason)
        return Claim.EXHAUSTED if outcome == DocStatus.FAILED.value else Claim.BUSY
    return _take(db, document_id, token, DocStatus.PROCESSING, holder, now)


def _take(db: Database, document_id: str, token: str, status: DocStatus, holder: str | None,
          now: datetime) -> Claim:  # fmt: skip
    with db.session() as s:
        done = s.execute(
            update(Document)
            .where(Document.id == document_id, Document.status == status.value, _same_claim(holder))
            .values(status=DocStatus.PROCESSING.value, claim=token, attempts=Document.attempts + 1,
                    started_at=now, heartbeat_at=now, modified_at=now)
        )  # fmt: skip
        return Claim.CLAIMED if _rowcount(done) == 1 else Claim.BUSY


def heartbeat(db: Database, document_id: str, token: str) -> bool:
    """Stamp the claimed document as alive. Returns False when the claim is no longer ours."""
    with db.session() as s:
        done = s.execute(
            update(Document)
            .where(Document.id == document_id, Document.claim == token,
                   Document.status == DocStatus.PROCESSING.value)
            .values(heartbeat_at=utcnow())
        )  # fmt: skip
        return _rowcount(done) == 1


def release(db: Database, document_id: str, token: str, retry_in_s: float) -> bool:
    """Give a claimed document back to the queue before a retry in ``retry_in_s`` seconds; the
    attempt is not counted (attempts count starts lost with their worker). Returns whether it was
    ours."""
    now = utcnow()
    with db.session() as s:
        done = s.execute(
            update(Document)
            .where(Document.id == document_id, Document.claim == token,
                   Document.status == DocStatus.PROCESSING.value)
            .values(status=DocStatus.QUEUED.value, claim=None, attempts=Document.attempts - 1,
                    heartbeat_at=None, enqueued_at=now + timedelta(seconds=retry_in_s))
        )  # fmt: skip
        return _rowcount(done) == 1


@dataclass(frozen=True)
class Stale:
    """A document the sweep may need to act on."""

    id: str
    priority: int
    claim: str | None = None
    attempts: int = 0
    mark: datetime | None = None  # the heartbeat / enqueued stamp it was selected by


def stale_processing(db: Database, lease_s: float, limit: int = 500) -> list[Stale]:
    """Documents ``processing`` whose worker has not stamped them for ``lease_s``."""
    cutoff = _alive_since(lease_s, utcnow())
    seen = func.coalesce(Document.heartbeat_at, Document.started_at)
    with db.session() as s:
        rows = s.execute(
            select(Document.id, Document.priority, Document.claim, Document.attempts)
            .where(Document.status == DocStatus.PROCESSING.value, seen < cutoff)
            .order_by(Document.priority.desc(), Document.created_at).limit(limit)
        )  # fmt: skip
        return [Stale(i, p, c, a) for i, p, c, a in rows]


def requeue_stale(db: Database, doc: Stale, lease_s: float, max_attempts: int) -> str:
    """Take a stale document back: queued again, or failed once started ``max_attempts`` times.
    Returns "queued", "failed" or "lost" (its worker came back, or another sweep was first)."""
    if doc.attempts >= max_attempts:
        reason = f"the worker processing it stopped responding ({doc.attempts} attempts)"
        return runner.fail(db, doc.id, doc.claim or "", "worker_lost", reason)
    cutoff = _alive_since(lease_s, utcnow())
    seen = func.coalesce(Document.heartbeat_at, Document.started_at)
    with db.session() as s:
        done = s.execute(
            update(Document)
            .where(Document.id == doc.id, Document.status == DocStatus.PROCESSING.value,
                   _same_claim(doc.claim), seen < cutoff)
            .values(status=DocStatus.QUEUED.value, claim=None, heartbeat_at=None, enqueued_at=None)
        )  # fmt: skip
        return "queued" if _rowcount(done) == 1 else "lost"


def stale_queued(db: Database, requeue_after_s: float, limit: int = 500) -> list[Stale]:
    """Documents ``queued`` and not published for ``requeue_after_s`` (their message may be lost)."""
    cutoff = utcnow() - timedelta(seconds=requeue_after_s)
    mark = func.coalesce(Document.enqueued_at, Document.created_at)
    with db.session() as s:
        rows = s.execute(
            select(Document.id, Document.priority, Document.enqueued_at)
            .where(Document.status == DocStatus.QUEUED.value, mark < cutoff)
            .order_by(Document.priority.desc(), Document.created_at).limit(limit)
        )  # fmt: skip
        return [Stale(i, p, mark=m) for i, p, m in rows]


def mark_enqueued(db: Database, doc: Stale) -> bool:
    """Record that ``doc`` was just published again (unless another sweep did meanwhile)."""
    same = Document.enqueued_at.is_(None) if doc.mark is None else Document.enqueued_at == doc.mark
    with db.session() as s:
        done = s.execute(
            update(Document)
            .where(Document.id == doc.id, Document.status == DocStatus.QUEUED.value, same)
            .values(enqueued_at=utcnow())
        )  # fmt: skip
        return _rowcount(done) == 1


def count_waiting(db: Database) -> int:
    """How many documents are ``queued``."""
    with db.session() as s:
        return int(s.scalar(select(func.count()).where(Document.status == DocStatus.QUEUED.value)) or 0)


def _rowcount(result: Any) -> int:
    return int(result.rowcount)
