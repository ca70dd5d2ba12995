"""The plan of a receipt: rows of segments on a paper, and the small helpers every format builds rows with.

A row is a list of ``Seg``. Text segments sit left, right or centred (or at ``x``, a share of the
usable width, for columns); special segments draw rules, raster logos, coloured bands and the
rounded cards of phone screens. Keys and spans say which printed text is which field.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from docsift.synth.knowledge import pick
from docsift.synth.model import Content
from docsift.synth.painter import Color
from docsift.synth.receipt.axes import ReceiptAxes
from docsift.synth.receipt.words import fill

MM = 72 / 25.4
Span = tuple[str, int, int]
LIGHT: dict[str, Color] = {
    "ink": (0.0, 0.0, 0.0),
    "muted": (0.38, 0.38, 0.38),
    "paper": (1.0, 1.0, 1.0),
    "card": (1.0, 1.0, 1.0),
    "line": (0.55, 0.55, 0.55),
    "accent": (0.1, 0.45, 0.3),
    "on_accent": (1.0, 1.0, 1.0),
}


@dataclass
class Seg:
    """One piece of a row: text, alignment, optional key and sub-string spans, or a drawing."""

    text: str
    align: str = "left"
    key: str | None = None
    spans: tuple[Span, ...] = ()
    bold: bool = False
    scale: float = 1.0  # print size relative to the body font (a brand line may be larger)
    x: float | None = None  # anchor as a share of the usable width (columns); None: by alignment
    color: str = "ink"  # a palette role
    kind: str = "text"  # text | rule | logo | band | card_start | card_end
    meta: dict[str, Any] = field(default_factory=dict)


Row = list[Seg]


@dataclass
class ReceiptPlan:
    """The rows of a receipt and its paper."""

    width: float
    margin: float
    chars: int
    rows: list[Row] = field(default_factory=list)
    name: str = ""
    height: float | None = None  # a fixed page (A4, a phone screen); None: as tall as the rows
    size: float | None = None  # body font size; None: the size at which ``chars`` fill the width
    palette: dict[str, Color] = field(default_factory=lambda: dict(LIGHT))
    card_pad: float = 9.0
    raster: bool = False  # delivered as an image (a phone screenshot), not as a PDF


@dataclass
class Ctx:
    """What row builders need: the random stream, the content, the axes, the words and the plan."""

    rng: random.Random
    c: Content
    ax: ReceiptAxes
    words: dict[str, Any]
    plan: ReceiptPlan

    def say(self, key: str, **values: object) -> str:
        """One synonym of word list ``key`` with placeholders filled ({type} is the receipt's tax)."""
        values.setdefault("type", self.c.extra.get("tax_type", "TAX"))
        return fill(pick(self.rng, self.words[key]), **values)

    def money(self, value: Decimal, mark: bool = False) -> str:
        """An amount as this receipt prints it."""
        return self.c.formats.amount(value, mark)

    def chance(self, p: float) -> bool:
        """True with probability ``p``."""
        return self.rng.random() < p


def wrap_text(text: str, chars: int) -> list[str]:
    """``text`` broken at spaces into lines of at most ``chars`` characters (a long word stays whole)."""
    out: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > chars:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*out, line] if line else out


def labelled(label: str, value: str, key: str, sep: str = ": ", **kw: Any) -> Seg:
    """A segment "LABEL: value" with the value (and label) tagged."""
    text = f"{label}{sep}{value}"
    spans = ((key, len(text) - len(value), len(text)), (f"label:{key}", 0, len(label)))
    return Seg(text, spans=spans, **kw)


def templated(template: str, value: str, key: str, **kw: Any) -> Seg:
    """A segment from a template with one placeholder ("TEL: {p}"): the value and the label before it
    tagged."""
    start = template.index("{")
    text = template[:start] + value + template[template.index("}") + 1 :]
    spans: tuple[Span, ...] = ((key, start, start + len(value)),)
    if template[:start].strip():
        spans += ((f"label:{key}", 0, len(template[:start].rstrip(" :#"))),)
    return Seg(text, spans=spans, **kw)


def pair(
    label: str,
    value: str,
    key: str | None = None,
    bold: bool = False,
    label_x: float | None = None,
    **kw: Any,
) -> Row:
    """A "label ...... value" row with the value right-aligned; ``key`` tags the value and the label;
    ``label_x`` starts the label there (totals on the right half of a page)."""
    return [
        Seg(label, key=f"label:{key}" if key else None, bold=bold, x=label_x, **kw),
        Seg(value, "right", key=key, bold=bold, **kw),
    ]


def rule(style: str = "solid", scale: float = 0.7) -> Row:
    """A horizontal rule row (drawn, not printed characters)."""
    return [Seg("", kind="rule", scale=scale, meta={"style": style})]


def space(scale: float = 0.6) -> Row:
    """An empty row of ``scale`` lines."""
    return [Seg("", scale=scale)]


def centred(lines: list[str], **kw: Any) -> list[Row]:
    """One centred row per line."""
    return [[Seg(line, "center", **kw)] for line in lines]
