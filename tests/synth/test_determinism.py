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


def test_given_two_hash_seeds_when_an_italian_invoice_is_made_in_two_processes_then_it_is_identical() -> None:
    """Faker's Italian cities come from a set; their order must not follow Python's string hashing."""
    import os
    import subprocess
    import sys

    code = (
        "import hashlib, json; from docsift.synth import make; d = make(7, 13, ['invoice', 'receipt']); "
        "print(d.truth['locale'], hashlib.sha256(d.pdf + json.dumps(d.truth).encode()).hexdigest())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and outputs.pop().startswith("it_IT ")


def test_given_a_multi_page_scan_when_written_twice_then_the_image_pdf_bytes_are_identical(
    tmp_path: Path,
) -> None:
    from docsift.synth.runner import write

    doc = next(d for d in (make(7, i, ["invoice"]) for i in range(200)) if d.truth["pages"] > 1)
    first = write(doc, tmp_path / "a", scan=True, scan_seed=5)
    again = write(doc, tmp_path / "b", scan=True, scan_seed=5)
    assert first.suffix == ".pdf" and first.read_bytes() == again.read_bytes()
    assert b"/CreationDate" not in first.read_bytes()
