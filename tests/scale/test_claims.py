"""The compare-and-set rules behind at-least-once delivery (``docsift.jobs.claims``) and the sweep,
on SQLite and PostgreSQL: who may run a document, when a silent worker's document is taken back,
when a queued document is published again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from docsift.jobs import claims, runner
from docsift.jobs.celery_app import make_celery, queue_depths
from docsift.jobs.claims import Claim
from docsift.jobs.sweep import sweep_once
from docsift.settings import Settings
from docsift.store.db import Database
from docsift.store.migrate import migrate
from docsift.store.models import Batch, Company, Document, utcnow
from tests.scale.harness import RedisServer
from tests.servers import postgres_database

pytestmark = [pytest.mark.services]
LEASE = 30.0


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'claims.db'}")
        migrate(database)
        yield database
        database.dispose()
        return
    with postgres_database("docsift_scale") as url:
        database = Database(url, pool_size=2)
        migrate(database)
        yield database
        database.dispose()


def _documents(db: Database, n: int = 1, priority: int = 0) -> list[str]:
    with db.session() as s:
        company = Company(name=f"c{utcnow().timestamp()}")
        s.add(company)
        s.flush()
        batch = Batch(
            company_id=company.id, document_type="invoice", processing_pref="speed", priority=priority
        )
        s.add(batch)
        s.flush()
        docs = [
            Document(company_id=company.id, batch_id=batch.id, seq=i, file_name=f"d{i}.pdf",
                     content_hash="0" * 64, blob_key="0" * 64, priority=priority)
            for i in range(n)
        ]  # fmt: skip
        s.add_all(docs)
        s.flush()
        return [d.id for d in docs]


def _age(db: Database, doc_id: str, seconds: float, **columns: bool) -> None:
    """Move the document's stamps ``seconds`` into the past."""
    then = utcnow() - timedelta(seconds=seconds)
    with db.session() as s:
        s.execute(update(Document).where(Document.id == doc_id).values(**{c: then for c in columns}))


def _doc(db: Database, doc_id: str) -> Document:
    with db.session() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None
        return doc


def test_given_a_queued_document_then_one_delivery_claims_it_and_a_second_finds_it_busy(db: Database) -> None:
    (doc_id,) = _documents(db)
    assert claims.claim_delivery(db, doc_id, "task-a", lease_s=LEASE, max_attempts=3) is Claim.CLAIMED
    assert claims.claim_delivery(db, doc_id, "task-b", lease_s=LEASE, max_attempts=3) is Claim.BUSY
    doc = _doc(db, doc_id)
    assert doc.status == "processing" and doc.claim == "task-a" and doc.attempts == 1


def test_given_a_redelivery_of_the_same_task_then_it_takes_over_and_counts_an_attempt(db: Database) -> None:
    (doc_id,) = _documents(db)
    claims.claim_delivery(db, doc_id, "task-a", lease_s=LEASE, max_attempts=3)
    assert claims.claim_delivery(db, doc_id, "task-a", lease_s=LEASE, max_attempts=3) is Claim.CLAIMED
    assert _doc(db, doc_id).attempts == 2


def test_given_a_silent_holder_then_another_delivery_takes_over_and_the_old_result_is_discarded(
    db: Database,
) -> None:
    (doc_id,) = _documents(db)
    claims.claim_delivery(db, doc_id, "old", lease_s=LEASE, max_attempts=3)
    _age(db, doc_id, LEASE + 5, heartbeat_at=True)
    assert claims.claim_delivery(db, doc_id, "new", lease_s=LEASE, max_attempts=3) is Claim.CLAIMED
    assert not claims.heartbeat(db, doc_id, "old")  # the old holder learns it lost the claim
    assert runner.fail(db, doc_id, "old", "internal", "late result") == "lost"
    assert runner.fail(db, doc_id, "new", "internal", "the one result") == "failed"
    assert claims.claim_delivery(db, doc_id, "again", lease_s=LEASE, max_attempts=3) is Claim.DONE


