"""Document type detection for ``--type auto``: which type the content speaks for, and how surely.

Each type in labels/doctypes.yaml lists *title* words (the document's name for itself: "Tax
Invoice", "Kassenbon") and *body* words typical of it ("bill to", "change", "cashier"). A title
word counts more when it is printed large or near the top of the first page. Page shape adds
evidence: till receipts are narrow and tall. The scores become probabilities by a softmax, so a new
type is added by adding its words to the data file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from docsift.extraction.document.index import DocIndex
from docsift.extraction.knowledge.files import load_labels
from docsift.extraction.knowledge.lexicon import Lexicon

TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
BODY_CAP = 6  # distinct body words counted at most
NARROW_WEIGHT = 2.5  # evidence for a receipt when the text column is narrow and long
PRIOR = {"invoice": 0.5}
TEMPERATURE = 1.5


@dataclass(frozen=True)
class TypeGuess:
    """The detected type, its probability, and the probability of every type considered."""

    document_type: str
    confidence: float
    scores: dict[str, float]


@cache
def _lexicons() -> dict[str, tuple[Lexicon, Lexicon]]:
    types = load_labels("doctypes.yaml")["types"]
    return {
        name: (Lexicon({name: spec["title"]}), Lexicon({name: spec["body"]})) for name, spec in types.items()
    }


def _evidence(index: DocIndex, title: Lexicon, body: Lexicon) -> float:
    score = 0.0
    best_title = 0.0
    body_seen: set[tuple[int, int, int]] = set()
    for line in index.lines:
        first = line.page == 0
        page = index.pages[line.page]
        for hit in title.find(line.toks):
            whole = hit.length >= max(1, len(line.toks) - 3)  # the title stands (almost) alone
            big = page.median_font and line.font >= 1.3 * page.median_font
            top = first and line.pos < max(8, len(page.lines) // 4)
            best_title = max(
                best_title, TITLE_WEIGHT * (0.4 + 0.3 * whole + 0.3 * bool(big)) * (1.0 if top else 0.5)
            )
        for hit in body.find(line.toks):
            body_seen.add((line.number, hit.start, hit.end))
    return score + best_title + BODY_WEIGHT * min(len(body_seen), BODY_CAP)


def _narrowness(index: DocIndex) -> float:
    """1 when the text is a narrow, long column (a till roll), 0 for a page-wide layout."""
    if not index.lines:
        return 0.0
    x0 = min(li.bbox[0] for li in index.lines)
    x1 = max(li.bbox[2] for li in index.lines)
    width = x1 - x0
    aspect = index.pages[0].aspect
    heights = [li.height * aspect for li in index.lines if li.height > 0]  # in page widths
    if not heights:
        return 0.0
    mean_height = sum(heights) / len(heights)
    chars_across = width / mean_height  # about 1.6 characters per line height
    return 1.0 if chars_across < 32 else 0.5 if chars_across < 45 else 0.0


def detect_type(index: DocIndex, allowed: tuple[str, ...] = ("invoice", "receipt")) -> TypeGuess:
    """The most likely of ``allowed`` types for the document in ``index``. Never raises."""
    raw: dict[str, float] = {}
    for name, (title, body) in _lexicons().items():
        if name in allowed:
            raw[name] = _evidence(index, title, body) + PRIOR.get(name, 0.0)
    if "receipt" in raw:
        raw["receipt"] += NARROW_WEIGHT * _narrowness(index)
    top = max(raw.values())
    exp = {k: math.exp((v - top) / TEMPERATURE) for k, v in raw.items()}
    total = sum(exp.values())
    probs = {k: v / total for k, v in exp.items()}
    best = max(probs, key=lambda k: probs[k])
    return TypeGuess(best, round(probs[best], 4), {k: round(v, 4) for k, v in probs.items()})


CREDIT_TOP = 0.35  # a credit-note title is printed in the top of the first page
CREDIT_TOKENS = 8  # ... on a line of at most this many tokens (a title, not a sentence)


@cache
def _credit_titles() -> Lexicon:
    return Lexicon({"credit_note": load_labels("doctypes.yaml")["credit_note"]})


def is_credit_note(index: DocIndex) -> bool:
    """Whether the document titles itself a credit note ("Credit Note", "Gutschrift", "Avoir" near
    the top of its first page, on a short line). Never raises."""
    titles = _credit_titles()
    for line in index.pages[0].lines if index.pages else []:
        if line.bbox[1] > CREDIT_TOP:
            continue
        if len(line.toks) <= CREDIT_TOKENS and titles.find(line.toks):
            return True
    return False
