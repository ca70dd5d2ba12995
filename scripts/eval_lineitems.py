#!/usr/bin/env python3
"""Dev evaluation of line items and tax details on ../shared/datasets/zugferd.

Reads each PDF with docsift's reader (text layer, or --ocr: every page rendered at 200 dpi and
OCR'd), runs docsift.extraction.tables.items.tables_of and scores the line cells like
../shared/tools/score.py (score_lines). Read documents are cached on disk (--cache) so repeated
runs cost no OCR. Usage:

    .venv/bin/python scripts/eval_lineitems.py [--ocr] [--only SUBSTR] [-v] [--cache DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _tiff_200dpi(pdf: bytes) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = [page.render(scale=200 / 72).to_pil().convert("L") for page in doc]
    buf = io.BytesIO()
    images[0].save(buf, format="TIFF", save_all=True, append_images=images[1:], dpi=(200, 200))
    return buf.getvalue()


def read_cached(path: Path, ocr: bool, cache: Path, cached_only: bool = False) -> Any:
    """The Document for ``path`` (text layer or OCR of a 200-dpi rendering), cached as JSON; None when
    ``cached_only`` and it is not cached yet."""
    from docsift.options import RunOptions
    from docsift.reading import Document, read_document

    data = path.read_bytes()
    key = hashlib.sha1(data + (b"ocr200" if ocr else b"text")).hexdigest()[:16]
    hit = cache / f"{path.stem}.{'ocr' if ocr else 'text'}.{key}.json"
    if hit.exists():
        return Document.model_validate(json.loads(hit.read_text(encoding="ascii")))
    options = RunOptions(use_embedded_xml=False)
    doc = (
        read_document(_tiff_200dpi(data), path.stem + ".tiff", options)
        if ocr
        else read_document(data, path.name, options)
    )
    cache.mkdir(parents=True, exist_ok=True)
    hit.write_text(json.dumps(doc.model_dump(mode="json"), ensure_ascii=True), encoding="ascii")
    return doc


def _tax_hits(truth: list[dict[str, Any]], pred: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(matched, truth rows, predicted rows): a match has equal rate and amount, and an equal basis
    unless the prediction has none (a basis the page does not print)."""

    def key(rate: Any, basis: Any, amount: Any) -> tuple[Decimal | None, ...]:
        return tuple(
            Decimal(str(v)).quantize(Decimal("0.01")) if v not in (None, "") else None
            for v in (rate, basis, amount)
        )

    want = [key(t.get("rate"), t.get("basis"), t.get("amount")) for t in truth]
    got = [key(*(p.get(k).value if p.get(k) else None for k in ("rate", "basis", "amount"))) for p in pred]
    hits = 0
    for w in want:
        hit = next((g for g in got if g[0] == w[0] and g[2] == w[2] and g[1] in (w[1], None)), None)
        if hit is not None:
            got.remove(hit)
            hits += 1
    return hits, len(want), len(pred)


def _report(name: str, tot: list[int]) -> None:
    g, t, p = tot
    prec, rec = (g / p if p else 0.0), (g / t if t else 0.0)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print(f"\nline cells ({name}): {g}/{t} truth, {p} predicted  P {prec:.3f} R {rec:.3f} F1 {f1:.3f}")


def _show_diff(score: Any, truth: list[dict[str, Any]], pred: list[dict[str, Any]], cols: Any) -> None:
    """Print the truth rows not matched cell for cell (with their best prediction) and extra predictions."""
    used: set[int] = set()
    for t in truth:
        best, best_n = None, 0
        for j, p in enumerate(pred):
            n = sum(1 for c, k in cols if t.get(c) is not None and score.same(k, t[c], p.get(c)))
            if j not in used and n > best_n:
                best, best_n = j, n
        if best is not None:
            used.add(best)
        if best is None or best_n < sum(1 for c, _ in cols if t.get(c) is not None):
            got = pred[best] if best is not None else None
            print("   T", {c: t.get(c) for c, _ in cols if t.get(c) is not None})
            print("   P", {c: got.get(c) for c, _ in cols} if got else None)
    for j, p in enumerate(pred):
        if j not in used:
            print("   +", p)


