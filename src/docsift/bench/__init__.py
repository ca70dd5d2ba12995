"""Benchmarks: each section module exposes ``run(ctx: BenchContext) -> dict`` and prints its own tables."""

from __future__ import annotations

import importlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from docsift.bench.sections import SECTIONS


@dataclass
class BenchContext:
    shared: Path
    sets: list[str]
    limit: int | None
    out: Path
    console: Console = field(default_factory=Console)
    oof: bool = True  # also score sets in training out of fold (trains fold models once, then reuses them)

    @property
    def datasets(self) -> Path:
        return self.shared / "datasets"


def run_sections(
    sections: list[str], sets: list[str], limit: int | None, shared: Path, out: Path, oof: bool = True
) -> int:
    """Run the named sections (all when empty); write bench/results/<section>-<time>.json.
    Returns an exit code."""
    console = Console()
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        console.print(f"[red]unknown section(s): {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
        return 2
    if not (shared / "datasets").is_dir():
        console.print(f"[yellow]no datasets under {shared}/datasets: sections that need them are skipped")
    out.mkdir(parents=True, exist_ok=True)
    ctx = BenchContext(shared=shared, sets=sets, limit=limit, out=out, console=console, oof=oof)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for name in sections or list(SECTIONS):
        module = importlib.import_module(SECTIONS[name])
        console.rule(f"[bold]{name}")
        report = module.run(ctx)
        path = out / f"{name}-{stamp}.json"
        path.write_text(json.dumps(report, indent=1, default=str))
        console.print(f"[dim]wrote {path}")
    return 0
