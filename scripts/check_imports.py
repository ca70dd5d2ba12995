#!/usr/bin/env python3
"""Import rules of the docsift package, checked by ``make lint``:

1. no import cycles between modules (imports inside functions count too: a cycle says a helper
   lives in the wrong room);
2. nothing a worker or the API runs imports the training code or the benchmark.

Reads the source with ``ast``; imports nothing. Exits 1 and prints each broken rule.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "docsift"
OFFLINE = ("docsift.training", "docsift.bench")  # training and benchmark code
ALLOWED_TO_IMPORT_OFFLINE = ("docsift.training", "docsift.bench", "docsift.cli.bench")


def modules(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package modules ``module`` imports (``from pkg import sub`` counts as importing ``sub``)."""
    out: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known]
            names = subs + ([base] if len(subs) < len(node.names) else [])
        for name in names:
            target = _resolve(name, known)
            if target and target != module and target.startswith("docsift"):
                out.add(target)
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def main() -> int:
    """Check the rules; returns the exit code."""
    known = modules(ROOT)
    graph = {m: imports(m, p, known) for m, p in known.items()}
    problems = [f"import cycle: {' <-> '.join(c)}" for c in cycles(graph)]
    for module, targets in sorted(graph.items()):
        if module.startswith(ALLOWED_TO_IMPORT_OFFLINE):
            continue
        for t in sorted(targets):
            if t.startswith(OFFLINE):
                problems.append(
                    f"{module} imports {t}: run-time code must not import training or benchmark code"
                )
    for p in problems:
        print(p)
    if not problems:
        print(
            f"imports: {len(known)} modules, no cycles, run-time code independent of training and benchmark"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
