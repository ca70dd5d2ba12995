"""read_document: any supported file -> Document. The type comes from the content, never the name."""

from __future__ import annotations

from docsift.errors import CorruptFile, LimitExceeded, UnsupportedFormat
from docsift.options import RunOptions
from docsift.reading.einvoice_bridge import invoice_from_xml
from docsift.reading.images import read_image
from docsift.reading.model import Document
from docsift.reading.pdf import read_pdf
from docsift.reading.plaintext import read_text
from docsift.reading.sniff import IMAGE_KINDS, MIME_TYPES, Kind, sniff


def read_document(data: bytes, file_name: str, options: RunOptions | None = None) -> Document:
    """Read ``data`` (the bytes of a file called ``file_name``) into a Document.

    PDFs give a page per PDF page (text layer, or OCR when the layer is unusable), images a page
    per image page (OCR), CII/UBL XML a Document without pages whose ``embedded`` holds the
    e-invoice, plain text a monospaced page per form-fed page. Raises a ReadError subclass:
    CorruptFile (empty or broken), EncryptedFile, LimitExceeded (bytes, pages, pixels),
    UnsupportedFormat, OcrUnavailable.
    """
    options = options or RunOptions()
    if not data:
        raise CorruptFile("the file is empty")
    limit = options.limits.max_file_bytes
    if len(data) > limit:
        raise LimitExceeded(
            f"the file has {len(data)} bytes, more than the limit of {limit}",
            details={"bytes": len(data), "limit": limit},
        )
    kind = sniff(data)
    if kind == Kind.PDF:
        doc = read_pdf(data, file_name, options)
    elif kind in IMAGE_KINDS:
        doc = read_image(data, kind, file_name, options)
    elif kind == Kind.XML:
        doc = Document(file_name=file_name, mime_type=MIME_TYPES[kind], embedded=invoice_from_xml(data))
    elif kind == Kind.TEXT:
        doc = read_text(data, file_name, options)
    elif kind == Kind.ZIP:
        raise UnsupportedFormat("a ZIP archive holds several documents: expand it and read each file")
    else:
        raise UnsupportedFormat(
            "unsupported file type: the content is not a PDF, an image (JPEG, PNG, TIFF, BMP, WebP, GIF, "
            "HEIC), e-invoice XML or plain text"
        )
    doc.metadata.setdefault("kind", kind.value)
    return doc