def test_given_a_document_whose_workers_keep_dying_then_it_fails_at_the_attempt_limit(db: Database) -> None:
    (doc_id,) = _documents(db)
    for _ in range(2):
        assert claims.claim_delivery(db, doc_id, "task", lease_s=LEASE, max_attempts=2) is Claim.CLAIMED
    assert claims.claim_delivery(db, doc_id, "task", lease_s=LEASE, max_attempts=2) is Claim.EXHAUSTED
    doc = _doc(db, doc_id)
    assert doc.status == "failed" and doc.error_code == "worker_crashed" and doc.claim is None


def test_given_a_transient_error_then_release_queues_it_without_counting_the_attempt(db: Database) -> None:
    (doc_id,) = _documents(db)
    claims.claim_delivery(db, doc_id, "task", lease_s=LEASE, max_attempts=3)
    assert claims.release(db, doc_id, "task", retry_in_s=60)
    doc = _doc(db, doc_id)
    assert doc.status == "queued" and doc.claim is None and doc.attempts == 0
    assert claims.stale_queued(db, requeue_after_s=0) == []  # not before its retry is due
    assert not claims.release(db, doc_id, "task", retry_in_s=60)


def test_given_stale_documents_then_the_sweep_requeues_them_or_fails_those_at_the_limit(db: Database) -> None:
    fresh, silent, spent = _documents(db, 3)
    for doc_id in (fresh, silent, spent):
        claims.claim_delivery(db, doc_id, f"t-{doc_id}", lease_s=LEASE, max_attempts=3)
    with db.session() as s:
        s.execute(update(Document).where(Document.id == spent).values(attempts=3))
    _age(db, silent, LEASE + 5, heartbeat_at=True)
    _age(db, spent, LEASE + 5, heartbeat_at=True)

    stale = {d.id: d for d in claims.stale_processing(db, LEASE)}
    assert set(stale) == {silent, spent}
    assert claims.requeue_stale(db, stale[silent], LEASE, max_attempts=3) == "queued"
    assert claims.requeue_stale(db, stale[silent], LEASE, max_attempts=3) == "lost"  # a second sweep
    assert claims.requeue_stale(db, stale[spent], LEASE, max_attempts=3) == "failed"
    assert (_doc(db, fresh).status, _doc(db, silent).status, _doc(db, spent).status) == (
        "processing", "queued", "failed")  # fmt: skip
    assert _doc(db, spent).error_code == "worker_lost"


def test_given_queued_documents_without_messages_then_the_sweep_publishes_each_once(
    db: Database, tmp_path: Path
) -> None:
    redis = RedisServer()
    redis.start()
    settings = Settings(
        database_url=db.url, broker_url=redis.url, data_dir=tmp_path, requeue_after_s=5, lease_s=LEASE
    )
    app = make_celery(settings)
    try:
        lost = _documents(db, 3)
        (urgent,) = _documents(db, 1, priority=1)
        for doc_id in [*lost, urgent]:
            _age(db, doc_id, 60, created_at=True)
        report = sweep_once(db, app, settings)
        assert report.republished == 4 and not report.errors
        assert queue_depths(app) == {"docsift.high": 1, "docsift": 3}
        assert sweep_once(db, app, settings).republished == 0  # just published: not stale again yet

        for doc_id in [*lost, urgent]:
            _age(db, doc_id, 60, enqueued_at=True)
        assert sweep_once(db, app, settings).republished == 0  # the broker still holds a message each
        (extra,) = _documents(db)  # stored, but its publish never happened
        _age(db, extra, 60, created_at=True)
        # fewer messages than queued documents: every stale one goes out again (duplicates are no-ops)
        assert sweep_once(db, app, settings).republished == 5
        assert sum(queue_depths(app).values()) == 9
    finally:
        app.close()
        redis.stop()
