"""A PDF page's text layer through pypdfium2: characters with boxes -> words -> lines.

Also judges whether the text layer is worth keeping (see :func:`assess`): a page with no
characters, with glyphs that map to no unicode, or with an invisible OCR layer of poor quality is
better OCR'd again.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from docsift.reading.layout import Box, order_boxes
from docsift.reading.model import Line, Page, TextSource, Word

WORD_GAP = 0.2  # a gap wider than this share of the glyph height splits a word
BAD_CHAR_SHARE = 0.15  # more glyphs without unicode than this: the layer is garbage
POOR_OCR_SHARE = 0.6  # an invisible layer with fewer plausible words than this is re-OCR'd
VOWEL_SHARE = (0.2, 0.65)  # Latin-script text outside this share of vowels is not language
MIN_LETTERS = 50  # letters needed before the vowel share is judged
_NOT_LATIN = re.compile(r"[^A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+")
_NOT_VOWEL = re.compile(r"[^aeiouyäöüéèêëàáâíìîïóòôúùûAEIOUYÄÖÜÉÈÊËÀÁÂÍÌÎÏÓÒÔÚÙÛ]+")
INVISIBLE_RENDER_MODE = 3
_PLAUSIBLE = re.compile(r"[\w€$£¥₹%.,:;/\\\-–'’\"()#&@+*=<>\[\]!?|]+")


@dataclass(slots=True)
class RawWord:
    """A word as PDFium's characters give it: text, box in user space (points, y up), and the
    index of its first character."""

    text: str
    left: float
    bottom: float
    right: float
    top: float
    index: int


@dataclass
class PageChars:
    """What one pass over a page's characters yields."""

    words: list[RawWord]
    visible: list[int]  # indices of the characters that were kept (not whitespace)
    bad: int  # characters without unicode (unmapped, private use, control)


@dataclass
class Assessment:
    """What a page's text layer looks like: enough to decide whether to keep it."""

    chars: int
    bad_chars: int
    invisible: bool
    plausible_share: float
    vowel_share: float | None = None

    def reason_to_ocr(self, min_chars: int = 1) -> str | None:
        """Why this layer should be replaced by OCR, or None when it is usable."""
        if self.chars < min_chars:
            return "no text layer"
        if self.bad_chars > BAD_CHAR_SHARE * self.chars:
            return "text layer glyphs have no unicode"
        if self.vowel_share is not None and not VOWEL_SHARE[0] <= self.vowel_share <= VOWEL_SHARE[1]:
            return "text layer glyphs map to unreadable text"
        if self.invisible and self.plausible_share < POOR_OCR_SHARE:
            return "invisible OCR text layer of poor quality"
        return None


class PageTransform:
    """Maps PDF user-space points to the page as presented: as a viewer displays it (crop box and
    /Rotate applied), then turned clockwise by ``extra`` degrees so that its text reads upright.
    Results are in points, origin top-left."""

    def __init__(self, page: pdfium.PdfPage, extra: int = 0) -> None:
        dw, dh = page.get_size()
        self.display = (dw, dh)
        self.extra = extra % 360
        self.width, self.height = (dh, dw) if self.extra in (90, 270) else (dw, dh)
        scale = 1000.0
        sx, sy = round(dw * scale), round(dh * scale)
        dx, dy = pdfium_c.c_int(), pdfium_c.c_int()

        def to_device(px: float, py: float) -> tuple[float, float]:
            pdfium_c.FPDF_PageToDevice(page.raw, 0, 0, sx, sy, 0, px, py, dx, dy)
            return dx.value / scale, dy.value / scale

        ox, oy = to_device(0.0, 0.0)
        ax, ay = to_device(1000.0, 0.0)
        bx, by = to_device(0.0, 1000.0)
        self.a, self.b = (ax - ox) / 1000, (ay - oy) / 1000  # d(display)/d(user x)
        self.c, self.d = (bx - ox) / 1000, (by - oy) / 1000  # d(display)/d(user y)
        self.ox, self.oy = ox, oy

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """A user-space rectangle as a box (x0, y0, x1, y1) in points on the presented page."""
        xs = (self.ox + self.a * left + self.c * bottom, self.ox + self.a * right + self.c * top)
        ys = (self.oy + self.b * left + self.d * bottom, self.oy + self.b * right + self.d * top)
        x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
        w, h = self.display
        if self.extra == 90:
            return h - y1, x0, h - y0, x1
        if self.extra == 180:
            return w - x1, h - y1, w - x0, h - y0
        if self.extra == 270:
            return y0, w - x1, y1, w - x0
        return x0, y0, x1, y1