def eval_synth(args: argparse.Namespace) -> int:
    """Score every synthetic document (PDF or scan image) on all line columns of its truth."""
    from docsift.extraction.tables.items import tables_of

    score = _scorer()
    tot, tax_tot = [0, 0, 0], [0, 0, 0]
    for truth_path in sorted((args.synth / "truth").glob("*.json")):
        if args.only not in truth_path.stem:
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        doc_path = next((args.synth / "docs").glob(truth_path.stem + ".*"))
        doc = read_cached(doc_path, False, args.cache)
        items, taxes = tables_of(doc, truth["document_type"])
        tlines = truth.get("line_items") or []
        pred = [{k: v.value for k, v in r.items()} for r in items]
        cols = score.line_cols(tlines)
        g, t, p = score.score_lines(tlines, pred, cols)
        p = sum(1 for r in pred for c, _ in cols if r.get(c) not in (None, ""))
        tot = [tot[0] + g, tot[1] + t, tot[2] + p]
        th = _tax_hits(truth.get("tax_details") or [], taxes)
        tax_tot = [a + b for a, b in zip(tax_tot, th, strict=True)]
        flag = "" if g == t == p else "  <--"
        print(
            f"{truth_path.stem:24s} {truth['layout'][:34]:34s} {g:3d}/{t:3d} truth {p:3d} pred  "
            f"tax {th[0]}/{th[1]} ({th[2]}){flag}"
        )
        if args.verbose and flag:
            _show_diff(score, tlines, pred, cols)
    _report("synthetic", tot)
    print(
        f"tax rows (rate, amount, printed basis equal): {tax_tot[0]}/{tax_tot[1]} truth, "
        f"{tax_tot[2]} predicted"
    )
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ocr", action="store_true", help="OCR 200-dpi renderings instead of the text layer")
    ap.add_argument("--only", default="", help="only documents whose id contains this")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/docsift-eval-cache"))
    ap.add_argument("--cached-only", action="store_true", help="skip documents not read before")
    ap.add_argument("--synth", type=Path, help="score a `docsift synth` output folder (truth/*.json) instead")
    args = ap.parse_args()
    if args.synth:
        return eval_synth(args)
    sys.path.insert(0, str(ROOT / "src"))
    from docsift.extraction.tables.items import tables_of
    from docsift.schema import get_schema

    score = _scorer()
    schema = get_schema("invoice")
    base = SHARED / "datasets" / "zugferd"
    tot = [0, 0, 0]
    tax_tot = [0, 0, 0]
    for gt_path in sorted((base / "gt").glob("*.json")):
        if args.only not in gt_path.stem:
            continue
        gt = json.loads(gt_path.read_text(encoding="utf-8"))
        doc = read_cached(base / "pdf" / f"{gt_path.stem}.pdf", args.ocr, args.cache, args.cached_only)
        if doc is None:
            continue
        items, taxes = tables_of(doc, schema.document_type)
        th = _tax_hits(gt.get("tax_breakdown") or [], taxes)
        tax_tot = [a + b for a, b in zip(tax_tot, th, strict=True)]
        _, tlines = score.truth_zugferd(gt)
        if not tlines or gt.get("gt_quality") != "ok":
            continue
        pred = [{k: v.value for k, v in r.items()} for r in items]
        g, t, p = score.score_lines(tlines, pred)
        tot = [tot[0] + g, tot[1] + t, tot[2] + p]
        flag = "" if g == t == p else "  <--"
        print(f"{gt_path.stem[:55]:55s} {g:3d}/{t:3d} truth {p:3d} pred  tax {th[0]}/{th[1]} ({th[2]}){flag}")
        if args.verbose and flag:
            for row in tlines:
                print("   T", {k: row.get(k) for k in ("description", "quantity", "unit_price", "amount")})
            for row in pred:
                print("   P", {k: row.get(k) for k in ("description", "quantity", "unit_price", "amount")})
    g, t, p = tot
    prec, rec = (g / p if p else 0.0), (g / t if t else 0.0)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    mode = "OCR 200 dpi" if args.ocr else "text layer"
    print(f"\nline cells ({mode}): {g}/{t} truth, {p} predicted  P {prec:.3f} R {rec:.3f} F1 {f1:.3f}")
    print(
        f"tax rows (rate, amount, printed basis equal): {tax_tot[0]}/{tax_tot[1]} truth, "
        f"{tax_tot[2]} predicted"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
