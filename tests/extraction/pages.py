"""Documents written directly as words with boxes (no PDF), for unit tests of extraction steps.

``page_of(rows)`` lays out rows of text like a monospaced page: each row is a list of
(column, text) cells; a cell's words sit at ``column`` characters from the left.
"""

from __future__ import annotations

from docsift.extraction.document.analysis import Analysis
from docsift.extraction.fields.candidates import Candidate
from docsift.extraction.fields.rank import candidates
from docsift.extraction.knowledge.registry import roles
from docsift.reading.model import Document, Line, Page, TextSource, Word

COLS = 100  # characters across the page
ROWS = 70  # rows down the page


def page_of(rows: list[list[tuple[int, str]]], number: int = 1, font: float = 10.0) -> Page:
    """A text-layer page whose row i holds the cells of ``rows[i]``."""
    lines = []
    for r, cells in enumerate(rows):
        words = []
        for col, text in cells:
            x = col
            for token in text.split():
                x0, x1 = x / COLS, (x + len(token)) / COLS
                y0, y1 = (r + 1) / ROWS, (r + 1.8) / ROWS
                words.append(Word(text=token, bbox=(x0, y0, x1, y1), font_size=font))
                x += len(token) + 1
        if words:
            lines.append(Line(words=words))
    return Page(number=number, width=595, height=842, dpi=72.0, source=TextSource.TEXT_LAYER, lines=lines)


def doc_of(*pages: list[list[tuple[int, str]]]) -> Document:
    """A Document of the given pages (see page_of)."""
    return Document(file_name="t.pdf", pages=[page_of(rows, i + 1) for i, rows in enumerate(pages)])


def role_candidates(analysis: Analysis, names: list[str]) -> dict[str, list[Candidate]]:
    """The candidates of the roles ``names`` in an analysed document, with features (unscored)."""
    return candidates(analysis, [roles()[n] for n in names])
