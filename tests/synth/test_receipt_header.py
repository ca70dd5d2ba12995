"""Receipt merchant blocks: brand, code, owner and outlet lines around the company name, the truth
still the company name and its address."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from docsift.synth import generate
from tests.synth.conftest import truths

N_RECEIPTS = 60


@pytest.fixture(scope="module")
def receipts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("receipts")
    generate(N_RECEIPTS, 4242, kinds=["receipt"], scans=0.0, out=out)
    return out


def _lines(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(path)
    try:
        text = pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()
    return [line.strip() for line in text.splitlines() if line.strip()]


def _pdfs(folder: Path) -> list[dict]:
    return [t for t in truths(folder).values() if t["source"] == "pdf"]


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).upper()


def test_given_generated_receipts_then_some_print_lines_above_the_company_name(receipts: Path) -> None:
    above = 0
    for truth in _pdfs(receipts):
        lines = _lines(receipts / truth["file"])
        name = _norm(truth["fields"]["merchant_name"])
        first = next(i for i, line in enumerate(lines) if name[:8] in _norm(line))
        above += first > 0
    n = len(_pdfs(receipts))
    assert 0.2 * n <= above <= 0.8 * n


def test_given_a_registration_number_on_the_name_line_then_the_name_box_holds_the_name_only(
    receipts: Path,
) -> None:
    same_line = 0
    for truth in _pdfs(receipts):
        doc_id, name = truth["id"], truth["fields"]["merchant_name"]
        lines = _lines(receipts / truth["file"])
        holding = [line for line in lines if _norm(name) in _norm(line)]  # none when wrapped
        if any(re.search(r"\d{3,}", line.replace(name, "")) for line in holding):
            same_line += 1
            assert not re.search(r"\d{4,}", truth["raw"]["merchant_name"]), doc_id
    assert same_line >= 3
