"""Raster pictures drawn onto invoices: logos (shape, initials, sometimes the brand name), handwritten-
looking signatures and rubber stamps.

Every picture is described by a small frozen spec chosen from the document's random stream; drawing a
spec uses no other randomness, so the same spec always gives the same pixels (and the same PDF bytes).
Text inside a picture is not in the PDF's text layer.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from docsift.synth.knowledge import pick

Color = tuple[float, float, float]
PX_PER_PT = 2.5  # about 180 dpi: sharp enough for OCR of the brand name, small enough to stay fast
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
LOGO_FONTS = ("DejaVuSans-Bold", "LiberationSans-Bold", "DejaVuSerif-Bold", "LiberationSerif-Bold")
SHAPES = ("circle", "square", "rounded", "diamond", "bars", "ring", "triangle")


@dataclass(frozen=True)
class LogoSpec:
    """A logo: a coloured shape with initials, optionally the brand name beside or under it."""

    shape: str
    color: Color
    initials: str
    brand: str | None  # the name written in the picture (None: shape and initials only)
    arrangement: str  # icon (shape only), beside (brand right of the shape), under, wordmark (text only)
    font: str
    width: float  # points
    height: float


@dataclass(frozen=True)
class SignatureSpec:
    """A pen signature: a few smooth strokes from ``seed`` in ink ``color``."""

    seed: int
    color: Color
    width: float
    height: float


@dataclass(frozen=True)
class StampSpec:
    """A rubber stamp: ring or box with one or two words, tilted by ``angle`` degrees."""

    words: tuple[str, ...]
    round: bool
    color: Color
    angle: float
    size: float  # points (the stamp's longer side)


@cache
def font_file(stem: str) -> str | None:
    """The path of the installed TrueType font ``<stem>.ttf``, or None."""
    for root in FONT_DIRS:
        if root.is_dir():
            hit = next(iter(sorted(root.rglob(f"{stem}.ttf"))), None)
            if hit:
                return str(hit)
    return None


def _font(stem: str, px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = font_file(stem) or next((p for s in LOGO_FONTS if (p := font_file(s))), None)
    return ImageFont.truetype(path, px) if path else ImageFont.load_default()


def _rgb(color: Color, alpha: int = 255) -> tuple[int, int, int, int]:
    return (int(color[0] * 255), int(color[1] * 255), int(color[2] * 255), alpha)


def initials_of(name: str) -> str:
    """Up to three initials of a company name's words that start with a letter ("Acme Data GmbH" -> "ADG")."""
    letters = [w[0] for w in name.split() if w[:1].isalpha()]
    return "".join(letters[:3]).upper() or "X"


def plan_logo(
    rng: random.Random, name: str, color: Color, brand: bool, arrangement: str | None = None
) -> LogoSpec:
    """A logo for the company ``name``; ``brand`` writes (part of) the name into the picture."""
    words = name.split()
    brand_text = None
    if brand:
        brand_text = name if len(name) <= 24 or len(words) < 2 else " ".join(words[: max(1, len(words) - 1)])
        if rng.random() < 0.3:
            brand_text = brand_text.upper()
    arrangement = arrangement or (pick(rng, ["beside", "beside", "under", "wordmark"]) if brand else "icon")
    height = rng.choice([28.0, 34.0, 40.0, 46.0])
    width = height if arrangement == "icon" else height * (1.2 if arrangement == "under" else 4.6)
    if arrangement == "under":
        width = max(width, height * 2.6)
    return LogoSpec(
        shape=pick(rng, list(SHAPES)),
        color=color,
        initials=initials_of(name)[: rng.choice([1, 2, 2, 3])],
        brand=brand_text,
        arrangement=arrangement,
        font=pick(rng, list(LOGO_FONTS)),
        width=width,
        height=height,
    )


