"""The same seed gives the same documents and truth; another seed gives others."""

from __future__ import annotations

from pathlib import Path

from docsift.synth import generate, make
from tests.synth.conftest import truths


def test_given_one_seed_when_generating_twice_then_truth_and_pdf_bytes_are_identical(tmp_path: Path) -> None:
    a = generate(6, 7, scans=0.0, out=tmp_path / "a")
    b = generate(6, 7, scans=0.0, out=tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    for name in ("a", "b"):
        assert (tmp_path / name / "manifest.csv").exists()
    assert truths(tmp_path / "a") == truths(tmp_path / "b")


def test_given_two_seeds_when_generating_then_documents_differ() -> None:
    assert make(1, 0, ["invoice"]).truth["fields"] != make(2, 0, ["invoice"]).truth["fields"]


def test_given_a_document_index_when_made_alone_then_it_equals_the_one_in_a_batch(tmp_path: Path) -> None:
    paths = generate(3, 11, kinds=("invoice",), scans=0.0, out=tmp_path)
    assert make(11, 2, ["invoice"]).pdf == paths[2].read_bytes()
