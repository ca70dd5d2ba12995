"""A reportlab canvas that records where every tagged text was drawn (page-relative boxes, top-left)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from docsift.errors import DocsiftError

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
Color = tuple[float, float, float]
BLACK: Color = (0.0, 0.0, 0.0)


class SynthError(DocsiftError):
    """The generator could not produce a document (missing font, bad layout request)."""


@dataclass(frozen=True)
class Family:
    """A font family: regular and bold face names as registered with reportlab."""

    name: str
    regular: str
    bold: str
    mono: bool = False
    ttf: bool = False


BASE14 = [
    Family("Helvetica", "Helvetica", "Helvetica-Bold"),
    Family("Times", "Times-Roman", "Times-Bold"),
    Family("Courier", "Courier", "Courier-Bold", mono=True),
]
TTF_FAMILIES = [
    ("DejaVuSans", "DejaVuSans", "DejaVuSans-Bold", False),
    ("DejaVuSerif", "DejaVuSerif", "DejaVuSerif-Bold", False),
    ("DejaVuSansCondensed", "DejaVuSansCondensed", "DejaVuSansCondensed-Bold", False),
    ("DejaVuSansMono", "DejaVuSansMono", "DejaVuSansMono-Bold", True),
    ("LiberationSans", "LiberationSans-Regular", "LiberationSans-Bold", False),
    ("LiberationSerif", "LiberationSerif-Regular", "LiberationSerif-Bold", False),
    ("LiberationSansNarrow", "LiberationSansNarrow-Regular", "LiberationSansNarrow-Bold", False),
    ("LiberationMono", "LiberationMono-Regular", "LiberationMono-Bold", True),
]


def _find_ttf(stem: str) -> Path | None:
    for root in FONT_DIRS:
        if root.is_dir():
            hit = next(iter(sorted(root.rglob(f"{stem}.ttf"))), None)
            if hit:
                return hit
    return None


@cache
def families() -> tuple[Family, ...]:
    """Every usable font family: the PDF base-14 ones plus the TrueType ones found under /usr/share/fonts."""
    found = list(BASE14)
    for name, regular, bold, mono in TTF_FAMILIES:
        paths = [_find_ttf(regular), _find_ttf(bold)]
        if not all(paths):
            continue
        for face, path in zip((regular, bold), paths, strict=True):
            if face not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(face, str(path)))
        found.append(Family(name, regular, bold, mono=mono, ttf=True))
    return tuple(found)


def can_draw(family: Family, text: str) -> bool:
    """True when every character of ``text`` has a glyph in the family's regular face."""
    if not family.ttf:
        try:
            text.encode("cp1252")
        except UnicodeEncodeError:
            return False
        return True
    font = pdfmetrics.getFont(family.regular)
    cmap = font.face.charToGlyph
    return all(ord(ch) in cmap or ch in " \n" for ch in text)