def upright_rotation(
    textpage: pdfium.PdfTextPage, visible: list[int], page_rotation: int, samples: int = 48
) -> int:
    """Clockwise degrees (0/90/180/270) to turn the displayed page so that most of its text
    (sampled from the ``visible`` character indices) reads left to right: sideways text on a
    page, or a /Rotate that turned the text."""
    if not visible:
        return 0
    votes: Counter[int] = Counter()
    for index in visible[:: max(1, len(visible) // samples)]:
        angle = pdfium_c.FPDFText_GetCharAngle(textpage.raw, index)
        if angle < 0:
            continue
        user_ccw = (360 - math.degrees(angle)) % 360
        display_ccw = (user_ccw - page_rotation) % 360
        quarter = round(display_ccw / 90) % 4
        if abs(display_ccw - quarter * 90) % 360 <= 10 or abs(display_ccw - quarter * 90) % 360 >= 350:
            votes[quarter * 90] += 1
    return votes.most_common(1)[0][0] if votes else 0


_SPACES = frozenset({0x09, 0x0A, 0x0D, 0x20, 0xA0, 0x2002, 0x2003, 0x2009, 0x202F, 0x3000})
_ASCII = [chr(c) for c in range(128)]


def read_words(textpage: pdfium.PdfTextPage) -> PageChars:
    """One pass over the page's characters: words split at whitespace (real or generated by
    PDFium), at a gap wider than a fraction of the glyph height, and where the text jumps to
    another line; with their loose boxes in user space."""
    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    get_unicode, get_box = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetLooseCharBox
    words: list[RawWord] = []
    visible: list[int] = []
    bad = 0
    parts: list[str] = []
    wl = wb = wr = wt = pb = pt = pr = pl = 0.0
    first = 0
    for i in range(textpage.count_chars()):
        code = get_unicode(raw, i)
        ch: str | None
        if 0x20 < code < 0x7F:
            ch = _ASCII[code]
        else:
            ch, is_bad = _classify(code)
            bad += is_bad
        if ch is None or not get_box(raw, i, rect):
            if parts:
                words.append(RawWord("".join(parts), wl, wb, wr, wt, first))
                parts = []
            continue
        left, top, right, bottom = rect.left, rect.top, rect.right, rect.bottom
        if parts:
            h = pt - pb if pt - pb > top - bottom else top - bottom
            gap = left - pr
            backwards = gap < -0.5 * h and left < pl - 0.01  # (a decomposed ligature repeats its box)
            if not pb <= (top + bottom) / 2 <= pt or gap > WORD_GAP * h or backwards:
                words.append(RawWord("".join(parts), wl, wb, wr, wt, first))
                parts = []
        if parts:  # plain comparisons: this loop runs once per character
            wl = left if left < wl else wl
            wb = bottom if bottom < wb else wb
            wr = right if right > wr else wr
            wt = top if top > wt else wt
        else:
            wl, wb, wr, wt, first = left, bottom, right, top, i
        parts.append(ch)
        pb, pt, pr, pl = bottom, top, right, left
        visible.append(i)
    if parts:
        words.append(RawWord("".join(parts), wl, wb, wr, wt, first))
    return PageChars(words, visible, bad)


def _classify(code: int) -> tuple[str | None, int]:
    """A non-ASCII character code as (text or None for a word break, 1 if it has no usable unicode)."""
    if code in _SPACES:
        return None, 0
    if code == 0:
        return None, 1
    if code == 0x02:  # PDFium's mark for a hyphen at a line break
        return "-", 0
    if code >= 0x110000:
        return "\ufffd", 1
    ch = chr(code)
    if 0xFB00 <= code <= 0xFB06:  # typographic ligatures (fi, fl, ffi, ...) as their letters
        return unicodedata.normalize("NFKC", ch), 0
    cat = unicodedata.category(ch)
    if cat == "Cc":
        return None, 1
    if cat == "Zs":
        return None, 0
    if cat == "Cs":  # half of a UTF-16 surrogate pair: joined with its other half in _text()
        return ch, 0
    return ch, int(cat == "Co" or code == 0xFFFD)


def page_words(tf: PageTransform, textpage: pdfium.PdfTextPage, raw_words: list[RawWord]) -> list[Line]:
    """Lines in reading order, each word with its box relative to the page as ``tf`` presents
    it and its font size in points. Returns an empty list for a page without text."""
    w, h = tf.width or 1.0, tf.height or 1.0
    get_size = pdfium_c.FPDFText_GetFontSize
    words: list[Word] = []
    boxes: list[Box] = []
    for rw in raw_words:
        x0, y0, x1, y1 = tf.box(rw.left, rw.bottom, rw.right, rw.top)
        size = round(get_size(textpage.raw, rw.index), 2)
        bbox = (_clip(x0 / w), _clip(y0 / h), _clip(x1 / w), _clip(y1 / h))
        words.append(Word(text=_text(rw.text), bbox=bbox, confidence=1.0, font_size=size))
        boxes.append(Box(x0, y0, x1, y1, len(boxes)))
    return [Line(words=[words[i] for i in grp]) for grp in order_boxes(boxes)]


def _text(s: str) -> str:
    """The word's text with UTF-16 surrogate pairs (PDFium's characters outside the BMP, such as
    emoji) joined into one character; a lone half becomes U+FFFD, so the text encodes as UTF-8."""
    if s.isascii():
        return s
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _clip(v: float) -> float:
    return 0.0 if v < 0 else 1.0 if v > 1 else round(v, 5)


def assess(textpage: pdfium.PdfTextPage, chars: PageChars) -> Assessment:
    """Judge the text layer: character counts, whether it is invisible (OCR'd text under a
    scan) and then the share of plausible words, and the share of vowels in its Latin letters."""
    invisible = _mostly_invisible(textpage, chars.visible)
    words = [w.text for w in chars.words]
    plausible = 1.0
    if invisible:
        plausible = sum(1 for t in words if _is_plausible(t)) / len(words) if words else 0.0
    text = "".join(words)
    letters = len(_NOT_LATIN.sub("", text))
    vowels = len(_NOT_VOWEL.sub("", text)) / letters if letters >= MIN_LETTERS else None
    return Assessment(len(chars.visible), chars.bad, invisible, plausible, vowels)


def _mostly_invisible(textpage: pdfium.PdfTextPage, visible: list[int], samples: int = 24) -> bool:
    if not visible or not hasattr(pdfium_c, "FPDFText_GetTextObject"):  # older PDFium builds lack it
        return False
    picked = visible[:: max(1, len(visible) // samples)]
    hidden = 0
    for index in picked:
        obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, index)
        if obj and pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == INVISIBLE_RENDER_MODE:
            hidden += 1
    return hidden * 2 > len(picked)


def _is_plausible(token: str) -> bool:
    """A word that looks like language or a number: word characters with little punctuation,
    letters with a vowel or a digit when longer than three."""
    if not _PLAUSIBLE.fullmatch(token):
        return False
    core = [ch for ch in token if ch.isalnum()]
    if len(core) * 2 < len(token):
        return False
    letters = [ch for ch in core if ch.isalpha()]
    if len(letters) > 3 and not any(ch.lower() in "aeiouyäöüéèàáíóúâêîôû" for ch in letters):
        return any(ch.isdigit() for ch in core) or not all(ord(ch) < 0x250 for ch in letters)
    return True


def text_layer_page(page: pdfium.PdfPage, number: int) -> tuple[Page, Assessment]:
    """Read one PDF page's text layer. Returns the Page (source text_layer, sizes in points at
    72 dpi, ``rotation`` the clockwise turn applied to the displayed page so that its text reads
    upright) and the Assessment of its quality. Raises pypdfium2's PdfiumError on a broken page."""
    textpage = page.get_textpage()
    try:
        chars = read_words(textpage)
        tf = PageTransform(page, upright_rotation(textpage, chars.visible, page.get_rotation()))
        lines = page_words(tf, textpage, chars.words)
        verdict = assess(textpage, chars)
    finally:
        textpage.close()
    result = Page(
        number=number,
        width=round(tf.width),
        height=round(tf.height),
        dpi=72.0,
        rotation=tf.extra,
        source=TextSource.TEXT_LAYER,
        lines=lines,
    )
    return result, verdict
