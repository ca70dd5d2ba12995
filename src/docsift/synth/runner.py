"""One generated document from (seed, index, kind), and a batch written to disk with truth files."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docsift.synth.content_invoice import invoice_content
from docsift.synth.layout_invoice import InvoicePlan, plan_invoice, render_invoice
from docsift.synth.model import Content
from docsift.synth.painter import SynthError, can_draw, families
from docsift.synth.style import Style, choose_style
from docsift.synth.truth import build_truth

KINDS = ("invoice", "receipt")
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


@dataclass
class Generated:
    """A rendered document: its id, PDF bytes and truth; ``screen`` documents (phone screenshots) are
    written as images."""

    doc_id: str
    kind: str
    pdf: bytes
    truth: dict[str, Any]
    screen: bool = False


def doc_rng(seed: int, index: int, purpose: str = "content") -> random.Random:
    """The random stream of one document for one purpose (content, kind, scan)."""
    return random.Random(f"docsift-synth:{purpose}:{seed}:{index}")


def _texts(c: Content) -> str:
    parts = [
        c.formats.money.mark,
        *c.fields.values(),
        *(i.description for i in c.items),
        *(i.unit or "" for i in c.items),
    ]
    for p in c.parties.values():
        parts += [p.name, *p.address, p.phone or "", p.email or ""]
    return "".join(parts)


def _fit_font(style: Style, c: Content) -> None:
    """Switches to a font that can draw every character of the content (base-14 fonts lack many)."""
    text = _texts(c)
    if can_draw(style.family, text):
        return
    for fam in families():
        if fam.mono == style.family.mono and can_draw(fam, text):
            style.family = fam
            return
    raise SynthError("no installed font can draw this document's text")


def plan_invoice_doc(
    seed: int, index: int, force: Mapping[str, str] | None = None
) -> tuple[Content, InvoicePlan, Style]:
    """The content, layout plan and style of invoice ``index`` of stream ``seed``, without drawing it."""
    rng = doc_rng(seed, index)
    style = choose_style(rng)
    c = invoice_content(rng, unicode_ok=can_draw(style.family, "₹"))
    _fit_font(style, c)
    return c, plan_invoice(rng, c, force), style


def make_invoice(seed: int, index: int, force: Mapping[str, str] | None = None) -> Generated:
    """Invoice number ``index`` of the stream ``seed``; ``force`` fixes layout axes (tests)."""
    from docsift.synth.invoice_truth import invoice_truth

    c, plan, style = plan_invoice_doc(seed, index, force)
    painter = render_invoice(c, plan, style)
    pdf = painter.finish()
    truth = build_truth(
        c, painter, [col.key for col in plan.table.columns if col.key != "position"], plan.name
    )
    truth.update(invoice_truth(c, plan, painter))
    truth["style"] = {"font": style.family.name, "size": style.size}
    return Generated(f"invoice-{seed}-{index:05d}", "invoice", pdf, truth)


def make_receipt(seed: int, index: int) -> Generated:
    """Receipt number ``index`` of the stream ``seed`` (see receipt_make)."""
    from docsift.synth.receipt_make import make_receipt_doc

    return make_receipt_doc(seed, index)


MAKERS: dict[str, Callable[[int, int], Generated]] = {"invoice": make_invoice, "receipt": make_receipt}


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


def write_manifest(out: Path, rows: list[dict[str, str]]) -> None:
    """Writes manifest.csv (id, kind, file, source, locale, layout, pages, inconsistent, family, axes)."""
    with (out / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)
