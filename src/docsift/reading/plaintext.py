"""Plain-text documents (an invoice saved as text, a printer's text output): laid out as a
monospaced page, one character per column and one row per line, so that columns and labels keep
their places. Form feeds start a new page. The words come from the file itself: source
``text_layer``, confidence 1.
"""

from __future__ import annotations

from docsift.errors import CorruptFile, LimitExceeded
from docsift.options import RunOptions
from docsift.reading.layout import lines_from_words
from docsift.reading.model import Document, Page, TextSource, Word
from docsift.reading.sniff import MIME_TYPES, Kind, decode_text

CHAR_WIDTH = 6.0  # points per character (10-point monospace)
LINE_HEIGHT = 12.0  # points per row
FONT_SIZE = 10.0
MIN_COLUMNS, MIN_ROWS = 80, 66  # a page is at least a classic 80 x 66 printer page
TAB = 8


def _page(number: int, rows: list[str]) -> Page:
    columns = max(MIN_COLUMNS, *(len(r) for r in rows)) if rows else MIN_COLUMNS
    height_rows = max(MIN_ROWS, len(rows))
    width, height = columns * CHAR_WIDTH, height_rows * LINE_HEIGHT
    words = []
    for r, row in enumerate(rows):
        col = 0
        for token in row.split(" "):
            if token:
                x0, y0 = col * CHAR_WIDTH, r * LINE_HEIGHT + 1.0
                box = (
                    x0 / width,
                    y0 / height,
                    (x0 + len(token) * CHAR_WIDTH) / width,
                    (y0 + FONT_SIZE) / height,
                )
                words.append(Word(text=token, bbox=box, confidence=1.0, font_size=FONT_SIZE))
            col += len(token) + 1
    return Page(
        number=number,
        width=round(width),
        height=round(height),
        dpi=72.0,
        source=TextSource.TEXT_LAYER,
        lines=lines_from_words(words, round(width), round(height)),
    )


def read_text(data: bytes, file_name: str, options: RunOptions) -> Document:
    """A Document of the pages of plain text ``data`` (UTF-8, UTF-16 with its mark, or a Latin
    code page). Raises CorruptFile when the bytes are not text and LimitExceeded for more pages
    than the limit."""
    text = decode_text(data)
    if text is None:
        raise CorruptFile("the file is not readable text")
    pages = [p for p in text.replace("\r\n", "\n").replace("\r", "\n").split("\f")]
    while len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    if len(pages) > options.limits.max_pages:
        raise LimitExceeded(
            f"the text has {len(pages)} pages, more than the limit of {options.limits.max_pages}",
            details={"pages": len(pages), "limit": options.limits.max_pages},
        )
    doc = Document(file_name=file_name, mime_type=MIME_TYPES[Kind.TEXT])
    for i, body in enumerate(pages):
        rows = [line.expandtabs(TAB).rstrip() for line in body.split("\n")]
        doc.pages.append(_page(i + 1, rows))
    return doc
