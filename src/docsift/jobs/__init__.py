"""Background processing: the queue adapter interface, the in-process pool, the shared runner."""

from __future__ import annotations

from docsift.errors import ConfigError
from docsift.jobs.base import JobQueue
from docsift.settings import Settings

__all__ = ["JobQueue", "open_queue"]


def open_queue(settings: Settings) -> JobQueue:
    """The queue adapter DOCSIFT_QUEUE names. Raises ConfigError for an unknown one."""
    if settings.queue == "inline":
        from docsift.jobs.inline import InlineQueue

        return InlineQueue.from_settings(settings)
    if settings.queue == "celery":
        from docsift.jobs.celery_queue import CeleryQueue

        return CeleryQueue.from_settings(settings)
    raise ConfigError(f"unknown DOCSIFT_QUEUE {settings.queue!r} (this version has: inline, celery)")
