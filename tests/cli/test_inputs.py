"""Batch inputs: ZIP members are checked before anything is read from them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from docsift.errors import LimitExceeded
from docsift.reading.inputs import ZipLimits, expand
from tests.docgen import invoice_pdf, zip_bytes


def _zip(tmp_path: Path, members: dict[str, bytes], name: str = "batch.zip") -> Path:
    path = tmp_path / name
    path.write_bytes(zip_bytes(members))
    return path


def test_given_a_member_that_expands_a_thousand_times_when_expanded_then_it_is_refused(
    tmp_path: Path,
) -> None:
    bomb = b"%PDF-1.4\n" + b"\x00" * (20 * 1024 * 1024)
    sources = expand([_zip(tmp_path, {"bomb.pdf": bomb, "ok.pdf": invoice_pdf().data})])
    by_member = {s.member: s for s in sources}
    assert "expands" in (by_member["bomb.pdf"].problem or "")
    assert by_member["ok.pdf"].problem is None


def test_given_an_archive_over_its_total_size_when_expanded_then_the_whole_archive_is_refused(
    tmp_path: Path,
) -> None:
    path = _zip(tmp_path, {f"d{i}.pdf": invoice_pdf(seed=i).data for i in range(3)})
    sources = expand([path], ZipLimits(max_total_bytes=5000))
    assert len(sources) == 1 and sources[0].member is None
    assert "over the limit" in (sources[0].problem or "")


def test_given_nested_archives_and_other_files_when_expanded_then_they_are_skipped_not_failed(
    tmp_path: Path,
) -> None:
    inner = zip_bytes({"x.pdf": invoice_pdf().data})
    sources = expand(
        [_zip(tmp_path, {"inner.zip": inner, "notes.txt": b"hello", "a/b.pdf": invoice_pdf().data})]
    )
    skipped = {s.member for s in sources if s.skipped}
    assert skipped == {"inner.zip", "notes.txt"}
    assert [s.stem for s in sources if not s.skipped] == ["b"]


def test_given_a_broken_zip_when_expanded_then_one_source_says_why(tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    sources = expand([path])
    assert len(sources) == 1 and "not a readable ZIP" in (sources[0].problem or "")


def test_given_a_member_larger_than_the_file_limit_when_read_then_limit_exceeded(tmp_path: Path) -> None:
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("big.pdf", invoice_pdf(pages=3).data)
    (source,) = expand([path])
    assert source.read(10**7)[:5] == b"%PDF-"
    with pytest.raises(LimitExceeded):
        source.read(1000)


def test_given_a_missing_path_when_expanded_then_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        expand([tmp_path / "missing.pdf"])
