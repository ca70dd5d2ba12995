"""The label knowledge of tables (labels/columns.yaml): column headers, tax types, carry-over and
total rows, as Lexicons of the one label engine; tables read the document's lines and chunks
(document/lines.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from docsift.extraction.knowledge.files import load_labels
from docsift.extraction.knowledge.lexicon import LabelHit, Lexicon, label_text, tokens

# ---------------------------------------------------------------- labels


@dataclass(frozen=True)
class Labels:
    """The label knowledge of columns.yaml, indexed."""

    line: Lexicon
    tax: Lexicon
    tax_types: Lexicon
    carry: Lexicon
    total: Lexicon
    allowance: Lexicon
    receipt_stop: Lexicon
    adjustment: frozenset[str]
    note: frozenset[str]


def _load_yaml() -> dict[str, Any]:
    data = load_labels("columns.yaml")
    if not isinstance(data, dict):
        raise ValueError("columns.yaml must hold a mapping")
    return data


@lru_cache(maxsize=1)
def labels() -> Labels:
    """The column labels of ``labels/columns.yaml`` (loaded once).

    Raises ValueError when the file is malformed.
    """
    d = _load_yaml()
    return Labels(
        line=Lexicon(d["line_columns"]),
        tax=Lexicon(d["tax_columns"]),
        tax_types=Lexicon(d["tax_types"]),
        carry=Lexicon({"carry": d["carry_rows"]}),
        total=Lexicon({"total": d["total_rows"]}),
        allowance=Lexicon({"allowance": d["allowance_words"]}),
        receipt_stop=Lexicon({"stop": d["receipt_stop"]}),
        adjustment=frozenset(label_text(s) for s in d["adjustment_prefixes"]),
        note=frozenset(label_text(s) for s in d["note_prefixes"]),
    )


def starts_with_label(text: str, index: Lexicon, max_skip: int = 1) -> LabelHit | None:
    """The label that ``text`` begins with (after at most ``max_skip`` leading tokens), or None."""
    for span in index.cover(tokens(text)):
        if span.start <= max_skip:
            return span
        break
    return None
