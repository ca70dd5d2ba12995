"""The second look at party names and addresses: the page image seen again as it was read, the
better reading of each line kept, nothing lost when the two agree."""

from __future__ import annotations

import pytest

from docsift.options import RunOptions
from docsift.pipeline.reread import page_array, plausibility, reread_parties
from docsift.reading import read_document
from docsift.reading.model import union_bbox
from docsift.result import DocumentResult, FieldValue
from tests.docgen import image_bytes, image_pdf, invoice_pdf, render_pdf_page


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        ("MR.D.I.Y. (M) SDN BHD", "MR.D.I.. (M) SIN BHD"),
        ("NO 12, JALAN MAWAR, TAMAN SRI", "N0 12, JA1AN MAWAR, TAMAN SRl"),
        ("Kedai Makan Sedap Enterprise", "Kedai Makan Sedap Enterpr!se"),
    ],
)
def test_given_two_readings_of_a_name_or_address_line_then_the_plausible_one_scores_higher(
    better: str, worse: str
) -> None:
    assert plausibility(better) > plausibility(worse)


@pytest.mark.parametrize("container", ["png", "pdf"])
def test_given_a_scanned_invoice_when_seen_again_then_the_image_has_the_read_page_size_and_agrees(
    container: str,
) -> None:
    image = render_pdf_page(invoice_pdf(seed=5).data, dpi=150)
    data = image_bytes(image) if container == "png" else image_pdf([image], dpi=150)
    options = RunOptions(document_type="invoice")
    doc = read_document(data, f"scan.{container}", options)
    page = doc.pages[0]
    assert page_array(data, doc, page, options).shape[:2] == (page.height, page.width)

    line = page.lines[0]
    value = FieldValue(
        value=line.text, raw=line.text, confidence=0.9, page=1, bbox=union_bbox(w.bbox for w in line.words)
    )
    result = DocumentResult(document_type="invoice", fields={"vendor_name": value})
    reread_parties(data, doc, options, result)
    assert result.fields["vendor_name"].raw == line.text  # what was read first is never lost
