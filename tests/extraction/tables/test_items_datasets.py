"""Line items measured on real and synthetic documents, scored like ../shared/tools/score.py.

zugferd: the PDFs' text layer (their embedded XML switched off), line cells (description,
quantity, unit price, amount) of the documents whose XML carries lines and whose truth is "ok".
Synthetic: documents from docsift.synth (text PDFs), every line column of their truth.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from docsift.extraction.tables.items import tables_of
from docsift.options import RunOptions
from docsift.reading import read_document
from docsift.synth import generate


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("docsift_reference_score", shared / "tools" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _f1(good: int, truth: int, predicted: int) -> float:
    p, r = good / max(predicted, 1), good / max(truth, 1)
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.mark.datasets
def test_given_zugferd_pdfs_when_lines_are_read_from_the_text_layer_then_cell_f1_is_at_least_0_95(
    datasets: Path, shared: Path
) -> None:
    score = _scorer(shared)
    base = datasets / "zugferd"
    totals = [0, 0, 0]
    options = RunOptions(use_embedded_xml=False)
    for gt_path in sorted((base / "gt").glob("*.json")):
        gt = json.loads(gt_path.read_text(encoding="utf-8"))
        _, truth = score.truth_zugferd(gt)
        if not truth or gt.get("gt_quality") != "ok":
            continue
        pdf = base / "pdf" / f"{gt_path.stem}.pdf"
        doc = read_document(pdf.read_bytes(), pdf.name, options)
        items, _ = tables_of(doc, "invoice")
        pred = [{k: v.value for k, v in row.items()} for row in items]
        totals = [a + b for a, b in zip(totals, score.score_lines(truth, pred), strict=True)]

    # measured 608/615 truth cells, 616 predicted: F1 0.988
    assert totals[1] > 500
    assert _f1(*totals) >= 0.95


def test_given_synthetic_invoices_and_receipts_when_extracted_then_cell_f1_is_at_least_0_95(
    tmp_path: Path, shared: Path
) -> None:
    score = _scorer(shared)
    generate(16, 3, scans=0.0, out=tmp_path)
    totals = [0, 0, 0]
    for truth_path in sorted((tmp_path / "truth").glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        doc_path = next((tmp_path / "docs").glob(truth_path.stem + ".*"))
        doc = read_document(doc_path.read_bytes(), doc_path.name)
        items, _ = tables_of(doc, truth["document_type"])
        pred = [{k: v.value for k, v in row.items()} for row in items]
        lines = truth.get("line_items") or []
        totals = [
            a + b for a, b in zip(totals, score.score_lines(lines, pred, score.line_cols(lines)), strict=True)
        ]

    # seed 3: 323/323 cells; seeds 7 and 11 (60 and 80 documents): F1 0.996 and 0.997
    assert totals[1] > 200
    assert _f1(*totals) >= 0.95
