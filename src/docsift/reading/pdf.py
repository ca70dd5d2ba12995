"""PDF files: each page's text layer when it is usable, otherwise the page image OCR'd.

Pages are handled one at a time and their PDFium objects closed at once, so memory stays flat
however long the file is.
"""

from __future__ import annotations

import logging
import math

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from docsift.errors import CorruptFile, EncryptedFile, LimitExceeded
from docsift.options import ProcessingPref, RunOptions
from docsift.reading.einvoice_bridge import embedded_invoice
from docsift.reading.model import Document, Page
from docsift.reading.ocr_bridge import ocr_image
from docsift.reading.textlayer import Assessment, text_layer_page

log = logging.getLogger(__name__)

RENDER_DPI = {ProcessingPref.SPEED: 200.0, ProcessingPref.ACCURACY: 300.0}
FEW_CHARS = 200  # below this many characters a page covered by an image is treated as a scan
SCAN_COVERAGE = 0.5  # share of the page an image must cover to make the page a scan
OUTLINE_PATHS = 300  # a page with little text but this many drawn paths carries its text as outlines


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """Open ``data`` with PDFium. Returns the PdfDocument; raises EncryptedFile for a
    password-protected file and CorruptFile for anything PDFium cannot parse."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if e.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedFile("the PDF is password-protected") from e
        raise CorruptFile(f"the PDF cannot be parsed: {e}") from e


def read_pdf(data: bytes, file_name: str, options: RunOptions) -> Document:
    """Read every page of a PDF into a Document (text layer or OCR per page; the embedded
    e-invoice when options.use_embedded_xml). Raises ReadError subclasses: EncryptedFile,
    CorruptFile, LimitExceeded (too many pages)."""
    pdf = open_pdf(data)
    try:
        count = len(pdf)
        if count == 0:
            raise CorruptFile("the PDF has no pages")
        if count > options.limits.max_pages:
            raise LimitExceeded(
                f"the PDF has {count} pages, more than the limit of {options.limits.max_pages}",
                details={"pages": count, "limit": options.limits.max_pages},
            )
        doc = Document(file_name=file_name, mime_type="application/pdf", metadata=_metadata(pdf))
        if options.use_embedded_xml:
            doc.embedded, problem = embedded_invoice(pdf, data)
            if problem:
                doc.metadata["embedded_error"] = problem
        for index in range(count):
            doc.pages.append(_read_page(pdf, index, options))
        return doc
    finally:
        pdf.close()


def _metadata(pdf: pdfium.PdfDocument) -> dict[str, object]:
    meta: dict[str, object] = {"pdf_version": pdf.get_version()}
    try:
        info = {
            k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items() if k in ("Producer", "Creator")
        }
    except pdfium.PdfiumError:
        info = {}
    meta.update({k.lower(): v for k, v in info.items()})
    return meta


def _read_page(pdf: pdfium.PdfDocument, index: int, options: RunOptions) -> Page:
    """One page: its text layer when usable, else OCR of its image. A broken page yields a
    Page with an error, never an exception (except OcrUnavailable, which concerns every page)."""
    number = index + 1
    try:
        page = pdf[index]
    except pdfium.PdfiumError as e:
        return Page(number=number, width=0, height=0, errors=[f"page {number} cannot be loaded: {e}"])
    try:
        result, verdict = text_layer_page(page, number)
        reason = ocr_reason(page, verdict, options)
        if reason is None:
            return result
        log.debug("page %d: %s", number, reason)
        # the scan alone only when no visible text would be lost by skipping the rendering
        image, dpi = page_image(page, options, scan_only=verdict.chars == 0 or verdict.invisible)
        ocr = ocr_image(image, number, options, dpi)
        return ocr
    except pdfium.PdfiumError as e:
        return Page(number=number, width=0, height=0, errors=[f"page {number} cannot be read: {e}"])
    except LimitExceeded as e:
        return Page(number=number, width=0, height=0, errors=[f"page {number}: {e.message}"])
    finally:
        page.close()


def ocr_reason(page: pdfium.PdfPage, verdict: Assessment, options: RunOptions) -> str | None:
    """Why ``page`` should be OCR'd rather than read from its text layer (``verdict``), or None
    to keep the text layer: OCR asked for, no usable layer, or little text on a page that is
    mostly a scanned image or carries its text as drawn outlines."""
    if options.force_ocr:
        return "OCR requested"
    reason = verdict.reason_to_ocr()
    if reason is None and verdict.chars < FEW_CHARS:
        coverage, paths = _page_objects(page)
        if coverage >= SCAN_COVERAGE:
            reason = "scanned page with little text layer"
        elif paths >= OUTLINE_PATHS:
            reason = "text drawn as outlines"
    return reason


def _page_objects(page: pdfium.PdfPage) -> tuple[float, int]:
    """The largest share of the page covered by one image object (0..1), and how many path
    objects the page draws."""
    width, height = page.get_size()
    area = max(width * height, 1.0)
    best = 0.0
    paths = 0
    for obj in page.get_objects(
        filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH), max_depth=2
    ):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
            continue
        left, bottom, right, top = _bounds(obj)
        best = max(best, (right - left) * (top - bottom) / area)
    return min(best, 1.0), paths


def page_image(
    page: pdfium.PdfPage, options: RunOptions, scan_only: bool = True
) -> tuple[Image.Image, float]:
    """The page as an image for OCR, and its dpi: with ``scan_only``, the embedded scan itself
    when one upright image fills the page (keeps its native resolution); else a rendering at the
    preferred dpi, lowered to stay under options.limits.max_page_pixels. Raises LimitExceeded
    for a page too large to render at 20 dpi, PdfiumError when rendering fails."""
    embedded = _embedded_scan(page, options.limits.max_page_pixels) if scan_only else None
    if embedded is not None:
        return embedded
    width, height = page.get_size()
    dpi = RENDER_DPI.get(options.pref, 300.0)
    pixels = (width * dpi / 72) * (height * dpi / 72)
    if pixels > options.limits.max_page_pixels:
        dpi *= math.sqrt(options.limits.max_page_pixels / pixels)
    if dpi < 20:
        raise LimitExceeded(f"page of {width:.0f} x {height:.0f} points is too large to render")
    bitmap = page.render(scale=dpi / 72, grayscale=False)
    try:
        return bitmap.to_pil().convert("RGB"), dpi
    finally:
        bitmap.close()


def _embedded_scan(page: pdfium.PdfPage, max_pixels: int) -> tuple[Image.Image, float] | None:
    if page.get_rotation() != 0:
        return None
    width, height = page.get_size()
    images = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=1))
    if len(images) != 1:
        return None
    obj = images[0]
    left, bottom, right, top = _bounds(obj)
    if (right - left) * (top - bottom) < 0.9 * width * height:
        return None
    m = obj.get_matrix()
    if abs(m.b) > 1e-6 or abs(m.c) > 1e-6 or m.a <= 0 or m.d <= 0:
        return None
    px_w, px_h = obj.get_px_size()
    if px_w * px_h > max_pixels or px_w < 1 or px_h < 1:
        return None
    try:
        bitmap = obj.get_bitmap(render=False)
        image = bitmap.to_pil()
    except (pdfium.PdfiumError, ValueError, OSError):
        return None
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    return image, round(px_w / ((right - left) / 72), 2)


def _bounds(obj: pdfium.PdfObject) -> tuple[float, float, float, float]:
    """A page object's bounding box in user space (pypdfium2 5 ``get_bounds``, 4 ``get_pos``)."""
    getter = getattr(obj, "get_bounds", None) or obj.get_pos
    left, bottom, right, top = getter()
    return left, bottom, right, top
