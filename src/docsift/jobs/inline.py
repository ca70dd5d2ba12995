"""The default queue: a pool of worker processes inside the server.

The database is the queue: a dispatcher thread claims the most urgent ``queued`` document for each
idle worker and hands it the id over a pipe; the worker runs ``runner.process`` and answers. A
worker that dies takes only its own document with it (requeued, failed after ``max_attempts``);
one that overruns the time limit is killed and its document failed. On start, documents left
``processing`` by a killed server are queued again. One server process owns the pool.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from docsift.jobs import runner
from docsift.jobs.base import JobQueue, init_child_process
from docsift.options import Limits
from docsift.settings import Settings
from docsift.store.db import Database

log = logging.getLogger("docsift.jobs")


@dataclass(frozen=True)
class WorkerConfig:
    database_url: str
    storage_url: str | None
    data_dir: str
    limits: Limits
    s3_endpoint_url: str | None = None
    s3_region: str | None = None


def worker_main(conn: Connection, config: WorkerConfig) -> None:
    """Worker process: process each (document id, claim token) received until None or EOF."""
    init_child_process()
    from docsift.store.blobstores import open_blob_store

    db = Database(config.database_url)
    blobs = open_blob_store(config.storage_url, Path(config.data_dir), s3_endpoint_url=config.s3_endpoint_url,
                            s3_region=config.s3_region)  # fmt: skip
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            break
        if msg is None:
            break
        doc_id, token = msg
        try:
            status = runner.process(db, blobs, config.limits, doc_id, token)
        except Exception as e:  # a fault outside the pipeline (database, blob store): fail this document
            log.exception("document %s", doc_id)
            try:
                status = runner.fail(db, doc_id, token, "internal", f"unexpected error: {e!r}")
            except Exception:
                status = "error"
        try:
            conn.send((doc_id, status))
        except (BrokenPipeError, OSError):
            break
    db.dispose()


class _Worker:
    def __init__(self, ctx: Any, config: WorkerConfig) -> None:
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(target=worker_main, args=(child, config), daemon=True)
        self.process.start()
        child.close()
        self.doc_id: str | None = None
        self.token = ""
        self.deadline = 0.0

    def assign(self, doc_id: str, token: str, time_limit: float) -> None:
        self.doc_id, self.token, self.deadline = doc_id, token, time.monotonic() + time_limit
        self.conn.send((doc_id, token))

    def release(self) -> None:
        self.doc_id, self.token = None, ""

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class InlineQueue(JobQueue):
    """A pool of ``workers`` processes fed from the database by one dispatcher thread."""

    kind = "inline"

    def __init__(self, config: WorkerConfig, workers: int, time_limit_s: float, max_attempts: int,
                 poll_s: float = 1.0) -> None:  # fmt: skip
        self.config = config
        self.size = max(0, workers)
        self.time_limit = float(time_limit_s)
        self.max_attempts = max_attempts
        self.poll_s = poll_s
        self.db = Database(config.database_url)
        self._ctx = mp.get_context("spawn")
        self._workers: list[_Worker] = []
        self._stop = threading.Event()
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)
        self._thread: threading.Thread | None = None
        self.recovered: dict[str, int] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> InlineQueue:
        """The pool DOCSIFT_WORKERS and friends describe."""
        config = WorkerConfig(settings.effective_database_url, settings.storage_url,
                              str(settings.data_dir.resolve()), settings.limits,
                              settings.s3_endpoint_url, settings.s3_region)  # fmt: skip
        return cls(config, settings.workers, settings.document_time_limit_s, settings.max_attempts)

    def start(self) -> None:
        self.recovered = runner.recover(self.db, self.max_attempts)
        if any(self.recovered.values()):
            log.warning("resuming after a restart: %s", self.recovered)
        if self.size == 0:
            return
        self._workers = [_Worker(self._ctx, self.config) for _ in range(self.size)]
        self._thread = threading.Thread(target=self._run, name="docsift-dispatcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._signal()
        if self._thread is not None:
            self._thread.join(10)
        for w in self._workers:
            with contextlib.suppress(OSError):
                w.conn.send(None)
        for w in self._workers:
            w.process.join(3)
            w.kill()
        self._workers = []
        self.db.dispose()

    def enqueue(self, document_id: str, priority: int) -> None:
        self._signal()

    def _signal(self) -> None:
        with contextlib.suppress(BlockingIOError):
            os.write(self._wake_w, b"x")

    def health(self) -> dict[str, Any]:
        alive = sum(1 for w in self._workers if w.process.is_alive())
        busy = sum(1 for w in self._workers if w.doc_id is not None)
        running = self._thread is not None and self._thread.is_alive()
        return {
            "ok": self.size == 0 or (running and alive == self.size),
            "kind": self.kind,
            "workers": self.size,
            "alive": alive,
            "busy": busy,
            **runner.pending_counts(self.db),
        }

    # -- dispatcher thread --------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._fill()
                self._wait_and_handle()
            except Exception:  # keep dispatching: a database hiccup must not stop the pool
                log.exception("dispatcher")
                self._stop.wait(self.poll_s)

    def _fill(self) -> None:
        for w in self._workers:
            if w.doc_id is not None:
                continue
            token = runner.new_token()
            doc_id = runner.claim_next(self.db, token)
            if doc_id is None:
                return
            try:
                w.assign(doc_id, token, self.time_limit)
            except OSError:
                w.doc_id, w.token = doc_id, token  # the dead worker is noticed by _wait_and_handle

    def _wait_and_handle(self) -> None:
        busy = [w for w in self._workers if w.doc_id is not None]
        timeout = self.poll_s
        if busy:
            timeout = max(0.0, min(timeout, min(w.deadline for w in busy) - time.monotonic()))
        objects: list[Any] = [self._wake_r]
        objects += [w.conn for w in busy] + [w.process.sentinel for w in self._workers]
        ready = wait(objects, timeout)
        if self._wake_r in ready:
            os.read(self._wake_r, 4096)
        for w in list(self._workers):
            if w.doc_id is not None and w.conn in ready:
                self._receive(w)
            if not w.process.is_alive():
                self._replace(w, "the worker process died")
            elif w.doc_id is not None and time.monotonic() > w.deadline:
                self._timeout(w)

    def _receive(self, w: _Worker) -> None:
        try:
            w.conn.recv()
            w.release()
        except (EOFError, OSError):
            pass  # died while answering: _replace handles it

    def _replace(self, w: _Worker, reason: str) -> None:
        if w.doc_id is not None:
            outcome = runner.requeue_or_fail(self.db, w.doc_id, w.token, reason, self.max_attempts)
            log.warning("document %s: %s -> %s", w.doc_id, reason, outcome)
        w.kill()
        self._workers[self._workers.index(w)] = _Worker(self._ctx, self.config)

    def _timeout(self, w: _Worker) -> None:
        doc_id, token = w.doc_id, w.token
        w.kill()
        if doc_id is not None:
            msg = f"processing took longer than the limit of {self.time_limit:.0f} s"
            runner.fail(self.db, doc_id, token, "time_limit", msg)
        self._workers[self._workers.index(w)] = _Worker(self._ctx, self.config)
