"""``docsift bench --section reading``: OCR quality and reading speed and memory.

- SROIE (``--set sroie``): every receipt image read by each OCR configuration (the ``speed`` and
  ``accuracy`` defaults and each engine forced); words read (recall, precision, F1, case-insensitive
  bag of words) and character error rate against ``box/*.csv`` (see ``reading_metrics``), and
  seconds per page (wall and CPU, one process, one thread; models loaded before timing).
- synth-scans (``--set synth-scans``): generated invoice pages rendered as 200/300-dpi scans
  (clean, noisy, skewed, faint; see ``reading_synth``), the same configurations, scored against the
  PDF's own text layer: the other input kind, scanned document pages.
- zugferd (``--set zugferd``): text-layer pages per second through ``read_document`` with the
  embedded XML ignored.
- memory (``--set memory``): peak RSS of a fresh process reading a generated 100-page PDF.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image
from rich.table import Table

from docsift.bench import BenchContext
from docsift.bench.reading_metrics import Tally, score_page, truth_words
from docsift.errors import DocsiftError
from docsift.options import ProcessingPref, RunOptions
from docsift.reading.model import Word
from docsift.reading.ocr import ocr_page, set_threads
from docsift.reading.ocr.select import choose

SETS = ("sroie", "synth-scans", "zugferd", "memory")
SYNTH_PAGES = 16
CONFIGS: dict[str, RunOptions] = {
    "speed": RunOptions(pref=ProcessingPref.SPEED),
    "accuracy": RunOptions(pref=ProcessingPref.ACCURACY),
    "rapidocr": RunOptions(ocr_engine="rapidocr"),
    "tesseract": RunOptions(ocr_engine="tesseract"),
}
MEMORY_PAGES = 100
COLUMNS = (
    "config",
    "plan",
    "pages",
    "recall",
    "precision",
    "F1",
    "CER",
    "median s",
    "median CPU s",
    "pages/s",
)


@dataclass
class OcrRun:
    """One configuration over the receipts: scores, per-page times, failures."""

    name: str
    plan: str
    tally: Tally = field(default_factory=Tally)
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        t = self.tally
        mean = statistics.mean(self.wall) if self.wall else 0.0
        return {
            "plan": self.plan,
            "pages": len(self.wall),
            "failed": self.failed,
            "recall": round(t.recall, 4),
            "precision": round(t.precision, 4),
            "f1": round(t.f1, 4),
            "cer": round(t.cer, 4),
            "truth_words": t.truth,
            "median_s": round(statistics.median(self.wall), 3) if self.wall else None,
            "median_cpu_s": round(statistics.median(self.cpu), 3) if self.cpu else None,
            "pages_per_s": round(1 / mean, 3) if mean else None,
        }


def run(ctx: BenchContext) -> dict[str, Any]:
    """Run the reading benchmark on ``ctx.sets`` (default: all); returns the report."""
    sets = [s for s in (ctx.sets or SETS) if s in SETS]
    if not sets:
        ctx.console.print(f"[yellow]reading: none of the sets {', '.join(SETS)} was asked for")
        return {"skipped": "no reading sets asked for"}
    set_threads(1)
    report: dict[str, Any] = {}
    if "sroie" in sets:
        report["sroie"] = sroie_report(ctx)
    if "synth-scans" in sets:
        report["synth_scans"] = synth_report(ctx)
    if "zugferd" in sets:
        report["text_layer"] = text_layer_speed(ctx)
    if "memory" in sets:
        report["memory"] = peak_memory(MEMORY_PAGES)
    print_report(ctx, report)
    return report


def sroie_report(ctx: BenchContext) -> dict[str, Any]:
    """Each OCR configuration over the SROIE receipts (at most ctx.limit)."""
    root = ctx.datasets / "sroie"
    if not root.is_dir():
        return {"skipped": f"{root} not found"}
    images = sorted((root / "images").glob("*.jpg"))[: ctx.limit]

    def pages() -> Iterator[tuple[str, Image.Image, list[Word]]]:
        for path in images:
            with Image.open(path) as im:
                im.load()
                # truth boxes are relative to the image as stored; an OCR'd page may be turned or grown
                # by deskewing, which only moves the reading order used by CER a little
                yield path.name, im, truth_words(root / "box" / f"{path.stem}.csv", im.width, im.height)

    return all_configs(pages, len(images), ctx)


def synth_report(ctx: BenchContext) -> dict[str, Any]:
    """Each OCR configuration over generated invoice scans (at most ctx.limit)."""
    try:
        import pypdfium2  # noqa: F401

        from docsift.bench.reading_synth import synth_pages
    except ImportError as e:
        return {"skipped": f"synthetic scans unavailable: {e}"}
    n = min(SYNTH_PAGES, ctx.limit or SYNTH_PAGES)
    cached = [(p.name, p.image, p.truth) for p in synth_pages(n)]
    return all_configs(lambda: iter(cached), n, ctx)


PageSource = Callable[[], Iterator[tuple[str, Image.Image, list[Word]]]]


def all_configs(pages: PageSource, n: int, ctx: BenchContext) -> dict[str, Any]:
    """Every configuration of CONFIGS over ``pages``; a configuration whose plan equals an earlier
    one's is not run again."""
    done: dict[str, dict[str, Any]] = {}
    out: dict[str, Any] = {}
    for name, options in CONFIGS.items():
        plan = str(choose(options))
        same = next((k for k, v in done.items() if v["plan"] == plan), None)
        if same is not None:
            out[name] = {**done[same], "same_as": same}
            continue
        done[name] = out[name] = ocr_run(name, plan, options, pages(), n, ctx).summary()
    return out


