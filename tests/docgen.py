"""Generators of test documents: text PDFs (reportlab), scans (Pillow) and hostile files.

Shared by every test package: ``from tests.docgen import invoice_pdf, scan_image, ...``.
Each generator is deterministic for a given ``seed`` and returns bytes (or a PIL image) plus,
where useful, the truth it printed, so tests can check what was read against what was written.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

VENDORS = ["Northwind Traders GmbH", "Blue Harbor Supplies Ltd", "Acme Components Inc", "Sonnenweg Druck AG"]
CUSTOMERS = ["Fabrikam Retail", "Contoso Office Park", "Litware Logistics", "Tailspin Foods"]
ITEMS = [
    "Copy paper A4 80g",
    "Toner cartridge black",
    "Desk lamp LED",
    "Shipping and handling",
    "Consulting hours",
    "USB-C cable 2m",
    "Office chair mesh",
    "Whiteboard markers",
    "Printer maintenance",
    "Laptop stand aluminium",
]
LOREM_TEXT = (
    "the quick brown fox jumps over the lazy dog while seven wizards quietly judge boxing matches "
    "and a bright vixen hops past jovial zebras that mix golden quartz with heavy wax"
)
LOREM = LOREM_TEXT.split(" ")


@dataclass
class InvoiceTruth:
    """What an invoice generator printed."""

    invoice_number: str
    invoice_date: str
    vendor_name: str
    customer_name: str
    currency: str
    subtotal: str
    total_tax: str
    invoice_total: str
    line_items: list[dict[str, str]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


@dataclass
class GeneratedPdf:
    """A generated PDF and the invoice truth of each of its documents (first page of each)."""

    data: bytes
    truth: InvoiceTruth


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def _make_truth(rng: random.Random, n_items: int) -> InvoiceTruth:
    lines = []
    subtotal = Decimal(0)
    for _ in range(n_items):
        qty = rng.randint(1, 9)
        price = Decimal(rng.randint(100, 99999)) / 100
        amount = price * qty
        subtotal += amount
        lines.append(
            {
                "description": rng.choice(ITEMS),
                "quantity": str(qty),
                "unit_price": _money(price),
                "amount": _money(amount),
            }
        )
    tax = (subtotal * Decimal("0.19")).quantize(Decimal("0.01"))
    return InvoiceTruth(
        invoice_number=f"INV-{rng.randint(1000, 99999)}",
        invoice_date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        vendor_name=rng.choice(VENDORS),
        customer_name=rng.choice(CUSTOMERS),
        currency="EUR",
        subtotal=_money(subtotal),
        total_tax=_money(tax),
        invoice_total=_money(subtotal + tax),
        line_items=lines,
    )


def _draw_invoice_page(c: Canvas, t: InvoiceTruth, width: float, height: float, font: str) -> list[str]:
    """Draw one invoice page; returns the strings drawn, in reading order."""
    drawn: list[str] = []

    def text(x: float, y: float, s: str, size: float = 10, right: bool = False) -> None:
        c.setFont(font, size)
        if right:
            c.drawRightString(x, y, s)
        else:
            c.drawString(x, y, s)
        drawn.append(s)

    top = height - 60
    text(50, top, t.vendor_name, 16)
    text(50, top - 18, "12 Harbour Street, 20457 Hamburg")
    text(width - 50, top, "INVOICE", 20, right=True)
    text(width - 200, top - 40, f"Invoice No: {t.invoice_number}")
    text(width - 200, top - 54, f"Date: {t.invoice_date}")
    text(50, top - 90, "Bill To:")
    text(50, top - 104, t.customer_name)
    y = top - 150
    for x, s in ((50, "Description"), (330, "Qty"), (400, "Unit Price"), (width - 50, "Amount")):
        text(x, y, s, 10, right=(x == width - 50))
    c.line(50, y - 4, width - 50, y - 4)
    y -= 20
    for item in t.line_items:
        text(50, y, item["description"])
        text(330, y, item["quantity"])
        text(400, y, item["unit_price"])
        text(width - 50, y, item["amount"], right=True)
        y -= 16
    y -= 10
    for label, value in (("Subtotal", t.subtotal), ("VAT 19%", t.total_tax), ("Total EUR", t.invoice_total)):
        text(350, y, label)
        text(width - 50, y, value, right=True)
        y -= 16
    return drawn


def invoice_pdf(
    *,
    pages: int = 1,
    items: int = 8,
    seed: int = 0,
    rotate: int = 0,
    font: str = "Helvetica",
    encrypt_password: str | None = None,
) -> GeneratedPdf:
    """A text-layer invoice PDF of ``pages`` pages (each page an invoice page of the same invoice).

    ``rotate`` sets the pages' /Rotate (0, 90, 180, 270: the page shows sideways); ``encrypt_password``
    protects the file (it then opens only with that password).
    Returns the bytes and the printed truth (``truth.words`` holds every word drawn).
    """
    rng = random.Random(seed)
    truth = _make_truth(rng, items)
    buf = io.BytesIO()
    enc = StandardEncryption(encrypt_password, canPrint=0) if encrypt_password else None
    c = Canvas(buf, pagesize=A4, encrypt=enc)
    width, height = A4
    for _ in range(pages):
        drawn = _draw_invoice_page(c, truth, width, height, font)
        c.showPage()
    truth.words = [w for s in drawn for w in s.split()]
    c.save()
    data = buf.getvalue()
    return GeneratedPdf(set_rotation(data, rotate) if rotate else data, truth)


def set_rotation(data: bytes, degrees: int) -> bytes:
    """The PDF with every page's /Rotate set to ``degrees`` (its text then reads sideways)."""
    pdf = pdfium.PdfDocument(data)
    try:
        for page in pdf:
            page.set_rotation(degrees)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
    finally:
        pdf.close()


