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


def test_given_pictures_on_the_page_when_made_twice_then_the_pdf_bytes_are_identical() -> None:
    from docsift.synth.invoice.make import make_invoice

    force = {"header": "logo_footer", "signature": "stamp", "logo": "image_brand"}
    first = make_invoice(12, 3, force)
    again = make_invoice(12, 3, force)
    assert first.truth["images"] and first.truth["axes"]["signature"] == "stamp"
    assert first.pdf == again.pdf and first.truth == again.truth


def test_given_a_batch_when_written_then_the_manifest_names_family_and_axes(tmp_path: Path) -> None:
    import csv

    generate(4, 5, kinds=("invoice",), scans=0.0, out=tmp_path)
    rows = list(csv.DictReader((tmp_path / "manifest.csv").open(encoding="utf-8")))
    for row, truth in zip(rows, truths(tmp_path).values(), strict=True):
        assert row["family"] == truth["family"]
        assert dict(kv.split("=") for kv in row["axes"].split(";")) == truth["axes"]
