"""Tesseract 5 through tesserocr as an OCR engine (LSTM, word boxes, any installed language).

Language data comes from the system's tessdata folder (Debian: /usr/share/tesseract-ocr/5/tessdata).
OpenMP inside libtesseract is limited to one thread per process (``OMP_THREAD_LIMIT``), which is
both faster per page and fair to other worker processes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from docsift.errors import OcrUnavailable, ReadError
from docsift.options import ProcessingPref
from docsift.reading.ocr.engines import OcrEngine, OcrWord, PixelBox, register
from docsift.reading.ocr.preprocess import Prepared, remove_rules, resize, stretch_contrast

TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)


@dataclass(frozen=True)
class TesseractParams:
    """How a page is read: segmentation mode (3 = automatic layout, 6 = one uniform block; 3 read
    more words on invoice pages and as many on receipts), the character height (pixels) small and
    large print are scaled to, and whether faint ink is darkened and ruling lines removed first."""

    psm: int = 3
    min_char_height: float = 12.0  # measured on receipts: enlarging larger print does not help
    char_height: float = 20.0
    max_char_height: float = 24.0  # larger print is shrunk to shrink_to: 0.1 s faster on 300-dpi invoice
    shrink_to: float = 22.0  # scans, as many words read (20 lost some, on faint pages)
    max_upscale: float = 3.0
    stretch_faint: bool = True
    remove_rules: bool = True


@cache
def tessdata_dir() -> Path | None:
    """The first folder holding ``*.traineddata`` (TESSDATA_PREFIX first), or None."""
    candidates = [os.environ.get("TESSDATA_PREFIX", ""), *TESSDATA_DIRS]
    for c in candidates:
        if c and any(Path(c).glob("*.traineddata")):
            return Path(c)
    return None


def installed_languages() -> list[str]:
    """Tesseract languages installed here (e.g. ['deu', 'eng', 'osd'])."""
    folder = tessdata_dir()
    return sorted(p.stem for p in folder.glob("*.traineddata")) if folder else []


def check_languages(languages: Sequence[str]) -> None:
    """Raise OcrUnavailable naming the Debian package when a language's data is not installed."""
    have = set(installed_languages())
    missing = [lang for lang in languages if lang not in have]
    if missing:
        packages = " ".join(f"tesseract-ocr-{m.lower().replace('_', '-')}" for m in missing)
        raise OcrUnavailable(
            f"Tesseract language data missing for {', '.join(missing)} (installed: "
            f"{', '.join(sorted(have)) or 'none'}); install it, e.g. apt-get install {packages}",
            details={"missing_languages": missing},
        )


@register
class TesseractEngine(OcrEngine):
    """Tesseract 5 LSTM via tesserocr."""

    name = "tesseract"
    package = "tesserocr (and the tesseract-ocr-<lang> language data)"

    def __init__(self, languages: Sequence[str], threads: int, params: TesseractParams | None = None) -> None:
        super().__init__(languages, threads)
        self.params = params or TesseractParams()
        os.environ.setdefault("OMP_THREAD_LIMIT", str(threads))
        check_languages(self.languages)
        tesserocr = _import()
        try:
            self._api = tesserocr.PyTessBaseAPI(
                path=str(tessdata_dir()),
                lang="+".join(self.languages),
                psm=self.params.psm,
                oem=tesserocr.OEM.LSTM_ONLY,
            )
        except RuntimeError as e:
            raise OcrUnavailable(f"Tesseract could not load {'+'.join(self.languages)}: {e}") from e
        self._lock = threading.Lock()  # one TessBaseAPI is not re-entrant

    @classmethod
    def available(cls) -> bool:
        try:
            _import()
        except OcrUnavailable:
            return False
        return tessdata_dir() is not None

    def recognize(self, page: Prepared, pref: ProcessingPref = ProcessingPref.SPEED) -> list[OcrWord]:
        """Words read from ``page`` with pixel boxes: grey, faint ink darkened, small print
        enlarged and large print shrunk to the heights Tesseract reads best (and fast). Raises
        ReadError when Tesseract fails."""
        grey, scale = self.adapt(page)
        words = self.recognize_image(grey)
        if scale == 1.0:
            return words
        return [OcrWord(w.text, _scaled(w.box, 1 / scale), w.confidence, w.line) for w in words]

    def adapt(self, page: Prepared) -> tuple[np.ndarray, float]:
        """The grey image Tesseract reads for ``page`` and its scale relative to the page."""
        p = self.params
        if p.stretch_faint and p.remove_rules:
            grey = page.cleaned()
        else:
            grey = page.grey
            if p.stretch_faint and page.faint:
                grey = stretch_contrast(grey, page.analysis.ink_level, page.analysis.background)
            if p.remove_rules:
                grey = remove_rules(grey, page.analysis.char_height)
        height = page.analysis.char_height
        scale = 1.0
        if height and height < p.min_char_height:
            scale = min(p.char_height / height, p.max_upscale)
        elif height and height > p.max_char_height:
            scale = p.shrink_to / height
        return resize(grey, scale), scale

    def recognize_image(self, grey: np.ndarray) -> list[OcrWord]:
        """Words read from a grey (or RGB) image with pixel boxes. Raises ReadError on failure."""
        tesserocr = _import()
        with self._lock:
            return self._read_locked(grey, tesserocr)

    def recognize_crops(self, crops: Sequence[np.ndarray]) -> list[list[OcrWord]]:
        """The words of each crop, read as one line of text (psm 7), boxes in its pixels.
        Raises ReadError when Tesseract fails."""
        tesserocr = _import()
        out: list[list[OcrWord]] = []
        with self._lock:
            self._api.SetPageSegMode(tesserocr.PSM.SINGLE_LINE)
            try:
                for i, crop in enumerate(crops):
                    words = self._read_locked(crop, tesserocr)
                    out.append([OcrWord(w.text, w.box, w.confidence, i) for w in words])
            finally:
                self._api.SetPageSegMode(self.params.psm)
        return out

    def _read_locked(self, image: np.ndarray, tesserocr: Any) -> list[OcrWord]:
        """Words of ``image`` read with the current settings (the caller holds the lock)."""
        try:
            self._api.SetImage(Image.fromarray(image))
            self._api.Recognize()
            return _words(self._api.GetIterator(), tesserocr)
        except RuntimeError as e:
            if "no text" in str(e).lower():  # a blank image
                return []
            raise ReadError(f"Tesseract failed: {e}") from e


def _words(it: Any, tesserocr: Any) -> list[OcrWord]:
    words: list[OcrWord] = []
    if it is None:
        return words
    word_level, line_level = tesserocr.RIL.WORD, tesserocr.RIL.TEXTLINE
    line = -1
    while True:
        if it.IsAtBeginningOf(line_level):
            line += 1
        text = (it.GetUTF8Text(word_level) or "").strip()
        box = it.BoundingBox(word_level)
        if text and box is not None:
            conf = max(0.0, min(1.0, it.Confidence(word_level) / 100.0))
            words.append(OcrWord(text, tuple(float(v) for v in box), conf, line))  # type: ignore[arg-type]
        if not it.Next(word_level):
            break
    return words


def _scaled(box: PixelBox, factor: float) -> PixelBox:
    return (box[0] * factor, box[1] * factor, box[2] * factor, box[3] * factor)


def _import() -> Any:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import tesserocr
    except ImportError as e:
        raise OcrUnavailable(
            "Tesseract is not installed: pip install tesserocr", details={"package": "tesserocr"}
        ) from e
    return tesserocr
