"""The exact-match ceiling OCR leaves a text field: whether the truth was read at all.

A name or an address can only be extracted right when OCR read its characters right. The ceiling
of a field over a set is the share of documents whose truth (letters and digits, any case) is
found in a window of consecutive lines of the reading; it is measured on the lines as read and
after the repairs extraction applies to party names and addresses (normalize/ocrfix.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docsift.extraction.normalize.ocrfix import repair_party_text
from docsift.extraction.normalize.text import compare_key
from docsift.reading.model import Document

WINDOW = {"name": 2, "address": 6}  # consecutive lines a value may span


def found(doc: Document, truth: str, window: int, repair: bool, address: bool) -> bool:
    """Whether ``truth`` is in ``window`` consecutive lines of ``doc`` (repaired when ``repair``)."""
    key = compare_key(truth)
    if not key:
        return False
    for page in doc.pages:
        texts = [line.text for line in page.lines]
        if repair:
            texts = [repair_party_text(t, address=address) for t in texts]
        keys = [compare_key(t) for t in texts]
        for i in range(len(keys)):
            if any(key in "".join(keys[i : i + n]) for n in range(1, window + 1)):
                return True
    return False


@dataclass
class Ceiling:
    """Per field kind (name, address): documents, found as read, found after repair."""

    counts: dict[str, list[int]] = field(default_factory=dict)

    def add(self, doc: Document, kind: str, truth: str | None) -> None:
        """Count one OCR'd document's field of ``kind`` with its truth."""
        if not truth:
            return
        c = self.counts.setdefault(kind, [0, 0, 0])
        address = kind == "address"
        c[0] += 1
        c[1] += found(doc, truth, WINDOW[kind], False, address)
        c[2] += found(doc, truth, WINDOW[kind], True, address)

    def report(self) -> dict[str, dict[str, object]]:
        """{kind: {documents, as_read, repaired}} with shares."""
        return {
            kind: {"documents": n, "as_read": f"{a}/{n} ({a / n:.3f})", "repaired": f"{r}/{n} ({r / n:.3f})"}
            for kind, (n, a, r) in self.counts.items()
            if n
        }
