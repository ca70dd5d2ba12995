"""``docsift bench``: accuracy per field and speed, on ../shared/datasets (a benchmark, not a test)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from docsift.cli.app import app


@app.command()
def bench(
    section: Annotated[
        list[str] | None,
        typer.Option(
            "--section", "-s", help="reading | extraction | service | scale (repeatable; default all)"
        ),
    ] = None,
    set_name: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="dataset: zugferd | zugferd-ocr | invoice2data | sroie-train | sroie (repeatable)"
        ),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="at most N documents per set")] = None,
    shared: Annotated[Path, typer.Option(help="folder holding datasets/")] = Path("../shared"),
    out: Annotated[Path, typer.Option(help="where JSON results go")] = Path("bench/results"),
    oof: Annotated[
        bool, typer.Option(help="also score sets the models train on out of fold (folds grouped by vendor)")
    ] = True,
) -> None:
    """Run the benchmarks and print a table per section; JSON goes under --out."""
    from docsift.bench import run_sections

    code = run_sections(section or [], set_name or [], limit, shared, out, oof)
    raise typer.Exit(code)
