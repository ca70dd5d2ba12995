"""The worker pool of ``docsift extract --jobs``: a crash or an overrun fails one document only."""

from __future__ import annotations

import os
import time
from pathlib import Path

from docsift.cli.extract import failed_result
from docsift.cli.workers import WorkerPool
from docsift.options import RunOptions
from docsift.reading.inputs import Source
from docsift.result import DocumentResult, Status


def _workload(source: Source, options: RunOptions) -> DocumentResult:
    """A stand-in document job: 'crash' kills its process, 'slow' overruns, others succeed."""
    del options
    if source.file_name == "crash.pdf":
        os._exit(3)
    if source.file_name == "slow.pdf":
        time.sleep(60)
    return DocumentResult(file_name=source.file_name, pages=1)


def test_given_a_crashing_and_an_overrunning_document_when_pooled_then_only_they_fail(tmp_path: Path) -> None:
    names = ["a.pdf", "crash.pdf", "b.pdf", "slow.pdf", "c.pdf", "d.pdf"]
    sources = [Source(str(tmp_path / n), tmp_path / n) for n in names]
    pool = WorkerPool(2, _workload, failed_result, RunOptions(), threads=1, time_limit_s=4)
    results = {s.file_name: r for s, r in pool.run(sources)}
    assert set(results) == set(names)
    assert (
        results["crash.pdf"].status == Status.FAILED
        and "exit code 3" in results["crash.pdf"].errors[0].message
    )
    assert results["slow.pdf"].status == Status.FAILED and results["slow.pdf"].errors[0].code == "time_limit"
    assert all(results[n].status == Status.COMPLETED for n in ("a.pdf", "b.pdf", "c.pdf", "d.pdf"))
