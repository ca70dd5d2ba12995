"""``docsift extract``: inputs expanded (files, directories, ZIPs), one result per document,
failures printed with their reason, exit status 0 / 1 / 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docsift.cli import app
from tests.docgen import invoice_pdf, text_pdf, zip_bytes

runner = CliRunner()
RESULT_KEYS = {
    "document_id",
    "file_name",
    "document_type",
    "status",
    "pages",
    "fields",
    "line_items",
    "errors",
}


def _pdf(path: Path, seed: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(invoice_pdf(seed=seed).data)
    return path


def _results(out: Path) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text()) for p in sorted(out.glob("*.json"))}


def test_given_good_files_when_extracted_then_one_native_result_per_document_and_exit_0(
    tmp_path: Path,
) -> None:
    a, b = _pdf(tmp_path / "a.pdf", 1), _pdf(tmp_path / "b.pdf", 2)
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(a), str(b), "--out", str(out)])
    assert result.exit_code == 0, result.output
    results = _results(out)
    assert set(results) == {"a.json", "b.json"}
    for name, res in results.items():
        assert set(res) >= RESULT_KEYS
        assert res["file_name"] == name.replace(".json", ".pdf")
        assert res["pages"] == 1
        assert res["timings_ms"]["read"] >= 0


def test_given_a_bad_file_among_good_ones_when_extracted_then_exit_1_and_the_reason_is_printed(
    tmp_path: Path,
) -> None:
    good = _pdf(tmp_path / "good.pdf")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(good), str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert "FAILED" in result.output and "bad.pdf" in result.output and "cannot be parsed" in result.output
    results = _results(out)
    assert results["bad.json"]["status"] == "failed"
    assert results["bad.json"]["errors"][0]["stage"] == "read"
    assert results["good.json"]["pages"] == 1


def test_given_a_zip_with_path_traversal_when_extracted_then_that_member_is_refused_and_nothing_escapes(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "in" / "batch.zip"
    archive.parent.mkdir()
    archive.write_bytes(
        zip_bytes(
            {
                "../../escaped.pdf": invoice_pdf(seed=3).data,
                "/abs/root.pdf": invoice_pdf(seed=4).data,
                "docs/inside.pdf": invoice_pdf(seed=5).data,
                "readme.txt": b"not a document",
                "__MACOSX/._inside.pdf": b"junk",
            }
        )
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(archive), "--out", str(out)])
    assert result.exit_code == 1
    assert "path traversal" in result.output and "absolute path" in result.output
    assert "skipped" in result.output and "readme.txt" in result.output
    results = _results(out)
    assert results["inside.json"]["pages"] == 1
    assert results["escaped.json"]["status"] == "failed"
    assert not (tmp_path / "escaped.pdf").exists() and not list(tmp_path.rglob("escaped.pdf"))


def test_given_a_directory_when_extracted_then_documents_are_found_recursively_and_hidden_files_skipped(
    tmp_path: Path,
) -> None:
    root = tmp_path / "in"
    _pdf(root / "x.pdf")
    _pdf(root / "sub" / "y.pdf", 1)
    _pdf(root / ".hidden" / "z.pdf", 2)
    (root / "notes.txt").write_text("a note")
    (root / "sub" / "more.zip").write_bytes(zip_bytes({"w.pdf": text_pdf([["zipped page"]])}))
    out = tmp_path / "out"
    runner.invoke(app, ["extract", str(root), "--out", str(out)])
    results = _results(out)
    assert set(results) == {"x.json", "y.json", "w.json"}
    assert all(r["pages"] == 1 for r in results.values())


def test_given_two_documents_with_one_stem_when_extracted_then_both_results_are_kept(tmp_path: Path) -> None:
    a, b = _pdf(tmp_path / "one" / "inv.pdf", 1), _pdf(tmp_path / "two" / "inv.pdf", 2)
    out = tmp_path / "out"
    runner.invoke(app, ["extract", str(a), str(b), "--out", str(out)])
    results = _results(out)
    assert set(results) == {"inv.json", "inv-2.json"}
    assert {r["meta"]["source"] for r in results.values()} == {str(a), str(b)}


def test_given_csv_and_xlsx_formats_when_extracted_then_one_row_per_document_in_input_order(
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    files = [str(_pdf(tmp_path / f"d{i}.pdf", i)) for i in range(3)]
    out = tmp_path / "out"
    runner.invoke(app, ["extract", *files, "--out", str(out), "--format", "csv"])
    lines = (out / "documents.csv").read_text().splitlines()
    assert lines[0].startswith("file_name,document_id,document_type,status")
    assert [line.split(",")[0] for line in lines[1:]] == ["d0.pdf", "d1.pdf", "d2.pdf"]
    assert (out / "line_items.csv").read_text().startswith("file_name,document_id,line")
    runner.invoke(app, ["extract", *files, "--out", str(out), "--format", "xlsx"])
    wb = load_workbook(out / "results.xlsx")
    assert wb.sheetnames == ["documents", "line_items"]
    assert [row[0] for row in wb["documents"].iter_rows(min_row=2, values_only=True)] == [
        "d0.pdf",
        "d1.pdf",
        "d2.pdf",
    ]


def test_given_two_jobs_when_extracted_then_worker_processes_give_every_result(tmp_path: Path) -> None:
    files = [str(_pdf(tmp_path / f"p{i}.pdf", i)) for i in range(3)]
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", *files, str(bad), "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    results = _results(out)
    assert set(results) == {"p0.json", "p1.json", "p2.json", "empty.json"}
    assert results["empty.json"]["errors"][0]["message"] == "the file is empty"
    assert all(results[f"p{i}.json"]["pages"] == 1 for i in range(3))


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "does-not-exist.pdf"],
        ["extract", "{pdf}", "--jobs", "0"],
        ["extract", "{pdf}", "--type", "bogus"],
        ["extract", "{pdf}", "--format", "yaml"],
        ["extract", "{pdf}", "--pref", "fastest"],
        ["extract"],
    ],
)
def test_given_bad_usage_when_extract_runs_then_exit_2(tmp_path: Path, args: list[str]) -> None:
    pdf = str(_pdf(tmp_path / "a.pdf"))
    result = runner.invoke(app, [a.replace("{pdf}", pdf) for a in args] + ["--out", str(tmp_path / "out")])
    assert result.exit_code == 2


def test_given_an_empty_directory_when_extracted_then_exit_2_says_no_documents(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["extract", str(tmp_path / "empty"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "no documents" in result.output


@pytest.mark.datasets
def test_given_a_zugferd_pdf_when_extracted_with_and_without_embedded_xml_then_only_the_first_uses_it(
    datasets: Path, tmp_path: Path
) -> None:
    path = sorted((datasets / "zugferd" / "pdf").glob("*.pdf"))[0]
    with_xml, without = tmp_path / "with", tmp_path / "without"
    runner.invoke(app, ["extract", str(path), "--type", "invoice", "--out", str(with_xml)])
    runner.invoke(
        app, ["extract", str(path), "--type", "invoice", "--out", str(without), "--no-embedded-xml"]
    )
    first = next(iter(_results(with_xml).values()))
    second = next(iter(_results(without).values()))
    assert any(f.get("source") == "embedded_xml" for f in first["fields"].values())
    assert not any(f.get("source") == "embedded_xml" for f in second["fields"].values())


def test_given_an_output_path_that_is_a_file_when_extracted_then_exit_2(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "a.pdf")
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a directory")
    result = runner.invoke(app, ["extract", str(pdf), "--out", str(blocker)])
    assert result.exit_code == 2 and "cannot write" in result.output
