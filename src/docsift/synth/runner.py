"""The makers of each document kind (``MAKERS``), one document from (seed, index, kinds), and a batch
written to disk with truth files and a manifest."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from docsift.synth.document import Generated, doc_rng
from docsift.synth.invoice.make import make_invoice
from docsift.synth.receipt.make import make_receipt

MAKERS: dict[str, Callable[[int, int], Generated]] = {"invoice": make_invoice, "receipt": make_receipt}
KINDS = tuple(MAKERS)


def kind_of(seed: int, index: int, kinds: Sequence[str]) -> str:
    """The kind of document ``index`` of stream ``seed`` when generating ``kinds``."""
    kinds = [k for k in kinds if k in MAKERS] or ["invoice"]
    return kinds[doc_rng(seed, index, "kind").randrange(len(kinds))]


def make(seed: int, index: int, kinds: Sequence[str]) -> Generated:
    """Document ``index`` of stream ``seed``, of a kind drawn from ``kinds``."""
    return MAKERS[kind_of(seed, index, kinds)](seed, index)


def write(doc: Generated, out: Path, scan: bool, scan_seed: int) -> Path:
    """Writes the document (PDF, or a degraded scan) and its truth; returns the document's path."""
    docs, truths = out / "docs", out / "truth"
    docs.mkdir(parents=True, exist_ok=True)
    truths.mkdir(parents=True, exist_ok=True)
    truth = dict(doc.truth)
    truth["id"] = doc.doc_id
    if doc.screen:
        from docsift.synth.scan import write_screenshot

        path = write_screenshot(doc.pdf, truth, docs / doc.doc_id, random.Random(scan_seed), scan)
        truth["source"] = "screenshot"
    elif scan:
        from docsift.synth.scan import write_scan

        path = write_scan(doc.pdf, truth, docs / doc.doc_id, random.Random(scan_seed))
        truth["source"] = "scan"
    else:
        path = docs / f"{doc.doc_id}.pdf"
        path.write_bytes(doc.pdf)
        truth["source"] = "pdf"
    truth["file"] = f"docs/{path.name}"
    (truths / f"{doc.doc_id}.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    return path


MANIFEST_COLUMNS = (
    "id",
    "kind",
    "file",
    "source",
    "locale",
    "layout",
    "pages",
    "inconsistent",
    "family",
    "axes",
)


def manifest_row(doc: Generated, path: Path, scan: bool) -> dict[str, str]:
    """The manifest row of a written document (``path`` as ``write`` returned it)."""
    t = doc.truth
    return {
        "id": doc.doc_id,
        "kind": doc.kind,
        "file": f"docs/{path.name}",
        "source": "screenshot" if doc.screen else "scan" if scan else "pdf",
        "locale": t["locale"],
        "layout": t["layout"],
        "pages": str(t["pages"]),
        "inconsistent": str(t["inconsistent"]).lower(),
        "family": str(t.get("family", "")),
        "axes": ";".join(f"{k}={v}" for k, v in t.get("axes", {}).items()),
    }


def write_manifest(out: Path, rows: list[dict[str, str]]) -> None:
    """Writes manifest.csv (id, kind, file, source, locale, layout, pages, inconsistent, family, axes)."""
    with (out / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)
