"""The work of scripts/train_ranker.py: load the training sets, cross-validate, calibrate, fit, save."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from docsift.bench.extraction_score import f1
from docsift.errors import DocsiftError
from docsift.extraction.confidence.calibration import fit_calibrator
from docsift.extraction.document.analysis import analyse
from docsift.extraction.document.index import build_index
from docsift.extraction.parties.addresses import ADDRESS_FEATURES
from docsift.extraction.parties.choose import NAME_FEATURES
from docsift.options import DocumentType, RunOptions
from docsift.training.augment import vary
from docsift.training.corpus import TRAINABLE, Labelled, cache_key, input_bytes, load_set, read_cached
from docsift.training.fit import (
    ERRORS,
    Prepared,
    all_samples,
    cross_validate,
    fit_models,
    flatten_fonts,
    mask_labels,
    save,
)
from docsift.training.synthset import synth_items

console = Console()


def _prepare(
    items: list[Labelled], cache: Path, complete: bool, cached_only: bool = False, seed: int = 0
) -> list[Prepared]:
    out: list[Prepared] = []
    for item in items:
        options = RunOptions(use_embedded_xml=False, document_type=DocumentType(item.doc_type))
        try:
            data, name = input_bytes(item)
            if cached_only and not (cache / f"{cache_key(data, options)}.json").exists():
                continue
            doc = read_cached(data, name, options, cache)
        except (DocsiftError, OSError) as e:
            console.print(f"[yellow]skip {item.set}/{item.id}: {e}")
            continue
        group = f"{item.set.removesuffix('-ocr')}:{item.group}"  # a rendering stays with its original
        if complete:
            vary(doc, item.truth, item.id, seed)
        index = build_index(doc)
        if complete:
            mask_labels(index, item.id, seed)
            flatten_fonts(index, item.id, seed)
        out.append(Prepared(f"{item.set}:{item.id}", item.set, group, analyse(doc, item.doc_type, index),
                            item.truth, complete))  # fmt: skip
    return out


def _print_counts(counts: dict[str, dict[str, list[int]]]) -> None:
    table = Table(title="cross-validated choices (out of fold)")
    for col in ("set", "role", "correct", "wrong", "missing", "F1"):
        table.add_column(col)
    for set_name, per in sorted(counts.items()):
        tot = [0, 0, 0]
        for role, c in sorted(per.items()):
            if sum(c):
                table.add_row(set_name, role, *map(str, c), f"{f1(*c):.3f}")
                tot = [a + b for a, b in zip(tot, c, strict=True)]
        table.add_row(set_name, "[b]all", *map(str, tot), f"[b]{f1(*tot):.3f}")
    console.print(table)


# The synthetic sets the shipped models were trained on: (folder under synth-data/, n, seed, scans, kinds)
RECIPE = (
    ("train-1", 600, 11, 0.0, ("invoice", "receipt")),
    ("train-2", 1500, 12, 0.0, ("invoice", "receipt")),
    ("scan-1", 240, 13, 1.0, ("invoice", "receipt")),
    ("scan-receipts-1", 300, 14, 1.0, ("receipt",)),
)


def make_synth(root: Path) -> list[Path]:
    """The RECIPE's synthetic sets under ``root``, generated when missing (same seed, same documents)."""
    from docsift.synth import generate

    folders = []
    for name, n, seed, scans, kinds in RECIPE:
        folder = root / name
        if not (folder / "manifest.csv").exists():
            console.print(f"generating {n} synthetic documents into {folder} (seed {seed})")
            generate(n, seed, kinds=kinds, scans=scans, out=folder)
        folders.append(folder)
    return folders


def run(args: argparse.Namespace) -> int:
    """Train and save (unless --no-save). Returns an exit code."""
    if args.recipe:
        args.synth = [*args.synth, *make_synth(args.recipe)]
    sets = [s for s in args.sets.split(",") if s]
    bad = [s for s in sets if s not in TRAINABLE or s == "synth"]
    if bad:
        console.print(f"[red]not a training set: {', '.join(bad)} (sroie is evaluation only)")
        return 2
    start = time.time()
    docs: list[Prepared] = []
    for name in sets:
        items = load_set(name, args.shared / "datasets")[: args.limit]
        docs += _prepare(items, args.cache, False, args.cached_only, args.seed)
    for folder in args.synth:
        docs += _prepare(synth_items(folder)[: args.limit], args.cache, True, args.cached_only, args.seed)
    console.print(f"{len(docs)} documents prepared in {time.time() - start:.0f} s")
    records, counts = cross_validate(docs, args.folds, args.seed)
    _print_counts(counts)
    if args.errors:
        for _, doc_id, role, truth, chosen in sorted(ERRORS):
            console.print(f"{doc_id} {role}: truth {truth!r} chosen {chosen!r}", markup=False)
    calibrator = fit_calibrator(records)
    if args.no_save:
        return 0
    models = fit_models(list(all_samples(docs).values()), args.seed)
    meta = {
        "seed": args.seed,
        "sets": sets,
        "synth": [str(p) for p in args.synth],
        "documents": len(docs),
        "folds": args.folds,
    }
    save(models.fields, args.out, meta)
    save(models.names, args.out, meta, "names", NAME_FEATURES)
    save(models.addresses, args.out, meta, "addresses", ADDRESS_FEATURES)
    (args.out / "calibration.json").write_text(
        json.dumps(calibrator.to_json(), indent=1) + "\n", encoding="utf-8"
    )
    console.print(f"wrote models and calibration.json to {args.out}")
    return 0
