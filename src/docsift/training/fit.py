"""Fitting the models: LightGBM boosters on labelled rows, with a fixed seed, and saving them."""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from docsift.extraction.confidence.calibration import Calibrator
from docsift.extraction.models.bundle import SPACES, ModelSet
from docsift.extraction.models.model import Model, save_model
from docsift.extraction.models.space import FeatureSpace
from docsift.training.records import DocSamples, Sample

PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.1,
    "num_leaves": 31,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "max_cat_to_onehot": 64,
    "cat_smooth": 10,
    "num_threads": 1,
    "deterministic": True,
    "force_row_wise": True,
    "verbose": -1,
}
ROUNDS = 150


def fit(samples: Iterable[Sample], space: FeatureSpace, seed: int = 0, rounds: int = ROUNDS) -> Any:
    """A LightGBM booster fitted on the rows of ``samples`` in ``space`` (deterministic for a seed);
    None when there are no rows or only one class."""
    import lightgbm as lgb

    rows, labels, weights = [], [], []
    for s in samples:
        rows += s.rows
        labels += s.labels
        weights += [s.weight] * len(s.rows)
    if not rows or len(set(labels)) < 2:
        return None
    for r in rows[:1000]:
        space.check(r)
    params = {**PARAMS, "seed": seed, "bagging_seed": seed, "feature_fraction_seed": seed,
              "data_random_seed": seed}  # fmt: skip
    data = lgb.Dataset(
        space.matrix(rows),
        np.asarray(labels, dtype=np.float64),
        weight=np.asarray(weights),
        feature_name=list(space.names),
        categorical_feature=list(space.categorical),
        free_raw_data=False,
    )
    return lgb.train(params, data, num_boost_round=rounds)


def fit_models(samples: list[DocSamples], calibration: Calibrator, seed: int = 0) -> ModelSet:
    """The three models fitted on ``samples``, with ``calibration``."""
    fields_space, names_space, addresses_space = SPACES
    return ModelSet(
        Model(fit((s.fields for s in samples), fields_space, seed), fields_space, {}),
        Model(fit((s.names for s in samples), names_space, seed), names_space, {}),
        Model(fit((s.addresses for s in samples), addresses_space, seed), addresses_space, {}),
        calibration,
    )


def save_models(models: ModelSet, folder: Path, meta: dict[str, Any]) -> None:
    """Write the three models and calibration.json to ``folder``."""
    import json

    for model in (models.fields, models.names, models.addresses):
        if model.booster is None:
            raise ValueError(f"the {model.space.name} model has no training rows")
        save_model(model.booster, model.space, folder, meta)
    text = json.dumps(models.calibration.to_json(), indent=1) + "\n"
    (folder / "calibration.json").write_text(text, encoding="utf-8")


def folds(groups: list[str], k: int, seed: int) -> list[set[str]]:
    """``groups`` split into ``k`` folds at random (fixed seed); documents of a group stay together."""
    unique = sorted(set(groups))
    random.Random(seed).shuffle(unique)
    return [set(unique[i::k]) for i in range(k)]
