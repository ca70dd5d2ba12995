"""``docsift extract``: run the pipeline over files, directories and ZIPs; write one result per
document (``<stem>.json``) or a CSV / XLSX export.

Exit status: 0 every document done, 1 some failed (each printed with its reason), 2 bad usage.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from docsift.cli.app import app
from docsift.cli.outputs import ResultWriter
from docsift.cli.workers import WorkerPool
from docsift.errors import DocsiftError
from docsift.options import DocumentType, ProcessingPref, RunOptions
from docsift.reading.inputs import Source, ZipLimits, expand
from docsift.result import DocumentResult, ErrorItem, Status


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


def process_source(source: Source, options: RunOptions) -> DocumentResult:
    """Read one source and run the pipeline on it. Returns its result; a source that cannot be
    read gives a ``failed`` result. Never raises for bad input."""
    if source.problem is not None:
        return failed_result(source, source.problem, "refused")
    try:
        data = source.read(options.limits.max_file_bytes)
    except DocsiftError as e:
        return failed_result(source, e.message, e.code)
    from docsift.pipeline import run_pipeline

    result = run_pipeline(data, source.file_name, options)
    result.meta.setdefault("source", source.name)
    return result


def failed_result(source: Source, message: str, code: str) -> DocumentResult:
    """A ``failed`` result for a source that never reached the pipeline."""
    return DocumentResult(
        document_id=uuid.uuid4().hex,
        file_name=source.file_name,
        status=Status.FAILED,
        errors=[ErrorItem(stage="read", message=message, code=code)],
        meta={"source": source.name},
    )


def run_all(
    sources: list[Source], options: RunOptions, jobs: int, time_limit_s: float
) -> Iterator[tuple[Source, DocumentResult]]:
    """Process ``sources``, yielding each (source, result) as it completes. One document is
    processed in this process; several go to ``jobs`` worker processes, each document under
    ``time_limit_s`` and isolated from the others' crashes."""
    threads = max(1, (os.cpu_count() or 1) // jobs)
    if len(sources) <= 1:
        try:
            from docsift.reading.ocr import set_threads

            set_threads(threads)
        except ImportError:
            pass
        for source in sources:
            yield source, process_source(source, options)
        return
    pool = WorkerPool(jobs, process_source, failed_result, options, threads, time_limit_s)
    yield from pool.run(sources)


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=False,
    )


def _report(err: Console, source: Source, result: DocumentResult) -> None:
    reasons = "; ".join(f"{e.stage}: {e.message}" for e in result.errors) or "unknown reason"
    err.print(f"[red]FAILED[/red] {escape(source.name)}: {escape(reasons)}", highlight=False)


def _usage_error(err: Console, message: str) -> typer.Exit:
    err.print(f"[red]{escape(message)}[/red]")
    return typer.Exit(2)


@app.command()
def extract(
    inputs: Annotated[
        list[Path], typer.Argument(help="files, directories or ZIP archives", show_default=False)
    ],
    doc_type: Annotated[DocumentType, typer.Option("--type", "-t", help="document type")] = DocumentType.AUTO,
    out: Annotated[Path, typer.Option("--out", "-o", help="output directory")] = Path("out"),
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="json: <stem>.json per document")] = (
        ExportFormat.JSON
    ),
    no_embedded_xml: Annotated[
        bool, typer.Option("--no-embedded-xml", help="ignore e-invoice XML embedded in PDFs")
    ] = False,
    pref: Annotated[ProcessingPref, typer.Option(help="speed or accuracy")] = ProcessingPref.SPEED,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="worker processes")] = 1,
    time_limit: Annotated[
        float | None,
        typer.Option("--time-limit", help="seconds per document (default: DOCSIFT_DOCUMENT_TIME_LIMIT_S)"),
    ] = None,
) -> None:
    """Extract fields, line items and checks from every document given.

    Writes <stem>.json (the native result) per document into --out, or with --format csv|xlsx
    one row per document and one per line item.

    Exit status: 0 all done, 1 some failed, 2 bad usage."""
    from docsift.settings import get_settings

    console, err = Console(), Console(stderr=True, soft_wrap=True)
    if jobs < 1:
        raise _usage_error(err, "--jobs must be at least 1")
    if time_limit is not None and time_limit <= 0:
        raise _usage_error(err, "--time-limit must be positive")
    settings = get_settings()
    try:
        sources = expand(inputs, ZipLimits(settings.max_zip_bytes, settings.max_zip_ratio))
    except FileNotFoundError as e:
        raise _usage_error(err, f"no such file or directory: {e}") from e
    for s in (s for s in sources if s.skipped):
        err.print(f"skipped {escape(s.name)}: {escape(s.problem or '')}", highlight=False)
    sources = [s for s in sources if not s.skipped]
    if not sources:
        raise _usage_error(err, "no documents found in the inputs")
    options = RunOptions(
        document_type=doc_type, pref=pref, use_embedded_xml=not no_embedded_xml, limits=settings.limits
    )
    try:
        writer = ResultWriter(out, fmt.value, sources)
    except OSError as e:
        raise _usage_error(err, f"cannot write to {out}: {e}") from e
    limit = time_limit or float(settings.document_time_limit_s)
    failed = _run(sources, options, jobs, limit, writer, console, err)
    written = writer.finish()
    done = len(sources) - failed
    console.print(
        f"{len(sources)} documents: {done} done, {failed} failed; results in {escape(str(written or out))}",
        highlight=False,
    )
    raise typer.Exit(1 if failed else 0)


def _run(
    sources: list[Source],
    options: RunOptions,
    jobs: int,
    time_limit_s: float,
    writer: ResultWriter,
    console: Console,
    err: Console,
) -> int:
    """Process every source, write each result, print failures; returns how many failed."""
    failed = 0
    with _progress(console) as progress:
        task = progress.add_task("extracting", total=len(sources))
        for source, result in run_all(sources, options, jobs, time_limit_s):
            writer.add(source, result)
            if result.status == Status.FAILED:
                failed += 1
                _report(err, source, result)
            progress.advance(task)
    return failed
