"""Out-of-fold evaluation: folds group documents by vendor, and each document is chosen for by
models that never saw its vendor."""

from __future__ import annotations

from pathlib import Path

from docsift.synth import generate
from docsift.training.corpus import vendor_group
from docsift.training.evaluate import cross_validate
from docsift.training.fit import folds
from docsift.training.prepare import prepare
from docsift.training.records import Prepared
from docsift.training.samples import document_samples
from docsift.training.synthset import synth_items


def test_given_groups_when_folded_then_each_group_lands_in_exactly_one_fold() -> None:
    groups = ["a", "a", "b", "c", "c", "c", "d", "e"]
    held = folds(groups, 3, seed=1)
    assert sorted(g for fold in held for g in fold) == ["a", "b", "c", "d", "e"]
    assert folds(groups, 3, seed=1) == held


def test_given_spellings_of_one_vendor_then_they_share_a_group() -> None:
    assert vendor_group("Lieferant GmbH") == vendor_group("LIEFERANT  GMBH.") == "LIEFERANTGMBH"


def test_given_vendors_when_cross_validated_then_each_fold_holds_whole_vendors_out(
    tmp_path: Path,
) -> None:
    generate(24, seed=5, kinds=("invoice",), scans=0.0, out=tmp_path)
    docs = prepare(synth_items(tmp_path), tmp_path / "cache", complete=True)
    vendors = ["v1", "v2", "v3", "v4"]
    docs = [Prepared(d.doc_id, "test", vendors[i % 4], d.analysis, d.truth, True) for i, d in enumerate(docs)]
    samples = {d.doc_id: document_samples(d) for d in docs}

    cv = cross_validate(docs, samples, 4, seed=0)

    held = [groups for groups, _ in cv.folds]
    assert sorted(g for fold in held for g in fold) == vendors
    judged = sum(c[0] + c[1] + c[2] for c in cv.outcome.counts["test"].values())
    assert judged > 0
    assert {g for g, _ in cv.outcome.records} <= set(vendors)
