"""A second look at the party names and addresses of an OCR'd document.

Names and addresses are the fields OCR misreads most ("MR.D.I.Y. (M) SIN BHD", "WorId"). After
extraction, each line of such a field on an OCR'd page is cropped tightly from the page image
(turned and deskewed as the reader did), its contrast stretched, enlarged, and read again by
RapidOCR's line recogniser (measured here: on such crops it reads what Tesseract's single-line
mode often returns nothing for). Per line the better reading stays: the one holding more words a
name or address is made of (legal forms, street and region words, salutations) and fewer traces
of a misread (stray symbols, doubled punctuation, digits inside words); on a tie the first
reading stays, and so does it when the second lost letters or digits (a crop read short). The
text as first read stays in ``raw``.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image

from docsift.errors import DocsiftError
from docsift.extraction.knowledge.files import load_labels
from docsift.extraction.knowledge.lexicon import Lexicon, tokens
from docsift.extraction.knowledge.registry import FieldKind, type_fields
from docsift.options import RunOptions
from docsift.reading.model import BBox, Document, Page, TextSource, Word
from docsift.result import DocumentResult, FieldValue

KINDS = (FieldKind.PARTY_NAME, FieldKind.ADDRESS)
ENGINES = ("rapidocr", "tesseract")  # pages read by these are looked at again
READER = "rapidocr"  # the recogniser of the second look
SCALE = 2  # crops are enlarged this many times before the second reading
REACH = 0.8  # a crop reaches this many word heights above and below the line's centre
# traces of a misread: stray symbols, doubled punctuation, a digit inside a word ("Wor1d"; not a
# road code such as "SS4C" or "PJU6A", where the digit is followed by one letter)
_ODD = re.compile(r"[^\w\s&.,/()'-]|\.\.|,,|\(\s*\)|[A-Za-z]{2}\d[A-Za-z]{2}|\d[A-Za-z]{2,}\d")
KEEP = 0.85  # a second reading must keep this share of the first one's letters and digits


@dataclass
class LineCrop:
    """One line of a field on its page: the words first read and the pixel box to read again."""

    words: list[Word]
    box: tuple[int, int, int, int]


def _vocab() -> Lexicon:
    data = load_labels("parties.yaml")
    return Lexicon(
        {k: [str(v) for v in data[k]] for k in ("legal_forms", "street_words", "regions", "salutations")}
    )


_VOCAB: Lexicon | None = None


def plausibility(text: str) -> float:
    """How much ``text`` reads like a name or address line: known words covered, minus traces of
    misreading (stray symbols, doubled punctuation, digits inside words)."""
    global _VOCAB
    _VOCAB = _VOCAB or _vocab()
    toks = tokens(text)
    known = sum(h.length for h in _VOCAB.find(toks))
    return known - 1.5 * len(_ODD.findall(text))


def _alnum(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def _line_crops(page: Page, box: BBox) -> list[LineCrop]:
    """The page's lines that lie inside ``box``, each with its words there and a pixel box around
    them: their width plus half a word height each side, REACH word heights above and below their
    centre (a tall neighbour's box never drags the next line in)."""
    out = []
    for line in page.lines:
        words = [w for w in line.words if _inside(w.bbox, box)]
        if not words:
            continue
        h = statistics.median(w.y1 - w.y0 for w in words) * page.height
        cy = statistics.median((w.y0 + w.y1) / 2 for w in words) * page.height
        x0 = min(w.x0 for w in words) * page.width - h / 2
        x1 = max(w.x1 for w in words) * page.width + h / 2
        px = (
            max(0, int(x0)),
            max(0, int(cy - REACH * h)),
            min(page.width, int(x1) + 1),
            min(page.height, int(cy + REACH * h) + 1),
        )
        out.append(LineCrop(words, px))
    return out


def _inside(word: BBox, box: BBox) -> bool:
    cx, cy = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    return box[0] - 0.002 <= cx <= box[2] + 0.002 and box[1] - 0.002 <= cy <= box[3] + 0.002


def _targets(doc: Document, result: DocumentResult) -> Iterator[tuple[str, FieldValue, Page]]:
    """The party name and address fields of ``result`` printed on an OCR'd page."""
    registry = type_fields(result.document_type) if result.document_type else None
    if registry is None:
        return
    for name, fv in result.fields.items():
        spec = registry.fields.get(name)
        if spec is None or spec.role.kind not in KINDS or not fv.page or not fv.bbox:
            continue
        page = doc.pages[fv.page - 1] if fv.page <= len(doc.pages) else None
        if page is not None and page.source == TextSource.OCR and page.ocr_engine in ENGINES:
            yield name, fv, page


def reread_parties(data: bytes, doc: Document, options: RunOptions, result: DocumentResult) -> int:
    """Read the party names and addresses of ``result`` again from the page images of ``data`` and
    keep the better reading of each line (see module docstring). Returns how many lines changed.
    Never raises: a page that cannot be rendered again keeps its first reading."""
    by_page: dict[int, list[tuple[str, FieldValue]]] = {}
    for name, fv, page in _targets(doc, result):
        by_page.setdefault(page.number, []).append((name, fv))
    changed = 0
    for number, fields in by_page.items():
        page = doc.pages[number - 1]
        try:
            image = page_array(data, doc, page, options)
            changed += _reread_page(image, page, fields, options)
        except (DocsiftError, ValueError, OSError):
            continue
    return changed


def _reread_page(
    image: np.ndarray, page: Page, fields: list[tuple[str, FieldValue]], options: RunOptions
) -> int:
    from docsift.reading.ocr.engines import get_engine

    engine = get_engine(READER, options.ocr_languages)
    plan = [(fv, _line_crops(page, fv.bbox)) for _, fv in fields if fv.bbox]
    crops = [_enlarge(image[c.box[1] : c.box[3], c.box[0] : c.box[2]]) for _, lines in plan for c in lines]
    readings = iter(engine.recognize_crops(crops)) if crops else iter([])
    changed = 0
    for fv, lines in plan:
        for line in lines:
            first = " ".join(w.text for w in line.words)
            second = " ".join(w.text for w in next(readings, []))
            if (
                second
                and _alnum(second) >= KEEP * _alnum(first)  # a crop read short lost words
                and plausibility(second) > plausibility(first)
                and isinstance(fv.value, str)
                and first in fv.value
            ):
                fv.value = fv.value.replace(first, second, 1)
                changed += 1
    return changed


def _enlarge(crop: np.ndarray) -> np.ndarray:
    """``crop`` in grey with its contrast stretched (faint thermal print darkened) and enlarged."""
    import cv2

    if crop.size == 0:
        return crop
    grey = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    lo, hi = np.percentile(grey, 2), np.percentile(grey, 98)
    stretched = np.clip((grey.astype(np.float32) - lo) * (255.0 / max(float(hi - lo), 1.0)), 0, 255)
    return cv2.resize(stretched.astype(np.uint8), None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_CUBIC)


def page_array(data: bytes, doc: Document, page: Page, options: RunOptions) -> np.ndarray:
    """The image of OCR'd ``page`` as the reader read it: decoded (or rendered) again, turned upright
    and deskewed by the rotation and skew the page records. Raises ValueError when the result does
    not have the page's size (the page cannot be seen again as it was read)."""
    from docsift.reading.ocr.preprocess import deskew, rotate_quarter, to_grey

    image = _decoded(data, doc, page, options)
    rgb = np.asarray(image.convert("RGB"))
    rgb = rotate_quarter(rgb, page.rotation)
    if page.skew:
        rgb = deskew(rgb, page.skew, float(np.median(to_grey(rgb))))
    if rgb.shape[1] != page.width or rgb.shape[0] != page.height:
        raise ValueError("the page image no longer has the size it was read at")
    return rgb


def _decoded(data: bytes, doc: Document, page: Page, options: RunOptions) -> Image.Image:
    from docsift.reading.sniff import IMAGE_KINDS, Kind, sniff

    kind = sniff(data)
    if kind in IMAGE_KINDS:
        from docsift.reading.images import load_pages

        for number, (image, _) in enumerate(load_pages(data, kind, options.limits), start=1):
            if number == page.number:
                return image
        raise ValueError("no such page")
    if kind == Kind.PDF:
        from docsift.reading.pdf import open_pdf, page_image

        pdf = open_pdf(data)
        try:
            pdf_page = pdf[page.number - 1]
            image, _ = page_image(pdf_page, options, scan_only=True)
            return image
        finally:
            pdf.close()
    raise ValueError("not an image or a PDF")
