"""Out-of-fold models for the benchmark: the shipped recipe, cross-validated with folds grouped by
vendor, each fold's models saved so that a second run reuses them.

A set the shipped models were trained on says nothing about unseen vendors when scored with the
shipped models. The benchmark scores such sets again with the models of the fold that held the
document's vendor out (``fold_for``), and says which figure is which.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docsift.extraction.confidence.calibration import load_calibrator
from docsift.extraction.models.bundle import ModelSet, load_models
from docsift.training.corpus import Labelled, load_set
from docsift.training.recipe import Recipe, synth_folders


@dataclass
class Folds:
    """The models of each fold and the vendor groups each held out."""

    recipe: Recipe
    folds: list[tuple[set[str], ModelSet]]

    def models_for(self, item: Labelled) -> ModelSet | None:
        """The models that never saw ``item``'s vendor (None when no fold held it out)."""
        group = training_group(item)
        return next((m for held, m in self.folds if group in held), None)


def training_group(item: Labelled) -> str:
    """The fold group training gives ``item`` (a rendering stays with its original)."""
    return f"{item.set.removesuffix('-ocr')}:{item.group}"


def _load(folder: Path, recipe: Recipe) -> Folds | None:
    index = folder / "folds.json"
    if not index.exists():
        return None
    held = json.loads(index.read_text(encoding="utf-8"))
    folds = []
    for i, groups in enumerate(held):
        models = load_models(folder / f"fold-{i}")
        models.calibration = load_calibrator(folder / f"fold-{i}" / "calibration.json")
        folds.append((set(groups), models))
    return Folds(recipe, folds)


def oof_folds(
    recipe: Recipe,
    datasets: Path,
    synth_root: Path,
    read_cache: Path,
    cache: Path,
    say: Callable[[str], None],
) -> Folds:
    """The fold models of ``recipe``: loaded from ``cache`` when this code trained them before,
    else trained now (the synthetic sets are generated under ``synth_root`` when missing) and saved."""
    folder = cache / recipe.key()
    found = _load(folder, recipe)
    if found is not None:
        return found
    from docsift.training.evaluate import cross_validate, save_folds
    from docsift.training.prepare import prepare, read_ahead
    from docsift.training.samples import document_samples
    from docsift.training.synthset import synth_items

    say(f"training out-of-fold models ({recipe.folds} folds grouped by vendor); saved in {folder}")
    real = [load_set(name, datasets) for name in recipe.sets]
    synth = [synth_items(f) for f in synth_folders(recipe, synth_root, say)]
    read_ahead([i for items in real + synth for i in items], read_cache, warn=say)
    docs = []
    for items in real:
        docs += prepare(items, read_cache, False, seed=recipe.seed, warn=say)
    for items in synth:
        docs += prepare(items, read_cache, True, seed=recipe.seed, warn=say)
    samples = {d.doc_id: document_samples(d) for d in docs}
    cv = cross_validate(docs, samples, recipe.folds, recipe.seed)
    save_folds(folder, cv.folds)
    return Folds(recipe, cv.folds)
