"""Every value of every layout axis occurs, renders without text drawn over text, and keeps the truth
boxes on the printed values; the headers put the vendor where they say."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from docsift.synth.invoice.axes import axis_values
from docsift.synth.invoice.sections import has_letterhead
from tests.synth.invoices import drawn, find, planned, with_axis
from tests.synth.pdftext import alnum, box_problems, overlapping_chars, page_texts

CONTENT_AXES = {
    "document": ["invoice", "credit_note"],
    "balance": ["plain", "prepaid", "payments", "previous"],
    "customer": ["company", "person"],
    "negative": ["positive", "minus", "minus_space", "parens", "trailing", "cr"],
    "labels": ["en", "de", "fr", "es", "nl", "it", "pt", "hi_en"],
}
TITLE_ONLY = ("footer", "logo_footer", "from_block")
CASES = [(a, v) for a, values in {**axis_values(), **CONTENT_AXES}.items() for v in values]


@pytest.mark.parametrize(("axis", "value"), CASES, ids=[f"{a}={v}" for a, v in CASES])
def test_given_an_axis_value_when_its_first_invoice_is_drawn_then_truth_and_text_layer_agree(
    axis: str, value: str
) -> None:
    doc = drawn(with_axis(axis, value))
    truth = doc.truth
    assert truth["axes"][axis] == value
    assert truth["family"] == "/".join(truth["axes"][a] for a in ("header", "parties", "kv", "totals"))
    pdf = pdfium.PdfDocument(doc.pdf)
    assert box_problems(pdf, truth) == [], truth["family"]
    pdf.close()
    assert overlapping_chars(doc.pdf) == [], truth["family"]
    assert {"invoice_number", "invoice_date", "invoice_total"} <= set(truth["fields"])


def _box(truth: dict, name: str) -> list[float]:
    return list(truth["boxes"][name]["bbox"])


def test_given_a_logo_only_header_then_the_vendor_name_is_in_the_picture_and_not_in_the_text() -> None:
    for index in find(lambda c, plan: plan.axes["header"] == "logo_only", count=4):
        doc = drawn(index)
        truth, vendor = doc.truth, vendor_of(index)
        brand = truth["images"][0]["text"]
        assert alnum(vendor).startswith(alnum(brand)[:6])
        if "vendor_name" not in truth["fields"]:  # no "For <vendor>" line either
            assert _words(vendor) not in _words(" ".join(page_texts(doc.pdf)))
        pdf = pdfium.PdfDocument(doc.pdf)
        kinds = [obj.type for obj in pdf[0].get_objects()]
        pdf.close()
        assert pdfium.raw.FPDF_PAGEOBJ_IMAGE in kinds
        assert "vendor_address" in truth["fields"]


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def vendor_of(index: int) -> str:
    return planned(index)[0].parties["vendor"].name


def test_given_a_footer_only_vendor_then_its_name_is_not_printed_in_the_header() -> None:
    footer = ("footer", "logo_footer")
    for index in find(lambda c, plan: plan.axes["header"] in footer and not has_letterhead(c), count=4):
        truth = drawn(index).truth  # the name may stand in the footer or over a signature, never on top
        assert _box(truth, "vendor_name")[1] > 0.4, truth["family"]


def test_given_a_letterhead_then_name_and_address_open_the_page_in_one_line_over_the_title() -> None:
    def letterhead(index: int) -> bool:  # among the first lines (a reference may stand above it)
        vendor = vendor_of(index)
        top = page_texts(drawn(index).pdf)[0].splitlines()[:3]
        return any(line.startswith(vendor) and len(line) > len(vendor) + 8 for line in top)

    assert all(
        letterhead(i) for i in find(lambda c, p: p.axes["header"] in TITLE_ONLY and has_letterhead(c), 4)
    )
    assert not any(
        letterhead(i) for i in find(lambda c, p: p.axes["header"] in TITLE_ONLY and not has_letterhead(c), 4)
    )


def test_given_a_din_letterhead_then_a_sender_line_with_name_and_address_sits_above_the_customer() -> None:
    for index in find(lambda c, plan: plan.axes["header"] == "din", count=4):
        doc = drawn(index)
        truth = doc.truth
        vendor = vendor_of(index)
        lines = page_texts(doc.pdf)[0].splitlines()
        sender = [line for line in lines if line.startswith(vendor) and len(line) > len(vendor) + 8]
        assert sender, truth["family"]
        assert _box(truth, "vendor_address")[3] <= _box(truth, "customer_name")[1] + 0.002


def test_given_a_sidebar_then_the_vendor_is_in_the_left_column_and_the_table_beside_it() -> None:
    for index in find(lambda c, plan: plan.axes["header"] == "sidebar", count=3):
        truth = drawn(index).truth
        assert _box(truth, "vendor_name")[2] < 0.3
        assert truth["table_region"]["regions"][0]["bbox"][0] > 0.2


def test_given_from_and_to_blocks_then_either_can_come_first() -> None:
    orders = set()
    for index in find(lambda c, plan: plan.axes["header"] == "from_block", count=8):
        truth = drawn(index).truth
        assert truth["labels"]["vendor_name"], truth["family"]
        orders.add(_box(truth, "vendor_name")[0] < _box(truth, "customer_name")[0])
    assert orders == {True, False}
