"""Synthetic invoices and receipts with exact ground truth (training and test data for extraction).

``generate(n, seed, out=...)`` writes ``docs/<id>.pdf`` (or a degraded scan image) and
``truth/<id>.json`` per document plus ``manifest.csv``. Same seed, same documents and truth.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from docsift.synth.document import Generated, doc_rng
from docsift.synth.runner import KINDS, make, manifest_row, write, write_manifest

__all__ = ["KINDS", "Generated", "generate", "make"]


def generate(
    n: int,
    seed: int,
    kinds: Sequence[str] = KINDS,
    scans: float = 0.3,
    out: Path = Path("synth"),
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """Generates ``n`` documents of ``kinds`` from ``seed`` into ``out``; a fraction ``scans`` as images.

    Returns the document paths in order. Raises SynthError when a document cannot be drawn and
    ValueError for an unknown kind.
    """
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown document kind(s): {', '.join(unknown)}; choose from {', '.join(KINDS)}")
    out = Path(out)
    paths: list[Path] = []
    rows: list[dict[str, str]] = []
    for index in range(n):
        doc = make(seed, index, kinds)
        scan_rng = doc_rng(seed, index, "scan")
        scan = scan_rng.random() < scans
        path = write(doc, out, scan, scan_rng.getrandbits(32))
        paths.append(path)
        rows.append(manifest_row(doc, path, scan))
        if progress:
            progress(index + 1)
    write_manifest(out, rows)
    return paths
