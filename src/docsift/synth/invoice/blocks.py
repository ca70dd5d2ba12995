"""Key-value blocks (the reference block of number, dates and order) in the styles of real invoices.

Every function draws at (x, y) within ``width`` and returns the y below what it drew. Values are
tagged with their key (a field name, or ``x_...`` for printed non-fields) and labels with
``label:<key>``. Styles that lay entries side by side start a new row when the next one would not fit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docsift.synth.style import Pen

KV_STYLES = (
    "beside",
    "inline",
    "above",
    "grid",
    "right",
    "table",
    "header_row",
    "cells",
    "two_col",
    "leader",
)


@dataclass
class Entry:
    """One printed key-value pair."""

    key: str
    label: str
    value: str


def kv_block(pen: Pen, x: float, y: float, width: float, entries: list[Entry], style: str) -> float:
    """Draws ``entries`` in one of KV_STYLES; returns the y below the block. Raises KeyError for an
    unknown style."""
    if not entries:
        return y
    draw: dict[str, Callable[[Pen, float, float, float, list[Entry]], float]] = {
        "beside": _beside,
        "inline": _inline,
        "above": _above,
        "grid": _grid,
        "right": _right,
        "table": _table,
        "header_row": _header_row,
        "cells": _cells,
        "two_col": _two_col,
        "leader": _leader,
    }
    return draw[style](pen, x, y, width, entries)


def inline_entry(
    pen: Pen, x: float, y: float, e: Entry, size: float | None = None, align: str = "left"
) -> float:
    """Draws "Label: value" as one text with the label and value tagged; returns the box's right edge.

    A label drawn in another face than its value (a Devanagari label, a Latin value) is drawn apart,
    on the value's baseline, so that the value keeps the body face and a box as tall as its line."""
    label = pen.label(e.label)
    if pen.face(label) != pen.face(e.value):
        return _two_face_entry(pen, x, y, e, label, size or pen.s.size, align)
    text = f"{label} {e.value}"
    box = pen.text(
        x,
        y,
        text,
        size=size,
        align=align,
        spans=((f"label:{e.key}", 0, len(label)), (e.key, len(label) + 1, len(text))),
    )
    return box[2]


def _two_face_entry(pen: Pen, x: float, y: float, e: Entry, label: str, size: float, align: str) -> float:
    """The label in its own face and the value in the body face, one space apart on one baseline (the
    label raised or lowered onto the value's); returns the right edge of the value."""
    gap = pen.width(" ", size=size)
    label_w, value_w = pen.width(label, size=size), pen.width(e.value, size=size)
    total = label_w + gap + value_w
    x0 = x - total if align == "right" else x - total / 2 if align == "center" else x
    shift = pen.ascent(e.value, size=size) - pen.ascent(label, size=size)
    pen.text(x0, y + shift, label, size=size, key=f"label:{e.key}")
    return pen.text(x0 + label_w + gap, y, e.value, size=size, key=e.key)[2]


def entry_lines(
    pen: Pen, x: float, y: float, e: Entry, width: float, size: float | None = None, align: str = "left"
) -> float:
    """ "Label: value" on one line when it fits ``width``, else the label over the value wrapped to
    ``width``; returns the y below."""
    size = size or pen.s.size
    line_h = size * pen.s.leading
    if pen.width(f"{pen.label(e.label)} {e.value}", size=size) <= width:
        inline_entry(pen, x, y, e, size=size, align=align)
        return y + line_h
    pen.text(x, y, pen.label(e.label), size=size, align=align, key=f"label:{e.key}")
    for part in pen.wrap(e.value, width, size=size):
        y += line_h
        pen.text(x, y, part, size=size, align=align, key=e.key)
    return y + line_h


def _label(
    pen: Pen, x: float, y: float, e: Entry, align: str = "left", size: float | None = None, room: float = 0.0
) -> float:
    """Draws an entry's label (shrunk to ``room`` points when given and needed); returns its right edge."""
    text = pen.label(e.label)
    size = size or pen.s.size
    if room:
        size = min(size, size * room / max(pen.width(text, pen.s.label_bold, size), 1.0))
    box = pen.text(
        x,
        y,
        text,
        bold=pen.s.label_bold,
        color=pen.s.label_color,
        align=align,
        size=size,
        key=f"label:{e.key}",
    )
    return box[2]


def _label_width(pen: Pen, entries: list[Entry]) -> float:
    return max(pen.width(pen.label(e.label), pen.s.label_bold) for e in entries)


