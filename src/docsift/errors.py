"""docsift's exception hierarchy.

Library exceptions are wrapped (``raise ReadError(...) from e``) so that callers deal with
these types only. Each carries a short machine ``code`` used in API error bodies.
"""

from __future__ import annotations


class DocsiftError(Exception):
    """Base of every error docsift raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, details: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class ReadError(DocsiftError):
    """A file could not be read into a Document."""

    code = "read_error"


class UnsupportedFormat(ReadError):
    """The file is not of a kind docsift reads."""

    code = "unsupported_format"


class CorruptFile(ReadError):
    """The file claims a format but its content is broken or empty."""

    code = "corrupt_file"


class EncryptedFile(ReadError):
    """The file is password-protected."""

    code = "encrypted_file"


class LimitExceeded(ReadError):
    """The file is larger than a configured limit (bytes, pages, pixels)."""

    code = "limit_exceeded"


class OcrUnavailable(ReadError):
    """An OCR engine was asked for but is not installed or cannot run."""

    code = "ocr_unavailable"


class ExtractionError(DocsiftError):
    """Extraction failed for a document."""

    code = "extraction_error"


class ConfigError(DocsiftError):
    """Settings are invalid or unsafe."""

    code = "config_error"
