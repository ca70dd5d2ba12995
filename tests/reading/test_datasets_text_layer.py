"""Real digital invoices (../shared/datasets/zugferd): every page reads from its text layer and
the invoice number printed on the page is found in the text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docsift.options import RunOptions
from docsift.reading import TextSource, read_document


@pytest.mark.datasets
def test_given_the_zugferd_pdfs_when_read_without_xml_then_text_layers_hold_each_invoice_number(
    datasets: Path,
) -> None:
    folder = datasets / "zugferd"
    pdfs = sorted((folder / "pdf").glob("*.pdf"))
    assert pdfs, f"no PDFs under {folder}"
    missing = []
    for pdf in pdfs:
        truth = json.loads((folder / "gt" / f"{pdf.stem}.json").read_text())
        doc = read_document(pdf.read_bytes(), pdf.name, RunOptions(use_embedded_xml=False))
        assert doc.embedded is None
        assert all(p.source == TextSource.TEXT_LAYER and p.words for p in doc.pages), pdf.name
        number = truth.get("invoice_number")
        if number and number not in " ".join(doc.text.split()):
            missing.append(pdf.name)
    assert missing == []