def _beside(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    col = min(_label_width(pen, entries) + 8, width * 0.55)
    short = [e.value for e in entries if len(e.value.split()) <= 3]  # dates, numbers: never wrapped
    if short:
        col = max(min(col, width - max(pen.width(v) for v in short) - 4), width * 0.3)
    for e in entries:
        _label(pen, x, y, e, room=col - 6)
        for part in pen.wrap(e.value, width - col):
            pen.text(x + col, y, part, key=e.key)
            y += pen.s.line_h
    return y


def _inline(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    for e in entries:
        inline_entry(pen, x, y, e)
        y += pen.s.line_h
    return y


def _rows(widths: list[float], avail: float) -> list[list[int]]:
    """Indexes of entries grouped into rows whose widths fit ``avail`` (at least one per row)."""
    rows: list[list[int]] = [[]]
    used = 0.0
    for i, w in enumerate(widths):
        if rows[-1] and used + w > avail:
            rows.append([])
            used = 0.0
        rows[-1].append(i)
        used += w
    return rows


def _shown(pen: Pen, e: Entry) -> str:
    """An entry's label as header-like styles print it (upper-case when the style says so)."""
    return e.label.upper() if pen.s.upper_labels else e.label


def _cell_widths(pen: Pen, entries: list[Entry], bold_label: bool, pad: float) -> list[float]:
    return [max(pen.width(_shown(pen, e), bold_label), pen.width(e.value)) + pad for e in entries]


def _above(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    small = pen.s.size * 0.85
    widths = [max(w, 90.0) for w in _cell_widths(pen, entries, pen.s.label_bold, 14)]
    for row in _rows(widths, width):
        cx = x
        for i in row:
            e = entries[i]
            text = _shown(pen, e)
            pen.text(
                cx, y, text, size=small, color=pen.s.label_color, bold=pen.s.label_bold, key=f"label:{e.key}"
            )
            pen.text(cx, y + small * 1.3, e.value, key=e.key, bold=e.key == "invoice_number")
            cx += widths[i]
        y += small * 1.3 + pen.s.line_h + 4
    return y


def _grid(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    col = min(_label_width(pen, entries) + 10, width * 0.55)
    for e in entries:
        parts = pen.wrap(e.value, width - col - 8)
        h = pen.s.line_h * len(parts) + 4
        pen.p.rect(x, y, col, h, fill=pen.s.fill, stroke=pen.s.accent, width=0.4)
        pen.p.rect(x + col, y, width - col, h, stroke=pen.s.accent, width=0.4)
        _label(pen, x + 3, y + 2.5, e, room=col - 6)
        for k, part in enumerate(parts):
            pen.text(x + col + 4, y + 2.5 + k * pen.s.line_h, part, key=e.key)
        y += h
    return y + 2


def _right(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    right = x + width
    value_w = max(pen.width(e.value) for e in entries)
    for e in entries:
        _label(pen, right - value_w - 8, y, e, align="right")
        pen.text(right, y, e.value, align="right", key=e.key)
        y += pen.s.line_h
    return y


def _table(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    """Boxed cells: labels in a filled header row, values in the row below."""
    widths = _cell_widths(pen, entries, True, 10)
    h = pen.s.line_h + 4
    for row in _rows(widths, width):
        stretch = width / sum(widths[i] for i in row) if len(row) > 1 else 1.0
        cx = x
        for i in row:
            e, w = entries[i], widths[i] * min(stretch, 1.6)
            pen.p.rect(cx, y, w, h, fill=pen.s.fill, stroke=pen.s.accent, width=0.4)
            pen.p.rect(cx, y + h, w, h, stroke=pen.s.accent, width=0.4)
            pen.text(cx + 3, y + 2.5, _shown(pen, e), bold=True, key=f"label:{e.key}")
            pen.text(cx + 3, y + h + 2.5, e.value, key=e.key)
            cx += w
        y += 2 * h + 4
    return y


def _header_row(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    """Labels in a header row over a rule, values in the row below; no boxes."""
    widths = _cell_widths(pen, entries, pen.s.label_bold, 16)
    h = pen.s.line_h + 2
    for row in _rows(widths, width):
        stretch = min(width / sum(widths[i] for i in row), 1.8) if len(row) > 1 else 1.0
        cx = x
        for i in row:
            e = entries[i]
            text = _shown(pen, e)
            pen.text(cx, y, text, bold=pen.s.label_bold, color=pen.s.label_color, key=f"label:{e.key}")
            pen.text(cx, y + h + 2, e.value, key=e.key)
            cx += widths[i] * stretch
        pen.p.line(x, y + h, cx, y + h, 0.6, pen.s.accent)
        y += 2 * h + 8
    return y


def _cells(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    """One framed cell per entry: the label small at its top, the value under it."""
    small = pen.s.size * 0.75
    widths = [max(w, 70.0) for w in _cell_widths(pen, entries, False, 10)]
    h = small * 1.3 + pen.s.line_h + 5
    for row in _rows(widths, width):
        stretch = width / sum(widths[i] for i in row)
        cx = x
        for i in row:
            e, w = entries[i], widths[i] * min(stretch, 2.0)
            pen.p.rect(cx, y, w, h, stroke=pen.s.accent, width=0.5)
            pen.text(cx + 3, y + 2, _shown(pen, e), size=small, color=pen.s.label_color, key=f"label:{e.key}")
            pen.text(cx + 3, y + small * 1.3 + 3, e.value, key=e.key, bold=e.key == "invoice_number")
            cx += w
        y += h + 3
    return y


def _two_col(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    """Label/value pairs in two columns side by side (first half left, second half right)."""
    half = (len(entries) + 1) // 2
    if width < 300 or half == len(entries):
        return _beside(pen, x, y, width, entries)
    col_w = width / 2 - 6
    bottom = y
    for k, part in enumerate((entries[:half], entries[half:])):
        bottom = max(bottom, _beside(pen, x + k * (col_w + 12), y, col_w, part))
    return bottom


def _leader(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    """ "Label ........ value": dots lead from the label to the right-aligned value."""
    right = x + width
    dot_w = pen.width(". ")
    for e in entries:
        end = _label(pen, x, y, e)
        value_w = pen.width(e.value)
        if end + value_w + 8 > right:  # no room beside the label: the value goes under it
            y += pen.s.line_h
            end = x
        dots = int((right - value_w - end - 8) / dot_w)
        if dots > 1:
            pen.text(end + 4, y, ". " * dots, color=(0.5, 0.5, 0.5))
        pen.text(right, y, e.value, align="right", key=e.key)
        y += pen.s.line_h
    return y
