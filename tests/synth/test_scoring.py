"""The truth is in the format the reference scorer's canonical mode reads, with schema field names only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from docsift.schema import get_schema
from tests.synth.conftest import truths

SCORER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score.py"


def test_given_truth_when_checked_against_the_schema_then_every_name_is_canonical(batch: Path) -> None:
    for doc_id, truth in truths(batch).items():
        schema = get_schema(truth["document_type"])
        columns = {c.name for c in schema.line_columns}
        assert set(truth["fields"]) <= set(schema.field_names), doc_id
        assert set(truth["boxes"]) == set(truth["fields"]), doc_id
        for row in truth["line_items"]:
            assert set(row) <= columns, doc_id
        tax_columns = schema.tax_columns or get_schema("invoice").tax_columns  # receipts reuse the invoice's
        for tax in truth["tax_details"]:
            assert set(tax) == {c.name for c in tax_columns}, doc_id


def test_given_truth_used_as_prediction_when_scored_canonically_then_f1_is_one(
    batch: Path, tmp_path: Path
) -> None:
    if not SCORER.exists():
        pytest.skip(f"reference scorer not found at {SCORER}")
    preds = tmp_path / "pred"
    preds.mkdir()
    for doc_id, truth in truths(batch).items():
        fields = {k: {"value": v} for k, v in truth["fields"].items()}
        (preds / f"{doc_id}.json").write_text(
            json.dumps({"fields": fields, "line_items": truth["line_items"]})
        )
    run = subprocess.run(
        [sys.executable, str(SCORER), "canonical", str(batch / "truth"), str(preds), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(run.stdout)
    assert result["overall_f1"] == 1.0
    assert result["line_cells"]["f1"] == 1.0
    assert result["documents"] == len(truths(batch))


def test_given_a_wrong_prediction_when_scored_then_f1_drops(batch: Path, tmp_path: Path) -> None:
    """The round trip above is not vacuous: a changed total is scored wrong."""
    if not SCORER.exists():
        pytest.skip(f"reference scorer not found at {SCORER}")
    preds = tmp_path / "pred"
    preds.mkdir()
    for doc_id, truth in truths(batch).items():
        fields = dict(truth["fields"])
        if "invoice_total" in fields:
            fields["invoice_total"] = "0.01"
        (preds / f"{doc_id}.json").write_text(json.dumps({"fields": fields}))
    run = subprocess.run(
        [sys.executable, str(SCORER), "canonical", str(batch / "truth"), str(preds), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(run.stdout)["overall_f1"] < 1.0