def paragraph_lines(rng: random.Random, n_lines: int, words_per_line: int = 7) -> list[str]:
    """``n_lines`` lines of filler prose."""
    return [" ".join(rng.choice(LOREM) for _ in range(words_per_line)) for _ in range(n_lines)]


def two_column_pdf(
    *, lines_per_column: int = 20, seed: int = 1, title: str = "Quarterly Report"
) -> tuple[bytes, list[str], list[str]]:
    """A page with a full-width title and two columns of prose on the same baselines.

    Returns (pdf bytes, left column lines, right column lines)."""
    rng = random.Random(seed)
    left = [f"L{i:02d} " + s for i, s in enumerate(paragraph_lines(rng, lines_per_column, 5))]
    right = [f"R{i:02d} " + s for i, s in enumerate(paragraph_lines(rng, lines_per_column, 5))]
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    width, height = A4
    c.setFont("Helvetica-Bold", 16)
    c.drawString(50, height - 60, title)
    c.setFont("Times-Roman", 10)
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        y = height - 100 - i * 13
        c.drawString(50, y, a)
        c.drawString(width / 2 + 15, y, b)
    c.showPage()
    c.save()
    return buf.getvalue(), left, right


DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def unicode_font() -> str:
    """The name of a registered TrueType font covering Latin, Greek, Cyrillic and ligatures
    (DejaVu Sans from fonts-dejavu-core, which make setup installs)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", DEJAVU))
    return "DejaVuSans"


def text_pdf(pages: list[list[str]], *, font_size: float = 11, font: str = "Helvetica") -> bytes:
    """A PDF whose page i holds the lines ``pages[i]``, one per 16 points from the top, in
    ``font`` (a standard PDF font, or :func:`unicode_font` for text beyond Latin-1)."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    _, height = A4
    for lines in pages:
        c.setFont(font, font_size)
        for i, line in enumerate(lines):
            c.drawString(60, height - 70 - i * 16, line)
        c.showPage()
    c.save()
    return buf.getvalue()


def render_pdf_page(data: bytes, page: int = 0, dpi: float = 200) -> Image.Image:
    """Render one page of a PDF to an RGB image at ``dpi``."""
    pdf = pdfium.PdfDocument(data)
    try:
        return pdf[page].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        pdf.close()


