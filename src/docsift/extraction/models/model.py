"""A learned model shipped in the package: a LightGBM booster and the feature space it was trained on.

``<name>.lgb`` is LightGBM's text format; ``<name>.json`` records the feature names (and which are
categorical), the training data and the seed. Both are written by ``scripts/train_ranker.py``.
Nothing is downloaded: a missing model, or one trained on other features than the code computes,
is an error that says how to retrain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from docsift.errors import ExtractionError
from docsift.extraction.models.space import AnyRow, FeatureSpace

# rows whose log-odds pass +-12 (p beyond 0.999994) stop early: the same choices, 3-4x faster
EARLY_STOP = {"pred_early_stop": True, "pred_early_stop_freq": 5, "pred_early_stop_margin": 12.0}


def models_dir() -> Path:
    """The folder of the shipped model files."""
    return Path(str(resources.files(__package__)))


@dataclass
class Model:
    """A fitted booster (or None for a model that scores everything 0) and its feature space."""

    booster: Any
    space: FeatureSpace
    meta: dict[str, Any]

    def score(self, rows: list[AnyRow]) -> np.ndarray:
        """The probability that each candidate row is right (one per row)."""
        if not rows or self.booster is None:
            return np.zeros(len(rows))
        x = self.space.matrix(rows)
        return np.asarray(self.booster.predict(x, num_threads=1, **EARLY_STOP), dtype=np.float64)


def load_model(folder: Path, space: FeatureSpace) -> Model:
    """The model ``<space.name>.lgb`` + ``.json`` in ``folder``, trained on exactly ``space``.

    Raises ExtractionError when the files are missing, unreadable or were trained on other features.
    """
    model, meta_path = folder / f"{space.name}.lgb", folder / f"{space.name}.json"
    if not model.exists() or not meta_path.exists():
        raise ExtractionError(f"the extraction model is missing ({model}); run scripts/train_ranker.py")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    trained = (tuple(meta.get("features", ())), tuple(meta.get("categorical", ())))
    if trained != (space.names, space.categorical):
        raise ExtractionError(
            f"the extraction model {space.name!r} was trained on other features than this code computes; "
            "retrain it with scripts/train_ranker.py"
        )
    import lightgbm as lgb

    try:
        booster = lgb.Booster(model_str=model.read_text(encoding="utf-8"))
    except lgb.basic.LightGBMError as e:
        raise ExtractionError(f"the extraction model cannot be loaded: {e}") from e
    return Model(booster, space, meta)


def save_model(booster: Any, space: FeatureSpace, folder: Path, meta: dict[str, Any]) -> None:
    """Write ``booster`` as ``<space.name>.lgb`` and its feature space and ``meta`` as ``.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{space.name}.lgb").write_text(booster.model_to_string(), encoding="utf-8")
    body = {"features": list(space.names), "categorical": list(space.categorical), **meta}
    text = json.dumps(body, indent=1, sort_keys=True) + "\n"
    (folder / f"{space.name}.json").write_text(text, encoding="utf-8")
