"""Pieces of the KlearStack API without a server: page pixel sizes equal the served images,
pixel boxes round-trip, values and times in KlearStack's formats, incoming keys."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from docsift.schema import Kind
from docsift.service.errors import BadRequest
from docsift.service.klearstack.geometry import IMAGE_DPI, NO_BOX, PageSizes, to_pixels, to_relative
from docsift.service.klearstack.keys import column_name, field_name
from docsift.service.klearstack.shapes import day_name, format_value, iso_time
from docsift.service.render import page_pixel_sizes, render_page_png
from docsift.store.blobstores import open_blob_store
from docsift.store.models import Document
from tests.docgen import image_bytes, merge_pdfs, set_rotation, text_pdf


def _png_size(png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(png)).size


def _exif_rotated_jpeg() -> bytes:
    image = Image.new("RGB", (300, 120), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned a quarter: 120 x 300
    buf = io.BytesIO()
    image.save(buf, format="JPEG", exif=exif)
    return buf.getvalue()


def _tiff(frames: int) -> bytes:
    images = [Image.new("L", (200 + 10 * i, 100), 255) for i in range(frames)]
    buf = io.BytesIO()
    images[0].save(buf, format="TIFF", save_all=True, append_images=images[1:])
    return buf.getvalue()


CASES = {
    "pdf portrait + rotated page": (merge_pdfs([text_pdf([["a"]]), set_rotation(text_pdf([["b"]]), 90)]),
                                    "application/pdf"),
    "png": (image_bytes(Image.new("RGB", (640, 480), "white")), "image/png"),
    "jpeg with exif rotation": (_exif_rotated_jpeg(), "image/jpeg"),
    "tiff with three frames": (_tiff(3), "image/tiff"),
    "png larger than 4000 pixels": (image_bytes(Image.new("L", (5000, 1000), 255)), "image/png"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_given_a_file_then_page_sizes_are_those_of_the_rendered_page_images(case: str) -> None:
    data, media_type = CASES[case]
    sizes = page_pixel_sizes(data, media_type, IMAGE_DPI)
    rendered = [_png_size(render_page_png(data, media_type, n, IMAGE_DPI)) for n in range(1, len(sizes) + 1)]
    assert sizes == rendered and len(sizes) >= 1


def test_given_an_a4_pdf_then_its_page_is_1654_by_2339_pixels_at_200_dpi() -> None:
    assert page_pixel_sizes(text_pdf([["x"]]), "application/pdf", IMAGE_DPI) == [(1654, 2339)]


def test_given_a_pixel_box_then_it_round_trips_through_the_relative_box() -> None:
    sizes = [(1654, 2339), (2339, 1654)]
    box = to_relative([1306, 87, 1444, 107], 2, sizes, "Inv_Date")
    assert box is not None and to_pixels(box, 2, sizes) == [1306, 87, 1444, 107]
    assert to_relative([0, 0, 0, 0], 1, sizes, "x") is None
    assert to_pixels(None, 1, sizes) == NO_BOX and to_pixels(box, 3, sizes) == NO_BOX
    for bad in ([1, 2, 3], ["a", 1, 2, 3], [10, 10, 5, 20], [0, 0, 2000, 10]):
        with pytest.raises(BadRequest):
            to_relative(bad, 1, sizes, "x")
    with pytest.raises(BadRequest):
        to_relative([1, 1, 2, 2], 3, sizes, "x")


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [("2023-09-15", Kind.DATE, "15-Sep-2023"), ("2023-09-15", Kind.TEXT, "2023-09-15"),
     ("1180.00", Kind.AMOUNT, "1180.00"), (80.4, Kind.AMOUNT, "80.4"), (True, Kind.BOOL, "true"),
     (None, Kind.TEXT, ""), ("15-Sep-2023", Kind.DATE, "15-Sep-2023")],
)  # fmt: skip
def test_given_stored_values_then_klearstack_strings(value: object, kind: Kind, expected: str) -> None:
    assert format_value(value, kind) == expected


def test_given_times_then_naive_iso_utc_with_milliseconds_and_the_approved_date_form() -> None:
    moment = datetime(2021, 4, 14, 12, 32, 49, 322_999, tzinfo=UTC)
    assert iso_time(moment) == "2021-04-14T12:32:49.322" and iso_time(None) == ""
    assert day_name(moment) == "Wed Apr 14 2021"


def test_given_incoming_keys_then_docsift_names() -> None:
    keys = ("Inv_Number", "doc_number_value", "INVOICE_NUMBER", "invoice_number_value", "doc_date_value",
            "Sub-Total", "nope")  # fmt: skip
    names = ["invoice_number"] * 4 + ["invoice_date", "subtotal", None]
    assert [field_name("invoice", k) for k in keys] == names
    assert field_name("receipt", "doc_number_value") is None  # internal keys are per document type
    columns = [column_name("invoice", k) for k in ("Unit_Price", "unit_price", "Total", "Colour")]
    assert columns == ["unit_price", "unit_price", "amount", None]


def test_given_stored_and_missing_originals_then_page_sizes_or_no_boxes(tmp_path: Path) -> None:
    blobs = open_blob_store(None, tmp_path)
    key = blobs.put(text_pdf([["a"], ["b"]]))
    sizes = PageSizes(blobs)
    assert sizes.of(Document(blob_key=key, media_type="application/pdf")) == [(1654, 2339)] * 2
    missing = Document(blob_key="0" * 64, media_type="application/pdf")
    assert sizes.of(missing) == [] and sizes.of(missing) == []  # remembered as unreadable for a while
