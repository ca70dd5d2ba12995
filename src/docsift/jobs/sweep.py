"""The sweep: nothing is lost when a worker machine dies or the broker forgets its messages.

Every ``docsift worker`` runs it on start and then every ``DOCSIFT_SWEEP_INTERVAL_S`` (in a small
process of its own, so that the Celery pool never forks beside a thread); several nodes sweeping
at once is fine, every step is a compare-and-set.

1. ``processing`` documents whose worker has not stamped them for ``DOCSIFT_LEASE_S`` (the machine
   died, or was cut off) go back to ``queued`` and are published again, or are failed once they
   were started ``DOCSIFT_MAX_ATTEMPTS`` times.
2. ``queued`` documents not published for ``DOCSIFT_REQUEUE_AFTER_S`` are published again when the
   broker holds fewer messages than there are queued documents (a broker restarted without
   persistence, or an API that died between storing an upload and publishing it). A message that
   turns out to be a duplicate costs one database read.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import signal
import time
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess

from celery import Celery

from docsift.jobs import claims
from docsift.jobs.base import init_child_process
from docsift.jobs.celery_app import make_celery, publish, queue_depths
from docsift.settings import Settings
from docsift.store.db import Database

log = logging.getLogger("docsift.sweep")


@dataclass
class SweepReport:
    requeued: int = 0
    failed: int = 0
    republished: int = 0
    errors: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.requeued or self.failed or self.republished or self.errors)


def sweep_once(db: Database, app: Celery, settings: Settings) -> SweepReport:
    """Run both steps once. Returns what was done; never raises (errors are reported)."""
    report = SweepReport()
    try:
        _take_back_stale(db, app, settings, report)
        _republish_waiting(db, app, settings, report)
    except Exception as e:  # database or broker away: try again next time
        report.errors.append(f"{type(e).__name__}: {e}"[:300])
    return report


def _take_back_stale(db: Database, app: Celery, settings: Settings, report: SweepReport) -> None:
    for doc in claims.stale_processing(db, settings.lease_s):
        outcome = claims.requeue_stale(db, doc, settings.lease_s, settings.max_attempts)
        if outcome == "failed":
            report.failed += 1
        elif outcome == "queued":
            report.requeued += 1
            publish(app, doc.id, doc.priority)
            claims.mark_enqueued(db, doc)
            report.republished += 1


def _republish_waiting(db: Database, app: Celery, settings: Settings, report: SweepReport) -> None:
    stale = claims.stale_queued(db, settings.requeue_after_s)
    if not stale:
        return
    in_broker = sum(queue_depths(app).values())
    if in_broker >= claims.count_waiting(db):
        return  # every queued document can still have its message
    for doc in stale:
        publish(app, doc.id, doc.priority)
        if claims.mark_enqueued(db, doc):
            report.republished += 1


def run_sweeper(settings: Settings, stop: mp.synchronize.Event | None = None) -> None:
    """Sweep now and then every ``sweep_interval_s`` until ``stop`` is set (or forever)."""
    db = Database(settings.effective_database_url, pool_size=1, max_overflow=1)
    app = make_celery(settings)
    try:
        while True:
            report = sweep_once(db, app, settings)
            if report:
                log.warning("sweep: %s", report)
            if stop is not None and stop.wait(settings.sweep_interval_s):
                return
            if stop is None:
                time.sleep(settings.sweep_interval_s)
    finally:
        db.dispose()


def _sweeper_main(settings: Settings, stop: mp.synchronize.Event) -> None:
    init_child_process()  # the sweeper ends with its worker node
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    logging.basicConfig(level=logging.INFO, format="[%(asctime)s: %(levelname)s/sweeper] %(message)s")
    run_sweeper(settings, stop)


class Sweeper:
    """The sweep in a spawned child process of a worker node."""

    def __init__(self, settings: Settings) -> None:
        ctx = mp.get_context("spawn")
        self._stop = ctx.Event()
        self.process: BaseProcess = ctx.Process(target=_sweeper_main, args=(settings, self._stop),
                                                name="docsift-sweeper", daemon=True)  # fmt: skip

    def start(self) -> None:
        """Start the sweeper process (it sweeps at once, then every interval)."""
        self.process.start()

    def stop(self) -> None:
        """Ask the sweeper to stop after its current sweep; kill it if it does not."""
        self._stop.set()
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
