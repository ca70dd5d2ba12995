"""A synthetic set of layouts no model trains on: invoices and receipts of a seed the training recipe
never uses, a third of them as scans and photos, scored per field like the real sets and per
layout axis value (which kinds of layout extraction handles worst).

The set is generated on first use under bench/cache/synth-unseen/<generator fingerprint>/.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from docsift.bench.extraction_score import f1
from docsift.training.corpus import Labelled
from docsift.training.recipe import code_fingerprint
from docsift.training.synthset import synth_items

SEED = 5151  # no training recipe and no test uses this stream
SETS = (("invoices", 240, ("invoice",)), ("receipts", 160, ("receipt",)))
SCANS = 0.3
AXES = ("header", "parties", "kv", "totals", "format", "items", "payment", "document", "balance", "customer")


def unseen_items(root: Path = Path("bench/cache/synth-unseen")) -> list[Labelled]:
    """The unseen synthetic documents, generated when missing (same generator, same documents)."""
    from docsift.synth import generate

    folder = root / code_fingerprint(("synth",))
    items: list[Labelled] = []
    for name, n, kinds in SETS:
        out = folder / name
        if not (out / "manifest.csv").exists():
            generate(n, SEED, kinds=kinds, scans=SCANS, out=out)
        for item in synth_items(out):
            item.set = "synth-unseen"
            items.append(item)
    return items


def per_axis(outcomes: list[tuple[str, str, str]], items: list[Labelled]) -> dict[str, dict[str, Any]]:
    """Field F1 per layout axis value ("header=din": F1 over the fields of documents with it)."""
    axes = {i.id: (i.raw_label or {}).get("axes") or {} for i in items}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    docs: dict[str, set[str]] = defaultdict(set)
    for doc_id, _field, outcome in outcomes:
        for axis, value in axes.get(doc_id, {}).items():
            if axis in AXES:
                key = f"{axis}={value}"
                counts[key][("correct", "wrong", "missing").index(outcome)] += 1
                docs[key].add(doc_id)
    return {
        k: {"f1": round(f1(*c), 4), "documents": len(docs[k]), "counts": c} for k, c in sorted(counts.items())
    }
