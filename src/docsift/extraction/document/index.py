"""A document prepared for extraction: its pages of lines (document/lines.py), the labels found on
them, and the document's conventions (decimal mark, date order).

Built once per document; every later stage (fields, parties, tables) reads the same lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from docsift.extraction.document.lines import ILine, add_chunks, build_line, visual_rows
from docsift.extraction.knowledge.lexicon import Lexicon
from docsift.extraction.normalize.dates import infer_date_order
from docsift.extraction.normalize.hints import Hints
from docsift.reading.model import Document

_DEC = re.compile(r"\d([.,])\d{2}(?![\d])")
_DATEISH = re.compile(r"\d{1,4}\s?[./-]\s?\d{1,2}\s?[./-]\s?\d{2,4}|\d{1,2}\.?\s?[^\W\d_]{3,9}\.?\s?\d{2,4}")


@dataclass
class PageInfo:
    number: int  # 0-based
    lines: list[ILine]
    median_height: float
    median_font: float
    aspect: float = 1.414  # page height / page width


@dataclass
class DocIndex:
    """All lines of a document, per page, with the document's conventions."""

    pages: list[PageInfo]
    hints: Hints
    date_order: str | None
    decimal_separator: str | None
    lines: list[ILine] = field(default_factory=list)
    above: dict[int, list[ILine]] = field(default_factory=dict)  # line number -> labelled lines above
    memo: dict[str, Any] = field(default_factory=dict)  # per-document caches of other modules

    @property
    def n_pages(self) -> int:
        return len(self.pages)


def _decimal_separator(lines: list[ILine]) -> str | None:
    votes: Counter[str] = Counter()
    for line in lines:
        text = _DATEISH.sub(" ", line.text)
        for m in _DEC.finditer(text):
            votes[m.group(1)] += 1
    if not votes:
        return None
    (best, n), *rest = votes.most_common()
    return best if not rest or n > 1.5 * rest[0][1] else None


def build_index(doc: Document, hints: Hints | None = None) -> DocIndex:
    """The DocIndex of ``doc``: lines with tokens and labels, the decimal mark and date order.

    ``hints`` (country, currency, language) help decide the date order when the dates alone
    do not tell. Never raises.
    """
    pages: list[PageInfo] = []
    all_lines: list[ILine] = []
    for p_i, page in enumerate(doc.pages):
        height_pt = page.height * 72.0 / (page.dpi or 72.0)
        aspect = page.height / max(page.width, 1)
        rows, tilt = visual_rows(page)
        lines: list[ILine] = []
        for words in rows:
            il = build_line(p_i, len(all_lines), len(lines), words, height_pt, aspect, tilt)
            lines.append(il)
            all_lines.append(il)
        add_chunks(lines)
        heights = [li.height for li in lines] or [0.01]
        fonts = [li.font for li in lines] or [10.0]
        pages.append(PageInfo(p_i, lines, median(heights), median(fonts), page.height / max(page.width, 1)))
    sep = _decimal_separator(all_lines)
    hints = hints or Hints()
    hints = Hints(
        decimal_separator=sep or hints.decimal_separator,
        date_order=hints.date_order,
        currency=hints.currency,
        country=hints.country,
        language=hints.language,
    )
    order = infer_date_order((li.text for li in all_lines), hints)
    hints = Hints(sep, order, hints.currency, hints.country, hints.language)
    return DocIndex(pages=pages, hints=hints, date_order=order, decimal_separator=sep, lines=all_lines)


def attach_labels(index: DocIndex, lexicon: Lexicon) -> None:
    """Find the labels of ``lexicon`` on every line of ``index`` (replacing labels found before,
    and the caches that depend on them)."""
    for line in index.lines:
        line.labels = lexicon.find(line.toks)
    index.above.clear()
    index.memo.clear()
