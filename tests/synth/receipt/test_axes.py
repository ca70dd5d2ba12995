"""Receipt families: independent axes, plan-only generation, coverage of every axis value, determinism."""

from __future__ import annotations

from pathlib import Path

from docsift.synth import make
from docsift.synth.knowledge import load
from docsift.synth.receipt.axes import (
    MAJOR,
    axis_counts,
    axis_values,
    plan_receipt_only,
    receipt_families,
)
from docsift.synth.runner import write

SEED = 77


def _plans(n: int, seed: int = SEED) -> list[dict[str, str]]:
    return [plan_receipt_only(seed, i) for i in range(n)]


def test_given_2000_receipt_plans_when_counting_families_then_there_are_at_least_20() -> None:
    families = receipt_families(_plans(2000))
    assert len(families) >= 20
    assert sum(families.values()) == 2000


def test_given_2000_receipt_plans_then_every_value_of_every_axis_occurs() -> None:
    counts = axis_counts(_plans(2000))
    data = load("receipt_axes")
    expected = {
        "format": set(data["formats"]),
        "header": {h for f in data["formats"].values() for h in f["headers"]},
        "items": {i for items in data["format_items"].values() for i in items},
        "payment": set(data["payments_weight"]),
        "region": set(data["regions"]),
        "trade": set(data["trades"]),
        **{axis: {str(v) for v in weights} for axis, weights in data["minor"].items()},
    }
    assert {axis: set(values) for axis, values in axis_values().items()} == expected
    for axis, values in expected.items():
        assert set(counts[axis]) == values, axis


def test_given_a_plan_when_the_receipt_is_made_then_its_truth_records_the_same_axes_and_family() -> None:
    for index in range(12):
        plan = plan_receipt_only(SEED, index)
        truth = make(SEED, index, ["receipt"]).truth
        assert truth["family"] == plan["family"] == "/".join(plan[a] for a in MAJOR)
        assert truth["axes"] == {k: v for k, v in plan.items() if k != "family"}


def test_given_one_seed_when_receipts_are_made_twice_then_pdfs_images_and_truth_are_identical(
    tmp_path: Path,
) -> None:
    formats = {plan_receipt_only(SEED, i)["format"]: i for i in range(200)}
    for index in formats.values():
        a, b = make(SEED, index, ["receipt"]), make(SEED, index, ["receipt"])
        assert a.pdf == b.pdf and a.truth == b.truth
        for name, scan in (("a", True), ("b", True), ("c", False), ("d", False)):
            write(a if name in "ac" else b, tmp_path / name, scan, 1234 + index)
    for pair in (("a", "b"), ("c", "d")):
        first = sorted((tmp_path / pair[0] / "docs").iterdir())
        second = sorted((tmp_path / pair[1] / "docs").iterdir())
        assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
        assert len(first) == len(formats)
