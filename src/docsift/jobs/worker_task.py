"""The Celery task a ``docsift worker`` runs: claim the document, run the same pipeline as the CLI
with a heartbeat going, store the outcome under the claim.

- A duplicate or late delivery is a no-op (``docsift.jobs.claims``): one stored result.
- Transient errors (database or blob store unreachable) give the document back and retry the task
  with exponential backoff; after ``DOCSIFT_TASK_RETRIES`` retries the document is failed with the
  reason. A bad file is not an error here: the pipeline returns a ``failed`` result.
- The hard time limit kills the process running the document; ``on_failure`` (in the worker's
  main process) then fails it with code ``time_limit``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import threading
from collections.abc import Iterator
from typing import Any

from celery import Celery, Task
from celery.exceptions import TimeLimitExceeded
from sqlalchemy.exc import DBAPIError, OperationalError

from docsift.jobs import claims, runner
from docsift.jobs.base import TASK
from docsift.pipeline import run_pipeline
from docsift.settings import Settings
from docsift.store.blobs import BlobError, BlobNotFound, BlobStore
from docsift.store.blobstores import open_blob_store
from docsift.store.db import Database

log = logging.getLogger("docsift.worker")
MAX_BACKOFF_S = 60.0


class WorkerState:
    """Settings plus this process's database and blob store (made after a fork, never shared)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pid = -1
        self._db: Database | None = None
        self._blobs: BlobStore | None = None

    def _ensure(self) -> None:
        if self._pid != os.getpid() or self._db is None:
            s = self.settings
            self._db = Database(s.effective_database_url, pool_size=2, max_overflow=2)
            self._blobs = open_blob_store(s.storage_url, s.data_dir, s3_endpoint_url=s.s3_endpoint_url,
                                          s3_region=s.s3_region)  # fmt: skip
            self._pid = os.getpid()

    @property
    def db(self) -> Database:
        """This process's database (a small pool: the task and its heartbeat)."""
        self._ensure()
        assert self._db is not None
        return self._db

    @property
    def blobs(self) -> BlobStore:
        """This process's blob store."""
        self._ensure()
        assert self._blobs is not None
        return self._blobs


def is_transient(error: BaseException) -> bool:
    """Whether ``error`` may go away by itself: a lost database connection, an unreachable blob
    store, a network error. A missing blob is permanent."""
    if isinstance(error, BlobNotFound):
        return False
    if isinstance(error, DBAPIError):
        return isinstance(error, OperationalError) or error.connection_invalidated
    return isinstance(error, BlobError | ConnectionError | TimeoutError)


def backoff_s(retries: int, first_s: float) -> float:
    """The delay before retry number ``retries + 1``: doubling from ``first_s``, at most a minute,
    with ±20 % jitter so that retries of a batch spread out."""
    return min(MAX_BACKOFF_S, first_s * 2**retries) * random.uniform(0.8, 1.2)


@contextlib.contextmanager
def heartbeat(db: Database, document_id: str, token: str, every_s: float) -> Iterator[None]:
    """Stamp the document every ``every_s`` seconds from a thread while the block runs."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(every_s):
            try:
                if not claims.heartbeat(db, document_id, token):
                    return  # the claim was taken back: nothing left to stamp
            except Exception as e:  # the database is away: keep trying, the lease is generous
                log.warning("heartbeat for %s failed: %s", document_id, e)

    thread = threading.Thread(target=beat, name=f"heartbeat-{document_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(5)


def run_delivery(state: WorkerState, task: Task, document_id: str) -> str:
    """Handle one delivery of ``document_id``. Returns the outcome ("completed", "failed", a
    claims.Claim value for a no-op, "lost"); raises celery's Retry for a transient error."""
    s = state.settings
    token = str(task.request.id)
    try:
        claim = claims.claim_delivery(state.db, document_id, token, lease_s=s.lease_s,
                                      max_attempts=s.max_attempts)  # fmt: skip
    except Exception as e:
        if not is_transient(e):
            raise
        raise retry(state, task, document_id, None, e) from e
    if claim is not claims.Claim.CLAIMED:
        log.info("document %s: %s, nothing to do", document_id, claim.value)
        return claim.value
    with heartbeat(state.db, document_id, token, s.heartbeat_s):
        try:
            return runner.process(state.db, state.blobs, s.limits, document_id, token,
                                  permanent=(BlobNotFound,))  # fmt: skip
        except Exception as e:
            if is_transient(e):
                raise retry(state, task, document_id, token, e) from e
            log.exception("document %s", document_id)
            return runner.fail(state.db, document_id, token, "internal", f"unexpected error: {e!r}")


