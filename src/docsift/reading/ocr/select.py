"""Which engine reads a page: ``options.ocr_engine`` when given, else the default for the
processing preference, as measured on real scanned receipts (see docs in the bench section
``reading``). Languages an engine cannot read move the choice to one that can."""

from __future__ import annotations

from dataclasses import dataclass

from docsift.errors import OcrUnavailable
from docsift.options import ProcessingPref, RunOptions
from docsift.reading.ocr.engines import engine_names
from docsift.reading.ocr.languages import rapid_reads


@dataclass(frozen=True)
class Plan:
    """The engine that reads the page and the preference it reads with."""

    engine: str
    pref: ProcessingPref = ProcessingPref.SPEED

    def __str__(self) -> str:
        return f"{self.engine}/{self.pref.value}"


# RapidOCR is the default for both preferences: on real receipts Tesseract found 73 % of the words
# against RapidOCR's 88 %, and on SROIE even a perfect vote between the two would add only about
# 3 points of recall. ``accuracy`` runs RapidOCR's detector on a larger image.
DEFAULT_ENGINE = "rapidocr"


def choose(options: RunOptions) -> Plan:
    """The engine plan for a page read with ``options``. Raises OcrUnavailable for an unknown
    engine name or an engine that cannot read the requested languages."""
    languages = list(options.ocr_languages)
    if options.ocr_engine:
        name = options.ocr_engine.lower()
        if name not in engine_names():
            raise OcrUnavailable(f"unknown OCR engine {name!r}; known: {', '.join(engine_names())}")
        if name == "rapidocr" and not rapid_reads(languages):
            raise OcrUnavailable(f"rapidocr does not read {'+'.join(languages)}; use ocr_engine='tesseract'")
        return Plan(name, options.pref)
    if not rapid_reads(languages):
        return Plan("tesseract", options.pref)
    return Plan(DEFAULT_ENGINE, options.pref)
