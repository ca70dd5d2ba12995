"""Labelled documents for training and benchmarking: where they are, what their truth says, and
their read Documents cached on disk (keyed by file hash and reader settings) so that repeated
runs do not read or OCR again.

Truth is given per *field* of the document's type (fields.md names) with canonical values.
Sets: ``zugferd`` (digital PDFs, embedded XML ignored), ``zugferd-ocr`` (the same PDFs rendered
to 200-dpi images), ``invoice2data``, ``sroie-train`` (receipts of vendors absent from sroie),
``sroie`` (evaluation only: never used for training), and synthetic documents written by
``docsift synth``. Every document has a *group*: its vendor (the seller's name in zugferd, the
issuer in invoice2data, the company in SROIE), so that folds never split one vendor's template.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from docsift.options import RunOptions
from docsift.reading.model import Document

RENDER_DPI = 200
TRAINABLE = ("zugferd", "zugferd-ocr", "invoice2data", "sroie-train", "synth")
REAL_SETS = ("zugferd", "zugferd-ocr", "invoice2data", "sroie-train", "sroie")


@dataclass
class Labelled:
    """One labelled document: its file (or bytes), type, truth by role, split and group."""

    id: str
    set: str
    doc_type: str
    path: Path
    truth: dict[str, str]  # field name -> canonical value
    raw_label: Any = None  # the label file's content, for the scorer
    split: str = "dev"
    group: str = ""  # the vendor: documents of one group stay in one fold
    extra: dict[str, Any] = field(default_factory=dict)


def manifest(folder: Path) -> dict[str, dict[str, str]]:
    """Rows of ``folder/manifest.csv`` by id ({} when there is none)."""
    path = folder / "manifest.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def _zugferd_truth(g: dict[str, Any]) -> dict[str, str]:
    seller, buyer = g.get("seller") or {}, g.get("buyer") or {}
    totals, payment = g.get("totals") or {}, g.get("payment") or {}
    pairs = {
        "invoice_number": g.get("invoice_number"),
        "invoice_date": g.get("issue_date"),
        "due_date": g.get("due_date"),
        "currency": g.get("currency"),
        "purchase_order": g.get("order_reference"),
        "vendor_name": seller.get("name"),
        "vendor_tax_id": seller.get("vat_id"),
        "customer_name": buyer.get("name"),
        "customer_tax_id": buyer.get("vat_id"),
        "subtotal": totals.get("tax_basis_total"),
        "total_tax": totals.get("tax_total"),
        "invoice_total": totals.get("grand_total"),
        "amount_due": totals.get("due_payable"),
        "iban": payment.get("iban"),
        "bic": payment.get("bic"),
    }
    for party, role in ((seller, "vendor_address"), (buyer, "customer_address")):
        place = " ".join(str(party.get(k) or "") for k in ("country", "postcode", "city", "country"))
        if party.get("street") or party.get("city"):
            pairs[role] = f"{party.get('street') or ''} {place}".strip()
    return {k: str(v) for k, v in pairs.items() if v not in (None, "")}


def zugferd(datasets: Path, ocr: bool = False) -> Iterator[Labelled]:
    """The zugferd set (``zugferd-ocr`` when ``ocr``: the pages rendered to images)."""
    folder = datasets / "zugferd"
    rows = manifest(folder)
    for gt in sorted((folder / "gt").glob("*.json")):
        g = json.loads(gt.read_text(encoding="utf-8"))
        seller = g.get("seller") or {}
        row = rows.get(gt.stem, {})
        yield Labelled(
            id=gt.stem,
            set="zugferd-ocr" if ocr else "zugferd",
            doc_type="invoice",
            path=folder / "pdf" / f"{gt.stem}.pdf",
            truth=_zugferd_truth(g),
            raw_label=g,
            split=row.get("split") or "dev",
            group=vendor_group(seller.get("name") or gt.stem),
            extra={"gt_quality": row.get("gt_quality", "ok")},
        )


_I2D_FIELDS = {
    "invoice_number": "invoice_number", "invoice_date": "date", "due_date": "date_due",
    "invoice_total": "amount", "subtotal": "amount_untaxed", "total_tax": "amount_tax",
    "currency": "currency", "vendor_tax_id": "vat", "iban": "iban",
}  # fmt: skip


def invoice2data(datasets: Path) -> Iterator[Labelled]:
    """The invoice2data set: the PDF (or text) of each expected JSON."""
    folder = datasets / "invoice2data"
    rows = manifest(folder)
    for exp in sorted((folder / "expected").glob("*.json")):
        lab = json.loads(exp.read_text(encoding="utf-8"))
        flat = lab[0] if isinstance(lab, list) else lab
        docs = sorted((folder / "docs").glob(f"{exp.stem}.*"))
        pdf = [d for d in docs if d.suffix.lower() == ".pdf"]
        path = pdf[0] if pdf else docs[0]
        truth = {name: str(flat[src]) for name, src in _I2D_FIELDS.items() if flat.get(src) not in (None, "")}
        row = rows.get(exp.stem, {})
        vendor = vendor_group(row.get("issuer") or flat.get("issuer") or exp.stem)
        yield Labelled(
            exp.stem, "invoice2data", "invoice", path, truth, lab, row.get("split") or "dev", vendor
        )


def sroie(datasets: Path, name: str = "sroie") -> Iterator[Labelled]:
    """The SROIE receipts of ``name`` (``sroie``: evaluation only; ``sroie-train``: other vendors)."""
    folder = datasets / name
    rows = manifest(folder)
    for key in sorted((folder / "key").glob("*.json")):
        lab = json.loads(key.read_text(encoding="utf-8"))
        truth = {
            "merchant_name": lab.get("company"),
            "merchant_address": lab.get("address"),
            "transaction_date": lab.get("date"),
            "total": lab.get("total"),
        }
        row = rows.get(key.stem, {})
        yield Labelled(
            key.stem, name, "receipt", folder / "images" / f"{key.stem}.jpg",
            {k: str(v) for k, v in truth.items() if v}, lab, row.get("split") or "dev",
            vendor_group(lab.get("company") or key.stem),
        )  # fmt: skip


def vendor_group(name: str) -> str:
    """The fold group of a vendor: its name in letters and digits, upper case."""
    return re.sub(r"[^0-9A-Z]", "", str(name).upper()) or str(name)


def load_set(name: str, datasets: Path) -> list[Labelled]:
    """The labelled documents of set ``name`` (zugferd, zugferd-ocr, invoice2data, sroie-train, sroie)."""
    if name == "zugferd":
        return list(zugferd(datasets))
    if name == "zugferd-ocr":
        return list(zugferd(datasets, ocr=True))
    if name == "invoice2data":
        return list(invoice2data(datasets))
    if name in ("sroie", "sroie-train"):
        return list(sroie(datasets, name))
    raise KeyError(name)


# ---------------------------------------------------------------------------- reading with a cache


def render_pages(pdf_bytes: bytes, dpi: int = RENDER_DPI) -> bytes:
    """A PDF rendered to a multi-page TIFF (LZW, ``dpi`` recorded), deterministic for the same PDF."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        images = [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()
    buf = io.BytesIO()
    images[0].save(buf, format="TIFF", save_all=True, append_images=images[1:], compression="tiff_lzw",
                   dpi=(dpi, dpi))  # fmt: skip
    return buf.getvalue()


