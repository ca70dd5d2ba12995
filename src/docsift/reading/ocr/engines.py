"""The OCR engine interface, the registry of engines and the per-process engine cache.

An engine turns an upright image (numpy, RGB or grey) into words with pixel boxes. Optional
engines import their library lazily; when it is missing, :func:`get_engine` raises
:class:`~docsift.errors.OcrUnavailable` naming the package to install. Engines are created once
per process (per languages and thread count) and reused: loading models costs far more than a page.
"""

from __future__ import annotations

import importlib
import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from docsift.errors import OcrUnavailable
from docsift.options import ProcessingPref
from docsift.reading.ocr.preprocess import Prepared

PixelBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One word read by an engine: text, box in pixels of the image given, confidence 0..1, and the
    index of the engine's own text line (words sharing it were read as one line)."""

    text: str
    box: PixelBox
    confidence: float
    line: int


class OcrEngine(ABC):
    """One OCR engine. Subclasses set ``name`` and ``package`` (what to pip install)."""

    name: str = ""
    package: str = ""

    def __init__(self, languages: Sequence[str], threads: int) -> None:
        self.languages = tuple(languages)
        self.threads = threads

    @classmethod
    @abstractmethod
    def available(cls) -> bool:
        """True when the engine's library (and its models) can be loaded in this process."""

    @abstractmethod
    def recognize(self, page: Prepared, pref: ProcessingPref = ProcessingPref.SPEED) -> list[OcrWord]:
        """Words read from the prepared (upright, deskewed) page, boxes in its pixels; ``pref``
        trades speed for accuracy where the engine has such a choice.

        Raises docsift.errors.ReadError when the engine fails on this image.
        """

    @abstractmethod
    def recognize_crops(self, crops: Sequence[np.ndarray]) -> list[list[OcrWord]]:
        """The words of each crop (grey or RGB, one line of text, upright), boxes in that crop's
        pixels; no layout analysis or text detection. Words of crop ``i`` have ``line == i``.

        Raises docsift.errors.ReadError when the engine fails.
        """


_REGISTRY: dict[str, type[OcrEngine]] = {}
_CACHE: dict[tuple[str, tuple[str, ...], int], OcrEngine] = {}
_LOCK = threading.Lock()
_THREADS = 1


def register(cls: type[OcrEngine]) -> type[OcrEngine]:
    """Class decorator: make ``cls`` selectable by its name. Returns ``cls``."""
    _REGISTRY[cls.name] = cls
    return cls


def engine_names() -> list[str]:
    """Names of every registered engine, installed or not."""
    _load_builtin()
    return list(_REGISTRY)


def available_engines() -> list[str]:
    """Names of the engines whose libraries are installed here."""
    return [name for name in engine_names() if _REGISTRY[name].available()]


def set_threads(threads: int) -> None:
    """Set how many CPU threads each engine created from now on may use (default 1: one worker
    process per core). Engines already created keep theirs."""
    global _THREADS
    _THREADS = max(1, int(threads))


def threads() -> int:
    """CPU threads each engine may use (see :func:`set_threads`)."""
    return _THREADS


def get_engine(name: str, languages: Sequence[str] = ("eng",)) -> OcrEngine:
    """The process-wide engine ``name`` for ``languages``, created on first use.

    Raises OcrUnavailable for an unknown engine, a missing library or missing language data.
    """
    _load_builtin()
    cls = _REGISTRY.get(name)
    if cls is None:
        raise OcrUnavailable(f"unknown OCR engine {name!r}; known: {', '.join(_REGISTRY)}")
    key = (name, tuple(languages), _THREADS)
    with _LOCK:
        engine = _CACHE.get(key)
        if engine is None:
            if not cls.available():
                raise OcrUnavailable(
                    f"OCR engine {name!r} is not installed: pip install {cls.package}",
                    details={"engine": name, "package": cls.package},
                )
            engine = cls(languages, _THREADS)
            _CACHE[key] = engine
    return engine


BUILTIN = ("docsift.reading.ocr.rapid", "docsift.reading.ocr.tesseract")  # modules that register an engine


def _load_builtin() -> None:
    # importing the modules registers their engines; each imports its own library lazily
    for module in BUILTIN:
        importlib.import_module(module)
