"""The one label engine: tokenising text the way labels are written, and finding labels in lines.

Tokens are lower case without accents; every character other than a letter or a digit separates
tokens, and "#" and "%" are tokens of their own ("Rechnungs-Nr.:" -> ["rechnungs", "nr"],
"Inv#" -> ["inv", "#"], "19%" -> ["19", "%"]). A label is a token sequence naming one or more
classes. Header fields, party blocks, column headers and document titles are all found with it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_SPLIT = re.compile(r"[^0-9a-z#%]+")
_MARKS = re.compile(r"([#%])")
_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents ("Fälligkeit" -> "falligkeit", "Straße" -> "strasse")."""
    text = text.lower().translate(_FOLD)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    """``text`` as label tokens (see module docstring); [] for text without letters or digits."""
    return list(_tokens(text))


def label_text(text: str) -> str:
    """``text`` folded and tokenised as labels are, joined by single spaces ("Art.-Nr.:" -> "art nr")."""
    return " ".join(_tokens(text))


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in _SPLIT.split(fold(text)):
        if part and ("#" in part or "%" in part):
            out += [p for p in _MARKS.split(part) if p]
        elif part:
            out.append(part)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class LabelHit:
    """A label found in a token list: tokens [start, end), the classes it names, and ``kind``, the
    first of them in the table's order."""

    start: int
    end: int
    classes: frozenset[str]
    kind: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start


class Lexicon:
    """A set of labels, each naming one or more classes (field roles, context classes, columns).

    Two ways to find labels in a token list: ``find`` takes the longest label at each position
    from left to right (header fields: a label names the value after it); ``cover`` takes the
    labels that cover the most tokens with the fewest labels ("tva montant ht" -> "tva" +
    "montant ht"; table headers, where every token should belong to a column label).
    """

    def __init__(self, table: dict[str, list[str]]) -> None:
        by_seq: dict[tuple[str, ...], list[str]] = {}
        for cls, synonyms in table.items():
            for syn in synonyms:
                seq = tuple(tokens(str(syn)))
                if seq and cls not in by_seq.setdefault(seq, []):
                    by_seq[seq].append(cls)
        self._hits = {seq: (frozenset(classes), classes[0]) for seq, classes in by_seq.items()}
        self._by_first: dict[str, list[tuple[tuple[str, ...], frozenset[str], str]]] = {}
        for seq, (classes, kind) in self._hits.items():
            self._by_first.setdefault(seq[0], []).append((seq, classes, kind))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.longest = max((len(s) for s in self._hits), default=1)
        self.classes = sorted(table)
        self._covers: dict[tuple[str, ...], list[LabelHit]] = {}

    def find(self, toks: list[str]) -> list[LabelHit]:
        """Labels in ``toks``, left to right, longest first at each position, never overlapping."""
        hits: list[LabelHit] = []
        i = 0
        while i < len(toks):
            match = None
            for seq, classes, kind in self._by_first.get(toks[i], ()):
                if tuple(toks[i : i + len(seq)]) == seq:
                    match = LabelHit(i, i + len(seq), classes, kind)
                    break
            if match is None:
                i += 1
                continue
            hits.append(match)
            i = match.end
        return hits

    def contains(self, toks: list[str]) -> set[str]:
        """The classes of every label found in ``toks``."""
        found: set[str] = set()
        for hit in self.find(toks):
            found |= hit.classes
        return found

    def cover(self, toks: list[str]) -> list[LabelHit]:
        """Non-overlapping labels in ``toks`` covering as many tokens as possible, with as few labels
        as possible at equal cover, left to right (memoised)."""
        key = tuple(toks)
        found = self._covers.get(key)
        if found is None:
            if len(self._covers) > 50_000:
                self._covers.clear()
            found = self._covers[key] = self._cover(key)
        return list(found)

    def _cover(self, toks: tuple[str, ...]) -> list[LabelHit]:
        n = len(toks)
        best: list[tuple[int, int, list[LabelHit]]] = [(0, 0, [])] * (n + 1)  # (covered, -labels, hits)
        for i in range(n - 1, -1, -1):
            cand = best[i + 1]
            for m in range(1, min(self.longest, n - i) + 1):
                hit = self._hits.get(toks[i : i + m])
                if hit is None:
                    continue
                cov, neg, rest = best[i + m]
                option = (cov + m, neg - 1, [LabelHit(i, i + m, hit[0], hit[1]), *rest])
                if option[:2] > cand[:2]:
                    cand = option
            best[i] = cand
        return best[0][2]

    def best(self, text: str) -> LabelHit | None:
        """The longest label covering part of ``text`` (ties: the leftmost), or None."""
        return max(self.cover(tokens(text)), key=lambda h: (h.length, -h.start), default=None)

    def exact(self, text: str) -> str | None:
        """The kind whose synonym is the whole of ``text``, or None."""
        hit = self._hits.get(_tokens(text))
        return hit[1] if hit else None
