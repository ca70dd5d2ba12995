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


def test_given_malaysian_receipts_then_addresses_run_from_street_and_area_words_to_postcode_and_town() -> (
    None
):
    from docsift.synth import make
    from docsift.synth.receipt.axes import plan_receipt_only

    indices = [i for i in range(400) if plan_receipt_only(31, i)["region"] == "MY"][:40]
    lines = [
        ln for i in indices for ln in make(31, i, ["receipt"]).truth["raw"]["merchant_address"].split("\n")
    ]
    text = " ".join(lines).upper()
    for word in ("JALAN", "TAMAN", "LOT", "NO"):
        assert re.search(rf"\b{word}\b", text), word
    assert any(re.search(r"\b\d{5} [A-Z]", ln.upper()) for ln in lines)  # postcode + town
    assert (
        len({len(make(31, i, ["receipt"]).truth["raw"]["merchant_address"].split("\n")) for i in indices})
        >= 3
    )


def test_given_doubled_headers_then_the_name_is_printed_twice_and_the_box_is_on_the_second(
    receipts: Path,
) -> None:
    from docsift.synth import make
    from docsift.synth.receipt.axes import plan_receipt_only

    indices = [i for i in range(600) if plan_receipt_only(4242, i)["header"] == "doubled"][:5]
    assert indices
    for index in indices:
        doc = make(4242, index, ["receipt"])
        name = doc.truth["fields"]["merchant_name"]
        pdf = pdfium.PdfDocument(doc.pdf)
        page = pdf[0]
        w, h = page.get_size()
        lines = [ln.strip() for ln in page.get_textpage().get_text_range().splitlines() if ln.strip()]
        _, top, _, _ = doc.truth["boxes"]["merchant_name"]["bbox"]
        above = page.get_textpage().get_text_bounded(0, (1 - top) * h, w, h)
        pdf.close()
        head = _norm(name)[:6]
        assert sum(head in _norm(ln) for ln in lines) >= 2, (index, lines[:6])
        assert head in _norm(above), (index, above)  # the logo-text copy is above the name's box
