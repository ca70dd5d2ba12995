"""Phone photos of a receipt: the slip crumpled, folded or faded, lying smaller than the frame on a
textured table, seen in perspective (keystone), under uneven light, with a hard or soft shadow across
it, motion or focus blur, sensor noise and JPEG artefacts.

Every geometric step maps points too, so the truth boxes follow the text into the photo: the crumple
moves a point by its (small) displacement, the perspective by its homography; a box's image box is
the bounding box of its mapped corners and edge midpoints.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

import cv2
import numpy as np
from PIL import Image

Points = np.ndarray  # (n, 2) float32, pixel coordinates
Mapper = Callable[[Points], Points]
MAX_PIXELS = 2_000_000  # the photo's size cap for a till roll (keeps one photo well under half a second)
MAX_PIXELS_PAGE = 2_800_000  # a full page needs more pixels for its small print
BACKGROUNDS: list[tuple[str, tuple[int, int, int]]] = [
    ("wood", (150, 105, 65)),
    ("wood", (190, 150, 105)),
    ("desk", (120, 122, 125)),
    ("table", (225, 224, 218)),
    ("dark", (38, 38, 44)),
    ("mat", (40, 95, 70)),
    ("fabric", (60, 75, 120)),
    ("stone", (170, 165, 158)),
]


def _noise_field(rng: np.random.Generator, shape: tuple[int, int], cells: int) -> np.ndarray:
    """A smooth random field in [-1, 1] of ``shape`` with about ``cells`` bumps along its shorter side."""
    h, w = shape
    ch = max(2, cells)
    cw = max(2, int(cells * w / max(h, 1)))
    if h > w:
        ch, cw = max(2, int(cells * h / max(w, 1))), max(2, cells)
    small = rng.uniform(-1, 1, (ch, cw)).astype(np.float32)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def _fade(arr: np.ndarray, rng: random.Random, ops: dict[str, Any]) -> np.ndarray:
    """Thermal paper fading: lifted blacks, a slightly grey or yellowed white."""
    low, high = rng.uniform(40, 130), rng.uniform(215, 250)
    tint = np.array([1.0, rng.uniform(0.97, 1.0), rng.uniform(0.9, 1.0)], dtype=np.float32)
    ops["faded"] = round(low, 1)
    return (low + arr * (high - low) / 255) * tint


def _crumple(arr: np.ndarray, rng: random.Random, ops: dict[str, Any]) -> tuple[np.ndarray, Mapper]:
    """Light warps of crumpled paper (a smooth displacement of a few pixels) and their shading.

    The displacement is smooth, so the sampling map is built on a grid four times coarser and
    enlarged linearly (exact for the identity part, a pixel or two off at the very border)."""
    h, w = arr.shape[:2]
    g = np.random.default_rng(rng.getrandbits(32))
    amp = rng.uniform(1.0, 3.5)
    cells = rng.randrange(3, 8)
    sh, sw = max(2, h // 4), max(2, w // 4)
    dx, dy = amp * _noise_field(g, (sh, sw), cells), amp * _noise_field(g, (sh, sw), cells)
    cx = (np.arange(sw, dtype=np.float32) + 0.5) * (w / sw) - 0.5
    cy = (np.arange(sh, dtype=np.float32) + 0.5) * (h / sh) - 0.5
    map_x = cv2.resize(cx[None, :] + dx, (w, h), interpolation=cv2.INTER_LINEAR)
    map_y = cv2.resize(cy[:, None] + dy, (w, h), interpolation=cv2.INTER_LINEAR)
    out = np.asarray(cv2.remap(arr, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE))
    shade = 1.0 + rng.uniform(0.03, 0.09) * _noise_field(g, (sh, sw), cells * 2)
    np.multiply(
        out, np.asarray(cv2.resize(shade, (w, h), interpolation=cv2.INTER_LINEAR))[..., None], out=out
    )
    ops["crumpled"] = round(amp, 2)

    def move(pts: Points) -> Points:
        xi = np.clip((pts[:, 0] * sw / w).astype(int), 0, sw - 1)
        yi = np.clip((pts[:, 1] * sh / h).astype(int), 0, sh - 1)
        return np.stack([pts[:, 0] - dx[yi, xi], pts[:, 1] - dy[yi, xi]], axis=1)

    return out, move


def _fold(arr: np.ndarray, rng: random.Random, ops: dict[str, Any]) -> np.ndarray:
    """One or two creases across the slip: a brightness step and a thin crease line."""
    h, w = arr.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    for _ in range(rng.randrange(1, 3)):
        y0, slope = rng.uniform(0.2, 0.8) * h, rng.uniform(-0.15, 0.15)
        d = ys - y0 - slope * (xs - w / 2)
        step = np.where(d > 0, rng.uniform(0.92, 1.0), rng.uniform(0.95, 1.0)).astype(np.float32)
        crease = 1.0 - rng.uniform(0.08, 0.2) * np.exp(-((d / rng.uniform(1.0, 2.5)) ** 2))
        arr = arr * (step * crease)[..., None]
    ops["folded"] = True
    return arr


def _background(rng: random.Random, size: tuple[int, int], shade: np.ndarray) -> np.ndarray:
    """A table, desk or cloth texture of ``size`` (w, h), float RGB, darkened by ``shade`` (a small
    field: the slip's drop shadow); built small and enlarged."""
    w, h = size
    kind, base = rng.choice(BACKGROUNDS)
    g = np.random.default_rng(rng.getrandbits(32))
    sh, sw = shade.shape
    tex = 18 * _noise_field(g, (sh, sw), 4) + g.normal(0, 4 if kind != "fabric" else 9, (sh, sw))
    if kind == "wood":
        xs = np.arange(sw, dtype=np.float32)[None, :] + 6 * _noise_field(g, (sh, sw), 3)
        tex += 14 * np.sin(xs / rng.uniform(2.0, 6.0))
    small = np.array(base, dtype=np.float32)[None, None, :] + tex.astype(np.float32)[..., None]
    small = np.clip(small, 0, 255) * shade[..., None]
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def _quad(rng: random.Random, sw: float, sh: float, fw: int, fh: int) -> np.ndarray:
    """Where the slip's corners land in the frame: centred with some offset, turned, keystoned."""
    cx = fw / 2 + rng.uniform(-0.08, 0.08) * fw
    cy = fh / 2 + rng.uniform(-0.05, 0.05) * fh
    top, bottom = (rng.uniform(0.82, 1.0), 1.0) if rng.random() < 0.6 else (1.0, rng.uniform(0.85, 1.0))
    corners = [
        (-sw / 2 * top, -sh / 2),
        (sw / 2 * top, -sh / 2),
        (sw / 2 * bottom, sh / 2),
        (-sw / 2 * bottom, sh / 2),
    ]
    a = math.radians(rng.uniform(-6, 6))
    jitter = 0.015 * min(sw, sh)
    out = []
    for x, y in corners:
        rx, ry = x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)
        out.append((cx + rx + rng.uniform(-jitter, jitter), cy + ry + rng.uniform(-jitter, jitter)))
    return np.array(out, dtype=np.float32)


