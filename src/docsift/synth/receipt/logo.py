"""Shop logos as raster images: a brand's text inside a badge, beside an emblem, or as a wordmark.

The logo's text is in the picture only (no text layer), as on real receipts, where OCR reads it as
one more line above the company name.
"""

from __future__ import annotations

import random
from functools import cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from reportlab import rl_config
from reportlab.lib.utils import ImageReader

from docsift.synth.painter import Painter, _find_ttf
from docsift.synth.receipt.plan import Seg

SHAPES = ("wordmark", "badge", "circle", "emblem")
COLOURS = [
    (180, 20, 30),
    (20, 70, 150),
    (10, 110, 60),
    (230, 120, 0),
    (90, 30, 120),
    (0, 0, 0),
    (200, 30, 110),
]
FACES = ("DejaVuSans-Bold", "DejaVuSerif-Bold", "DejaVuSansCondensed-Bold", "LiberationSans-Bold")
PX_PER_PT = 3.0


def logo_meta(rng: random.Random, mono: bool) -> dict[str, Any]:
    """How a logo looks (shape, colour, face); ``mono`` logos are black, as thermal printers print them."""
    return {
        "shape": rng.choice(SHAPES),
        "colour": (0, 0, 0) if mono else rng.choice(COLOURS),
        "face": rng.choice(FACES),
        "initials_only": rng.random() < 0.3,
    }


@cache
def _font(face: str, px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _find_ttf(face) or _find_ttf("DejaVuSans-Bold")
    return ImageFont.truetype(str(path), px) if path else ImageFont.load_default()


def _initials(text: str) -> str:
    words = [w for w in text.split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:3]).upper() or text[:2].upper()


def _text_size(draw: ImageDraw.ImageDraw, text: str, font: Any) -> tuple[int, int]:
    x0, y0, x1, y1 = draw.textbbox((0, 0), text, font=font)
    return int(x1 - x0), int(y1 - y0)


def _mark(
    draw: ImageDraw.ImageDraw, shape: str, box: tuple[int, int, int, int], colour: tuple, fg: Any
) -> None:
    """The graphic part of a logo inside ``box``."""
    x0, y0, x1, y1 = box
    if shape == "circle":
        draw.ellipse(box, fill=colour)
    elif shape == "badge":
        draw.rounded_rectangle(box, radius=(y1 - y0) // 5, fill=colour)
    elif shape == "emblem":
        draw.polygon(
            [((x0 + x1) // 2, y0), (x1, (y0 + y1) // 2), ((x0 + x1) // 2, y1), (x0, (y0 + y1) // 2)],
            fill=colour,
        )


def logo_image(text: str, meta: dict[str, Any], height_px: int) -> Image.Image:
    """The logo of brand ``text`` as an RGB image ``height_px`` tall (white background)."""
    colour, shape = tuple(meta["colour"]), meta["shape"]
    label = _initials(text) if meta.get("initials_only") else text
    font = _font(meta["face"], max(8, int(height_px * 0.5)))
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    tw, th = _text_size(probe, label, font)
    pad = height_px // 6
    if shape == "wordmark":
        img = Image.new("RGB", (tw + 2 * pad, height_px), "white")
        draw = ImageDraw.Draw(img)
        draw.text((pad, (height_px - th) // 2), label, fill=colour, font=font, anchor="lt")
        draw.line(
            (pad, height_px - pad // 2, tw + pad, height_px - pad // 2), fill=colour, width=max(2, pad // 3)
        )
        return img
    if shape == "badge":
        img = Image.new("RGB", (tw + 4 * pad, height_px), "white")
        draw = ImageDraw.Draw(img)
        _mark(draw, shape, (0, 0, img.width - 1, height_px - 1), colour, "white")
        draw.text((2 * pad, (height_px - th) // 2), label, fill="white", font=font, anchor="lt")
        return img
    icon = height_px - 1
    img = Image.new("RGB", (icon + pad + tw + pad, height_px), "white")
    draw = ImageDraw.Draw(img)
    _mark(draw, shape, (0, 0, icon, icon), colour, "white")
    small = _font(meta["face"], max(6, int(height_px * 0.35)))
    iw, ih = _text_size(draw, _initials(text)[:2], small)
    draw.text(
        ((icon - iw) // 2, (icon - ih) // 2), _initials(text)[:2], fill="white", font=small, anchor="lt"
    )
    draw.text((icon + pad, (height_px - th) // 2), label, fill=colour, font=font, anchor="lt")
    return img


def draw_logo(
    painter: Painter, x: float, y: float, h: float, seg: Seg, max_w: float
) -> tuple[float, float, float, float]:
    """Draws the logo of ``seg`` (text = brand) in a row at ``y`` of height ``h``, at most ``max_w``
    wide; returns its box."""
    img = logo_image(seg.text, seg.meta, max(12, int(h * 0.85 * PX_PER_PT)))
    hh = h * 0.85
    w = hh * img.width / img.height
    if w > max_w:
        w, hh = max_w, max_w * img.height / img.width
    x0 = x - w if seg.align == "right" else x - w / 2 if seg.align == "center" else x
    top = y + (h - hh) / 2
    saved, rl_config.useA85 = rl_config.useA85, 0  # binary Flate stream: ASCII85 in pure Python is slow
    try:
        painter.canvas.drawImage(ImageReader(img), x0, painter.height - top - hh, width=w, height=hh)
    finally:
        rl_config.useA85 = saved
    return (x0, top, x0 + w, top + hh)
