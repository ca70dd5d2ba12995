"""E-invoices: structured invoice data from ZUGFeRD / Factur-X / XRechnung (CII) and UBL XML,
standalone or embedded in a PDF. The reader puts the result in ``Document.embedded``."""

from docsift.reading.einvoice.attachments import find_embedded_invoice
from docsift.reading.einvoice.parse import parse_invoice_xml, syntax_of

__all__ = ["find_embedded_invoice", "parse_invoice_xml", "syntax_of"]
