"""Synthetic training documents written by ``docsift synth``: each file beside its truth JSON."""

from __future__ import annotations

import json
from pathlib import Path

from docsift.training.corpus import Labelled

DOC_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def _fields(fields: dict[str, object]) -> dict[str, str]:
    return {k: str(v) for k, v in fields.items() if v not in (None, "") and not isinstance(v, (list, dict))}


def synth_items(folder: Path) -> list[Labelled]:
    """Every generated document under ``folder`` (truth/*.json naming its ``file``), with its
    printed fields as truth; each document is a group of its own."""
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
        group = f"{folder.name}/{doc_id}"
        items.append(
            Labelled(doc_id, "synth", doc_type, path, _fields(truth["fields"]), truth, "train", group)
        )
    return items
