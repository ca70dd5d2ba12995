"""Page images of stored originals: pypdfium2 for PDFs, Pillow for images, as PNG bytes."""

from __future__ import annotations

import io
import threading

from docsift.errors import CorruptFile
from docsift.service.errors import NotFound

_PDFIUM = threading.Lock()  # pdfium is not thread-safe
MAX_SIDE = 4000


def render_page_png(data: bytes, media_type: str, page: int, dpi: int) -> bytes:
    """Page ``page`` (1-based) of a stored file as PNG at ``dpi`` (images: at their own size,
    no side over MAX_SIDE). Raises NotFound for a page that does not exist, CorruptFile when the
    file cannot be rendered."""
    if page < 1:
        raise NotFound(f"no page {page}", code="page_not_found")
    if media_type == "application/pdf":
        return _render_pdf(data, page, dpi)
    return _render_image(data, page)


def _render_pdf(data: bytes, page: int, dpi: int) -> bytes:
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            raise CorruptFile(f"cannot open the PDF: {e}") from e
        try:
            if page > len(pdf):
                raise NotFound(f"no page {page}: the document has {len(pdf)}", code="page_not_found")
            pdf_page = pdf[page - 1]
            width, height = pdf_page.get_size()
            scale = min(dpi / 72.0, MAX_SIDE / max(width, height, 1.0))
            image = pdf_page.render(scale=scale).to_pil()
        except pdfium.PdfiumError as e:
            raise CorruptFile(f"cannot render page {page}: {e}") from e
        finally:
            pdf.close()
    return _png(image)


def _render_image(data: bytes, page: int) -> bytes:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            frames = getattr(img, "n_frames", 1)
            if page > frames:
                raise NotFound(f"no page {page}: the image has {frames}", code="page_not_found")
            img.seek(page - 1)
            frame = ImageOps.exif_transpose(img.copy())
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as e:
        raise CorruptFile(f"cannot read the image: {e}") from e
    frame.thumbnail((MAX_SIDE, MAX_SIDE))
    if frame.mode not in ("RGB", "RGBA", "L", "LA"):
        frame = frame.convert("RGB")
    return _png(frame)


def _png(image: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False)  # type: ignore[attr-defined]
    return buf.getvalue()
