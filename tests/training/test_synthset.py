"""Synthetic documents as training items: their printed fields are the truth."""

from __future__ import annotations

import json
from pathlib import Path

from docsift.training.synthset import synth_items

LOGO = [{"kind": "logo", "text": "Nordlicht Logistik GmbH", "page": 1, "bbox": [0.05, 0.03, 0.3, 0.09]}]


def _write(folder: Path, doc_id: str, source: str, fields: dict[str, str]) -> None:
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "truth").mkdir(exist_ok=True)
    name = f"{doc_id}.{'png' if source == 'scan' else 'pdf'}"
    (folder / "docs" / name).write_bytes(b"x")
    truth = {
        "document_type": "invoice",
        "fields": fields,
        "file": f"docs/{name}",
        "source": source,
        "images": LOGO,
    }
    (folder / "truth" / f"{doc_id}.json").write_text(json.dumps(truth), encoding="utf-8")


def test_given_truth_files_then_the_printed_fields_are_the_truth_and_a_logo_name_counts_on_scans_only(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "a", "pdf", {"invoice_number": "R-1", "invoice_total": "10.00"})
    _write(tmp_path, "b", "scan", {"invoice_number": "R-2"})

    items = {i.id: i for i in synth_items(tmp_path)}

    assert items["a"].truth == {"invoice_number": "R-1", "invoice_total": "10.00"}
    assert items["b"].truth == {"invoice_number": "R-2", "vendor_name": "Nordlicht Logistik GmbH"}
    assert items["a"].group != items["b"].group
