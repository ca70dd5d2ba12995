"""Drawable blocks shared by layouts: key-value groups in several styles and party address blocks.

Every function draws at (x, y) within ``width`` and returns the y below what it drew.
Values are tagged with their key (a field name, or ``x_...`` for printed non-fields) and labels
with ``label:<key>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from docsift.synth.model import Party
from docsift.synth.style import Pen

KV_STYLES = ("beside", "inline", "above", "grid", "right", "table")


@dataclass
class Entry:
    """One printed key-value pair."""

    key: str
    label: str
    value: str


def kv_block(pen: Pen, x: float, y: float, width: float, entries: list[Entry], style: str) -> float:
    """Draws ``entries`` in one of KV_STYLES; returns the y below the block."""
    draw = {
        "beside": _beside,
        "inline": _inline,
        "above": _above,
        "grid": _grid,
        "right": _right,
        "table": _table,
    }[style]
    return draw(pen, x, y, width, entries)


def _label(pen: Pen, x: float, y: float, e: Entry, align: str = "left", size: float | None = None) -> float:
    text = pen.label(e.label)
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


def _beside(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    col = min(max(pen.width(pen.label(e.label), pen.s.label_bold) for e in entries) + 8, width * 0.55)
    for e in entries:
        _label(pen, x, y, e)
        pen.text(x + col, y, e.value, key=e.key)
        y += pen.s.line_h
    return y


def _inline(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    for e in entries:
        label = pen.label(e.label)
        text = f"{label} {e.value}"
        pen.text(x, y, text, spans=((f"label:{e.key}", 0, len(label)), (e.key, len(label) + 1, len(text))))
        y += pen.s.line_h
    return y


def _above(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    per_row = max(1, min(len(entries), int(width // 110) or 1))
    cell = width / per_row
    small = pen.s.size * 0.85
    for i in range(0, len(entries), per_row):
        for j, e in enumerate(entries[i : i + per_row]):
            cx = x + j * cell
            pen.text(
                cx,
                y,
                e.label.upper() if pen.s.upper_labels else e.label,
                size=small,
                color=pen.s.label_color,
                bold=pen.s.label_bold,
                key=f"label:{e.key}",
            )
            pen.text(cx, y + small * 1.3, e.value, key=e.key, bold=e.key == "invoice_number")
        y += small * 1.3 + pen.s.line_h + 4
    return y


def _grid(pen: Pen, x: float, y: float, width: float, entries: list[Entry]) -> float:
    col = min(max(pen.width(pen.label(e.label), pen.s.label_bold) for e in entries) + 10, width * 0.55)
    h = pen.s.line_h + 4
    for e in entries:
        pen.p.rect(x, y, col, h, fill=pen.s.fill, stroke=pen.s.accent, width=0.4)
        pen.p.rect(x + col, y, width - col, h, stroke=pen.s.accent, width=0.4)
        _label(pen, x + 3, y + 2.5, e)
        pen.text(x + col + 4, y + 2.5, e.value, key=e.key)
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
    widths = [max(pen.width(e.label, True), pen.width(e.value)) + 10 for e in entries]
    scale = min(1.0, width / sum(widths))
    h = pen.s.line_h + 4
    cx = x
    for e, w in zip(entries, widths, strict=True):
        w *= scale
        pen.p.rect(cx, y, w, h, fill=pen.s.fill, stroke=pen.s.accent, width=0.4)
        pen.p.rect(cx, y + h, w, h, stroke=pen.s.accent, width=0.4)
        pen.text(cx + 3, y + 2.5, e.label, bold=True, key=f"label:{e.key}")
        pen.text(cx + 3, y + h + 2.5, e.value, key=e.key)
        cx += w
    return y + 2 * h + 2


def party_block(
    pen: Pen,
    x: float,
    y: float,
    width: float,
    party: Party,
    prefix: str,
    heading: str | None,
    extra: list[Entry],
    name_size: float | None = None,
    align: str = "left",
) -> float:
    """A party: optional heading, name, address lines, then extra entries ("GSTIN: ..."); returns y below."""
    ax = x + width if align == "right" else x + width / 2 if align == "center" else x
    if heading:
        pen.text(
            ax,
            y,
            pen.label(heading) if pen.s.colon else heading,
            bold=True,
            color=pen.s.accent,
            align=align,
            key=f"label:{prefix}_name",
        )
        y += pen.s.line_h
    size = name_size or pen.s.size
    pen.text(ax, y, party.name, bold=True, size=size, align=align, key=f"{prefix}_name")
    y += size * pen.s.leading
    for line in party.address:
        for part in pen.wrap(line, width):
            pen.text(ax, y, part, align=align, key=f"{prefix}_address")
            y += pen.s.line_h
    for e in extra:
        label = pen.label(e.label)
        text = f"{label} {e.value}"
        pen.text(
            ax,
            y,
            text,
            align=align,
            spans=((f"label:{e.key}", 0, len(label)), (e.key, len(label) + 1, len(text))),
        )
        y += pen.s.line_h
    return y
