"""Scans keep the truth: boxes mapped into the image land on ink, and upright boxes are unchanged."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from docsift.synth import generate
from tests.synth.conftest import truths


def test_given_scans_when_generated_then_image_boxes_sit_on_printed_text(tmp_path: Path) -> None:
    generate(8, 3, scans=1.0, out=tmp_path)
    checked = 0
    for doc_id, truth in truths(tmp_path).items():
        scan = truth["scan"]
        assert truth["source"] in ("scan", "screenshot") and 72 <= scan["dpi"] <= 300
        assert set(scan["image_boxes"]) == set(truth["boxes"])
        path = tmp_path / truth["file"]
        if path.suffix == ".pdf":
            continue
        img = np.asarray(Image.open(path).convert("L"), dtype=np.float32)
        h, w = img.shape
        for name, where in scan["image_boxes"].items():
            x0, y0, x1, y1 = where["bbox"]
            crop = img[int(y0 * h) : int(y1 * h) + 1, int(x0 * w) : int(x1 * w) + 1]
            assert crop.size and crop.max() - crop.min() > 30, (doc_id, name)  # ink on paper, not blank
            checked += 1
    assert checked > 20


def test_given_the_same_seed_when_scans_are_on_or_off_then_content_is_the_same(tmp_path: Path) -> None:
    generate(4, 8, scans=0.0, out=tmp_path / "pdf")
    generate(4, 8, scans=1.0, out=tmp_path / "scan")
    a, b = truths(tmp_path / "pdf"), truths(tmp_path / "scan")
    assert {k: v["fields"] for k, v in a.items()} == {k: v["fields"] for k, v in b.items()}
    assert {k: v["boxes"] for k, v in a.items()} == {k: v["boxes"] for k, v in b.items()}
