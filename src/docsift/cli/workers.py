"""Worker processes for ``docsift extract --jobs N``: one document at a time per worker, with a
time limit per document. A worker that crashes (a fault inside a native library) or runs over
the limit is replaced; only its document fails, never the batch."""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from docsift.options import RunOptions
from docsift.reading.inputs import Source
from docsift.result import DocumentResult

Processor = Callable[[Source, RunOptions], DocumentResult]
Failure = Callable[[Source, str, str], DocumentResult]


def _worker_main(conn: Connection, process: Processor, options: RunOptions, threads: int) -> None:
    try:
        from docsift.reading.ocr import set_threads

        set_threads(threads)
    except ImportError:
        pass
    while True:
        try:
            source = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if source is None:
            return
        conn.send(process(source, options))


@dataclass
class _Slot:
    process: BaseProcess
    conn: Connection
    source: Source | None = None
    started: float = 0.0


class WorkerPool:
    """``jobs`` worker processes running ``process(source, options)``; see :meth:`run`."""

    def __init__(
        self,
        jobs: int,
        process: Processor,
        failure: Failure,
        options: RunOptions,
        threads: int,
        time_limit_s: float,
    ) -> None:
        self.jobs = jobs
        self.process = process
        self.failure = failure
        self.options = options
        self.threads = threads
        self.time_limit_s = time_limit_s
        self._ctx = get_context("forkserver")
        self._ctx.set_forkserver_preload(
            ["docsift.pipeline", "docsift.reading.reader", "docsift.cli.extract"]
        )

    def _start(self) -> _Slot:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(
            target=_worker_main, args=(child, self.process, self.options, self.threads), daemon=True
        )
        proc.start()
        child.close()
        return _Slot(proc, parent)

    def run(self, sources: list[Source]) -> Iterator[tuple[Source, DocumentResult]]:
        """Process every source, yielding (source, result) as each completes. A document over the
        time limit or whose worker died yields a ``failed`` result. Never raises for one document."""
        pending = deque(sources)
        slots = [self._start() for _ in range(min(self.jobs, len(sources)))]
        try:
            while pending or any(s.source is not None for s in slots):
                for slot in slots:
                    if slot.source is None and pending:
                        slot.source, slot.started = pending.popleft(), time.monotonic()
                        slot.conn.send(slot.source)
                yield from self._collect(slots)
        finally:
            self._stop(slots)

    def _collect(self, slots: list[_Slot]) -> Iterator[tuple[Source, DocumentResult]]:
        busy = [s for s in slots if s.source is not None]
        now = time.monotonic()
        timeout = max(0.0, min(s.started + self.time_limit_s - now for s in busy))
        ready = wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout=timeout)
        for i, slot in enumerate(slots):
            source = slot.source
            if source is None:
                continue
            if slot.conn in ready:
                try:
                    result = slot.conn.recv()
                except (EOFError, OSError):
                    slot.process.join(1)
                    message = f"the worker processing it stopped (exit code {slot.process.exitcode})"
                    result = self._replace(slots, i, message)
                slot.source = None
                yield source, result
            elif slot.process.sentinel in ready:
                slot.process.join(1)
                code = slot.process.exitcode
                yield source, self._replace(slots, i, f"the worker processing it stopped (exit code {code})")
            elif time.monotonic() - slot.started > self.time_limit_s:
                message = f"processing took longer than the time limit of {self.time_limit_s:g} s"
                yield source, self._replace(slots, i, message, code="time_limit")

    def _replace(
        self, slots: list[_Slot], index: int, message: str, code: str = "internal"
    ) -> DocumentResult:
        """Kill the worker in ``slots[index]``, start a fresh one there, and fail its document."""
        slot = slots[index]
        assert slot.source is not None
        result = self.failure(slot.source, message, code)
        slot.process.kill()
        slot.process.join(5)
        slot.conn.close()
        slots[index] = self._start()
        return result

    @staticmethod
    def _stop(slots: list[_Slot]) -> None:
        for slot in slots:
            with contextlib.suppress(OSError, ValueError):
                slot.conn.send(None)
        for slot in slots:
            slot.process.join(5)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join(1)
            slot.conn.close()
