"""OCR: an image becomes a Page of Lines of Words (source ``ocr``).

:func:`ocr_page` prepares the image (orientation, deskew, contrast, scale), runs the engine chosen
for the run options and returns words with page-relative boxes in reading order.
Engines: ``rapidocr`` (RapidOCR 3.10, PP-OCRv6) and ``tesseract`` (Tesseract 5 via tesserocr).
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from docsift.errors import OcrUnavailable, ReadError
from docsift.options import RunOptions
from docsift.reading.layout import lines_from_words
from docsift.reading.model import Page, TextSource, Word
from docsift.reading.ocr.engines import (
    OcrEngine,
    OcrWord,
    available_engines,
    engine_names,
    get_engine,
    set_threads,
)

__all__ = [
    "OcrEngine",
    "OcrUnavailable",
    "OcrWord",
    "available_engines",
    "engine_names",
    "get_engine",
    "ocr_page",
    "set_threads",
]

DEFAULT_ENGINE = "rapidocr"


def ocr_page(image: Image.Image, number: int, options: RunOptions, dpi: float | None = None) -> Page:
    """OCR one page image into a Page (source ``ocr``) numbered ``number``.

    Returns the page with its size in pixels, dpi (given, else the image's own, else 72), the
    rotation and skew corrected, and its lines in reading order with boxes relative to the
    corrected page. Raises OcrUnavailable when the chosen engine or language cannot run and
    ReadError when the engine fails on this image.
    """
    rgb = _rgb_array(image)
    name = options.ocr_engine or DEFAULT_ENGINE
    engine = get_engine(name, options.ocr_languages)
    raw = engine.recognize(rgb)
    height, width = rgb.shape[:2]
    words = [_page_word(w, width, height) for w in raw if w.text]
    return Page(
        number=number,
        width=width,
        height=height,
        dpi=float(dpi or _image_dpi(image) or 72.0),
        source=TextSource.OCR,
        ocr_engine=engine.name,
        lines=lines_from_words(words, width, height),
    )


def _rgb_array(image: Image.Image) -> np.ndarray:
    try:
        if image.mode != "RGB":
            image = image.convert("RGB")
        return np.asarray(image)
    except (OSError, ValueError) as e:
        raise ReadError(f"image could not be decoded for OCR: {e}") from e


def _image_dpi(image: Image.Image) -> float | None:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        return None
    return value if value > 1 else None


def _page_word(w: OcrWord, width: int, height: int) -> Word:
    x0, y0, x1, y1 = w.box
    box = (
        min(max(x0 / width, 0.0), 1.0),
        min(max(y0 / height, 0.0), 1.0),
        min(max(x1 / width, 0.0), 1.0),
        min(max(y1 / height, 0.0), 1.0),
    )
    return Word(text=w.text, bbox=box, confidence=round(min(max(w.confidence, 0.0), 1.0), 4))
