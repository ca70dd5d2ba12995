"""Page images of stored originals: pypdfium2 for PDFs, Pillow for images, as PNG bytes."""

from __future__ import annotations

import contextlib
import io
import math
import threading
from collections.abc import Iterator
from typing import Any

from docsift.errors import CorruptFile, LimitExceeded
from docsift.service.errors import NotFound

_PDFIUM = threading.Lock()  # pdfium is not thread-safe
MAX_SIDE = 4000


def render_page_png(data: bytes, media_type: str, page: int, dpi: int, max_pixels: int = 60_000_000) -> bytes:
    """Page ``page`` (1-based) of a stored file as PNG at ``dpi`` (images: at their own size,
    no side over MAX_SIDE). Raises NotFound for a page that does not exist, CorruptFile when the
    file cannot be rendered, LimitExceeded for an image over ``max_pixels``."""
    if page < 1:
        raise NotFound(f"no page {page}", code="page_not_found")
    if media_type == "application/pdf":
        return _render_pdf(data, page, dpi)
    return _render_image(data, page, max_pixels)


@contextlib.contextmanager
def _open_pdf(data: bytes, failing: str) -> Iterator[Any]:
    """The PDF in ``data``, open under the pdfium lock; a pdfium error opening it, or inside the
    block, is CorruptFile ("cannot open the PDF", or ``failing``)."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            raise CorruptFile(f"cannot open the PDF: {e}") from e
        try:
            yield pdf
        except pdfium.PdfiumError as e:
            raise CorruptFile(f"{failing}: {e}") from e
        finally:
            pdf.close()


def _pdf_scale(width: float, height: float, dpi: int) -> float:
    """Pixels per PDF point for a page of ``width`` x ``height`` points at ``dpi``, no side over
    MAX_SIDE."""
    return min(dpi / 72.0, MAX_SIDE / max(width, height, 1.0))


def _render_pdf(data: bytes, page: int, dpi: int) -> bytes:
    with _open_pdf(data, f"cannot render page {page}") as pdf:
        if page > len(pdf):
            raise NotFound(f"no page {page}: the document has {len(pdf)}", code="page_not_found")
        pdf_page = pdf[page - 1]
        width, height = pdf_page.get_size()
        image = pdf_page.render(scale=_pdf_scale(width, height, dpi)).to_pil()
    return _png(image)


def _render_image(data: bytes, page: int, max_pixels: int) -> bytes:
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as img:
            frames = getattr(img, "n_frames", 1)
            if page > frames:
                raise NotFound(f"no page {page}: the image has {frames}", code="page_not_found")
            img.seek(page - 1)
            if img.width * img.height > max_pixels:
                raise LimitExceeded(f"the image has more than {max_pixels} pixels")
            img.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a reduced size when possible
            frame = ImageOps.exif_transpose(img.copy())
    except _image_errors() as e:
        raise CorruptFile(f"cannot read the image: {e}") from e
    frame.thumbnail((MAX_SIDE, MAX_SIDE))
    if frame.mode not in ("RGB", "RGBA", "L", "LA"):
        frame = frame.convert("RGB")
    return _png(frame)


def page_pixel_sizes(data: bytes, media_type: str, dpi: int) -> list[tuple[int, int]]:
    """(width, height) in pixels of every page as ``render_page_png`` renders it at ``dpi``, without
    rendering. Raises CorruptFile when the file cannot be opened."""
    if media_type != "application/pdf":
        return _image_sizes(data)
    sizes = []
    with _open_pdf(data, "cannot read the page sizes") as pdf:
        for i in range(len(pdf)):
            width, height = pdf[i].get_size()
            scale = _pdf_scale(width, height, dpi)
            sizes.append((math.ceil(width * scale), math.ceil(height * scale)))
    return sizes


def _image_sizes(data: bytes) -> list[tuple[int, int]]:
    from PIL import Image

    sizes = []
    try:
        with Image.open(io.BytesIO(data)) as img:
            for frame in range(getattr(img, "n_frames", 1)):
                img.seek(frame)
                width, height = img.size
                if img.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # EXIF orientation: a quarter turn
                    width, height = height, width
                scale = min(1.0, MAX_SIDE / max(width, height, 1))
                sizes.append((max(1, round(width * scale)), max(1, round(height * scale))))
    except _image_errors() as e:
        raise CorruptFile(f"cannot read the image: {e}") from e
    return sizes


def _image_errors() -> tuple[type[Exception], ...]:
    """What Pillow raises for a file it cannot read."""
    from PIL import Image, UnidentifiedImageError

    return (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError)


def _png(image: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False)  # type: ignore[attr-defined]
    return buf.getvalue()
