"""Small test pages drawn with Pillow, with the box of every word drawn (pixels)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MONO = "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf"
SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"

LINES = [
    "INVOICE 20417 dated 12 March 2024",
    "Northwind Traders GmbH Berlin",
    "Copy paper 4 boxes 38.40",
    "Toner cartridge black 112.00",
    "TOTAL DUE EUR 150.40",
]


@dataclass
class Drawn:
    """A rendered page and where each word went (pixel boxes x0, y0, x1, y1)."""

    image: Image.Image
    words: list[tuple[str, tuple[int, int, int, int]]]

    def box_of(self, text: str) -> tuple[float, float, float, float]:
        """The page-relative box of the first drawn word ``text``."""
        x0, y0, x1, y1 = next(b for t, b in self.words if t == text)
        w, h = self.image.size
        return (x0 / w, y0 / h, x1 / w, y1 / h)


def draw_page(
    lines: list[str] = LINES,
    *,
    font: str = SANS,
    size: int = 28,
    margin: int = 40,
    width: int = 900,
    ink: int = 0,
    paper: int = 255,
) -> Drawn:
    """``lines`` drawn top-left aligned, one word at a time so that each word's box is known."""
    face = ImageFont.truetype(font, size)
    height = margin * 2 + int(len(lines) * size * 1.8)
    image = Image.new("L", (width, height), paper)
    draw = ImageDraw.Draw(image)
    space = draw.textlength(" ", font=face)
    words = []
    y = margin
    for line in lines:
        x = float(margin)
        for word in line.split():
            draw.text((x, y), word, font=face, fill=ink)
            box = draw.textbbox((x, y), word, font=face)
            words.append((word, (int(box[0]), int(box[1]), int(box[2]), int(box[3]))))
            x += draw.textlength(word, font=face) + space
        y += int(size * 1.8)
    return Drawn(image.convert("RGB"), words)


def add_noise(image: Image.Image, sigma: float, seed: int = 0) -> Image.Image:
    """``image`` with Gaussian noise of standard deviation ``sigma`` grey levels."""
    rng = np.random.default_rng(seed)
    arr = np.asarray(image).astype(np.float32)
    arr += rng.normal(0, sigma, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def centre_in(inner: tuple[float, ...], outer: tuple[float, ...], slack: float = 0.01) -> bool:
    """True when the centre of box ``inner`` lies inside box ``outer`` (grown by ``slack``)."""
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] - slack <= cx <= outer[2] + slack and outer[1] - slack <= cy <= outer[3] + slack


# An invoice table: description left, quantity, unit price and amount right-aligned (x in points).
TABLE_COLUMNS = (
    ("Description", 45, False),
    ("Qty", 330, True),
    ("Unit Price", 420, True),
    ("Amount", 550, True),
)


def table_pdf(
    rows: list[list[str]],
    *,
    columns: tuple[tuple[str, float, bool], ...] = TABLE_COLUMNS,
    size: float = 11,
    grid: bool = False,
) -> bytes:
    """An A4 invoice page with a letterhead and ``rows`` under the headers of ``columns`` (label, x,
    right-aligned) drawn with reportlab; ``grid`` draws a thin grey rule under each row and between
    the columns (cell borders)."""
    import io
    import itertools

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=True)
    top = A4[1]
    c.setFont("Helvetica-Bold", 14)
    c.drawString(45, top - 50, "Harbour Supplies Ltd")
    c.setFont("Helvetica", 10)
    c.drawString(45, top - 66, "7 Quay Street, Leith EH6 6LX")
    c.drawString(400, top - 66, "Invoice 5531")
    y = top - 170
    c.setFont("Helvetica-Bold", size)
    for label, x, right in columns:
        (c.drawRightString if right else c.drawString)(x, y, label)
    c.setFont("Helvetica", size)
    c.setStrokeGray(0.55)
    c.setLineWidth(0.5)
    for cells in rows:
        y -= size + 9
        for (_, x, right), cell in zip(columns, cells, strict=True):
            (c.drawRightString if right else c.drawString)(x, y, cell)
        if grid:
            c.line(40, y - 5, 555, y - 5)
            for (_, x, right), (_, nx, nright) in itertools.pairwise(columns):
                edge = (x if right else x - 5) + 5 if right else nx - (40 if nright else 5)
                c.line(edge, y - 5, edge, y + size + 4)
    c.showPage()
    c.save()
    return buf.getvalue()
