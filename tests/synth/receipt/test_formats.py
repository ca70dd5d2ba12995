"""Every receipt format, header style and item style renders, and its truth is what is printed:
merchant name, address and total in the text layer and inside their boxes; tips, folios, e-mails
and fuel lines keep their arithmetic and their distractors."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from docsift.synth import Generated, make
from docsift.synth.knowledge import load
from docsift.synth.receipt.axes import plan_receipt_only
from docsift.synth.runner import write

SEED = 5150
SEARCH = 6000


@cache
def _plans() -> list[dict[str, str]]:
    return [plan_receipt_only(SEED, i) for i in range(SEARCH)]


def _find(pred: Callable[[dict[str, str]], bool], n: int = 1) -> list[int]:
    """The first ``n`` receipt indices of SEED whose plan satisfies ``pred``."""
    return [i for i, plan in enumerate(_plans()) if pred(plan)][:n]


def _alnum(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).upper()


def _page_text(doc: Generated) -> str:
    pdf = pdfium.PdfDocument(doc.pdf)
    try:
        return str(pdf[0].get_textpage().get_text_range())
    finally:
        pdf.close()


def _text_in_box(doc: Generated, bbox: list[float]) -> str:
    pdf = pdfium.PdfDocument(doc.pdf)
    try:
        page = pdf[0]
        w, h = page.get_size()
        x0, y0, x1, y1 = bbox
        return str(
            page.get_textpage().get_text_bounded(
                x0 * w - 0.5, (1 - y1) * h - 0.5, x1 * w + 0.5, (1 - y0) * h + 0.5
            )
        )
    finally:
        pdf.close()


def _assert_printed(doc: Generated) -> None:
    """Name, address and total are in the text layer and inside their boxes, exactly as printed."""
    t = doc.truth
    text = _alnum(_page_text(doc))
    for name in ("merchant_name", "merchant_address", "total"):
        assert name in t["fields"], (doc.doc_id, name)
        raw = t["raw"][name]
        assert _alnum(raw) in text, (doc.doc_id, name, raw)
        assert _alnum(raw) in _alnum(_text_in_box(doc, t["boxes"][name]["bbox"])), (doc.doc_id, name)
    assert " ".join(t["raw"]["merchant_name"].split("\n")) == t["fields"]["merchant_name"]
    assert " ".join(t["raw"]["merchant_address"].split("\n")) == t["fields"]["merchant_address"]


def test_given_each_format_and_header_style_when_rendered_then_name_address_and_total_are_printed() -> None:
    formats = load("receipt_axes")["formats"]
    for fmt, spec in formats.items():
        for header in spec["headers"]:
            indices = _find(lambda p, f=fmt, h=header: p["format"] == f and p["header"] == h, 2)
            assert indices, (fmt, header)
            for index in indices:
                doc = make(SEED, index, ["receipt"])
                assert doc.truth["axes"]["header"] == header
                _assert_printed(doc)


def test_given_each_item_style_when_rendered_then_every_item_has_its_description_and_amount() -> None:
    styles = {s for items in load("receipt_axes")["format_items"].values() for s in items}
    for style in styles:
        index = _find(lambda p, s=style: p["items"] == s)[0]
        doc = make(SEED, index, ["receipt"])
        assert doc.truth["line_items"], style
        for row, boxes in zip(doc.truth["line_items"], doc.truth["line_item_boxes"], strict=True):
            assert {"description", "amount"} <= set(row), (style, row)
            assert _alnum(row["description"]) in _alnum(_text_in_box(doc, boxes["description"]["bbox"])), (
                style
            )


def _sum_ok(t: dict) -> bool:
    f = t["fields"]
    d = {k: Decimal(f.get(k, "0")) for k in ("subtotal", "total_tax", "tip", "total")}
    other = Decimal(t["receipt"]["other_charges"])
    return d["subtotal"] + d["total_tax"] + d["tip"] + other == d["total"]


def test_given_tip_receipts_then_the_tip_is_printed_and_subtotal_tax_tip_add_up_to_the_total() -> None:
    for index in _find(lambda p: p["payment"] == "tip", 8):
        t = make(SEED, index, ["receipt"]).truth
        assert "tip" in t["fields"] and "tip" in t["labels"], index
        assert Decimal(t["fields"]["tip"]) > 0
        assert Decimal(t["fields"]["total"]) > Decimal(t["fields"]["tip"])
        if "subtotal" in t["fields"] and not t["inconsistent"]:
            assert _sum_ok(t), index


def test_given_cash_receipts_then_the_total_is_often_not_the_largest_amount_printed() -> None:
    larger = checked = 0
    dot_decimals = lambda p: p["region"] != "DE"  # noqa: E731
    for index in _find(
        lambda p: p["payment"] == "cash" and p["format"].startswith("thermal") and dot_decimals(p), 30
    ):
        doc = make(SEED, index, ["receipt"])
        amounts = [Decimal(a.replace(",", "")) for a in re.findall(r"\d[\d,]*\.\d\d\b", _page_text(doc))]
        checked += 1
        larger += max(amounts) > Decimal(doc.truth["fields"]["total"])
    assert checked == 30 and larger >= 6


def test_given_email_receipts_then_the_sender_line_is_above_the_merchant_name_box() -> None:
    for index in _find(lambda p: p["format"] == "email", 6):
        doc = make(SEED, index, ["receipt"])
        box = doc.truth["boxes"]["merchant_name"]["bbox"]
        above = _text_in_box(doc, [0.0, 0.0, 1.0, box[1]])
        assert "From:" in above, index


def test_given_hotel_folios_then_the_total_is_the_total_of_charges_and_arrival_is_another_date() -> None:
    for index in _find(lambda p: p["format"] == "folio", 6):
        doc = make(SEED, index, ["receipt"])
        t = doc.truth
        if t["inconsistent"]:
            continue
        items = sum(Decimal(r["amount"]) for r in t["line_items"])
        rest = Decimal(t["fields"]["total"]) - Decimal(t["receipt"]["other_charges"])
        assert items in (rest, rest - Decimal(t["fields"].get("total_tax", "0"))), index
        assert t["layout"].startswith("receipt/folio")
        assert _alnum(t["raw"]["transaction_date"]) in _alnum(_page_text(doc))


def test_given_fuel_receipts_then_litres_times_price_is_the_amount() -> None:
    for index in _find(lambda p: p["items"] == "metered", 6):
        t = make(SEED, index, ["receipt"]).truth
        fuel = t["line_items"][0]
        q, p, a = (Decimal(fuel[k]) for k in ("quantity", "unit_price", "amount"))
        assert abs(q * p - a) <= Decimal("0.01") or t["inconsistent"], index


def test_given_page_receipts_then_they_are_a4_or_letter() -> None:
    for index in _find(lambda p: p["format"] in ("page", "folio", "email"), 6):
        w, h = make(SEED, index, ["receipt"]).truth["page_size"]
        assert (round(w), round(h)) in ((595, 842), (612, 792)), index


def test_given_an_app_receipt_when_written_then_it_is_a_png_screenshot_with_boxes_unchanged(
    tmp_path: Path,
) -> None:
    index = _find(lambda p: p["format"] == "app")[0]
    doc = make(SEED, index, ["receipt"])
    assert doc.screen
    path = write(doc, tmp_path, False, 9)
    truth = __import__("json").loads((tmp_path / "truth" / f"{doc.doc_id}.json").read_text())
    assert path.suffix == ".png" and truth["source"] == "screenshot"
    with Image.open(path) as img:
        w, h = img.size
    scale = truth["scan"]["dpi"] / 72
    assert (w, h) == (int(truth["page_size"][0] * scale), int(truth["page_size"][1] * scale))
    assert truth["scan"]["image_boxes"] == truth["boxes"]
