"""``docsift read``: laid-out text or the JSON Document; exit status 0 / 1 / 2."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from docsift.cli import app
from docsift.reading import Document
from tests.docgen import invoice_pdf, two_column_pdf

runner = CliRunner()


def test_given_a_text_pdf_when_read_as_text_then_rows_keep_their_layout(tmp_path: Path) -> None:
    gen = invoice_pdf(seed=21, items=3)
    path = tmp_path / "invoice.pdf"
    path.write_bytes(gen.data)
    result = runner.invoke(app, ["read", str(path)])
    assert result.exit_code == 0, result.output
    assert "page 1: text_layer" in result.output
    row = next(line for line in result.output.splitlines() if gen.truth.line_items[0]["unit_price"] in line)
    description, amount = gen.truth.line_items[0]["description"], gen.truth.line_items[0]["amount"]
    assert row.index(description) < row.index(amount)
    assert row.index(amount) - row.index(description) > 40  # the amount column sits far right


def test_given_two_columns_when_read_as_text_then_each_row_shows_both_columns_side_by_side(
    tmp_path: Path,
) -> None:
    data, left, right = two_column_pdf(lines_per_column=4)
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    out = runner.invoke(app, ["read", str(path), "--width", "140"]).output
    row = next(line for line in out.splitlines() if left[0] in line)
    assert right[0] in row


def test_given_a_pdf_when_read_as_json_then_the_output_is_the_document(tmp_path: Path) -> None:
    gen = invoice_pdf(seed=22)
    path = tmp_path / "invoice.pdf"
    path.write_bytes(gen.data)
    result = runner.invoke(app, ["read", str(path), "--format", "json"])
    assert result.exit_code == 0
    doc = Document.model_validate_json(result.stdout)
    assert doc.file_name == "invoice.pdf"
    assert gen.truth.invoice_number in doc.pages[0].text


def test_given_an_unreadable_file_when_read_then_exit_1_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("just some notes\n")
    result = runner.invoke(app, ["read", str(path)])
    assert result.exit_code == 1
    assert "unsupported file type" in result.output


def test_given_a_missing_file_or_bad_option_when_read_then_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["read", str(tmp_path / "nope.pdf")]).exit_code == 2
    path = tmp_path / "a.pdf"
    path.write_bytes(invoice_pdf().data)
    assert runner.invoke(app, ["read", str(path), "--format", "yaml"]).exit_code == 2