def ocr_run(
    name: str, plan: str, options: RunOptions, pages: Iterator[tuple[str, Image.Image, list[Word]]], n: int,
    ctx: BenchContext,
) -> OcrRun:  # fmt: skip
    """Read ``pages`` with ``options`` and score each against its truth words."""
    outcome = OcrRun(name, plan)
    ocr_page(Image.new("RGB", (320, 96), "white"), 1, options)  # load models before timing
    with ctx.console.status(f"OCR {name}: {n} pages") as status:
        for i, (label, image, truth) in enumerate(pages, 1):
            status.update(f"OCR {name}: {i}/{n} {label}")
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                page = ocr_page(image, 1, options)
            except DocsiftError as e:
                outcome.failed.append(f"{label}: {e.message}")
                continue
            outcome.wall.append(time.perf_counter() - wall)
            outcome.cpu.append(time.process_time() - cpu)
            outcome.tally.add(score_page(page, truth))
    return outcome


def text_layer_speed(ctx: BenchContext) -> dict[str, Any]:
    """Pages per second of read_document on the zugferd PDFs, embedded XML ignored (best of 3 rounds)."""
    from docsift.reading import read_document

    root = ctx.datasets / "zugferd"
    pdfs = sorted(root.glob("**/*.pdf"))[: ctx.limit]
    if not pdfs:
        return {"skipped": f"no PDFs under {root}"}
    options = RunOptions(use_embedded_xml=False)
    blobs = [(p.name, p.read_bytes()) for p in pdfs]
    best, pages, ocr_pages = float("inf"), 0, 0
    failed: list[str] = []
    for _ in range(3):
        pages, ocr_pages, failed = 0, 0, []
        start = time.perf_counter()
        for name, data in blobs:
            try:
                doc = read_document(data, name, options)
            except DocsiftError as e:
                failed.append(f"{name}: {e.message}")
                continue
            pages += len(doc.pages)
            ocr_pages += sum(1 for p in doc.pages if p.source == "ocr")
        best = min(best, time.perf_counter() - start)
    return {
        "documents": len(blobs),
        "pages": pages,
        "ocr_pages": ocr_pages,
        "failed": failed,
        "seconds": round(best, 3),
        "pages_per_s": round(pages / best, 1) if best else None,
    }


_MEMORY_SCRIPT = """
import resource, sys
from docsift.options import RunOptions
from docsift.reading import read_document
doc = read_document(open(sys.argv[1], 'rb').read(), 'many.pdf', RunOptions(use_embedded_xml=False))
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # inherited across exec from the parent
try:  # VmHWM belongs to this process image alone
    status = open('/proc/self/status').read().split('VmHWM:')[1]
    peak_kb = int(status.split()[0])
except (OSError, IndexError, ValueError):
    pass
print(len(doc.pages), sum(len(p.words) for p in doc.pages), peak_kb)
"""


def peak_memory(pages: int) -> dict[str, Any]:
    """Peak RSS (MB) of a fresh process reading a generated ``pages``-page text PDF."""
    try:
        data = _many_page_pdf(pages)
    except ImportError:
        return {"skipped": "reportlab (dev extra) is needed to generate the PDF"}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "many.pdf"
        path.write_bytes(data)
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", _MEMORY_SCRIPT, str(path)], capture_output=True, text=True, timeout=900
        )
        seconds = time.perf_counter() - start
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
    n_pages, n_words, max_kb = (int(v) for v in proc.stdout.split()[-3:])
    return {
        "pages": n_pages,
        "words": n_words,
        "peak_rss_mb": round(max_kb / 1024, 1),
        "seconds": round(seconds, 2),
    }


def _many_page_pdf(pages: int) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    width, height = A4
    for n in range(1, pages + 1):
        c.setFont("Helvetica-Bold", 16)
        c.drawString(50, height - 60, f"INVOICE INV-{1000 + n}  page {n} of {pages}")
        c.setFont("Helvetica", 10)
        for row in range(40):
            y = height - 100 - row * 17
            c.drawString(50, y, f"{row + 1:>3}  Item {n}-{row} description of goods supplied")
            c.drawRightString(width - 50, y, f"{(row + 1) * 3.25 + n:,.2f} EUR")
        c.showPage()
    c.save()
    return buf.getvalue()


def print_report(ctx: BenchContext, report: dict[str, Any]) -> None:
    """Rich tables of what ``run`` measured."""
    titles = {
        "sroie": "OCR on SROIE receipts (case-insensitive bag of words vs box/*.csv)",
        "synth_scans": "OCR on generated invoice scans (words vs the PDF text layer)",
    }
    for key, title in titles.items():
        rows = report.get(key)
        if not rows:
            continue
        if "skipped" in rows:
            ctx.console.print(f"[yellow]{key}: {rows['skipped']}")
            continue
        table = Table(title=title)
        for col in COLUMNS:
            table.add_column(col, justify="left" if col.startswith("config") else "right", no_wrap=True)
        for name, r in rows.items():
            label = f"{name}: = {r['same_as']}" if "same_as" in r else f"{name}: {r['plan']}"
            table.add_row(
                label, str(r["pages"]), f"{r['recall']:.3f}", f"{r['precision']:.3f}",
                f"{r['f1']:.3f}", f"{r['cer']:.3f}", str(r["median_s"]), str(r["median_cpu_s"]),
                str(r["pages_per_s"]),
            )  # fmt: skip
        ctx.console.print(table, width=max(ctx.console.width, 120))
    for key, title in (
        ("text_layer", "text layer (zugferd, XML ignored)"),
        ("memory", "peak memory, 100 pages"),
    ):
        if key in report:
            ctx.console.print(f"[bold]{title}:[/] {report[key]}")