def _shape(draw: ImageDraw.ImageDraw, shape: str, box: tuple[int, int, int, int], color: Color) -> None:
    x0, y0, x1, y1 = box
    fill = _rgb(color)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if shape == "circle":
        draw.ellipse(box, fill=fill)
    elif shape == "ring":
        draw.ellipse(box, outline=fill, width=max(2, (x1 - x0) // 10))
    elif shape == "square":
        draw.rectangle(box, fill=fill)
    elif shape == "rounded":
        draw.rounded_rectangle(box, radius=(x1 - x0) // 5, fill=fill)
    elif shape == "diamond":
        draw.polygon([(cx, y0), (x1, cy), (cx, y1), (x0, cy)], fill=fill)
    elif shape == "triangle":
        draw.polygon([(cx, y0), (x1, y1), (x0, y1)], fill=fill)
    else:  # bars
        n = 3
        w = (x1 - x0) / (2 * n - 1)
        for i in range(n):
            top = y0 + (y1 - y0) * (n - 1 - i) / (n + 1)
            draw.rectangle((int(x0 + 2 * i * w), int(top), int(x0 + (2 * i + 1) * w), y1), fill=fill)


def _icon(draw: ImageDraw.ImageDraw, spec: LogoSpec, box: tuple[int, int, int, int]) -> None:
    _shape(draw, spec.shape, box, spec.color)
    if spec.shape in ("bars", "triangle"):
        return
    size = box[3] - box[1]
    scale = (0.5 if len(spec.initials) < 3 else 0.36) * (0.7 if spec.shape == "diamond" else 1.0)
    font = _font(spec.font, max(8, int(size * scale)))
    ink = _rgb(spec.color) if spec.shape == "ring" else (255, 255, 255, 255)
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    draw.text((cx, cy), spec.initials, font=font, fill=ink, anchor="mm")


def _fit(draw: ImageDraw.ImageDraw, text: str, stem: str, max_w: int, max_h: int) -> ImageFont.ImageFont:
    px = max(8, max_h)
    while px > 8:
        font = _font(stem, px)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        if right - left <= max_w and bottom - top <= max_h:
            return font  # type: ignore[return-value]
        px = int(px * 0.9)
    return _font(stem, 8)  # type: ignore[return-value]


@lru_cache(maxsize=32)
def render_logo(spec: LogoSpec) -> Image.Image:
    """The logo as an RGBA picture (transparent background) of ``spec``'s size at PX_PER_PT."""
    w, h = int(spec.width * PX_PER_PT), int(spec.height * PX_PER_PT)
    img = Image.new("RGBA", (w, h), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    ink = _rgb(spec.color)
    if spec.arrangement == "icon" or not spec.brand:
        _icon(draw, spec, (0, 0, h - 1, h - 1))
    elif spec.arrangement == "beside":
        _icon(draw, spec, (0, 0, h - 1, h - 1))
        font = _fit(draw, spec.brand, spec.font, w - h - h // 5, int(h * 0.5))
        draw.text((h + h // 6, h / 2), spec.brand, font=font, fill=ink, anchor="lm")
    elif spec.arrangement == "under":
        icon = int(h * 0.62)
        _icon(draw, spec, ((w - icon) // 2, 0, (w + icon) // 2, icon))
        font = _fit(draw, spec.brand, spec.font, w, h - icon - 2)
        draw.text((w / 2, h - 1), spec.brand, font=font, fill=ink, anchor="md")
    else:  # wordmark: the name alone, with a rule under it
        font = _fit(draw, spec.brand, spec.font, w, int(h * 0.62))
        draw.text((0, h * 0.42), spec.brand, font=font, fill=ink, anchor="lm")
        draw.rectangle((0, int(h * 0.8), int(w * 0.35), int(h * 0.8) + max(2, h // 14)), fill=ink)
    return img


def plan_signature(rng: random.Random) -> SignatureSpec:
    """A signature in blue or black ink."""
    color = pick(rng, [(0.05, 0.1, 0.45), (0.1, 0.1, 0.1), (0.0, 0.2, 0.6)])
    return SignatureSpec(
        rng.getrandbits(32), color, rng.choice([90.0, 110.0, 130.0]), rng.choice([30.0, 38.0])
    )


def render_signature(spec: SignatureSpec) -> Image.Image:
    """The signature as an RGBA picture: a long wavy stroke, a loop or two and an underline."""
    rng = random.Random(spec.seed)
    w, h = int(spec.width * PX_PER_PT), int(spec.height * PX_PER_PT)
    img = Image.new("RGBA", (w, h), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    ink, pen = _rgb(spec.color), max(2, int(PX_PER_PT * 0.9))
    waves = [(rng.uniform(0.15, 0.35) * h, rng.uniform(2, 7), rng.uniform(0, 6)) for _ in range(3)]
    loop = rng.uniform(0.0, 0.03)
    points = []
    for i in range(120):
        t = i / 119
        y = h / 2 + sum(a * math.sin(f * t * math.tau + p) for a, f, p in waves) * (1 - 0.5 * t)
        x = w * (0.08 + 0.8 * t + loop * math.sin(t * math.tau * waves[0][1] * 2))
        points.append((min(w - 3, max(3, x)), min(h - 3, max(3, y))))
    draw.line(points, fill=ink, width=pen, joint="curve")
    if rng.random() < 0.7:
        y = h * rng.uniform(0.7, 0.9)
        draw.line([(w * 0.1, y), (w * rng.uniform(0.6, 0.95), y - h * 0.1)], fill=ink, width=pen)
    return img


def plan_stamp(rng: random.Random, words: list[str], date_text: str | None) -> StampSpec:
    """A stamp saying one of ``words`` (and the date, sometimes) in red, blue or violet."""
    lines = [pick(rng, words)]
    if date_text and rng.random() < 0.6:
        lines.append(date_text)
    color = pick(rng, [(0.75, 0.1, 0.1), (0.1, 0.2, 0.7), (0.45, 0.15, 0.55)])
    return StampSpec(
        tuple(lines), rng.random() < 0.5, color, rng.uniform(-18, 18), rng.choice([60.0, 72.0, 84.0])
    )


def render_stamp(spec: StampSpec) -> Image.Image:
    """The stamp as an RGBA picture, semi-transparent ink, rotated."""
    side = int(spec.size * PX_PER_PT)
    h = side if spec.round else int(side * 0.5)
    img = Image.new("RGBA", (side, h), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    ink = _rgb(spec.color, 190)
    line = max(3, side // 40)
    if spec.round:
        draw.ellipse((line, line, side - line, h - line), outline=ink, width=line)
        draw.ellipse((side // 9, h // 9, side - side // 9, h - h // 9), outline=ink, width=max(1, line // 2))
    else:
        draw.rounded_rectangle(
            (line, line, side - line, h - line), radius=side // 20, outline=ink, width=line
        )
    n = len(spec.words)
    for i, word in enumerate(spec.words):
        font = _fit(draw, word, "DejaVuSans-Bold", int(side * 0.66), int(h * (0.3 if n == 1 else 0.2)))
        draw.text((side / 2, h * (i + 1) / (n + 1)), word, font=font, fill=ink, anchor="mm")
    return img.rotate(spec.angle, expand=True, resample=Image.Resampling.BICUBIC)
