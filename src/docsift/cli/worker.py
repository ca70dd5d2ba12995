"""``docsift worker``: a Celery worker node that processes uploaded documents (scale-out mode)."""

from __future__ import annotations

import os
import socket
from typing import Annotated

import typer

from docsift.cli.app import app


@app.command()
def worker(
    concurrency: Annotated[
        int | None,
        typer.Option(help="documents at once, one process each (default DOCSIFT_WORKERS, else cores)"),
    ] = None,
    queues: Annotated[
        str, typer.Option(help="comma-separated queues to consume, most urgent first")
    ] = "docsift.high,docsift",
    name: Annotated[str | None, typer.Option(help="node name (default docsift-PID@HOST)")] = None,
    sweep: Annotated[bool, typer.Option(help="recover lost work: stale claims, lost messages")] = True,
    max_tasks_per_child: Annotated[
        int, typer.Option(help="replace a pool process after this many documents (0: never)")
    ] = 0,
    loglevel: Annotated[str, typer.Option(help="debug | info | warning | error")] = "info",
) -> None:
    """Process documents from the broker at DOCSIFT_BROKER_URL with the same pipeline as
    `docsift extract`, storing results in DOCSIFT_DATABASE_URL (PostgreSQL across machines) and
    reading uploads from DOCSIFT_STORAGE_URL (S3 or a shared directory). Stops on SIGTERM after
    the documents in hand (a second SIGTERM or SIGKILL: they are redelivered elsewhere).
    """
    from celery.signals import worker_ready

    from docsift.errors import DocsiftError
    from docsift.jobs.celery_app import QUEUES, make_celery, redact_url
    from docsift.jobs.sweep import Sweeper
    from docsift.settings import get_settings
    from docsift.store.db import Database
    from docsift.store.migrate import migrate

    settings = get_settings()
    wanted = [q.strip() for q in queues.split(",") if q.strip()]
    unknown = [q for q in wanted if q not in QUEUES]
    if not wanted or unknown:
        typer.echo(f"error: unknown queue(s) {unknown or queues!r}; known: {', '.join(QUEUES)}", err=True)
        raise typer.Exit(2)
    try:
        settings.check()
        db = Database(settings.effective_database_url, pool_size=1, max_overflow=0)
        migrate(db)  # a worker may start before any API on a new database
        db.dispose()
    except DocsiftError as e:
        typer.echo(f"error: {e.message}", err=True)
        raise typer.Exit(2) from e
    celery = make_celery(settings, worker=True)
    worker_ready.connect(_announce_ready, weak=False)
    sweeper = Sweeper(settings) if sweep else None
    if sweeper is not None:
        sweeper.start()
    node = celery.Worker(
        hostname=name or f"docsift-{os.getpid()}@{socket.gethostname()}",
        concurrency=concurrency or settings.workers,
        queues=wanted,
        pool="prefork",
        loglevel=loglevel.upper(),
        without_mingle=True,
        without_gossip=True,
        max_tasks_per_child=max_tasks_per_child or None,
        optimization="fair",
    )
    typer.echo(f"docsift worker: consuming {', '.join(wanted)} from {redact_url(settings.broker_url)}",
               err=True)  # fmt: skip
    try:
        node.start()
    finally:
        if sweeper is not None:
            sweeper.stop()
    raise typer.Exit(node.exitcode or 0)


def _announce_ready(sender: object = None, **_: object) -> None:
    typer.echo("docsift worker: ready", err=True)