def input_bytes(item: Labelled) -> tuple[bytes, str]:
    """The bytes the reader gets for ``item`` and the file name to give it (rendered for -ocr sets)."""
    data = item.path.read_bytes()
    if item.set == "zugferd-ocr":
        return render_pages(data), f"{item.id}.tiff"
    return data, item.path.name


@cache
def reader_fingerprint() -> str:
    """A hash of the reading code and data files: a cached reading is reused only by the same reader."""
    import docsift.reading

    root = Path(docsift.reading.__file__).parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json", ".txt") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cache_key(data: bytes, options: RunOptions) -> str:
    """The cache key of reading ``data`` with ``options``: file hash, reader settings and reader code."""
    settings = {
        "reader": reader_fingerprint(),
        "embedded": options.use_embedded_xml,
        "pref": options.pref.value,
        "engine": options.ocr_engine,
        "force_ocr": options.force_ocr,
        "langs": options.ocr_languages,
    }
    h = hashlib.sha256(data)
    h.update(json.dumps(settings, sort_keys=True).encode())
    return h.hexdigest()[:32]


def read_cached(data: bytes, file_name: str, options: RunOptions, cache: Path | None) -> Document:
    """``read_document(data, file_name, options)``, from ``cache`` when read before.

    Raises what read_document raises (nothing is cached then).
    """
    from docsift.reading import read_document

    path = cache / f"{cache_key(data, options)}.json" if cache is not None else None
    if path is not None and path.exists():
        return Document.model_validate(json.loads(path.read_text(encoding="utf-8")))
    doc = read_document(data, file_name, options)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        # json.dumps escapes lone surrogates (some PDF text layers have them), model_dump_json refuses them
        tmp.write_text(json.dumps(doc.model_dump(mode="python")), encoding="utf-8")
        tmp.replace(path)
    return doc
