"""The queue adapter interface. The API stores an upload and calls ``enqueue(document_id,
priority)``; the adapter runs ``docsift.jobs.runner`` somewhere and writes the status."""

from __future__ import annotations

import signal
from abc import ABC, abstractmethod
from typing import Any

TASK = "docsift.process_document"  # the Celery task name of processing one document


class JobQueue(ABC):
    """Where documents go to be processed (in-process pool, Celery, …)."""

    kind: str = "abstract"

    @abstractmethod
    def start(self) -> None:
        """Start processing (and pick up work left over by a previous run)."""

    @abstractmethod
    def stop(self) -> None:
        """Stop processing; documents in flight are resumed by the next start."""

    @abstractmethod
    def enqueue(self, document_id: str, priority: int) -> None:
        """Ask for one stored, queued document to be processed (priority 1 before 0)."""

    @abstractmethod
    def health(self) -> dict[str, Any]:
        """{"ok": bool, ...details} for /healthz."""


def init_child_process() -> None:
    """Prepare a queue adapter's child process (a pool worker, the sweeper): on Linux the kernel
    kills it when its parent dies, and Ctrl-C in a terminal is left to the parent, which stops its
    children in order. Returns nothing; never raises."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
