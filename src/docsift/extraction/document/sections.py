"""Party sections: the block of the page a party label ("Bill To", "Verkäufer", "Ship To") heads.

A value or a name printed under such a label, in its column, belongs to that party's section: a
tax id under "Bill To" is the customer's, not the seller's.
"""

from __future__ import annotations

from docsift.extraction.document.index import DocIndex
from docsift.reading.model import BBox

PARTY_LABELS = {"issuer_name": "issuer", "recipient_name": "recipient", "ship_to_name": "ship_to"}
SECTION_REACH = 0.3  # page heights searched above a value for the label of its section


def party_labels(index: DocIndex, page: int) -> list[tuple[float, float, float, str]]:
    """(top, x0, x1, label class) of every party label on ``page``, top to bottom (cached)."""
    key = f"party_labels:{page}"
    if key not in index.memo:
        found = []
        for line in index.pages[page].lines:
            for hit in line.labels:
                classes = sorted(hit.classes & PARTY_LABELS.keys())
                if classes:
                    a, b = line.label_words(hit)
                    found.append((line.bbox[1], line.words[a].x0, line.words[b - 1].x1, classes[0]))
        index.memo[key] = found
    labels: list[tuple[float, float, float, str]] = index.memo[key]
    return labels


def section_label(index: DocIndex, page: int, box: BBox) -> tuple[str | None, float]:
    """The label class of the nearest party label above ``box`` in its column, within
    SECTION_REACH, and how far above it is (page heights); (None, nan) when there is none."""
    top = box[1]
    best: tuple[float, str] | None = None
    for label_top, x0, x1, cls in party_labels(index, page):
        dy = top - label_top
        near = 0 < dy <= SECTION_REACH and (best is None or dy < best[0])
        if near and x0 <= box[2] + 0.02 and x1 >= box[0] - 0.3:
            best = (dy, cls)
    return (best[1], best[0]) if best else (None, float("nan"))
