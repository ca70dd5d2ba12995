"""The one place the reader calls the e-invoice module (``docsift.reading.einvoice``), imported
lazily so that reading works without it."""

from __future__ import annotations

import logging
from typing import Any

import pypdfium2 as pdfium

from docsift.errors import CorruptFile, DocsiftError, UnsupportedFormat

log = logging.getLogger(__name__)


def embedded_invoice(pdf: pdfium.PdfDocument, data: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """The structured e-invoice embedded in ``pdf`` (ZUGFeRD / Factur-X / XRechnung) and, when
    an attachment that claims to be one cannot be parsed, why (the visual path then reads the
    PDF as usual). (None, None) without an e-invoice or without the e-invoice module. Never raises."""
    try:
        from docsift.reading.einvoice import find_embedded_invoice
    except ImportError:
        return None, None
    try:
        return find_embedded_invoice(pdf, data), None
    except DocsiftError as e:
        return None, e.message
    except Exception as e:  # a broken attachment must not cost the visual reading
        log.warning("embedded e-invoice could not be read: %r", e)
        return None, f"embedded e-invoice could not be read: {e!r}"


def invoice_from_xml(data: bytes) -> dict[str, Any]:
    """The structured e-invoice in a standalone CII / UBL XML file.

    Raises UnsupportedFormat when the module is absent or the XML is no e-invoice, and
    CorruptFile when the XML cannot be parsed."""
    try:
        from docsift.reading.einvoice import parse_invoice_xml
    except ImportError as e:
        raise UnsupportedFormat("XML files need the e-invoice reader, which is not installed") from e
    try:
        return parse_invoice_xml(data)
    except DocsiftError:
        raise
    except Exception as e:
        raise CorruptFile(f"the XML file cannot be read as an e-invoice: {e}") from e
