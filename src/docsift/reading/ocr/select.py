"""Which engine reads a page: ``options.ocr_engine`` when given, else the default for the
processing preference, as measured on real scanned receipts (see docs in the bench section
``reading``). Languages an engine cannot read move the choice to one that can."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from docsift.errors import OcrUnavailable
from docsift.options import ProcessingPref, RunOptions
from docsift.reading.ocr.engines import engine_names


@dataclass(frozen=True)
class Plan:
    """The engine that reads the page, and an optional second engine for low-confidence words."""

    engine: str
    second: str | None = None


DEFAULT_PLANS = {
    ProcessingPref.SPEED: Plan("rapidocr"),
    ProcessingPref.ACCURACY: Plan("rapidocr", second="tesseract"),
}


@cache
def _languages() -> dict[str, Any]:
    text = resources.files("docsift.reading.ocr").joinpath("data/languages.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def rapid_reads(languages: list[str] | tuple[str, ...]) -> bool:
    """True when RapidOCR's bundled recogniser reads every one of ``languages``."""
    known = _languages()["rapidocr"]
    return all(lang in known for lang in languages)


def allowed_ranges(languages: list[str] | tuple[str, ...]) -> list[tuple[int, int]]:
    """The Unicode ranges RapidOCR's output is restricted to for ``languages`` (all scripts they use)."""
    data = _languages()
    scripts = {s for lang in languages for s in data["rapidocr"].get(lang, [])}
    return [(int(a), int(b)) for s in sorted(scripts) for a, b in data["scripts"][s]]


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
        return Plan(name)
    if not rapid_reads(languages):
        return Plan("tesseract")
    return DEFAULT_PLANS[options.pref]
