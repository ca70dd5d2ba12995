"""Synthetic training documents written by ``docsift synth``: each file beside its truth JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docsift.training.corpus import Labelled

DOC_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def _fields(truth: dict[str, Any]) -> dict[str, str]:
    """The printed fields of a truth file. On a scan, a vendor name printed only inside the logo
    picture is read by OCR like any text, so it counts as printed there (never in a text layer)."""
    fields: dict[str, Any] = truth.get("fields") or {}
    out = {k: str(v) for k, v in fields.items() if v not in (None, "") and not isinstance(v, (list, dict))}
    if truth.get("source") == "scan" and "vendor_name" not in out:
        logos = [i for i in truth.get("images") or [] if isinstance(i, dict) and i.get("kind") == "logo"]
        if logos and logos[0].get("text"):
            out["vendor_name"] = str(logos[0]["text"])
    return out


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
        items.append(Labelled(doc_id, "synth", doc_type, path, _fields(truth), truth, "train", group))
    return items
