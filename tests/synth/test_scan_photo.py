"""Phone photos of receipts: the slip in perspective on a table, shadows, crumples, folds, fading and
blur; the truth boxes mapped into the photo stay inside it and over ink; same seed, same photo."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from docsift.synth import generate, make
from docsift.synth.scan import write_photo

N_PHOTOS = 24
SEED = 808


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict[str, Any]]]:
    out = tmp_path_factory.mktemp("photos")
    shots = []
    index = 0
    while len(shots) < N_PHOTOS:
        doc = make(SEED, index, ["receipt"])
        index += 1
        if doc.screen:
            continue
        truth = dict(doc.truth)
        path = write_photo(doc.pdf, truth, out / doc.doc_id, random.Random(index), clean=False)
        shots.append((path, truth))
    return shots


def _gray(path: Path) -> np.ndarray:
    with Image.open(path) as img:
        return np.asarray(img.convert("L"), dtype=np.float32)


def test_given_photos_then_every_image_box_is_inside_the_image_and_over_ink(photos: list) -> None:
    checked = 0
    for path, truth in photos:
        img = _gray(path)
        h, w = img.shape
        assert [w, h] == truth["scan"]["image_size"]
        assert set(truth["scan"]["image_boxes"]) == set(truth["boxes"])
        for name, where in truth["scan"]["image_boxes"].items():
            x0, y0, x1, y1 = where["bbox"]
            assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1, (path.name, name)
            crop = img[int(y0 * h) : int(y1 * h) + 1, int(x0 * w) : int(x1 * w) + 1]
            assert crop.max() - crop.min() > 30, (path.name, name)  # text on paper, not blank
            checked += 1
    assert checked > 150


def test_given_photos_then_the_slip_lies_smaller_than_the_frame_on_a_textured_table(photos: list) -> None:
    for path, truth in photos:
        w, h = truth["scan"]["image_size"]
        corners = np.array(truth["scan"]["operations"]["perspective"]["corners"])
        assert (corners[:, 0] > -0.02 * w).all() and (corners[:, 0] < 1.02 * w).all(), path.name
        x, y = corners[:, 0], corners[:, 1]
        area = 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))
        assert area < 0.9 * w * h, path.name
        img = _gray(path)
        border = np.concatenate([img[:, : max(2, w // 30)].ravel(), img[:, -max(2, w // 30) :].ravel()])
        assert border.std() > 1.0, path.name  # a texture, not a flat fill


def test_given_photos_then_each_effect_occurs(photos: list) -> None:
    seen: set[str] = set()
    for _, truth in photos:
        ops = truth["scan"]["operations"]
        seen |= set(ops)
        if "shadow" in ops:
            seen.add(f"shadow_{ops['shadow']}")
    wanted = {"perspective", "crumpled", "folded", "faded", "lighting", "noise", "shadow_hard", "shadow_soft"}
    assert wanted <= seen
    assert {"motion_blur", "defocus"} & seen


def test_given_one_seed_when_photographed_twice_then_the_bytes_are_identical(tmp_path: Path) -> None:
    doc = make(SEED, 3, ["receipt"])
    paths = [
        write_photo(doc.pdf, dict(doc.truth), tmp_path / f"p{k}", random.Random(5), clean=False)
        for k in (1, 2)
    ]
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_given_receipt_scans_then_photos_flatbed_scans_and_clean_scans_all_occur(tmp_path: Path) -> None:
    generate(30, SEED, kinds=("receipt",), scans=1.0, out=tmp_path)
    kinds = set()
    for truth_path in (tmp_path / "truth").glob("*.json"):
        ops = json.loads(truth_path.read_text())["scan"]["operations"]
        kinds.add(next((k for k in ("photo", "clean", "screenshot") if k in ops), "scan"))
    assert {"photo", "clean", "scan"} <= kinds
