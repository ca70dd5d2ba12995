"""``docsift synth``: write synthetic invoices and receipts with exact ground truth."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from docsift.cli.app import app


@app.command()
def synth(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="folder for docs/, truth/ and manifest.csv")
    ] = None,
    n: Annotated[int, typer.Option("--n", "-n", min=1, help="number of documents")] = 100,
    seed: Annotated[int, typer.Option(help="random seed: the same seed gives the same documents")] = 0,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", "-k", help="invoice | receipt (repeatable; default both)")
    ] = None,
    scans: Annotated[float, typer.Option(min=0.0, max=1.0, help="fraction rendered as degraded scans")] = 0.3,
    report: Annotated[
        bool,
        typer.Option(
            "--report",
            help="print, per kind, axis value and family counts of the run and whether the minimum of "
            "families is met; write nothing",
        ),
    ] = False,
    top: Annotated[
        int, typer.Option(min=0, help="--report: families listed, most frequent first (0: all)")
    ] = 30,
) -> None:
    """Generate N documents (PDF or scan image) and their truth JSON into OUT, or with --report count
    the layout axes and families of each kind the same run would produce (planned, not drawn)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from docsift.synth import KINDS, generate

    kinds = tuple(kind or KINDS)
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise typer.BadParameter(
            f"unknown kind {', '.join(bad)}; choose from {', '.join(KINDS)}", param_hint="--kind"
        )
    if report:
        from docsift.synth.report import coverage, format_report

        typer.echo(format_report(coverage(n, seed, kinds), top or None))
        return
    if out is None:
        raise typer.BadParameter("give a folder to write into", param_hint="--out")
    console = Console(stderr=True)
    start = time.perf_counter()
    with Progress(
        TextColumn("synth"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console
    ) as bar:
        task = bar.add_task("synth", total=n)
        paths = generate(
            n, seed, kinds=kinds, scans=scans, out=out, progress=lambda done: bar.update(task, completed=done)
        )
    took = time.perf_counter() - start
    console.print(f"{len(paths)} documents in {took:.1f} s ({len(paths) / took:.1f}/s) -> {out}")
