"""What each OCR engine can read, from ``data/languages.yaml`` (Tesseract language codes)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


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
