"""The visual style of one document (fonts, sizes, colours) and the text helper layouts draw with."""

from __future__ import annotations

import random
from dataclasses import dataclass

from docsift.synth.knowledge import pick
from docsift.synth.painter import BLACK, Color, Family, Painter, families

ACCENTS: list[Color] = [
    (0.1, 0.2, 0.45),
    (0.0, 0.35, 0.35),
    (0.45, 0.1, 0.1),
    (0.2, 0.2, 0.2),
    (0.1, 0.4, 0.15),
    (0.35, 0.15, 0.45),
    (0.0, 0.0, 0.0),
    (0.8, 0.35, 0.0),
]
FILLS: list[Color] = [
    (0.9, 0.9, 0.9),
    (0.85, 0.9, 0.97),
    (0.93, 0.96, 0.9),
    (0.96, 0.93, 0.88),
    (0.8, 0.8, 0.8),
]


@dataclass
class Style:
    """Fonts, sizes and colours of one document."""

    family: Family
    size: float
    leading: float
    accent: Color
    fill: Color
    label_bold: bool
    label_color: Color
    colon: bool
    upper_labels: bool
    script_font: str | None = None  # face for Devanagari text (labels), when one is installed

    @property
    def line_h(self) -> float:
        """Height of one text line at the base size."""
        return self.size * self.leading


def choose_style(rng: random.Random, mono: bool | None = None, need: str = "") -> Style:
    """A random style; ``mono`` forces (or forbids) a monospace family; ``need`` lists characters to draw."""
    from docsift.synth.painter import can_draw

    options = [f for f in families() if (mono is None or f.mono == mono) and can_draw(f, need)]
    if mono is None:
        options = [f for f in options if not f.mono] * 4 + [f for f in options if f.mono]
    family = pick(rng, options)
    accent = pick(rng, ACCENTS)
    return Style(
        family=family,
        size=rng.choice([7.5, 8, 8.5, 9, 9, 9.5, 10, 10.5, 11]),
        leading=rng.choice([1.2, 1.3, 1.4, 1.5]),
        accent=accent,
        fill=pick(rng, FILLS),
        label_bold=rng.random() < 0.5,
        label_color=BLACK if rng.random() < 0.6 else (0.35, 0.35, 0.35),
        colon=rng.random() < 0.6,
        upper_labels=rng.random() < 0.15,
    )


class Pen:
    """Draws text in a style on a painter: the one helper every layout uses."""

    def __init__(self, painter: Painter, style: Style) -> None:
        self.p = painter
        self.s = style

    def font(self, bold: bool = False) -> str:
        """The face name for regular or bold text."""
        return self.s.family.bold if bold else self.s.family.regular

    def face(self, text: str, bold: bool = False) -> str:
        """The face ``text`` is drawn in: the script font for Devanagari text, else the family's."""
        if self.s.script_font and not text.isascii() and any("\u0900" <= ch <= "\u097f" for ch in text):
            return self.s.script_font
        return self.font(bold)

    def width(self, text: str, bold: bool = False, size: float | None = None) -> float:
        """Width of ``text`` in points."""
        return self.p.text_width(text, self.face(text, bold), size or self.s.size)

    def ascent(self, text: str, bold: bool = False, size: float | None = None) -> float:
        """How far above its baseline the face of ``text`` reaches, in points."""
        return self.p.ascent(self.face(text, bold), size or self.s.size)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        bold: bool = False,
        size: float | None = None,
        color: Color = BLACK,
        align: str = "left",
        key: str | None = None,
        spans: tuple[tuple[str, int, int], ...] = (),
    ) -> tuple[float, float, float, float]:
        """Draws ``text`` with its box top at ``y``; returns the box."""
        return self.p.text(x, y, text, self.face(text, bold), size or self.s.size, color, align, key, spans)

    def label(self, text: str) -> str:
        """A label as this style prints it (upper-case or not, with or without a colon)."""
        text = text.upper() if self.s.upper_labels else text
        return f"{text}:" if self.s.colon and not text.endswith((":", "#", ".")) else text

    def wrap(self, text: str, width: float, bold: bool = False, size: float | None = None) -> list[str]:
        """``text`` broken at spaces into lines no wider than ``width`` (a long word stays whole)."""
        lines: list[str] = []
        current = ""
        for word in text.split():
            trial = f"{current} {word}" if current else word
            if current and self.width(trial, bold, size) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        if current:
            lines.append(current)
        return lines or [""]
