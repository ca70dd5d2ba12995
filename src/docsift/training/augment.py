"""Training-time variations of synthetic documents, so the models meet layouts the generator
rarely draws: a seller name wrapped over two lines, a brand or logo line above it, a branch or
outlet line between the name and the address; some labels hidden; every line in one print size.

Each variation is chosen deterministically from the document id and the seed and never changes
the truth. The first three work on the read Document (words with boxes), the last two on the
labelled index.
"""

from __future__ import annotations

import random
import re

from docsift.extraction.document.index import DocIndex
from docsift.reading.model import Document, Line, Page, Word

WRAP_SHARE = 0.2  # share of documents whose seller name is wrapped over two lines
BRAND_SHARE = 0.15  # share of documents with a brand line printed above the seller name
BRANCH_SHARE = 0.15  # share of documents with a branch line between the seller name and its address


def _norm(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def _find_line(doc: Document, name: str) -> tuple[Page, int] | None:
    """The first-page line whose text is ``name`` (letters and digits compared)."""
    if not doc.pages or not name:
        return None
    page = doc.pages[0]
    key = _norm(name)
    for i, line in enumerate(page.lines):
        if _norm(line.text) == key:
            return page, i
    return None


def _shift_below(page: Page, y: float, dy: float) -> None:
    """Move every line whose top is below ``y`` down by ``dy`` (page heights, clipped to the page)."""
    for line in page.lines:
        if line.words and line.words[0].y0 > y:
            line.words = [_moved(w, 0.0, dy) for w in line.words]


def _moved(w: Word, dx: float, dy: float, scale: float = 1.0) -> Word:
    x0, y0, x1, y1 = w.bbox
    h = (y1 - y0) * scale
    box = (min(x0 + dx, 1.0), min(y0 + dy, 1.0), min(x0 + dx + (x1 - x0) * scale, 1.0), min(y0 + dy + h, 1.0))
    size = w.font_size * scale if w.font_size else None
    return Word(text=w.text, bbox=box, confidence=w.confidence, font_size=size)


def wrap_name(doc: Document, name: str, rng: random.Random) -> bool:
    """Print the line holding ``name`` (three words or more) as two stacked lines. Returns whether it did."""
    found = _find_line(doc, name)
    if found is None:
        return False
    page, i = found
    words = page.lines[i].words
    if len(words) < 3:
        return False
    cut = rng.randint(1, len(words) - 1)
    height = words[0].y1 - words[0].y0
    _shift_below(page, words[0].y0, 1.15 * height)
    first, rest = words[:cut], words[cut:]
    dx = first[0].x0 - rest[0].x0
    page.lines[i] = Line(words=first)
    page.lines.insert(i + 1, Line(words=[_moved(w, dx, 1.15 * height) for w in rest]))
    return True


def brand_line(doc: Document, name: str, rng: random.Random) -> bool:
    """Print a larger brand line (the seller name's first word, or two) above the line holding
    ``name``. Returns whether it did."""
    found = _find_line(doc, name)
    if found is None:
        return False
    page, i = found
    words = page.lines[i].words
    if len(words) < 2:
        return False
    height = words[0].y1 - words[0].y0
    brand = words[: rng.choice((1, 1, 2))]
    _shift_below(page, words[0].y0 - 1e-6, 2.0 * height)
    page.lines.insert(i, Line(words=[_moved(w, 0.0, 0.0, 1.6) for w in brand]))
    return True


def branch_line(doc: Document, name: str, address: str) -> bool:
    """Print a branch line without digits ("<brand> <town>", the town taken from the address) right
    under the line holding ``name``. Returns whether it did."""
    found = _find_line(doc, name)
    town = [w for w in re.split(r"[\s,]+", address) if w.isalpha() and len(w) > 2]
    if found is None or not town:
        return False
    page, i = found
    words = page.lines[i].words
    height = words[0].y1 - words[0].y0
    _shift_below(page, words[0].y0 + 1e-6, 1.2 * height)
    first = words[0]
    char = (first.x1 - first.x0) / max(len(first.text), 1)
    top, bottom = first.y0 + 1.2 * height, first.y1 + 1.2 * height
    x = first.x0
    branch = []
    for text in (first.text, town[-1]):
        box = (x, top, min(x + char * len(text), 1.0), bottom)
        branch.append(Word(text=text, bbox=box, font_size=first.font_size))
        x += char * (len(text) + 1)
    page.lines.insert(i + 1, Line(words=branch))
    return True


def vary(doc: Document, truth: dict[str, str], key: str, seed: int) -> list[str]:
    """Apply the variations chosen for this document (see module docstring); returns their names."""
    rng = random.Random(f"vary:{seed}:{key}")
    name = truth.get("issuer_name", "")
    done = []
    if rng.random() < WRAP_SHARE and wrap_name(doc, name, rng):
        done.append("wrap")
    elif rng.random() < BRAND_SHARE and brand_line(doc, name, rng):
        done.append("brand")
    if rng.random() < BRANCH_SHARE and branch_line(doc, name, truth.get("issuer_address", "")):
        done.append("branch")
    return done


MASK_SHARE = 0.3  # share of synthetic documents trained with some labels hidden
MASKABLE = (
    "document_date", "document_number", "total", "subtotal", "total_tax", "due_date", "issuer_name",
    "recipient_name", "issuer_tax_id", "order_reference",
)  # fmt: skip


FLAT_SHARE = 0.3  # share of synthetic documents trained with every line in one print size


def flatten_fonts(index: DocIndex, key: str, seed: int) -> bool:
    """Print every line of some documents (chosen from ``key`` and ``seed``) in the page's median
    size, so the ranker does not learn that a name is always printed large. Returns whether it did."""
    if random.Random(f"font:{seed}:{key}").random() >= FLAT_SHARE:
        return False
    for page in index.pages:
        for line in page.lines:
            line.font = page.median_font
    return True


def mask_labels(index: DocIndex, key: str, seed: int) -> list[str]:
    """Hide the labels of a few roles on some documents (chosen from ``key`` and ``seed``), so the
    ranker also learns to find values whose label is missing, unusual or misread. Returns the
    hidden roles ([] for most documents)."""
    rng = random.Random(f"{seed}:{key}")
    if rng.random() >= MASK_SHARE:
        return []
    hidden = set(rng.sample(MASKABLE, k=rng.randint(1, 3)))
    for line in index.lines:
        line.labels = [h for h in line.labels if not (h.classes & hidden)]
    index.above.clear()
    index.memo.clear()
    return sorted(hidden)
