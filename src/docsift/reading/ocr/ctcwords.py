"""Words from a recognised text line: split at spaces and at blank gaps in the ink, each word boxed
by the CTC columns of its characters.

A CTC recogniser emits each character at a column of its output sequence; the columns map linearly
onto the crop's width. Recognisers trained mostly on Chinese often drop the space between Latin words
("TOTAL:RM9.00"); where the crop shows a blank run wider than ``gap_ratio`` character pitches
between two characters, a word boundary is added.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from statistics import median

import cv2
import numpy as np

PixelBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class CharCol:
    """One non-space character: its index in the line text, CTC column and probability."""

    index: int
    col: int
    conf: float


def char_columns(text: str, word_cols: list[list[int]], confs: list[float]) -> list[CharCol] | None:
    """The non-space characters of ``text`` with their columns (from the recogniser's word
    grouping) and probabilities (one per character of ``text``); None when they do not line up."""
    cols = [c for group in word_cols for c in group]
    idx = [i for i, ch in enumerate(text) if not ch.isspace()]
    if len(cols) != len(idx) or len(confs) < len(text):
        return None
    return [CharCol(i, c, float(confs[i])) for i, c in zip(idx, cols, strict=True)]


def split_words(text: str, chars: list[CharCol], gaps: set[int]) -> list[list[CharCol]]:
    """Characters grouped into words: a new word at each space of ``text`` and before each
    character index in ``gaps``."""
    words: list[list[CharCol]] = []
    prev = -2
    for ch in chars:
        if not words or ch.index != prev + 1 or ch.index in gaps:
            words.append([])
        words[-1].append(ch)
        prev = ch.index
    return words


def ink_gaps(crop: np.ndarray, chars: list[CharCol], span: float, gap_ratio: float) -> set[int]:
    """Indices of characters that start a word by the ink alone: each blank run of the crop wider
    than ``gap_ratio`` times the median character pitch separates the two characters whose CTC
    positions straddle its middle (when the text has no space there). ``span`` is the number of
    CTC columns covering the crop's width."""
    if gap_ratio <= 0 or len(chars) < 2 or crop.size == 0:
        return set()
    grey = crop if crop.ndim == 2 else cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    h, w = grey.shape
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    inked: np.ndarray = np.asarray(ink[int(h * 0.15) : int(h * 0.85) + 1].any(axis=0))
    xs = np.array([(c.col + 0.5) * w / span for c in chars])
    pitch = float(np.median(np.diff(xs)))
    found = set()
    for start, end in _blank_runs(inked):
        if end - start <= gap_ratio * pitch or start == 0 or end == w:
            continue
        after = int(np.searchsorted(xs, (start + end) / 2))
        if 0 < after < len(chars) and chars[after].index == chars[after - 1].index + 1:
            found.add(chars[after].index)
    return found


def _blank_runs(inked: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of columns without ink."""
    blank = np.concatenate(([0], (~inked).astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(blank))
    return list(zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True))


def word_span(word: list[CharCol], pitch_cols: float, span: float) -> tuple[float, float]:
    """The fractions (0..1) of the line's width that ``word`` covers."""
    f0 = (word[0].col + 0.5 - pitch_cols / 2) / span
    f1 = (word[-1].col + 0.5 + pitch_cols / 2) / span
    return max(0.0, f0), min(1.0, f1)


def pitch_columns(words: list[list[CharCol]], span: float, n_chars: int) -> float:
    """Median distance in CTC columns between neighbouring characters of a word."""
    steps = [b.col - a.col for w in words for a, b in pairwise(w)]
    return float(median(steps)) if steps else span / max(n_chars, 1)


def quad_part(quad: np.ndarray, f0: float, f1: float, vertical: bool) -> PixelBox:
    """The axis-aligned box of the part of ``quad`` between fractions f0..f1 along its text direction."""
    if vertical:  # the crop was turned: its x axis runs down the quad's left and right edges
        a0, a1, b0, b1 = quad[0], quad[3], quad[1], quad[2]
    else:
        a0, a1, b0, b1 = quad[0], quad[1], quad[3], quad[2]
    pts = np.array([a0 + f0 * (a1 - a0), a0 + f1 * (a1 - a0), b0 + f0 * (b1 - b0), b0 + f1 * (b1 - b0)])
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    return (float(x0), float(y0), float(x1), float(y1))
