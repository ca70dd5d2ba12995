"""Find the e-invoice XML a PDF carries (ZUGFeRD, Factur-X, XRechnung in a PDF/A-3 attachment)."""

from __future__ import annotations

import logging
import re
import zlib
from typing import Any

import pypdfium2 as pdfium

from docsift.errors import DocsiftError
from docsift.reading.einvoice.parse import _root, parse_invoice_xml, syntax_of

log = logging.getLogger(__name__)

# Names the standards prescribe, tried first (compared case-insensitively).
KNOWN_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "zugferd_invoice.xml", "order-x.xml")
MAX_XML_BYTES = 20 * 1024 * 1024


def _attachments(pdf: pdfium.PdfDocument) -> list[tuple[str, bytes]]:
    """(name, bytes) of every readable attachment; unreadable ones are skipped."""
    found = []
    try:
        count = pdf.count_attachments()
    except Exception as e:  # pdfium raises plain exceptions on broken name trees
        log.debug("cannot count attachments: %r", e)
        return []
    for i in range(count):
        try:
            attachment = pdf.get_attachment(i)
            name = attachment.get_name() or ""
            data = bytes(attachment.get_data())
        except Exception as e:
            log.debug("cannot read attachment %d: %r", i, e)
            continue
        found.append((name, data))
    return found


_EMBEDDED_FILE_RE = re.compile(rb"/Type\s*/EmbeddedFile\b")
_STREAM_RE = re.compile(rb"stream\r?\n")
_MAX_RAW_STREAMS = 20


def _raw_embedded_files(data: bytes) -> list[tuple[str, bytes]]:
    """Embedded-file streams found by scanning the PDF bytes: for files that carry the XML without
    listing it in the document's attachment tree (e.g. only on a file-attachment annotation).
    Flate-compressed or plain streams only; each inflated to at most MAX_XML_BYTES."""
    found: list[tuple[str, bytes]] = []
    for match in list(_EMBEDDED_FILE_RE.finditer(data))[:_MAX_RAW_STREAMS]:
        dict_start = data.rfind(b"obj", 0, match.start())
        stream = _STREAM_RE.search(data, match.end(), match.end() + 4096)
        if dict_start < 0 or stream is None:
            continue
        end = data.find(b"endstream", stream.end())
        if end < 0:
            continue
        header, body = data[dict_start : stream.start()], data[stream.end() : end].rstrip(b"\r\n")
        if b"/FlateDecode" in header:
            try:
                inflater = zlib.decompressobj()
                body = inflater.decompress(body, MAX_XML_BYTES)
            except zlib.error:
                continue
        elif b"/Filter" in header:
            continue
        found.append((f"embedded-stream-{len(found) + 1}.xml", body))
    return found


def _looks_like_xml(name: str, data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return name.lower().endswith(".xml") or head.startswith(b"<")


def find_embedded_invoice(pdf: pdfium.PdfDocument, data: bytes | None = None) -> dict[str, Any] | None:
    """The parsed e-invoice (see parse_invoice_xml, plus "attachment": its file name) embedded in
    ``pdf``, or None when it carries none.

    Attachments with the standard names (factur-x.xml, zugferd-invoice.xml, xrechnung.xml, ...)
    are tried first, then any XML attachment whose root is a CII or UBL invoice; when the attachment
    tree holds none and ``data`` (the PDF bytes) is given, embedded-file streams found in the bytes
    are tried as well. A broken candidate is skipped; if no candidate parses, the first error is
    raised (CorruptFile / UnsupportedFormat) only when an attachment had a standard name (the file
    claims to be an e-invoice), else None is returned.
    """
    attachments = _attachments(pdf)
    if not attachments and data:
        attachments = _raw_embedded_files(data)
    candidates = [(n, d) for n, d in attachments if len(d) <= MAX_XML_BYTES and _looks_like_xml(n, d)]
    candidates.sort(key=lambda nd: nd[0].lower() not in KNOWN_NAMES)
    claimed_error: DocsiftError | None = None
    for name, xml in candidates:
        known = name.lower() in KNOWN_NAMES
        if not known:
            try:
                if syntax_of(_root(xml)) is None:
                    continue
            except DocsiftError:
                continue
        try:
            parsed = parse_invoice_xml(xml)
        except DocsiftError as e:
            claimed_error = claimed_error or e
            continue
        parsed["attachment"] = name
        return parsed
    if claimed_error is not None:
        raise claimed_error
    return None