def retry(state: WorkerState, task: Task, document_id: str, token: str | None, error: Exception) -> Exception:
    """Give the document back and schedule the task again after a backoff; after the last retry,
    fail the document with the reason and return celery's Ignore (nothing more to do)."""
    from celery.exceptions import Ignore

    s = state.settings
    retries = int(task.request.retries or 0)
    reason = f"{type(error).__name__}: {error}"[:500]
    if retries >= s.task_retries:
        log.error("document %s: giving up after %d tries: %s", document_id, retries + 1, reason)
        _give_up(state, document_id, str(task.request.id), f"gave up after {retries + 1} tries: {reason}")
        return Ignore()
    delay = backoff_s(retries, s.retry_backoff_s)
    log.warning("document %s: %s; retry %d in %.1f s", document_id, reason, retries + 1, delay)
    if token is not None:
        with contextlib.suppress(Exception):  # if this fails too, the retry takes the claim back
            claims.release(state.db, document_id, token, delay)
    return task.retry(countdown=delay, max_retries=s.task_retries, throw=False)


def _give_up(state: WorkerState, document_id: str, token: str, reason: str) -> None:
    s = state.settings
    try:
        claim = claims.claim_delivery(state.db, document_id, token, lease_s=s.lease_s,
                                      max_attempts=s.max_attempts + 1)  # fmt: skip
        if claim is claims.Claim.CLAIMED:
            runner.fail(state.db, document_id, token, "transient_error", reason)
    except Exception as e:  # still unreachable: the document stays queued and the sweep resends it
        log.error("document %s: cannot record the failure (%s); the sweep will resend it", document_id, e)


def on_time_limit(state: WorkerState, document_id: str, token: str) -> None:
    """Fail a document whose process was killed by the hard time limit (runs in the main process)."""
    limit = state.settings.document_time_limit_s
    try:
        runner.fail(state.db, document_id, token, "time_limit",
                    f"processing took longer than the limit of {limit} s")  # fmt: skip
    except Exception:
        log.exception("document %s: cannot record the time limit; the sweep will take it back", document_id)


def warm_up() -> None:
    """Run the pipeline once on a tiny generated invoice so that the models load before the first
    real document (and outside its time limit). Runs in each pool process after the fork: loading
    before the fork would share OpenMP state with the children, which is not fork-safe."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf)
    for i, line in enumerate(("Invoice", "Invoice No: W-1", "Date: 2024-01-31", "Total: 10.00")):
        canvas.drawString(72, 760 - 16 * i, line)
    canvas.save()
    try:
        run_pipeline(buf.getvalue(), "warm-up.pdf")
    except Exception:  # never keep a worker from starting
        log.exception("warm-up failed")
    log.info("pool process %d warm", os.getpid())


def register(app: Celery, settings: Settings) -> None:
    """Register ``docsift.process_document`` on ``app`` (and the warm-up of each pool process)."""
    from celery.signals import worker_process_init

    state = WorkerState(settings)
    worker_process_init.connect(lambda **_: warm_up(), weak=False)

    class DocumentTask(Task):
        def on_failure(self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
            if isinstance(exc, TimeLimitExceeded) and args:
                on_time_limit(state, str(args[0]), task_id)

    @app.task(name=TASK, bind=True, base=DocumentTask, max_retries=settings.task_retries)
    def process_document(self: Task, document_id: str) -> str:
        return run_delivery(state, self, document_id)
