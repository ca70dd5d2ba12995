"""Ink as text-like components and word-sized regions, and which words read already own them.

Components of a binarised page that may belong to text are kept: specks, rule fragments (long and
thin), solid blocks and anything taller than ``max_height`` character heights (images, logos,
stamps) are not. Each component is owned by the word box that holds its centre. Components close
enough to each other (horizontally within ``join`` character heights, vertically overlapping or
within ``join_rows``) form a region; a region is text-like when one of its components is at least
``min_height`` tall, the region at most ``max_height``, and it is not a stretch of vertical rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from docsift.reading.ocr.engines import PixelBox

IntBox = tuple[int, int, int, int]


@dataclass(frozen=True)
class RegionParams:
    """Sizes in character heights (the page's median)."""

    join: float = 0.6  # horizontal gap that still joins two components
    join_rows: float = 0.2  # vertical gap that still joins two components
    min_height: float = 0.5  # a region needs a component this tall
    max_height: float = 3.0  # taller components and regions are not text
    min_area: float = 0.01  # smaller components are specks (area in squared character heights)
    max_aspect: float = 10.0  # longer (than stroke_length) thinner components are rule fragments
    stroke: float = 0.3  # so is a region of strokes narrower than this and taller than stroke_length
    stroke_length: float = 1.3
    work_height: float = 12.0  # larger print is measured on a copy shrunk by a whole factor


@dataclass
class Region:
    """Components joined into one word-sized piece of ink: the tight box of its ink (pixels) and
    the words (indices) that own some of it."""

    box: IntBox
    words: list[int] = field(default_factory=list)


def components(ink: np.ndarray, char_height: float, p: RegionParams) -> tuple[np.ndarray, np.ndarray]:
    """Boxes (n x 4: x0, y0, x1, y1 in pixels) of the components of binary ``ink`` (255 on 0) that
    may be part of text, sorted by x0, and those of pictures (taller than text, mostly ink: photos,
    logos, dark banners with light text). Measured on a copy shrunk (any ink in a block of pixels
    counts) until characters are about ``p.work_height`` pixels tall."""
    f = max(1, int(char_height // p.work_height))
    if f > 1:
        small = cv2.resize(ink, (ink.shape[1] // f, ink.shape[0] // f), interpolation=cv2.INTER_AREA)
        ink = np.where(small > 0, 255, 0).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    s = stats[1:].astype(np.int64)
    x, y, w, h, area = (s[:, 0] * f, s[:, 1] * f, s[:, 2] * f, s[:, 3] * f, s[:, 4] * f * f)
    long_side, short_side = np.maximum(w, h), np.maximum(np.minimum(w, h), 1)
    keep = (
        (area >= p.min_area * char_height**2)
        & (h <= p.max_height * char_height)
        & ((long_side <= p.max_aspect * short_side) | (long_side <= p.stroke_length * char_height))
        & ~((area > 0.9 * w * h) & (np.minimum(w, h) > char_height))  # solid blocks
    )
    boxes = np.stack([x, y, x + w, y + h], axis=1)
    out = boxes[keep]
    pictures = boxes[(h > p.max_height * char_height) & (area > 0.5 * w * h)]
    return out[np.argsort(out[:, 0], kind="stable")], pictures


def inside_any(box: IntBox, frames: np.ndarray) -> bool:
    """True when ``box`` lies within one of ``frames`` (n x 4)."""
    if not len(frames):
        return False
    f = frames
    return bool(((f[:, 0] <= box[0]) & (f[:, 1] <= box[1]) & (f[:, 2] >= box[2]) & (f[:, 3] >= box[3])).any())


def owners(comps: np.ndarray, boxes: list[PixelBox]) -> np.ndarray:
    """For each component, the index of the smallest box in ``boxes`` holding its centre (-1: none;
    word boxes overlap where a word's box took in a rule or a neighbour)."""
    owner = np.full(len(comps), -1, dtype=np.int64)
    if not len(comps) or not boxes:
        return owner
    inside = _centres_inside(comps, np.asarray(boxes, dtype=np.float64))
    b = np.asarray(boxes, dtype=np.float64)
    area = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    hit = inside.any(axis=1)
    owner[hit] = np.where(inside[hit], area[None, :], np.inf).argmin(axis=1)
    return owner


def inked(comps: np.ndarray, boxes: list[PixelBox], min_height: float) -> np.ndarray:
    """For each box, whether it holds the centre of a component at least ``min_height`` pixels tall
    (ink that may be a character, not a speck or a stretch of rule)."""
    tall = comps[comps[:, 3] - comps[:, 1] >= min_height]
    if not len(tall) or not boxes:
        return np.zeros(len(boxes), dtype=bool)
    return np.asarray(_centres_inside(tall, np.asarray(boxes, dtype=np.float64)).any(axis=0))


def _centres_inside(comps: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Matrix (components x boxes): the component's centre lies in the box."""
    cx = (comps[:, 0] + comps[:, 2]) / 2
    cy = (comps[:, 1] + comps[:, 3]) / 2
    return np.asarray(
        (cx[:, None] >= b[None, :, 0]) & (cx[:, None] <= b[None, :, 2])
        & (cy[:, None] >= b[None, :, 1]) & (cy[:, None] <= b[None, :, 3])
    )  # fmt: skip


def gapped(comps: np.ndarray, owner: np.ndarray, n_words: int, gap: float) -> set[int]:
    """Words (indices) whose own components leave a horizontal gap wider than ``gap`` pixels:
    two cells of a table read as one word."""
    found = set()
    for word in np.unique(owner[owner >= 0]).tolist():
        mine = comps[owner == word]
        if len(mine) < 2 or word >= n_words:
            continue
        order = np.argsort(mine[:, 0])
        reach = np.maximum.accumulate(mine[order, 2])
        if (mine[order[1:], 0] - reach[:-1]).max() > gap:
            found.add(int(word))
    return found


def regions(comps: np.ndarray, owner: np.ndarray, char_height: float, p: RegionParams) -> list[Region]:
    """Text-like regions of ``comps`` (sorted by x0), top to bottom, each with the owners of its
    components (owner -1 is no word)."""
    n = len(comps)
    parent = np.arange(n)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    gx, gy = p.join * char_height, p.join_rows * char_height
    x0, y0, x1, y1 = (comps[:, k] for k in range(4))
    for i in range(n):  # sorted by x0: only later ones starting before x1 + gx can touch
        near = np.arange(i + 1, int(np.searchsorted(x0, x1[i] + gx, side="right")))
        for j in near[(y0[near] <= y1[i] + gy) & (y1[near] >= y0[i] - gy)].tolist():
            a, b = root(i), root(j)
            if a != b:
                parent[b] = a
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    found = [_region(comps[idx], owner[idx], char_height, p) for idx in groups.values()]
    return sorted((r for r in found if r is not None), key=lambda r: (r.box[1], r.box[0]))


def _region(members: np.ndarray, owner: np.ndarray, char_height: float, p: RegionParams) -> Region | None:
    """The region of a group of components, or None when it is not text-like."""
    low, high = members[:, :2].min(axis=0), members[:, 2:].max(axis=0)
    box = (int(low[0]), int(low[1]), int(high[0]), int(high[1]))
    tallest = (members[:, 3] - members[:, 1]).max()
    if tallest < p.min_height * char_height or box[3] - box[1] > p.max_height * char_height:
        return None
    if (members[:, 2] - members[:, 0]).max() < p.stroke * char_height and rule_like(box, char_height, p):
        return None  # a stretch of a vertical ruling line
    return Region(box, sorted({int(o) for o in owner if o >= 0}))


def rule_like(box: PixelBox | IntBox, char_height: float, p: RegionParams) -> bool:
    """True for the box of a stretch of ruling line: thinner than ``p.stroke`` character heights and
    longer than ``p.stroke_length`` (vertical), or than twice that (horizontal)."""
    w, h = box[2] - box[0], box[3] - box[1]
    thin, long = p.stroke * char_height, p.stroke_length * char_height
    return bool((w < thin and h > long) or (h < thin and w > 2 * long))
