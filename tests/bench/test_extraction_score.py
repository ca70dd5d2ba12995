"""The extraction benchmark scores predictions exactly as ../shared/tools/score.py does."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from docsift.bench.extraction_score import TRUTH, SetScore, norm_amount, norm_date, same

LABEL_DIRS = {"zugferd": "zugferd/gt", "invoice2data": "invoice2data/expected", "sroie": "sroie/key"}


def _perturbed(
    truth: dict[str, tuple[str, Any]], lines: list[dict[str, Any]] | None, rng: random.Random
) -> dict:
    """A prediction built from the truth with fields dropped, altered, reformatted or kept."""
    fields: dict[str, Any] = {}
    for name, (kind, value) in truth.items():
        if value in (None, ""):
            if rng.random() < 0.2:
                fields[name] = {"value": "EXTRA"}
            continue
        roll = rng.random()
        if roll < 0.2:
            continue
        if roll < 0.35:
            fields[name] = {"value": f"{value}9"}
        elif roll < 0.5 and kind == "text":
            fields[name] = {"value": f" {str(value).lower()}. "}
        elif roll < 0.6 and kind == "amount" and norm_amount(value) is not None:
            fields[name] = {"value": f"{norm_amount(value):,}".replace(",", " ")}
        elif roll < 0.7 and kind == "date" and norm_date(value) is not None:
            fields[name] = norm_date(value).strftime("%m/%d/%Y")  # type: ignore[union-attr]
        else:
            fields[name] = {"value": value}
    result: dict[str, Any] = {"fields": fields}
    if lines:
        rows = [dict(r) for r in lines if rng.random() < 0.85]
        for r in rows:
            if rng.random() < 0.3:
                r["amount"] = "0.01"
        result["line_items"] = [{k: {"value": v} for k, v in r.items()} for r in rows]
    return result


def _reference(shared: Path, set_name: str, labels: Path, preds: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(shared / "tools" / "score.py"), set_name, str(labels), str(preds), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


@pytest.mark.datasets
@pytest.mark.parametrize("set_name", ["zugferd", "invoice2data", "sroie"])
def test_given_the_same_predictions_when_scored_then_bench_and_score_py_agree(
    shared: Path, datasets: Path, tmp_path: Path, set_name: str
) -> None:
    labels = datasets / LABEL_DIRS[set_name]
    rng = random.Random(7)
    ours = SetScore(set_name)
    for path in sorted(labels.glob("*.json")):
        truth, lines = TRUTH[set_name](json.loads(path.read_text(encoding="utf-8")))
        pred = _perturbed(truth, lines, rng) if rng.random() > 0.05 else {}
        if pred:
            (tmp_path / path.name).write_text(json.dumps(pred), encoding="utf-8")
        ours.add(path.stem, truth, lines, pred)
    assert ours.report() == _reference(shared, set_name, labels, tmp_path)


def test_given_synthetic_truth_when_scored_canonically_then_bench_and_score_py_agree(
    shared: Path, tmp_path: Path
) -> None:
    from docsift.synth import generate

    generate(12, seed=3, scans=0.0, out=tmp_path / "synth")
    labels, preds = tmp_path / "synth" / "truth", tmp_path / "preds"
    preds.mkdir()
    rng = random.Random(11)
    ours = SetScore("canonical")
    for path in sorted(labels.glob("*.json")):
        truth, lines = TRUTH["canonical"](json.loads(path.read_text(encoding="utf-8")))
        pred = _perturbed(truth, lines, rng)
        (preds / path.name).write_text(json.dumps(pred), encoding="utf-8")
        ours.add(path.stem, truth, lines, pred)
    assert ours.report() == _reference(shared, "canonical", labels, preds)


@pytest.mark.datasets
def test_given_real_extractions_when_scored_then_bench_and_score_py_agree(
    shared: Path, datasets: Path, tmp_path: Path
) -> None:
    from docsift.bench.extraction import extract_item
    from docsift.training.corpus import load_set

    ours = SetScore("zugferd")
    for item in load_set("zugferd", datasets)[:6]:
        result, *_ = extract_item(item, None)
        (tmp_path / f"{item.id}.json").write_text(json.dumps(result), encoding="utf-8")
        truth, lines = TRUTH["zugferd"](item.raw_label)
        ours.add(item.id, truth, lines, result)
    ids = tmp_path / "ids.txt"
    ids.write_text("\n".join(sorted(p.stem for p in tmp_path.glob("*.json"))), encoding="utf-8")
    ref = subprocess.run(
        [sys.executable, str(shared / "tools" / "score.py"), "zugferd", str(datasets / "zugferd/gt"),
         str(tmp_path), "--ids", str(ids), "--json"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert ours.report() == json.loads(ref.stdout)
    assert ours.report()["overall"]["correct"] > 0


def test_given_dates_in_either_order_when_compared_then_both_readings_count() -> None:
    assert same("date", "2018-03-05", "03/05/2018")
    assert same("date", "2018-03-05", "05.03.2018")
    assert not same("date", "2018-03-05", "2018-05-03")
    assert same("amount", "1,234.50", "1234.5")
    assert same("text", "Lieferant GmbH", "LIEFERANT-GMBH")
