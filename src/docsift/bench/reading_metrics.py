"""Scoring OCR against SROIE's line truth (``box/<id>.csv``): words read and character error rate.

- Words: case-insensitive bag of whitespace-separated tokens; recall = matched / truth tokens,
  precision = matched / read tokens (a multiset intersection, so a word read twice counts once).
- CER: both the truth segments and the words read are put in the same geometric reading order
  (rows by :func:`docsift.reading.layout.lines_from_words`), case-folded, spaces collapsed; then
  edit distance / truth characters.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from docsift.reading.layout import lines_from_words
from docsift.reading.model import Page, Word


@dataclass
class Tally:
    """Running totals over pages: matched / truth / read tokens, edit distance / truth characters."""

    matched: int = 0
    truth: int = 0
    read: int = 0
    edits: int = 0
    chars: int = 0

    def add(self, other: Tally) -> None:
        self.matched += other.matched
        self.truth += other.truth
        self.read += other.read
        self.edits += other.edits
        self.chars += other.chars

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.read if self.read else 0.0

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * r * p / (r + p) if r + p else 0.0

    @property
    def cer(self) -> float:
        return self.edits / self.chars if self.chars else 0.0


def truth_words(csv_path: Path, width: int, height: int) -> list[Word]:
    """SROIE truth segments of an image ``width`` x ``height`` as page-relative Words (one per segment).

    Returns [] for an empty file. Raises OSError when the file cannot be read.
    """
    words = []
    for raw in csv_path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = raw.split(",", 8)
        if len(parts) < 9 or not parts[8].strip():
            continue
        xs = [float(v) for v in parts[0:8:2]]
        ys = [float(v) for v in parts[1:8:2]]
        box = (min(xs) / width, min(ys) / height, max(xs) / width, max(ys) / height)
        words.append(Word(text=parts[8].strip(), bbox=box))
    return words


def score_page(page: Page, truth: list[Word]) -> Tally:
    """Words matched and edit distance of ``page`` against ``truth`` segments. Never raises."""
    truth_tokens = Counter(t.casefold() for w in truth for t in w.text.split())
    read_tokens = Counter(t.casefold() for w in page.words for t in w.text.split())
    truth_text = _ordered_text(truth, page.width, page.height)
    read_text = _ordered_text(page.words, page.width, page.height)
    return Tally(
        matched=sum((truth_tokens & read_tokens).values()),
        truth=sum(truth_tokens.values()),
        read=sum(read_tokens.values()),
        edits=Levenshtein.distance(truth_text, read_text),
        chars=len(truth_text),
    )


def _ordered_text(words: list[Word], width: int, height: int) -> str:
    lines = lines_from_words(list(words), float(width), float(height))
    return "\n".join(" ".join(line.text.casefold().split()) for line in lines)