def degrade(
    image: Image.Image,
    *,
    rotate: float = 0.0,
    noise: float = 0.0,
    blur: float = 0.0,
    contrast: float = 1.0,
    seed: int = 0,
) -> Image.Image:
    """A scanned look (greyscale): rotated by ``rotate`` degrees counter-clockwise (a small skew,
    or 90/180/270 for a page fed sideways), blurred by a Gaussian of radius ``blur``, contrast
    scaled towards grey by ``contrast`` (0.4: a faint print), and Gaussian noise of sigma
    ``noise`` grey levels drawn from ``seed``."""
    img = image.convert("L")
    if rotate:
        img = img.rotate(rotate, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if contrast != 1.0:
        img = img.point(lambda v: int(128 + (v - 128) * contrast))
    if noise:
        pixels = np.asarray(img, dtype=np.float32)
        pixels = pixels + np.random.default_rng(seed).normal(0.0, noise, pixels.shape)
        img = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    return img


def scan_image(
    pdf: bytes | None = None,
    *,
    dpi: float = 200,
    rotate: float = 0.0,
    noise: float = 0.0,
    blur: float = 0.0,
    contrast: float = 1.0,
    seed: int = 0,
) -> Image.Image:
    """A scan of the first page of ``pdf`` (default: a generated invoice) at ``dpi``, degraded
    as :func:`degrade` describes."""
    pdf = pdf if pdf is not None else invoice_pdf(seed=seed).data
    return degrade(
        render_pdf_page(pdf, 0, dpi), rotate=rotate, noise=noise, blur=blur, contrast=contrast, seed=seed
    )


def image_bytes(image: Image.Image, fmt: str = "PNG", **save_args: object) -> bytes:
    """``image`` encoded as ``fmt`` (PNG, JPEG, TIFF, BMP, WEBP, GIF)."""
    buf = io.BytesIO()
    img = (
        image.convert("RGB") if fmt.upper() in ("JPEG", "WEBP") and image.mode not in ("L", "RGB") else image
    )
    img.save(buf, fmt, **save_args)
    return buf.getvalue()


def image_pdf(images: list[Image.Image], dpi: float = 200) -> bytes:
    """A scanned PDF: one page per image, no text layer."""
    buf = io.BytesIO()
    first, *rest = [im.convert("RGB") if im.mode not in ("L", "RGB") else im for im in images]
    first.save(buf, "PDF", resolution=dpi, save_all=True, append_images=rest)
    return buf.getvalue()


def image_with_text_layer_pdf(image: Image.Image, lines: list[str], *, dpi: float = 200) -> bytes:
    """A scan with an invisible text layer (render mode 3, as OCR tools write), placed one line
    per 16 points from the top. Pass garbage ``lines`` to make a poor OCR layer."""
    w_pt, h_pt = image.width * 72 / dpi, image.height * 72 / dpi
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(w_pt, h_pt))
    png = io.BytesIO()
    image.save(png, "PNG")
    png.seek(0)
    from reportlab.lib.utils import ImageReader

    c.drawImage(ImageReader(png), 0, 0, w_pt, h_pt)
    t = c.beginText()
    t.setTextRenderMode(3)
    t.setFont("Helvetica", 10)
    for i, line in enumerate(lines):
        t.setTextOrigin(50, h_pt - 60 - i * 16)
        t.textOut(line)
    c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


# --- hostile inputs ------------------------------------------------------------------------------


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_bomb(width: int = 30000, height: int = 30000) -> bytes:
    """A valid 1-bit greyscale PNG of ``width`` x ``height`` white pixels: a few hundred kB on
    disk, gigabytes once decoded as RGB."""
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    comp = zlib.compressobj(9)
    parts = []
    block = row * 256
    for _ in range(height // 256):
        parts.append(comp.compress(block))
    parts.append(comp.compress(row * (height % 256)))
    parts.append(comp.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", b"".join(parts))
        + _png_chunk(b"IEND", b"")
    )


def many_page_tiff(pages: int = 1000, size: tuple[int, int] = (16, 16)) -> bytes:
    """A multi-page TIFF with ``pages`` tiny pages."""
    frames = [Image.new("L", size, 255) for _ in range(pages)]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
    return buf.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A ZIP archive with the given member names (any name, including ``../evil``) and contents."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


def _raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF file from numbered object bodies (object i+1 is ``objects[i]``), with a valid xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def unmapped_glyphs_pdf(lines: int = 20) -> bytes:
    """A page whose text is drawn through a composite font (Identity-H, 2-byte glyph ids) with
    no ToUnicode map, as subsetting tools often leave it: the glyphs show but carry no unicode."""
    row = b"<0036004B0044004F004F0003005A0048000300470055004C0051004E>"
    text = b"".join(b"BT /F1 11 Tf 60 %d Td %s Tj ET\n" % (780 - 16 * i, row) for i in range(lines))
    return _raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 6 0 R >>",
            b"<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H "
            b"/DescendantFonts [5 0 R] >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 600 >>",
            b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        ]
    )


def merge_pdfs(parts: list[bytes]) -> bytes:
    """One PDF holding the pages of every part, in order (e.g. a text page then a scanned one)."""
    out = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(p) for p in parts]
    try:
        for src in sources:
            out.import_pages(src)
        buf = io.BytesIO()
        out.save(buf)
        return buf.getvalue()
    finally:
        for src in sources:
            src.close()
        out.close()
