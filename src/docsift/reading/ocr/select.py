"""Which engine reads a page: ``options.ocr_engine`` when given, else the default for the
processing preference and the kind of page, from measurements on real receipts (SROIE) and
generated invoice scans (bench section ``reading``). Languages RapidOCR cannot read go to Tesseract."""

from __future__ import annotations

from dataclasses import dataclass

from docsift.errors import OcrUnavailable
from docsift.options import ProcessingPref, RunOptions
from docsift.reading.ocr.engines import engine_names
from docsift.reading.ocr.languages import rapid_reads
from docsift.reading.ocr.preprocess import Prepared
from docsift.reading.ocr.rapid import det_megapixels

AUTO = "auto"
# measured (bench section "reading"): on one core RapidOCR reads a receipt in about 0.9 s but a
# full scanned page in about 2 s, most of it in its detector, whose cost follows its input's area;
# Tesseract reads such a page in about 0.5 s, with fewer words right (F1 0.93 against 0.99) and
# far fewer on receipts (0.72 against 0.91). ``speed`` therefore sends pages whose detector input
# would exceed LARGE_PAGE_MP to Tesseract, and re-reads with RapidOCR a page Tesseract reads
# with a mean word confidence under MIN_TESSERACT_CONFIDENCE, or whose words leave more than
# MAX_UNREAD of the page's text-like ink unread (a photo with a shadow: Tesseract finds a handful of
# sure words where RapidOCR reads every line). ``accuracy`` always uses RapidOCR.
LARGE_PAGE_MP = 0.8
MIN_TESSERACT_CONFIDENCE = 0.85
MAX_UNREAD = 0.4


@dataclass(frozen=True)
class Plan:
    """The engine that reads the page (``auto``: decided per page), the preference it reads with,
    and the engine that re-reads a page the first reads with low confidence."""

    engine: str
    pref: ProcessingPref = ProcessingPref.SPEED
    fallback: str | None = None
    recheck: str | None = None

    def __str__(self) -> str:
        text = f"{self.engine}/{self.pref.value}"
        text += f" + {self.recheck} rec" if self.recheck else ""
        return text + (f" (else {self.fallback})" if self.fallback else "")


def choose(options: RunOptions) -> Plan:
    """The engine plan for pages read with ``options``. Raises OcrUnavailable for an unknown
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
    if options.pref == ProcessingPref.ACCURACY:
        return Plan("rapidocr", options.pref)
    return Plan(AUTO, options.pref)


def for_page(plan: Plan, page: Prepared) -> Plan:
    """``plan`` made concrete for one prepared page (``auto`` resolved by the page's size)."""
    if plan.engine != AUTO:
        return plan
    if det_megapixels(page, plan.pref) > LARGE_PAGE_MP:
        return Plan("tesseract", plan.pref, fallback="rapidocr", recheck="rapidocr")
    return Plan("rapidocr", plan.pref)


def engines_of(plan: Plan) -> list[str]:
    """Every engine ``plan`` may run (to load them before the page is prepared)."""
    names = ["rapidocr", "tesseract"] if plan.engine == AUTO else [plan.engine]
    return names + [n for n in (plan.fallback, plan.recheck) if n and n not in names]
