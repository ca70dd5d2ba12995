"""Image files: every supported format decodes upright to L/RGB pages; OCR reads a scan."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from docsift.options import Limits
from docsift.reading.images import load_pages, register_heif
from docsift.reading.sniff import Kind, sniff
from tests.docgen import image_bytes


def _marked(size: tuple[int, int] = (300, 200), mode: str = "RGB") -> Image.Image:
    """A white image with a black block in its top-left corner."""
    img = Image.new(mode, size, "white")
    img.paste("black", (0, 0, 60, 40))
    return img


def _pages(data: bytes) -> list[tuple[Image.Image, float | None]]:
    return list(load_pages(data, sniff(data), Limits()))


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF", "BMP", "WEBP", "GIF"])
def test_given_an_image_in_each_format_when_loaded_then_one_upright_page_with_its_pixels(fmt: str) -> None:
    pages = _pages(image_bytes(_marked(), fmt))
    assert len(pages) == 1
    image, _ = pages[0]
    assert image.mode in ("L", "RGB") and image.size == (300, 200)
    assert image.convert("L").getpixel((10, 10)) < 60
    assert image.convert("L").getpixel((290, 190)) > 200


def test_given_exif_orientation_6_when_loaded_then_the_page_is_turned_upright() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored image must be turned 90 degrees clockwise to display
    data = image_bytes(_marked(), "JPEG", exif=exif, quality=95)
    image, _ = _pages(data)[0]
    assert image.size == (200, 300)
    grey = image.convert("L")
    assert grey.getpixel((190, 10)) < 60  # the block went from top-left to top-right
    assert grey.getpixel((10, 10)) > 200


def test_given_a_multi_page_tiff_when_loaded_then_every_page_in_order_with_its_dpi() -> None:
    frames = [_marked((100 + 10 * i, 80)) for i in range(3)]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:], dpi=(300, 300))
    pages = _pages(buf.getvalue())
    assert [p[0].width for p in pages] == [100, 110, 120]
    assert all(dpi == pytest.approx(300) for _, dpi in pages)


def test_given_an_animated_gif_when_loaded_then_only_the_first_frame() -> None:
    frames = [Image.new("L", (40, 40), 0), Image.new("L", (40, 40), 255)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:])
    pages = _pages(buf.getvalue())
    assert len(pages) == 1 and pages[0][0].convert("L").getpixel((5, 5)) < 30


@pytest.mark.parametrize("mode", ["1", "P", "RGBA", "LA", "CMYK", "I;16"])
def test_given_unusual_pixel_modes_when_loaded_then_pages_are_l_or_rgb(mode: str) -> None:
    if mode == "I;16":  # 16-bit grey, as scanners write it
        img = Image.new("I;16", (300, 200), 60000)
        img.paste(1000, (0, 0, 60, 40))
    else:
        img = _marked().convert(mode)
    fmt = "TIFF" if mode in ("CMYK", "I;16") else "PNG"
    image, _ = _pages(image_bytes(img, fmt))[0]
    assert image.mode in ("L", "RGB")
    assert image.convert("L").getpixel((10, 10)) < 60 < image.convert("L").getpixel((290, 190))


def test_given_transparent_pixels_when_loaded_then_they_become_white() -> None:
    img = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    image, _ = _pages(image_bytes(img, "PNG"))[0]
    assert image.getpixel((25, 25)) == (255, 255, 255)


def test_given_pi_heif_when_registered_then_pillow_opens_heif_files() -> None:
    register_heif()
    assert "HEIF" in Image.OPEN
    assert sniff(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic") == Kind.HEIF
