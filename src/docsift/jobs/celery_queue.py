"""``DOCSIFT_QUEUE=celery``: the API side. It only publishes document ids; ``docsift worker``
processes on any number of machines run them (``docsift.jobs.worker_task``).

An upload is never refused because the broker is away: the documents are stored and committed
first, a publish that fails is logged, and the workers' sweep publishes them later
(``docsift.jobs.sweep``).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from docsift.jobs import runner
from docsift.jobs.base import JobQueue
from docsift.jobs.celery_app import make_celery, publish, queue_depths, redact_url
from docsift.settings import Settings
from docsift.store.db import Database

log = logging.getLogger("docsift.jobs")
BROKER_BACKOFF_S = 10.0  # after a failed publish, skip publishing (leave it to the sweep) this long


class CeleryQueue(JobQueue):
    """Publishes to the broker at ``DOCSIFT_BROKER_URL`` (Redis or RabbitMQ)."""

    kind = "celery"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.app = make_celery(settings)
        self.db = Database(settings.effective_database_url, pool_size=1, max_overflow=2)
        self._broker_down_until = 0.0

    @classmethod
    def from_settings(cls, settings: Settings) -> CeleryQueue:
        """The queue for ``settings``."""
        return cls(settings)

    def start(self) -> None:
        """Nothing to start here: the workers run elsewhere (and sweep for lost work)."""

    def stop(self) -> None:
        self.app.close()
        self.db.dispose()

    def enqueue(self, document_id: str, priority: int) -> None:
        if time.monotonic() < self._broker_down_until:
            return  # the broker just failed: don't make this upload wait for it document by document
        try:
            publish(self.app, document_id, priority)
        except Exception as e:  # the document is stored and queued: the sweep will publish it
            self._broker_down_until = time.monotonic() + BROKER_BACKOFF_S
            log.warning("cannot publish document %s (%s); the workers' sweep will publish it and "
                        "others stored in the next %.0f s", document_id, e, BROKER_BACKOFF_S)  # fmt: skip

    def health(self) -> dict[str, Any]:
        report: dict[str, Any] = {
            "ok": True,
            "kind": self.kind,
            "broker": redact_url(self.settings.broker_url),
        }
        try:
            report["broker_queues"] = queue_depths(self.app)
        except Exception as e:
            report.update(ok=False, error=f"broker unreachable: {e}"[:300])
        report.update(runner.pending_counts(self.db))
        return report
