"""The in-process queue and the shared runner: time limits, crashed workers, restart recovery,
claims that make a second run store nothing."""

from __future__ import annotations

import io
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from docsift.jobs import runner
from docsift.jobs.inline import InlineQueue, WorkerConfig
from docsift.options import Limits
from docsift.result import DocumentResult
from docsift.service.auth import Actor, actor_for
from docsift.service.batches import BatchOptions, create_batch
from docsift.service.uploads import RawUpload, UploadLimits, collect
from docsift.service.users import create_company, create_user
from docsift.store import Database, migrate
from docsift.store.blobs import LocalBlobStore
from docsift.store.models import AuditEvent, Document, Role
from tests.docgen import invoice_pdf
from tests.service.conftest import small_pdf


class _NoQueue:
    def enqueue(self, document_id: str, priority: int) -> None:
        """Documents stay queued in the database until a pool picks them up."""


@dataclass
class Env:
    db: Database
    blobs: LocalBlobStore
    actor: Actor
    data_dir: Path
    url: str

    def add(self, *files: tuple[str, bytes], priority: bool = False) -> list[str]:
        """Store files as a new batch of queued documents; their ids."""
        uploads = [RawUpload(name, io.BytesIO(data)) for name, data in files]
        collected = collect(uploads, UploadLimits(50 << 20, 50 << 20, 100, 100), self.blobs)
        with self.db.session() as s:
            created = create_batch(s, self.actor, collected, BatchOptions(priority=priority), _NoQueue())
        return [d.id for d in created.documents]

    def doc(self, doc_id: str) -> Document:
        with self.db.session() as s:
            found = s.get(Document, doc_id)
            assert found is not None
            return found

    def queue(self, **kwargs: float) -> InlineQueue:
        config = WorkerConfig(self.url, None, str(self.data_dir), Limits())
        args = {"workers": 1, "time_limit_s": 600, "max_attempts": 3, **kwargs}
        return InlineQueue(config, int(args["workers"]), args["time_limit_s"], int(args["max_attempts"]), 0.1)

    def wait_done(self, doc_id: str, timeout: float = 120) -> Document:
        deadline = time.monotonic() + timeout
        while (doc := self.doc(doc_id)).status in ("queued", "processing"):
            assert time.monotonic() < deadline, doc.status
            time.sleep(0.05)
        return doc


@pytest.fixture
def env(fresh_database_url: str, tmp_path: Path) -> Iterator[Env]:
    db = Database(fresh_database_url)
    migrate(db)
    with db.session() as s:
        company = create_company(s, "jobs-co")
        user = create_user(s, company, "worker-test", "long-enough-1", Role.ADMIN)
        s.commit()
        actor = actor_for(s, user)
    yield Env(db, LocalBlobStore(tmp_path / "blobs"), actor, tmp_path, fresh_database_url)
    db.dispose()


def test_given_a_document_over_the_time_limit_then_it_fails_and_the_pool_goes_on(env: Env) -> None:
    (slow,) = env.add(("slow.pdf", small_pdf("slow")))
    queue = env.queue(time_limit_s=0)  # every document overruns a limit of 0 s
    queue.start()
    try:
        doc = env.wait_done(slow)
        assert doc.status == "failed" and doc.error_code == "time_limit"
        queue.time_limit = 600
        (fine,) = env.add(("fine.pdf", small_pdf("fine")))
        queue.enqueue(fine, 0)
        assert env.wait_done(fine).status in ("completed", "needs_review")
        assert queue.health()["alive"] == 1
    finally:
        queue.stop()


def test_given_a_worker_killed_mid_document_then_only_that_document_fails_after_its_attempts(
    env: Env,
) -> None:
    big, small = env.add(
        ("big.pdf", invoice_pdf(pages=200, items=10, seed=3).data), ("small.pdf", small_pdf("k"))
    )
    queue = env.queue(max_attempts=1)
    queue.start()
    try:
        deadline = time.monotonic() + 60
        while env.doc(big).status != "processing":
            assert time.monotonic() < deadline
            time.sleep(0.01)
        os.kill(queue._workers[0].process.pid, signal.SIGKILL)  # type: ignore[arg-type]
        doc = env.wait_done(big)
        assert doc.status == "failed" and doc.error_code == "worker_crashed"
        assert env.wait_done(small).status in ("completed", "needs_review")
        assert queue.health()["alive"] == 1
    finally:
        queue.stop()


def test_given_documents_left_processing_when_recovering_then_requeued_or_failed_at_the_limit(
    env: Env,
) -> None:
    fresh, tired = env.add(("a.pdf", small_pdf("r1")), ("b.pdf", small_pdf("r2")))
    with env.db.session() as s:
        assert runner.claim(s, fresh, "dead-1", (runner.DocStatus.QUEUED,))
        for _ in range(3):  # started three times already
            s.query(Document).filter(Document.id == tired).update({"status": "queued"})
            assert runner.claim(s, tired, "dead-2", (runner.DocStatus.QUEUED,))
    assert runner.recover(env.db, max_attempts=3) == {"requeued": 1, "failed": 1}
    assert env.doc(fresh).status == "queued" and env.doc(fresh).claim is None
    failed = env.doc(tired)
    assert failed.status == "failed" and failed.error_code == "worker_crashed" and failed.attempts == 3


def test_given_a_stale_claim_when_storing_then_nothing_is_stored_twice(env: Env) -> None:
    (doc_id,) = env.add(("a.pdf", small_pdf("claims")))
    first, second = runner.new_token(), runner.new_token()
    with env.db.session() as s:
        assert runner.claim(s, doc_id, first, (runner.DocStatus.QUEUED,))
    with env.db.session() as s:  # a redelivery takes it over
        assert runner.claim(s, doc_id, second, (runner.DocStatus.PROCESSING,))
    result = DocumentResult(document_id=doc_id, file_name="a.pdf")
    assert runner.store_result(env.db, doc_id, first, result) == "lost"
    assert runner.store_result(env.db, doc_id, second, result) == "completed"
    assert runner.store_result(env.db, doc_id, second, result) == "lost"
    with env.db.session() as s:
        events = s.query(AuditEvent).filter(
            AuditEvent.document_id == doc_id, AuditEvent.action == "processed"
        )
        assert events.count() == 1
    assert env.doc(doc_id).attempts == 2


def test_given_priority_documents_then_they_are_claimed_first(env: Env) -> None:
    (normal,) = env.add(("n.pdf", small_pdf("p1")))
    (urgent,) = env.add(("u.pdf", small_pdf("p2")), priority=True)
    assert runner.claim_next(env.db, "t1") == urgent
    assert runner.claim_next(env.db, "t2") == normal
    assert runner.claim_next(env.db, "t3") is None
