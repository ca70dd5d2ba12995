"""The work of scripts/train_ranker.py: load the training sets, cross-validate, calibrate, fit, save."""

from __future__ import annotations

import argparse
import time

from rich.console import Console
from rich.table import Table

from docsift.bench.extraction_score import f1
from docsift.training.corpus import TRAINABLE, load_set
from docsift.training.evaluate import cross_validate, save_folds
from docsift.training.fit import fit_models, save_models
from docsift.training.prepare import prepare, read_ahead
from docsift.training.recipe import SHIPPED, code_fingerprint, synth_folders
from docsift.training.records import Prepared
from docsift.training.samples import document_samples
from docsift.training.synthset import synth_items

console = Console()


def _warn(message: str) -> None:
    console.print(f"[yellow]{message}", markup=True)


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


def load_documents(args: argparse.Namespace) -> list[Prepared]:
    """The real sets of ``--sets`` and the synthetic folders, read (ahead, by ``--jobs`` processes)
    and analysed."""
    real = [load_set(name, args.shared / "datasets")[: args.limit] for name in args.sets.split(",") if name]
    synth = [synth_items(folder)[: args.limit] for folder in args.synth]
    if not args.cached_only:
        read_ahead([i for items in real + synth for i in items], args.cache, args.jobs, _warn)
    docs: list[Prepared] = []
    for items in real:
        docs += prepare(items, args.cache, False, args.cached_only, args.seed, _warn)
    for items in synth:
        docs += prepare(items, args.cache, True, args.cached_only, args.seed, _warn)
    return docs


def run(args: argparse.Namespace) -> int:
    """Train and save (unless --no-save). Returns an exit code."""
    key = SHIPPED.key()  # of the code that trains now (later edits must not claim these models)
    if args.recipe:
        args.synth = [*args.synth, *synth_folders(SHIPPED, args.recipe, lambda m: console.print(m))]
        args.sets = ",".join(SHIPPED.sets)
        args.folds, args.seed = SHIPPED.folds, SHIPPED.seed
    sets = [s for s in args.sets.split(",") if s]
    bad = [s for s in sets if s not in TRAINABLE or s == "synth"]
    if bad:
        console.print(f"[red]not a training set: {', '.join(bad)} (sroie is evaluation only)")
        return 2
    start = time.time()
    docs = load_documents(args)
    console.print(f"{len(docs)} documents prepared in {time.time() - start:.0f} s")
    samples = {d.doc_id: document_samples(d) for d in docs}
    cv = cross_validate(docs, samples, args.folds, args.seed)
    _print_counts(cv.outcome.counts)
    if args.errors:
        for _, doc_id, role, truth, chosen in sorted(cv.outcome.errors, key=str):
            console.print(f"{doc_id} {role}: truth {truth!r} chosen {chosen!r}", markup=False)
    if args.recipe:  # the benchmark scores the sets in training with these fold models
        save_folds(args.folds_cache / key, cv.folds)
    if args.no_save:
        return 0
    models = fit_models(list(samples.values()), cv.outcome.calibrator(), args.seed)
    meta = {"seed": args.seed, "sets": sets, "synth": [p.name for p in args.synth], "documents": len(docs),
            "folds": args.folds, "recipe": SHIPPED.to_json() if args.recipe else None,
            "code": code_fingerprint()}  # fmt: skip
    save_models(models, args.out, meta)
    console.print(f"wrote models and calibration.json to {args.out}")
    return 0
