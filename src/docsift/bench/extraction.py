"""``docsift bench --section extraction``: field accuracy per set, line-item cells, speed, calibration.

Sets (``--set``): zugferd (digital PDFs, embedded XML switched off), zugferd-ocr (the same PDFs
rendered to 200-dpi images, read by OCR), invoice2data, sroie-train and sroie. Each document is
read (read results are cached under bench/cache/read, keyed by file hash and reader settings, so
OCR runs once), extracted, and its native result written to
<out>/extraction-predictions/<set>[-oof]/<id>.json; the scores are computed from those files
exactly as ../shared/tools/score.py computes them, split by the manifest's ``split`` column.

A set the shipped models were trained on is scored twice: with the shipped models (which saw it:
that figure says nothing about unseen vendors) and out of fold, with the models of the fold that
held the document's vendor out (bench/oof.py). sroie is never trained on: its figure is held out.
Speed: digital invoices end to end (read + extract, no cache) and extraction time per OCR'd page.
Calibration: how often fields of each confidence band are right, out of fold where a set is in
training.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from rich.table import Table

from docsift.bench import BenchContext
from docsift.bench.ceiling import Ceiling
from docsift.bench.extraction_score import TRUTH, SetScore, same
from docsift.bench.oof import Folds, oof_folds
from docsift.bench.unseen import per_axis, unseen_items
from docsift.errors import DocsiftError
from docsift.extraction.models.bundle import ModelSet
from docsift.pipeline.reread import reread_parties
from docsift.reading.model import Document, TextSource
from docsift.result import DocumentResult, ErrorItem
from docsift.training.corpus import Labelled, input_bytes, load_set, read_cached
from docsift.training.prepare import options_for
from docsift.training.recipe import SHIPPED

SETS = ("zugferd", "zugferd-ocr", "invoice2data", "sroie-train", "sroie", "synth-unseen")
SCORER = {"zugferd": "zugferd", "zugferd-ocr": "zugferd", "invoice2data": "invoice2data", "sroie": "sroie",
          "sroie-train": "sroie", "synth-unseen": "canonical"}  # fmt: skip
CEILING_FIELDS = {"merchant_name": "name", "vendor_name": "name", "customer_name": "name",
                  "merchant_address": "address"}  # fmt: skip
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01))
SPEED_ROUNDS = 3


def run(ctx: BenchContext) -> dict[str, Any]:
    """Run the extraction benchmark on ``ctx.sets`` (default: all); returns the report."""
    if not ctx.datasets.is_dir():
        ctx.console.print("[yellow]no datasets: extraction section skipped")
        return {"skipped": "no datasets"}
    sets = [s for s in (ctx.sets or SETS) if s in SETS]
    cache = Path("bench/cache/read")
    preds_root = ctx.out / "extraction-predictions"
    report: dict[str, Any] = {"sets": {}, "timing": {}, "calibration_per_set": {}}
    calib: list[tuple[float, bool]] = []
    folds = _folds(ctx, cache) if ctx.oof and any(s in SHIPPED.sets for s in sets) else None
    for name in sets:
        items = (unseen_items() if name == "synth-unseen" else load_set(name, ctx.datasets))[: ctx.limit]
        trained = name in SHIPPED.sets
        shipped = run_set(name, items, cache, preds_root / name, ctx)
        entry: dict[str, Any] = {"trained_on": trained, "shipped": shipped["scores"]}
        label = (
            "shipped models, TRAINED ON this set" if trained else "shipped models, never trained on this set"
        )
        print_scores(ctx, f"{name} ({label})", shipped["scores"])
        outcome = shipped
        if trained and folds is not None:
            outcome = run_set(name, items, cache, preds_root / f"{name}-oof", ctx, folds)
            entry["out_of_fold"] = outcome["scores"]
            print_scores(
                ctx, f"{name} (OUT OF FOLD, {SHIPPED.folds} folds grouped by vendor)", outcome["scores"]
            )
        if shipped["ocr_ceiling"]:
            entry["ocr_ceiling"] = shipped["ocr_ceiling"]
            for kind, c in shipped["ocr_ceiling"].items():
                ctx.console.print(f"OCR ceiling, {name} {kind}: read right in {c['as_read']}, "
                                  f"after repair {c['repaired']}")  # fmt: skip
        if name == "synth-unseen":
            entry["per_axis"] = per_axis(shipped["outcomes"], items)
            print_axes(ctx, entry["per_axis"])
        report["sets"][name] = entry
        report["timing"][name] = shipped["timing"]
        calib += outcome["calibration"]
        report["calibration_per_set"][name] = calibration_table(outcome["calibration"])["at_least_0.9"]
    if "zugferd" in sets:
        report["speed"] = digital_speed(load_set("zugferd", ctx.datasets)[: ctx.limit])
    report["calibration"] = calibration_table(calib)
    print_speed(ctx, report)
    print_calibration(ctx, report["calibration"], report["calibration_per_set"])
    report["predictions"] = str(preds_root)
    return report


def _folds(ctx: BenchContext, cache: Path) -> Folds:
    root = Path("synth-data")
    return oof_folds(SHIPPED, ctx.datasets, root, cache, Path("bench/cache/folds"), ctx.console.print)


def extract_item(
    item: Labelled, cache: Path | None, models: ModelSet | None = None
) -> tuple[dict[str, Any], float, Document | None, float]:
    """Read (cached) and extract one item with ``models`` (default: the shipped ones): (native result
    dict or {}, extract CPU ms, the read Document (None when unreadable), probability of the right
    type)."""
    from docsift.extraction import extract
    from docsift.extraction.document.doctype import detect_type
    from docsift.extraction.document.index import build_index

    options = options_for(item)
    try:
        data, file_name = input_bytes(item)
        doc = read_cached(data, file_name, options, cache)
    except (DocsiftError, OSError):
        return {}, 0.0, None, 0.0
    result = DocumentResult(document_id=item.id, file_name=file_name, pages=len(doc.pages))
    start = time.process_time()  # CPU time: the work extraction adds, whatever else runs on the machine
    try:
        result = extract(doc, options, result, models)
        if any(p.source == TextSource.OCR for p in doc.pages):
            reread_parties(data, doc, options, result)
    except DocsiftError as e:
        result.errors.append(ErrorItem(stage="extract", message=e.message, code=e.code))
    ms = (time.process_time() - start) * 1000
    guess = detect_type(build_index(doc)).scores.get(item.doc_type, 0.0) if doc.pages else 0.0
    return result.to_json_dict(), ms, doc, guess


def run_set(
    name: str, items: list[Labelled], cache: Path, preds: Path, ctx: BenchContext, folds: Folds | None = None
) -> dict[str, Any]:
    """Extract and score one set, with the shipped models or (``folds``) each document with the models
    of the fold that held its vendor out; predictions are written to ``preds``."""
    preds.mkdir(parents=True, exist_ok=True)
    truth_fn = TRUTH[SCORER[name]]
    by_split: dict[str, SetScore] = defaultdict(lambda: SetScore(SCORER[name]))
    ms_total, pages_total, ocr_pages, type_ok = 0.0, 0, 0, 0
    calib: list[tuple[float, bool]] = []
    ceiling = Ceiling()
    for item in items:
        models = folds.models_for(item) if folds is not None else None
        if folds is not None and models is None:
            continue  # a document the folds never held out (not in the training run)
        result, ms, doc, type_p = extract_item(item, cache, models)
        pages = len(doc.pages) if doc else 0
        ocr = doc is not None and any(p.source == TextSource.OCR for p in doc.pages)
        (preds / f"{item.id}.json").write_text(
            json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8"
        )
        truth, lines = truth_fn(item.raw_label)
        by_split[item.split].add(item.id, truth, lines, result)
        ms_total += ms
        pages_total += pages
        ocr_pages += pages if ocr else 0
        type_ok += type_p >= 0.5
        calib += _calibration_points(truth, result)
        if ocr and doc is not None:
            for field_name, kind in CEILING_FIELDS.items():
                ceiling.add(doc, kind, (truth.get(field_name) or ("", None))[1])
    scores = {split: s.report() for split, s in sorted(by_split.items())}
    timing = {
        "documents": len(items),
        "extract_ms_per_doc": round(ms_total / max(len(items), 1), 1),
        "extract_ms_per_page": round(ms_total / max(pages_total, 1), 1),
        "ocr_pages": ocr_pages,
        "type_detected": f"{type_ok}/{len(items)}",
    }
    outcomes = [o for s in by_split.values() for o in s.outcomes]
    return {"scores": scores, "timing": timing, "calibration": calib, "ocr_ceiling": ceiling.report(),
            "outcomes": outcomes}  # fmt: skip


def _calibration_points(
    truth: dict[str, tuple[str, Any]], result: dict[str, Any]
) -> list[tuple[float, bool]]:
    points = []
    fields = result.get("fields") or {}
    for name, (kind, tv) in truth.items():
        f = fields.get(name)
        if tv in (None, "") or not isinstance(f, dict) or f.get("value") in (None, ""):
            continue
        points.append((float(f.get("confidence") or 0.0), same(kind, tv, f.get("value"))))
    return points


def calibration_table(points: list[tuple[float, bool]]) -> dict[str, Any]:
    """Per confidence band: fields predicted and the share right; plus the >= 0.9 headline."""
    bands = []
    for lo, hi in BANDS:
        inside = [ok for c, ok in points if lo <= c < hi]
        bands.append({"band": f"{lo:.2f}-{min(hi, 1.0):.2f}", "fields": len(inside),
                      "right": round(sum(inside) / len(inside), 4) if inside else None})  # fmt: skip
    high = [ok for c, ok in points if c >= 0.9]
    return {
        "bands": bands,
        "at_least_0.9": {"fields": len(high), "right": round(sum(high) / len(high), 4) if high else None},
    }


def digital_speed(items: list[Labelled]) -> dict[str, Any]:
    """Documents per second, read + extract with no cache, on one core (best of a few rounds)."""
    from docsift.pipeline import run_pipeline

    inputs = [(it.path.read_bytes(), it.path.name, options_for(it)) for it in items]
    if not inputs:
        return {}
    run_pipeline(*inputs[0][:2], inputs[0][2])  # load models once
    best = cpu_best = float("inf")
    for _ in range(SPEED_ROUNDS):
        start, cpu = time.perf_counter(), time.process_time()
        for data, file_name, options in inputs:
            run_pipeline(data, file_name, options)
        best = min(best, time.perf_counter() - start)
        cpu_best = min(cpu_best, time.process_time() - cpu)
    return {
        "documents": len(inputs),
        "seconds": round(best, 3),
        "docs_per_s": round(len(inputs) / best, 1),
        "cpu_seconds": round(cpu_best, 3),
        "docs_per_cpu_s": round(len(inputs) / cpu_best, 1),
    }


def print_scores(ctx: BenchContext, name: str, scores: dict[str, dict[str, Any]]) -> None:
    """One table per set and split: correct / wrong / missing / F1 per field, then overall and line cells."""
    for split, rep in scores.items():
        table = Table(
            title=f"extraction: {name} ({split}, {rep['documents']} docs, {rep['no_result']} unread)"
        )
        for col in ("field", "correct", "wrong", "missing", "F1"):
            table.add_column(col, justify="left" if col == "field" else "right")
        for field, v in rep["fields"].items():
            table.add_row(field, str(v["correct"]), str(v["wrong"]), str(v["missing"]), f"{v['f1']:.3f}")
        o = rep["overall"]
        table.add_row(
            "[b]overall", str(o["correct"]), str(o["wrong"]), str(o["missing"]), f"[b]{rep['overall_f1']:.3f}"
        )
        if "line_cells" in rep:
            lc = rep["line_cells"]
            table.add_row("line-item cells", f"{lc['correct']}/{lc['truth']}", f"{lc['predicted']} pred", "",
                          f"{lc['f1']:.3f}")  # fmt: skip
        ctx.console.print(table)


def print_axes(ctx: BenchContext, axes: dict[str, dict[str, Any]], worst: int = 12) -> None:
    """The layout axis values of the unseen synthetic set with the lowest field F1."""
    table = Table(title=f"synth-unseen: the {worst} layout axis values with the lowest field F1")
    for col in ("axis=value", "documents", "F1"):
        table.add_column(col)
    for key, v in sorted(axes.items(), key=lambda kv: kv[1]["f1"])[:worst]:
        table.add_row(key, str(v["documents"]), f"{v['f1']:.3f}")
    ctx.console.print(table)


def print_speed(ctx: BenchContext, report: dict[str, Any]) -> None:
    """Timing per set and the end-to-end digital speed."""
    table = Table(title="extraction speed")
    for col in ("set", "docs", "extract CPU ms/doc", "extract CPU ms/page", "OCR'd pages", "type detected"):
        table.add_column(col)
    for name, t in report["timing"].items():
        table.add_row(name, str(t["documents"]), str(t["extract_ms_per_doc"]), str(t["extract_ms_per_page"]),
                      str(t["ocr_pages"]), t["type_detected"])  # fmt: skip
    ctx.console.print(table)
    speed = report.get("speed") or {}
    if speed:
        docs, secs = speed["documents"], speed["seconds"]
        rate = f"[b]{speed['docs_per_s']} docs/s[/b] wall clock ({docs} docs in {secs} s)"
        ctx.console.print(f"digital invoices end to end (read + extract, one process): {rate}, "
                          f"{speed['docs_per_cpu_s']} docs per CPU second")  # fmt: skip


def print_calibration(ctx: BenchContext, cal: dict[str, Any], per_set: dict[str, Any] | None = None) -> None:
    """The calibration table: per confidence band, fields and the share right; then the fields at
    0.9 or more of each set."""
    table = Table(title="confidence calibration (scored fields, all sets)")
    for col in ("confidence", "fields", "right"):
        table.add_column(col)
    for b in cal["bands"]:
        table.add_row(b["band"], str(b["fields"]), "-" if b["right"] is None else f"{b['right']:.3f}")
    high = cal["at_least_0.9"]
    table.add_row(
        "[b]>= 0.90", str(high["fields"]), "-" if high["right"] is None else f"[b]{high['right']:.3f}"
    )
    for name, h in (per_set or {}).items():
        table.add_row(
            f">= 0.90, {name}", str(h["fields"]), "-" if h["right"] is None else f"{h['right']:.3f}"
        )
    ctx.console.print(table)
