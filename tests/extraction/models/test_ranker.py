"""The shipped models: they load offline, match the features the code computes, and fail clearly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from docsift.errors import ExtractionError
from docsift.extraction.confidence.calibration import Calibrator, fit_calibrator, isotonic
from docsift.extraction.models.bundle import SPACES, shipped_models
from docsift.extraction.models.model import load_model, models_dir
from docsift.extraction.models.space import FeatureSpace

FIELDS = SPACES[0]


@pytest.mark.parametrize("space", SPACES, ids=lambda s: s.name)
def test_given_the_package_when_a_model_is_loaded_then_it_scores_rows_of_its_features(
    space: FeatureSpace,
) -> None:
    model = load_model(models_dir(), space)
    scores = model.score([{n: 0.0 for n in space.names}, space.row()])
    assert scores.shape == (2,) and ((scores >= 0) & (scores <= 1)).all()
    assert model.meta["seed"] is not None and model.meta["documents"] > 0


def test_given_a_row_with_a_feature_the_model_lacks_when_scored_then_it_is_refused() -> None:
    with pytest.raises(KeyError, match="no feature named"):
        FIELDS.row(not_a_feature=1.0)


def test_given_a_model_trained_on_other_features_when_loaded_then_a_clear_error_is_raised(
    tmp_path: Path,
) -> None:
    for f in ("fields.lgb", "fields.json"):
        shutil.copy(models_dir() / f, tmp_path / f)
    meta = json.loads((tmp_path / "fields.json").read_text())
    meta["features"] = meta["features"][:-1]
    (tmp_path / "fields.json").write_text(json.dumps(meta))
    with pytest.raises(ExtractionError, match="retrain"):
        load_model(tmp_path, FIELDS)


def test_given_no_model_file_when_loaded_then_a_clear_error_is_raised(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="missing"):
        load_model(tmp_path, FIELDS)


def test_given_scores_and_outcomes_when_calibrated_then_the_mapping_is_monotone_and_bounded() -> None:
    _, ys = isotonic([0.1, 0.2, 0.3, 0.8, 0.9, 0.95], [0, 1, 0, 1, 1, 1])
    assert ys == sorted(ys) and all(0 <= y <= 1 for y in ys)
    records = [("total", s / 100, int(s > 50), False, 1.0) for s in range(100)]
    cal = fit_calibrator(records, min_points=10)
    assert cal("total", 0.9) == 1.0 and cal("total", 0.1) == 0.0
    assert Calibrator({})("total", 0.42) == 0.42


def test_given_weakly_read_ocr_values_when_calibrated_then_their_confidence_is_their_own_lower_rate() -> None:
    sure = [("issuer_name", 0.95, 1, True, 0.99) for _ in range(40)]
    weak = [("issuer_name", 0.95, i % 2, True, 0.5) for i in range(40)]
    cal = fit_calibrator(sure + weak, min_points=10)
    assert cal("issuer_name", 0.95, ocr=True, ocr_min=0.99) == 1.0
    assert cal("issuer_name", 0.95, ocr=True, ocr_min=0.5) == 0.5
    assert cal("issuer_name", 0.95, ocr=False) == 0.75  # no text-layer table: all readings pooled


def test_given_the_shipped_calibration_then_higher_scores_never_mean_lower_confidence() -> None:
    cal = shipped_models().calibration
    for role in ("total", "document_date", "document_number", "issuer_name", "issuer_address"):
        values = [cal(role, s / 20) for s in range(21)]
        assert values == sorted(values)
