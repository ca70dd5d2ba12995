"""OCR: an image becomes a Page of Lines of Words (source ``ocr``).

:func:`ocr_page` turns the image upright, deskews it, measures its print, runs the engine chosen
for the run options (:mod:`docsift.reading.ocr.select`) and returns words with page-relative boxes
in reading order. Engines: ``rapidocr`` (RapidOCR 3.10, PP-OCRv6) and ``tesseract`` (Tesseract 5
via tesserocr).
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from docsift.errors import OcrUnavailable, ReadError
from docsift.options import RunOptions
from docsift.reading.layout import lines_from_words
from docsift.reading.model import Page, TextSource, Word
from docsift.reading.ocr import engines
from docsift.reading.ocr.engines import (
    OcrEngine,
    OcrWord,
    available_engines,
    engine_names,
    get_engine,
    set_threads,
)
from docsift.reading.ocr.preprocess import Prepared, prepare
from docsift.reading.ocr.recheck import recheck_words, unread_share
from docsift.reading.ocr.select import (
    MAX_UNREAD,
    MIN_TESSERACT_CONFIDENCE,
    Plan,
    choose,
    engines_of,
    for_page,
)

__all__ = [
    "OcrEngine",
    "OcrUnavailable",
    "OcrWord",
    "available_engines",
    "engine_names",
    "get_engine",
    "ocr_page",
    "read_prepared",
    "set_threads",
]


def ocr_page(image: Image.Image, number: int, options: RunOptions, dpi: float | None = None) -> Page:
    """OCR one page image into a Page (source ``ocr``) numbered ``number``.

    Returns the page with its size in pixels (after turning it upright and deskewing), dpi (given,
    else the image's own, else 72), the rotation (clockwise) and skew (degrees) corrected, and its
    lines in reading order with boxes relative to the corrected page. Raises OcrUnavailable when
    the chosen engine or a language cannot run, ReadError when the engine fails on this image.
    """
    plan = choose(options)
    for name in engines_of(plan):  # fail early, before preparing the page
        get_engine(name, options.ocr_languages)
    page = prepare(_rgb_array(image), threads=engines.threads())
    words, used = read_prepared(page, for_page(plan, page), options)
    return Page(
        number=number,
        width=page.width,
        height=page.height,
        dpi=float(dpi or _image_dpi(image) or 72.0),
        rotation=page.rotation,
        skew=page.skew,
        source=TextSource.OCR,
        ocr_engine=used,
        lines=lines_from_words(words, page.width, page.height),
        errors=page.notes,
    )


def read_prepared(page: Prepared, plan: Plan, options: RunOptions) -> tuple[list[Word], str]:
    """Words (page-relative boxes) read from a prepared page by a concrete ``plan``, and the name
    of the engine whose words they are. Raises OcrUnavailable or ReadError as :func:`ocr_page` does."""
    engine = get_engine(plan.engine, options.ocr_languages)
    raw = engine.recognize(page, plan.pref)
    if plan.fallback and (
        _mean_confidence(raw) < MIN_TESSERACT_CONFIDENCE or unread_share(page, raw) > MAX_UNREAD
    ):
        engine = get_engine(plan.fallback, options.ocr_languages)
        raw = engine.recognize(page, plan.pref)
    elif plan.recheck:
        raw = recheck_words(page, raw, get_engine(plan.recheck, options.ocr_languages))
    return [_page_word(w, page.width, page.height) for w in raw if w.text], engine.name


def _mean_confidence(words: list[OcrWord]) -> float:
    """Mean word confidence, weighted by length (0 for no words)."""
    total = sum(len(w.text) for w in words)
    return sum(w.confidence * len(w.text) for w in words) / total if total else 0.0


def _rgb_array(image: Image.Image) -> np.ndarray:
    """8-bit RGB pixels: transparency flattened onto white, 16-bit and float grey stretched."""
    try:
        if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
            grey = np.asarray(image, dtype=np.float32)
            low, high = float(grey.min()), float(grey.max())
            grey = (grey - low) * (255.0 / (high - low)) if high > low else np.full_like(grey, 255.0)
            return np.ascontiguousarray(np.repeat(grey.astype(np.uint8)[:, :, None], 3, axis=2))
        if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            canvas = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            image = Image.alpha_composite(canvas, rgba)
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
