"""Reading: any supported file becomes a Document of Pages of Lines of Words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docsift.reading.model import BBox, Document, Line, Page, TextSource, Word, union_bbox

if TYPE_CHECKING:
    from docsift.options import RunOptions

__all__ = ["BBox", "Document", "Line", "Page", "TextSource", "Word", "read_document", "union_bbox"]


def read_document(data: bytes, file_name: str, options: RunOptions | None = None) -> Document:
    """Read ``data`` (the bytes of a file called ``file_name``) into a Document.

    Raises docsift.errors.ReadError (or a subclass) for files that cannot be read.
    """
    from docsift.reading.reader import read_document as _read

    return _read(data, file_name, options)
