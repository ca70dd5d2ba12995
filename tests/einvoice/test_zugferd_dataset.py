"""The 63 ZUGFeRD / Factur-X / XRechnung PDFs of ../shared/datasets/zugferd: the fields read from
their embedded XML agree with the ground truth, scored with the reference scorer's rules."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pypdfium2 as pdfium
import pytest

from docsift.reading.einvoice import find_embedded_invoice

pytestmark = pytest.mark.datasets


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("docsift_reference_score", shared / "tools" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_given_the_zugferd_set_when_embedded_xml_is_read_then_fields_and_lines_match_ground_truth(
    shared: Path, datasets: Path
) -> None:
    score = _scorer(shared)
    folder = datasets / "zugferd"
    fields = {"correct": 0, "wrong": 0, "missing": 0}
    lines = {"correct": 0, "truth": 0, "predicted": 0}
    problems = []
    docs = sorted(folder.glob("gt/*.json"))
    for gt_path in docs:
        doc = gt_path.stem
        truth, truth_lines = score.truth_zugferd(json.loads(gt_path.read_text(encoding="utf-8")))
        found = find_embedded_invoice(pdfium.PdfDocument(folder / "pdf" / f"{doc}.pdf"))
        assert found is not None, f"{doc}: no embedded invoice found"
        for name, (kind, expected) in truth.items():
            if expected in (None, ""):
                continue
            got = found["fields"].get(name)
            outcome = "missing" if got is None else "correct" if score.same(kind, expected, got) else "wrong"
            fields[outcome] += 1
            if outcome != "correct":
                problems.append(f"{doc}.{name}: {outcome} (truth {expected!r}, got {got!r})")
        if truth_lines:
            good, n_truth, n_pred = score.score_lines(truth_lines, found["line_items"])
            lines["correct"] += good
            lines["truth"] += n_truth
            lines["predicted"] += n_pred
    print(f"zugferd embedded XML: {len(docs)} docs, fields {fields}, line cells {lines}")
    assert len(docs) >= 60
    total = sum(fields.values())
    assert fields["correct"] >= 0.99 * total, problems[:20]
    assert fields["wrong"] <= 2, problems[:20]
    assert lines["correct"] >= 0.99 * lines["truth"] and lines["predicted"] <= lines["truth"] * 1.01
