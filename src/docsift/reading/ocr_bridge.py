"""The one place the reader calls OCR (``docsift.reading.ocr.ocr_page``), imported lazily."""

from __future__ import annotations

from PIL import Image

from docsift.errors import DocsiftError, OcrUnavailable
from docsift.options import RunOptions
from docsift.reading.model import Page, TextSource


def ocr_image(image: Image.Image, number: int, options: RunOptions, dpi: float | None) -> Page:
    """OCR one page image. Returns the Page (source ocr, page number ``number``).

    Raises OcrUnavailable when no OCR engine can run here (it would fail for every page alike).
    Any other failure on this image yields a Page carrying the error, so one bad page never
    fails a document of many.
    """
    try:
        from docsift.reading.ocr import ocr_page
    except ImportError as e:
        raise OcrUnavailable(f"OCR is not available in this installation: {e}") from e
    try:
        page = ocr_page(image, number, options, dpi)
    except OcrUnavailable:
        raise
    except DocsiftError as e:
        return _failed(image, number, dpi, e.message)
    except Exception as e:  # an engine fault on one page: report it on that page
        return _failed(image, number, dpi, f"OCR failed: {e!r}")
    page.number = number
    return page


def _failed(image: Image.Image, number: int, dpi: float | None, message: str) -> Page:
    return Page(
        number=number,
        width=image.width,
        height=image.height,
        dpi=dpi or 72.0,
        source=TextSource.OCR,
        errors=[f"page {number}: {message}"],
    )
