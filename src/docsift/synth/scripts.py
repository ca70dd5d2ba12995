"""Writing systems beyond Latin: the Devanagari font (when installed) and labels without Devanagari."""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from docsift.synth.images import font_file

# TrueType fonts that draw Devanagari, best first (Debian: fonts-lohit-deva, fonts-noto-core, fonts-gargi)
DEVANAGARI_FONTS = ("Lohit-Devanagari", "NotoSansDevanagari-Regular", "gargi", "Nakula", "Sahadeva")


def has_devanagari(text: str) -> bool:
    """True when ``text`` holds a Devanagari character."""
    return any("\u0900" <= ch <= "\u097f" for ch in text)


@cache
def devanagari_font() -> str | None:
    """The reportlab face name of an installed Devanagari font (registered on first use), or None."""
    for stem in DEVANAGARI_FONTS:
        path = font_file(stem)
        if path:
            if stem not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(stem, path))
            return stem
    return None


def latin_only(labels: Any) -> Any:
    """``labels`` with every list entry that holds Devanagari left out (lists never become empty)."""
    if isinstance(labels, dict):
        return {k: latin_only(v) for k, v in labels.items()}
    if isinstance(labels, list):
        kept = [latin_only(v) for v in labels if not (isinstance(v, str) and has_devanagari(v))]
        return kept or labels
    return labels
