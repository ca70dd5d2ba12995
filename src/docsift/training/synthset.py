"""Synthetic training documents written by ``docsift synth``: each file beside its truth JSON."""

from __future__ import annotations

import json
from pathlib import Path

from docsift.extraction.knowledge.files import load_labels
from docsift.training.corpus import Labelled

DOC_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def _roles(doc_type: str, fields: dict[str, object]) -> dict[str, str]:
    mapping: dict[str, str] = load_labels("doctypes.yaml")["roles"].get(doc_type, {})
    out = {}
    for name, value in fields.items():
        if value in (None, "") or isinstance(value, (list, dict)):
            continue
        out[mapping.get(name, name)] = str(value)
    return out


def synth_items(folder: Path) -> list[Labelled]:
    """Every generated document under ``folder`` (truth/*.json naming its ``file``), with roles as truth."""
    items: list[Labelled] = []
    for truth_path in sorted(folder.glob("truth/*.json")):
        try:
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if not isinstance(truth, dict) or "fields" not in truth or "file" not in truth:
            continue
        path = folder / str(truth["file"])
        if path.suffix.lower() not in DOC_SUFFIXES or not path.exists():
            continue
        doc_type = str(truth.get("document_type") or "invoice")
        doc_id = str(truth.get("id") or truth_path.stem)
        roles = _roles(doc_type, truth["fields"])
        items.append(Labelled(doc_id, "synth", doc_type, path, roles, truth, "train", doc_id))
    return items
