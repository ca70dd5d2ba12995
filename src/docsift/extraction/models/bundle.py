"""The set of models one extraction runs with: the field ranker, the name and address models and
the confidence calibration. The shipped set is loaded once per process; training and the
benchmark's out-of-fold runs pass sets of their own."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docsift.extraction.confidence.calibration import Calibrator, load_calibrator
from docsift.extraction.fields.features import FIELD_SPACE
from docsift.extraction.models.model import Model, load_model, models_dir
from docsift.extraction.parties.addresses import ADDRESS_SPACE
from docsift.extraction.parties.names import NAME_SPACE

SPACES = (FIELD_SPACE, NAME_SPACE, ADDRESS_SPACE)


@dataclass
class ModelSet:
    """The models of one extraction."""

    fields: Model
    names: Model
    addresses: Model
    calibration: Calibrator


def load_models(folder: Path) -> ModelSet:
    """The models stored in ``folder`` (``fields``, ``names``, ``addresses`` and calibration.json).

    Raises ExtractionError when a model is missing or was trained on other features.
    """
    fields, names, addresses = (load_model(folder, space) for space in SPACES)
    return ModelSet(fields, names, addresses, load_calibrator(folder / "calibration.json"))


@cache
def shipped_models() -> ModelSet:
    """The models shipped in the package, loaded once per process. Raises ExtractionError."""
    return load_models(models_dir())
