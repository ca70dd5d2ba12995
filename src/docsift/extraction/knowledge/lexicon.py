"""Label synonyms as data: tokenising text the way labels are written, and finding labels in lines.

Tokens are lower case without accents; every character other than a letter, a digit, "#" or "%"
separates tokens ("Rechnungs-Nr.:" -> ["rechnungs", "nr"]). A label is a token sequence; at each
position the longest label wins, so "total tax" is not also read as "total".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from docsift.extraction.knowledge.files import load_labels

_SPLIT = re.compile(r"[^0-9a-z#%]+")
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


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in _SPLIT.split(fold(text)) if t)


@dataclass(frozen=True, slots=True)
class LabelHit:
    """A label found in a token list: tokens [start, end) and the classes it names."""

    start: int
    end: int
    classes: frozenset[str]

    @property
    def length(self) -> int:
        return self.end - self.start


class Lexicon:
    """A set of labels, each naming one or more classes (field roles or context classes)."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        by_seq: dict[tuple[str, ...], set[str]] = {}
        for cls, synonyms in table.items():
            for syn in synonyms:
                seq = tuple(tokens(str(syn)))
                if seq:
                    by_seq.setdefault(seq, set()).add(cls)
        self._by_first: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}
        for seq, classes in by_seq.items():
            self._by_first.setdefault(seq[0], []).append((seq, frozenset(classes)))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.classes = sorted(table)

    def find(self, toks: list[str]) -> list[LabelHit]:
        """Labels in ``toks``, left to right, longest first at each position, never overlapping."""
        hits: list[LabelHit] = []
        i = 0
        while i < len(toks):
            match = None
            for seq, classes in self._by_first.get(toks[i], ()):
                if tuple(toks[i : i + len(seq)]) == seq:
                    match = LabelHit(i, i + len(seq), classes)
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


@cache
def field_lexicon() -> Lexicon:
    """Labels of the field roles and the context classes (labels/fields.yaml)."""
    data = load_labels("fields.yaml")
    table: dict[str, list[str]] = {**data["fields"], **data["context"]}
    return Lexicon(table)


@cache
def field_roles() -> tuple[str, ...]:
    """The field roles that have labels (fields.yaml, ``fields``)."""
    return tuple(load_labels("fields.yaml")["fields"])


@cache
def label_classes() -> tuple[str, ...]:
    """Every label class, roles first then context classes; the index is a stable feature code."""
    data = load_labels("fields.yaml")
    return (*data["fields"], *data["context"])


def always_present(doc_type: str) -> dict[str, float]:
    """Roles a document of ``doc_type`` nearly always prints, with the score their best candidate
    needs (labels/doctypes.yaml ``always_present``)."""
    spec = load_labels("doctypes.yaml").get("always_present", {}).get(doc_type) or {}
    return dict.fromkeys(spec.get("roles", ()), float(spec.get("threshold", 0.0)))


def role_map(doc_type: str, field_names: list[str]) -> dict[str, str]:
    """Field name -> the role ranked for it (labels/doctypes.yaml ``roles``; a field of a type
    without a mapping is its own role)."""
    mapping: dict[str, str] = load_labels("doctypes.yaml")["roles"].get(doc_type, {})
    return {name: mapping.get(name, name) for name in field_names}
