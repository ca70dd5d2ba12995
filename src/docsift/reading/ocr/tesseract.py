"""Tesseract 5 through tesserocr as an OCR engine (LSTM, word boxes, any installed language).

Language data comes from the system's tessdata folder (Debian: /usr/share/tesseract-ocr/5/tessdata).
OpenMP inside libtesseract is limited to one thread per process (``OMP_THREAD_LIMIT``), which is
both faster per page and fair to other worker processes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from docsift.errors import OcrUnavailable, ReadError
from docsift.reading.ocr.engines import OcrEngine, OcrWord, register

TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)
PSM_BLOCK = 6  # a single uniform block of text: best on receipts and forms (measured)
PSM_AUTO = 3


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
    """Tesseract 5 LSTM via tesserocr; ``psm`` 6 reads the page as one block, 3 segments it first."""

    name = "tesseract"
    package = "tesserocr (and the tesseract-ocr-<lang> language data)"

    def __init__(self, languages: Sequence[str], threads: int, psm: int = PSM_BLOCK) -> None:
        super().__init__(languages, threads)
        os.environ.setdefault("OMP_THREAD_LIMIT", str(threads))
        check_languages(self.languages)
        tesserocr = _import()
        try:
            self._api = tesserocr.PyTessBaseAPI(
                path=str(tessdata_dir()), lang="+".join(self.languages), psm=psm, oem=tesserocr.OEM.LSTM_ONLY
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

    def recognize(self, image: np.ndarray, psm: int | None = None) -> list[OcrWord]:
        """Words read from ``image`` with pixel boxes. Raises ReadError when Tesseract fails."""
        tesserocr = _import()
        pil = Image.fromarray(image)
        try:
            with self._lock:
                if psm is not None:
                    self._api.SetPageSegMode(psm)
                self._api.SetImage(pil)
                self._api.Recognize()
                words = _words(self._api.GetIterator(), tesserocr)
                if psm is not None:
                    self._api.SetPageSegMode(PSM_BLOCK)
                return words
        except RuntimeError as e:
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


def _import() -> Any:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import tesserocr
    except ImportError as e:
        raise OcrUnavailable(
            "Tesseract is not installed: pip install tesserocr", details={"package": "tesserocr"}
        ) from e
    return tesserocr
