"""Candidates -> ranker scores -> one consistent choice per role (shared by extraction and training)."""

from __future__ import annotations

from docsift.extraction.document.analysis import Analysis
from docsift.extraction.fields.candidates import Candidate, generate
from docsift.extraction.fields.choose import Choice, choose
from docsift.extraction.fields.features import FeatureBuilder, doc_stats
from docsift.extraction.knowledge.registry import DEFAULT_THRESHOLD, Role
from docsift.extraction.models.model import Model


def candidates(analysis: Analysis, wanted: list[Role]) -> dict[str, list[Candidate]]:
    """The candidates of every role in ``wanted`` that values fill, with their features (unscored)."""
    receipt = analysis.doc_type == "receipt"
    stats = doc_stats(
        analysis.index, analysis.ents, receipt=receipt, ocr=analysis.ocr, credit=analysis.credit_note
    )
    return generate(analysis.ents, FeatureBuilder(analysis.index, analysis.ents, stats), wanted)


def score_candidates(model: Model, cands: dict[str, list[Candidate]]) -> None:
    """Set ``score`` on every candidate (one model call for the whole document)."""
    flat = [c for cs in cands.values() for c in cs]
    for c, s in zip(flat, model.score([c.features for c in flat]), strict=True):
        c.score = float(s)


def rank_fields(analysis: Analysis, model: Model, wanted: list[Role]) -> dict[str, Choice]:
    """The chosen value of each role in ``wanted`` that the document holds (by role name)."""
    cands = candidates(analysis, wanted)
    score_candidates(model, cands)
    return choose(cands, analysis.registry.required_roles(), DEFAULT_THRESHOLD)