@lru_cache(maxsize=1 << 16)
def _string_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in the registered face ``font`` at ``size``, in points (cached: layouts measure
    the same labels again and again)."""
    return float(pdfmetrics.stringWidth(text, font, size))


@dataclass
class Record:
    """One tagged drawing: its key, 1-based page, box in points (top-left origin) and printed text."""

    key: str
    page: int
    box: tuple[float, float, float, float]
    raw: str


@dataclass
class Painter:
    """Draws text and rules on pages of one size and records the boxes of tagged texts."""

    width: float
    height: float
    records: list[Record] = field(default_factory=list)
    page: int = 1

    def __post_init__(self) -> None:
        self._by_key: dict[str, list[Record]] = {}  # the records of each key, in drawing order
        for rec in self.records:
            self._by_key.setdefault(rec.key, []).append(rec)
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=(self.width, self.height), invariant=1, pageCompression=1)

    def text_width(self, text: str, font: str, size: float) -> float:
        """Width of ``text`` in points."""
        return _string_width(text, font, size)

    def ascent(self, font: str, size: float) -> float:
        """How far above the baseline the face ``font`` reaches at ``size``, in points."""
        return float(pdfmetrics.getAscentDescent(font, size)[0])

    def text(
        self,
        x: float,
        y: float,
        text: str,
        font: str,
        size: float,
        color: Color = BLACK,
        align: str = "left",
        key: str | None = None,
        spans: tuple[tuple[str, int, int], ...] = (),
    ) -> tuple[float, float, float, float]:
        """Draws one line of text whose box top is at ``y`` (points from the top); returns its box.

        ``align`` is left, right (x is the right edge) or center; ``key`` records the whole text,
        ``spans`` record sub-strings (key, start, end) with their own tight boxes.
        """
        w = self.text_width(text, font, size)
        x0 = x - w if align == "right" else x - w / 2 if align == "center" else x
        ascent, descent = pdfmetrics.getAscentDescent(font, size)
        baseline = y + ascent
        c = self.canvas
        c.setFillColorRGB(*color)
        c.setFont(font, size)
        c.drawString(x0, self.height - baseline, text)
        box = (x0, y, x0 + w, baseline - descent)
        if key:
            self.record(key, box, text)
        for span_key, start, end in spans:
            sx0 = x0 + self.text_width(text[:start], font, size)
            sx1 = x0 + self.text_width(text[:end], font, size)
            self.record(span_key, (sx0, y, sx1, box[3]), text[start:end])
        return box

    def record(self, key: str, box: tuple[float, float, float, float], raw: str) -> None:
        """Adds a tagged box. A key drawn again on the next line of the same page (a wrapped value)
        grows its box and joins its text; a later, separate occurrence is not recorded (the first counts)."""
        for rec in reversed(self._by_key.get(key, ())):
            b = rec.box
            line_h = box[3] - box[1]
            below = rec.page == self.page and 0 <= box[1] - b[3] < line_h and box[0] < b[2] and box[2] > b[0]
            if below:
                rec.box = (min(b[0], box[0]), b[1], max(b[2], box[2]), box[3])
                rec.raw = f"{rec.raw}\n{raw}"
                return
            if key != "table_region" and not key.startswith("x_carry"):
                return
        rec = Record(key, self.page, box, raw)
        self.records.append(rec)
        self._by_key.setdefault(key, []).append(rec)

    def line(
        self, x0: float, y0: float, x1: float, y1: float, width: float = 0.5, color: Color = BLACK
    ) -> None:
        """A straight rule between two points (top-left coordinates)."""
        c = self.canvas
        c.setStrokeColorRGB(*color)
        c.setLineWidth(width)
        c.line(x0, self.height - y0, x1, self.height - y1)

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: Color | None = None,
        stroke: Color | None = BLACK,
        width: float = 0.5,
    ) -> None:
        """A rectangle with top-left corner (x, y); filled and/or stroked."""
        c = self.canvas
        if fill is not None:
            c.setFillColorRGB(*fill)
        if stroke is not None:
            c.setStrokeColorRGB(*stroke)
            c.setLineWidth(width)
        c.rect(x, self.height - y - h, w, h, stroke=int(stroke is not None), fill=int(fill is not None))

    def circle(self, x: float, y: float, r: float, fill: Color) -> None:
        """A filled circle centred at (x, y)."""
        self.canvas.setFillColorRGB(*fill)
        self.canvas.circle(x, self.height - y, r, stroke=0, fill=1)

    def image(self, x: float, y: float, w: float, h: float, picture: object) -> None:
        """Draws a PIL picture with its top-left corner at (x, y), ``w`` x ``h`` points; alpha is kept."""
        from reportlab import rl_config
        from reportlab.lib.utils import ImageReader

        a85, rl_config.useA85 = rl_config.useA85, 0  # pictures go in binary (reportlab's ASCII85 is slow)
        try:
            self.canvas.drawImage(ImageReader(picture), x, self.height - y - h, w, h, mask="auto")
        finally:
            rl_config.useA85 = a85

    def new_page(self) -> None:
        """Ends the current page and starts the next."""
        self.canvas.showPage()
        self.page += 1

    def finish(self) -> bytes:
        """Closes the document and returns the PDF bytes."""
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()

    def boxes(self) -> dict[str, Record]:
        """The first record of every key."""
        out: dict[str, Record] = {}
        for rec in self.records:
            out.setdefault(rec.key, rec)
        return out
