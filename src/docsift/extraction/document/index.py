"""A document prepared for extraction: lines with label tokens, segments, labels found, conventions.

Built once per document; candidates and features read from it. Lines are the reader's lines;
a *segment* is a run of words on a line without a wide gap (a phrase, a table cell, a
"label: value" pair). Positions are page-relative (0..1).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from docsift.extraction.knowledge.lexicon import LabelHit, Lexicon, tokens
from docsift.extraction.normalize.dates import infer_date_order
from docsift.extraction.normalize.hints import Hints
from docsift.reading.model import BBox, Document, Word, union_bbox

SEGMENT_GAP = 1.2  # a gap wider than this many word heights separates segments
_DEC = re.compile(r"\d([.,])\d{2}(?![\d])")
_DATEISH = re.compile(r"\d{1,4}\s?[./-]\s?\d{1,2}\s?[./-]\s?\d{2,4}|\d{1,2}\.?\s?[^\W\d_]{3,9}\.?\s?\d{2,4}")


@dataclass(slots=True, eq=False)
class ILine:
    """One line of a page with what extraction needs to know about it."""

    page: int  # 0-based
    number: int  # index of the line in the whole document
    pos: int  # index of the line on its page
    words: list[Word]
    text: str
    starts: list[int]  # character offset of each word in text
    toks: list[str]
    tok_word: list[int]  # word index of each token
    labels: list[LabelHit]
    segments: list[tuple[int, int]]  # word ranges [start, end)
    bbox: BBox
    height: float  # median word height (page-relative)
    font: float  # median font size, points (or pixel height for OCR)

    def word_span(self, start: int, end: int) -> tuple[int, int]:
        """Word range [w0, w1) covering characters [start, end) of ``text``."""
        w0 = max(i for i, s in enumerate(self.starts) if s <= start) if self.starts else 0
        w1 = w0 + 1
        while w1 < len(self.starts) and self.starts[w1] < end:
            w1 += 1
        return w0, w1

    def label_words(self, hit: LabelHit) -> tuple[int, int]:
        """Word range [w0, w1) of a label hit."""
        return self.tok_word[hit.start], self.tok_word[hit.end - 1] + 1

    def segment_of(self, word: int) -> int:
        """Index of the segment holding word ``word``."""
        for i, (a, b) in enumerate(self.segments):
            if a <= word < b:
                return i
        return len(self.segments) - 1

    def span_bbox(self, w0: int, w1: int) -> BBox:
        """The box around words [w0, w1)."""
        return union_bbox(w.bbox for w in self.words[w0:w1])


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


def _segments(words: list[Word], height: float) -> list[tuple[int, int]]:
    """Word ranges split at gaps wider than SEGMENT_GAP x ``height`` (both in page widths)."""
    segs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(words)):
        if words[i].x0 - words[i - 1].x1 > SEGMENT_GAP * height:
            segs.append((start, i))
            start = i
    if words:
        segs.append((start, len(words)))
    return segs


def _font_of(w: Word, page_height_pt: float) -> float:
    if w.font_size:
        return w.font_size
    return (w.y1 - w.y0) * page_height_pt


def build_line(
    page: int, number: int, pos: int, words: list[Word], page_height_pt: float, aspect: float = 1.0
) -> ILine:
    """An ILine from the words of one line (left to right), without labels yet (see attach_labels);
    ``aspect`` is the page's height / width."""
    starts: list[int] = []
    parts: list[str] = []
    toks: list[str] = []
    tok_word: list[int] = []
    offset = 0
    for i, w in enumerate(words):
        starts.append(offset)
        parts.append(w.text)
        offset += len(w.text) + 1
        for t in tokens(w.text):
            toks.append(t)
            tok_word.append(i)
    height = median([w.y1 - w.y0 for w in words]) if words else 0.0
    font = median([_font_of(w, page_height_pt) for w in words]) if words else 0.0
    return ILine(
        page=page,
        number=number,
        pos=pos,
        words=words,
        text=" ".join(parts),
        starts=starts,
        toks=toks,
        tok_word=tok_word,
        labels=[],
        segments=_segments(words, height * aspect),
        bbox=union_bbox(w.bbox for w in words),
        height=height,
        font=font,
    )


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
        lines: list[ILine] = []
        for line in page.lines:
            words = [w for w in line.words if w.text.strip()]
            if words:
                aspect = page.height / max(page.width, 1)
                il = build_line(p_i, len(all_lines), len(lines), words, height_pt, aspect)
                lines.append(il)
                all_lines.append(il)
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