def _place(arr: np.ndarray, rng: random.Random, ops: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """The slip photographed on a table: the frame and the homography from slip to frame pixels."""
    h, w = arr.shape[:2]
    wide = w / h > 0.5  # a page rather than a till roll: it fills more of the frame
    fill = rng.uniform(0.78, 0.93) if wide else rng.uniform(0.62, 0.9)  # share of the frame height
    fh = h / fill
    fw = max(
        w / rng.uniform(0.8, 0.92) if wide else w / rng.uniform(0.4, 0.8),
        w * 1.1,
        fh * rng.uniform(0.45, 0.8),
    )
    scale = min(1.0, math.sqrt((MAX_PIXELS_PAGE if wide else MAX_PIXELS) / (fw * fh)))
    fw_i, fh_i = int(fw * scale), int(fh * scale)
    src = np.array([(0, 0), (w, 0), (w, h), (0, h)], dtype=np.float32)
    dst = _quad(rng, w * scale, h * scale, fw_i, fh_i)
    pad = 0.02 * max(fw_i, fh_i)  # the whole slip stays in the picture: grow the frame where it would not
    dst += np.maximum(0.0, pad - dst.min(axis=0))
    fw_i, fh_i = int(max(fw_i, dst[:, 0].max() + pad)), int(max(fh_i, dst[:, 1].max() + pad))
    homography = cv2.getPerspectiveTransform(src, dst)
    small = (max(8, fw_i // 4), max(8, fh_i // 4))
    quarter = np.diag([0.25, 0.25, 1.0]).astype(np.float64)
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), quarter @ homography, small)
    drop = cv2.GaussianBlur(np.roll(mask, (1, 1), axis=(0, 1)), (0, 0), 1.5)
    frame = _background(rng, (fw_i, fh_i), 1 - 0.35 * drop)
    cv2.warpPerspective(arr, homography, (fw_i, fh_i), dst=frame, borderMode=cv2.BORDER_TRANSPARENT)
    ops["perspective"] = {"scale": round(scale, 3), "corners": [[round(float(v), 1) for v in p] for p in dst]}
    return frame, homography


def _light(xs: np.ndarray, ys: np.ndarray, rng: random.Random, ops: dict[str, Any]) -> np.ndarray:
    """Uneven light on a grid of relative coordinates: a gradient across the frame and a vignette."""
    a = rng.uniform(0, 2 * math.pi)
    ramp = ((xs - 0.5) * math.cos(a) + (ys - 0.5) * math.sin(a)) * rng.uniform(0.15, 0.45)
    r2 = ((xs - 0.5) ** 2 + (ys - 0.5) ** 2) * rng.uniform(0.2, 0.8)
    ops["lighting"] = True
    return (1.0 + ramp - r2) * rng.uniform(0.85, 1.08)


def _shadow(
    xs: np.ndarray, ys: np.ndarray, rng: random.Random, ops: dict[str, Any], size: tuple[int, int]
) -> np.ndarray:
    """A shadow (a hand, the phone) over part of the frame, hard-edged (antialiased) or soft, with a
    wavy edge; the edge is computed on the small grid ``xs``, ``ys`` and the mask at full ``size``."""
    a = rng.uniform(0, 2 * math.pi)
    edge = (xs - 0.5) * math.cos(a) + (ys - 0.5) * math.sin(a) - rng.uniform(-0.3, 0.3)
    edge += 0.05 * np.sin(ys * rng.uniform(4, 12) + rng.uniform(0, 6))
    soft = rng.random() < 0.5
    if soft:
        small = cv2.GaussianBlur((edge > 0).astype(np.float32), (0, 0), rng.uniform(3, 10))
        mask = np.asarray(cv2.resize(small, size, interpolation=cv2.INTER_LINEAR))
    else:
        big = np.asarray(cv2.resize(edge.astype(np.float32), size, interpolation=cv2.INTER_LINEAR))
        mask = np.clip(big * (0.7 * max(size)) + 0.5, 0.0, 1.0)  # about one pixel of transition
    ops["shadow"] = "soft" if soft else "hard"
    return (1 - rng.uniform(0.25, 0.5) * mask).astype(np.float32)


def _gain(frame: np.ndarray, rng: random.Random, ops: dict[str, Any]) -> np.ndarray:
    """The frame under uneven light (a field computed small, then enlarged) and maybe a shadow."""
    fh, fw = frame.shape[:2]
    sw, sh = max(8, fw // 4), max(8, fh // 4)
    ys, xs = np.mgrid[0:sh, 0:sw].astype(np.float32)
    xs, ys = xs / sw, ys / sh
    light = _light(xs, ys, rng, ops) if rng.random() < 0.8 else np.ones_like(xs)
    gain = np.asarray(cv2.resize(light.astype(np.float32), (fw, fh), interpolation=cv2.INTER_LINEAR))
    if rng.random() < 0.45:
        gain = gain * _shadow(xs, ys, rng, ops, (fw, fh))
    return np.multiply(frame, gain[..., None], out=frame)


def _blur(frame: np.ndarray, rng: random.Random, ops: dict[str, Any], strong: bool) -> np.ndarray:
    """Hand shake (a short line kernel) or missed focus (Gaussian); pages' small print gets the milder."""
    if rng.random() < 0.5:
        n = rng.randrange(3, 8 if strong else 5)
        kernel = np.zeros((n, n), np.float32)
        a = rng.uniform(0, math.pi)
        c = (n - 1) / 2
        for t in np.linspace(-c, c, 2 * n):
            kernel[round(c + t * math.sin(a)), round(c + t * math.cos(a))] = 1
        ops["motion_blur"] = n
        return cv2.filter2D(frame, -1, kernel / kernel.sum())
    sigma = rng.uniform(0.5, 1.4 if strong else 0.9)
    ops["defocus"] = round(sigma, 2)
    return cv2.GaussianBlur(frame, (0, 0), sigma)


def photograph(
    page: Image.Image, rng: random.Random, ops: dict[str, Any], thermal: bool
) -> tuple[Image.Image, Mapper]:
    """A phone photo of ``page``; returns it and the map from page pixels to photo pixels."""
    arr = np.asarray(page.convert("RGB"), dtype=np.float32)
    move: Mapper = lambda pts: pts  # noqa: E731
    if (thermal and rng.random() < 0.6) or rng.random() < 0.2:
        arr = _fade(arr, rng, ops)
    if rng.random() < 0.5:
        arr, move = _crumple(arr, rng, ops)
    if rng.random() < 0.3:
        arr = _fold(arr, rng, ops)
    frame, homography = _place(arr, rng, ops)
    frame = _gain(frame, rng, ops)
    frame = _blur(frame, rng, ops, strong=page.width < page.height * 0.5) if rng.random() < 0.6 else frame
    sigma = rng.uniform(1.5, 7)
    noise = np.empty(frame.shape[:2], np.float32)
    cv2.setRNGSeed(rng.getrandbits(31))
    cv2.randn(noise, 0.0, sigma)  # type: ignore[call-overload]  # the stubs want arrays for scalars
    np.add(frame, noise[..., None], out=frame)
    ops["noise"] = round(sigma, 1)
    img = Image.fromarray(cv2.convertScaleAbs(frame), "RGB")  # saturates at 255; tiny negatives fold back

    def to_photo(pts: Points) -> Points:
        moved = move(pts).astype(np.float32).reshape(-1, 1, 2)
        return cv2.perspectiveTransform(moved, homography).reshape(-1, 2)

    return img, to_photo


def photo_box(
    bbox: list[float], page_size: tuple[int, int], to_photo: Mapper, out: tuple[int, int]
) -> list[float]:
    """A page-relative box mapped into the photo (relative to its size): the bounding box of the mapped
    corners and edge midpoints, clipped to the image."""
    w, h = page_size
    x0, y0, x1, y1 = bbox[0] * w, bbox[1] * h, bbox[2] * w, bbox[3] * h
    xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
    pts = np.array(
        [(x0, y0), (xm, y0), (x1, y0), (x1, ym), (x1, y1), (xm, y1), (x0, y1), (x0, ym)], np.float32
    )
    mapped = to_photo(pts)
    ow, oh = out
    return [
        round(max(0.0, float(mapped[:, 0].min()) / ow), 5),
        round(max(0.0, float(mapped[:, 1].min()) / oh), 5),
        round(min(1.0, float(mapped[:, 0].max()) / ow), 5),
        round(min(1.0, float(mapped[:, 1].max()) / oh), 5),
    ]
