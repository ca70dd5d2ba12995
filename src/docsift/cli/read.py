"""``docsift read FILE``: what docsift reads from one file, as laid-out text or the JSON Document."""

from __future__ import annotations

from enum import StrEnum
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from docsift.cli.app import app
from docsift.errors import ReadError
from docsift.options import ProcessingPref, RunOptions
from docsift.reading import Document, Page, Word, read_document

PHRASE_GAP = 0.6  # words closer than this many line heights print one space apart


class ReadFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def layout_text(page: Page, columns: int = 110) -> str:
    """The page's words placed on a fixed-width grid by their position: one grid row per usual
    line spacing, one column per ``1/columns`` of the page width; words of one phrase stay one
    space apart. Returns the text (runs of empty rows shortened to one)."""
    if not page.lines:
        return ""
    ordered = sorted(page.lines, key=lambda line: (line.bbox[1] + line.bbox[3]) / 2)
    centres = [(line.bbox[1] + line.bbox[3]) / 2 for line in ordered]
    steps = [b - a for a, b in pairwise(centres) if b - a > 0.002]
    unit = median(steps) if steps else 0.02
    rows: dict[int, list[Word]] = {}
    row, previous = 0, centres[0]
    for line, centre in zip(ordered, centres, strict=True):
        if centre - previous >= unit / 2:
            row += max(1, round((centre - previous) / unit))
        elif any(w.x0 < line.bbox[2] and line.bbox[0] < w.x1 for w in rows.get(row, [])):
            row += 1  # lines that would overlap on one grid row get a row each
        previous = centre
        rows.setdefault(row, []).extend(line.words)
    out: list[str] = []
    last = None
    for number in sorted(rows):
        if last is not None and number - last > 1:
            out.append("")
        out.append(
            _grid_row(sorted(rows[number], key=lambda w: w.x0), columns, page.width / (page.height or 1))
        )
        last = number
    return "\n".join(out)


def _grid_row(words: list[Word], columns: int, aspect: float) -> str:
    """One grid row: a word closer to the previous one than about a line height (a phrase)
    follows it after one space; any other word starts at its own column."""
    text = ""
    previous: Word | None = None
    for w in words:
        near = previous is not None and (w.x0 - previous.x1) * aspect < PHRASE_GAP * (
            previous.y1 - previous.y0
        )
        if previous is not None and (near or (w.x0 - previous.x1) * columns < 1.5):
            text += " " + w.text
        else:
            col = round(w.x0 * columns)
            text = text.ljust(max(col, len(text) + 1 if text else 0)) + w.text
        previous = w
    return text.rstrip()


def _describe(page: Page) -> str:
    what = page.source.value + (f" ({page.ocr_engine})" if page.ocr_engine else "")
    turn = f", turned {page.rotation}°" if page.rotation else ""
    return f"page {page.number}: {what}, {page.width} x {page.height} px at {page.dpi:.0f} dpi{turn}"


def print_document(doc: Document, console: Console, columns: int) -> None:
    """Print each page's laid-out text under a rule naming its source, then any e-invoice."""
    for page in doc.pages:
        console.rule(escape(_describe(page)))
        console.print(escape(layout_text(page, columns)), soft_wrap=True, highlight=False)
        for err in page.errors:
            console.print(f"[red]{escape(err)}[/red]")
    if doc.embedded:
        fields = doc.embedded.get("fields", {})
        items = doc.embedded.get("line_items", [])
        syntax = doc.embedded.get("syntax", "?")
        console.rule(
            f"embedded e-invoice ({escape(str(syntax))}): {len(fields)} fields, {len(items)} line items"
        )
        for name, value in fields.items():
            console.print(f"{name}: {escape(str(value))}", highlight=False)
    if not doc.pages and not doc.embedded:
        console.print("[yellow]nothing was read from this file[/yellow]")


@app.command()
def read(
    file: Annotated[Path, typer.Argument(help="a PDF, image or e-invoice XML file", show_default=False)],
    fmt: Annotated[
        ReadFormat, typer.Option("--format", "-f", help="text: the page layout; json: the Document")
    ] = (ReadFormat.TEXT),
    pref: Annotated[ProcessingPref, typer.Option(help="OCR: speed or accuracy")] = ProcessingPref.SPEED,
    force_ocr: Annotated[
        bool, typer.Option("--force-ocr", help="OCR every page, even with a text layer")
    ] = False,
    no_embedded_xml: Annotated[
        bool, typer.Option("--no-embedded-xml", help="ignore e-invoice XML in PDFs")
    ] = False,
    width: Annotated[int, typer.Option(help="text format: characters per page width")] = 110,
) -> None:
    """Read one file and print its pages' text with their layout, or the JSON Document.

    Exit status: 0 read, 1 the file cannot be read, 2 bad usage."""
    console = Console(soft_wrap=True)
    err = Console(stderr=True)
    if not file.is_file():
        err.print(f"[red]no such file: {escape(str(file))}[/red]")
        raise typer.Exit(2)
    options = RunOptions(pref=pref, force_ocr=force_ocr, use_embedded_xml=not no_embedded_xml)
    try:
        doc = read_document(file.read_bytes(), file.name, options)
    except ReadError as e:
        err.print(f"[red]{escape(file.name)}: {escape(e.message)}[/red]")
        raise typer.Exit(1) from e
    if fmt == ReadFormat.JSON:
        typer.echo(doc.model_dump_json(indent=2))
    else:
        print_document(doc, console, width)
