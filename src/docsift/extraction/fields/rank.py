"""Candidates -> ranker scores -> one consistent choice per role (shared by extraction and training)."""

from __future__ import annotations

from docsift.extraction.document.analysis import Analysis
from docsift.extraction.fields.candidates import Candidate, generate
from docsift.extraction.fields.choose import Choice, choose
from docsift.extraction.knowledge.lexicon import always_present
from docsift.extraction.models.ranker import Ranker

DEFAULT_THRESHOLD = 0.3


def score_candidates(ranker: Ranker, cands: dict[str, list[Candidate]]) -> None:
    """Set ``score`` on every candidate (one model call for the whole document)."""
    flat = [c for cs in cands.values() for c in cs]
    if not flat:
        return
    scores = ranker.score([c.row for c in flat])
    for c, s in zip(flat, scores, strict=True):
        c.score = float(s)


def rank_fields(analysis: Analysis, ranker: Ranker, wanted: list[str]) -> dict[str, Choice]:
    """The chosen value of each role in ``wanted`` that the document holds."""
    cands = generate(analysis.ents, analysis.features, wanted)
    score_candidates(ranker, cands)
    return choose(cands, thresholds(analysis.doc_type), DEFAULT_THRESHOLD)


def thresholds(doc_type: str) -> dict[str, float]:
    """The score a role's best candidate needs to be given, for a document type (roles not listed
    need DEFAULT_THRESHOLD)."""
    return always_present(doc_type)
