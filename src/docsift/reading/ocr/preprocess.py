"""Page preparation before OCR: orientation, skew, contrast and scale.

Everything is measured on a small binarised copy first, so a clean upright page costs a few
milliseconds; the full-resolution image is only touched when a correction is needed.

- orientation (0/90/180/270): a small classifier (:mod:`docsift.reading.ocr.orientation`).
- skew: the angle that makes the horizontal projection profile sharpest, searched coarse to fine
  on the downscaled binary image, undone with ``cv2.warpAffine`` filled with the page background.
- polarity: a negative (light text on a dark page) is inverted.
- print size: the median character height is measured from connected components; each engine
  scales the page from it to the size it reads best.
- for engines that need them (Tesseract): faint ink darkened (:func:`stretch_contrast`), ruling
  lines removed (:func:`remove_rules`), small print enlarged (:func:`resize`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from docsift.errors import OcrUnavailable
from docsift.reading.ocr.orientation import detect_rotation

WORK_SIDE = 1000  # long side of the copy used for measurements
MAX_SKEW = 15.0  # degrees searched either way
MIN_SKEW = 0.3  # below this the page is left as it is
SKEW_GAIN = 1.02  # a skew angle must sharpen the row profile by this factor over 0 degrees
FAINT_INK = 110  # grey level: ink lighter than this is faint
NEGATIVE_BELOW = 100  # median grey level under which a page is taken for a negative
RULE_ACROSS = 8.0  # character heights: a horizontal ruling line is at least this long
RULE_DOWN = 8.0  # and a vertical one this long
MIN_ORIENTATION_PROB = 0.5  # a less certain orientation is not acted on (pages without much text)


@dataclass
class Analysis:
    """Measurements of a page (in full-resolution pixels where they are lengths)."""

    skew: float = 0.0
    char_height: float | None = None
    ink_level: float = 0.0
    background: float = 255.0


@dataclass
class Prepared:
    """An upright, deskewed page (RGB and grey) with its measurements; engines read from it and
    return boxes in its pixels."""

    image: np.ndarray
    grey: np.ndarray
    analysis: Analysis
    rotation: int = 0
    skew: float = 0.0
    notes: list[str] = field(default_factory=list)
    _cleaned: np.ndarray | None = field(default=None, repr=False)

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])

    def cleaned(self) -> np.ndarray:
        """The grey page with faint ink darkened (:func:`stretch_contrast`) and ruling lines painted
        out (:func:`remove_rules`), computed once."""
        if self._cleaned is None:
            grey = self.grey
            if self.faint:
                grey = stretch_contrast(grey, self.analysis.ink_level, self.analysis.background)
            self._cleaned = remove_rules(grey, self.analysis.char_height)
        return self._cleaned

    @property
    def faint(self) -> bool:
        """True when the ink is pale (the typical faded thermal receipt)."""
        return self.analysis.ink_level > FAINT_INK


def prepare(rgb: np.ndarray, orient: bool = True, threads: int = 1) -> Prepared:
    """``rgb`` turned upright (when ``orient``) and deskewed, with its measurements.

    The orientation classifier failing to load is noted, not raised: the page is read as it is.
    """
    notes: list[str] = []
    rotation = 0
    if orient:
        try:
            rotation, probability = detect_rotation(rgb, threads)
            rotation = rotation if probability >= MIN_ORIENTATION_PROB else 0
        except OcrUnavailable as e:
            notes.append(f"orientation not checked: {e.message}")
    rgb = rotate_quarter(rgb, rotation)
    grey = to_grey(rgb)
    if is_negative(grey):
        rgb, grey = 255 - rgb, 255 - grey
    found = analyse(grey)
    skew = 0.0
    if abs(found.skew) >= MIN_SKEW:
        skew = found.skew
        rgb = deskew(rgb, skew, found.background)
        grey = to_grey(rgb)
    return Prepared(rgb, grey, found, rotation, skew, notes)


def is_negative(grey: np.ndarray) -> bool:
    """True when most of the page is dark: light text on a dark background."""
    small, _ = work_copy(grey, WORK_SIDE // 4)
    return bool(np.median(small) < NEGATIVE_BELOW)


def to_grey(image: np.ndarray) -> np.ndarray:
    """A grey (H x W uint8) copy of an RGB or grey image."""
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def binarise(grey: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0 (Otsu), from a grey image with dark text on a light background."""
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def work_copy(grey: np.ndarray, side: int = WORK_SIDE) -> tuple[np.ndarray, float]:
    """``grey`` shrunk so its long side is at most ``side``, and the factor applied."""
    factor = min(1.0, side / max(grey.shape[:2]))
    if factor >= 1.0:
        return grey, 1.0
    small = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    return small, factor


def profile_sharpness(ink: np.ndarray, axis: int) -> float:
    """How strongly ink alternates along rows (axis=1) or columns (axis=0): the mean squared
    difference between neighbouring sums, normalised by the ink total."""
    sums = ink.sum(axis=axis, dtype=np.float64) / 255.0
    total = sums.sum()
    if total <= 0:
        return 0.0
    return float(np.square(np.diff(sums)).sum() / total)


def estimate_skew(ink: np.ndarray, limit: float = MAX_SKEW) -> float:
    """Degrees the text lines of binary ``ink`` are turned anticlockwise (0 when unsure)."""
    if ink.sum() == 0:
        return 0.0
    best, step = 0.0, 1.0
    candidates = np.arange(-limit, limit + 1e-6, step)
    for width in (step, 0.2, 0.05):
        scores = [(_rotated_sharpness(ink, a), a) for a in candidates]
        best = max(scores)[1]
        candidates = np.arange(best - width, best + width + 1e-6, width / 4)
    # Short or sparse text scores the same over a range of angles (and max() breaks the tie
    # towards the largest one): an angle counts only if it sharpens the rows clearly.
    if _rotated_sharpness(ink, best) < SKEW_GAIN * _rotated_sharpness(ink, 0.0):
        return 0.0
    return float(round(best, 2))


def _rotated_sharpness(ink: np.ndarray, angle: float) -> float:
    h, w = ink.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    turned = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    return profile_sharpness(turned, axis=1)


def char_height(ink: np.ndarray) -> float | None:
    """Median height in pixels of the character-like connected components of binary ``ink``
    (None when there are too few to tell)."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return None
    hs = stats[1:, cv2.CC_STAT_HEIGHT].astype(np.float64)
    ws = stats[1:, cv2.CC_STAT_WIDTH].astype(np.float64)
    area = stats[1:, cv2.CC_STAT_AREA].astype(np.float64)
    keep = (hs >= 4) & (hs <= ink.shape[0] / 8) & (ws <= 3 * hs) & (area >= 0.1 * hs * ws)
    if keep.sum() < 8:
        return None
    return float(np.median(hs[keep]))


def analyse(grey: np.ndarray) -> Analysis:
    """Skew, character height, ink and background levels of a grey page, on a small copy."""
    small, _factor = work_copy(grey)
    ink = binarise(small)
    skew = estimate_skew(ink)
    ink_pixels = small[ink > 0]
    paper = small[ink == 0]
    mid, mid_factor = work_copy(grey, 2 * WORK_SIDE)  # characters need more pixels than lines
    height = char_height(binarise(mid))
    return Analysis(
        skew=skew,
        char_height=height / mid_factor if height else None,
        ink_level=float(np.percentile(ink_pixels, 50)) if ink_pixels.size else 0.0,
        background=float(np.median(paper)) if paper.size else 255.0,
    )


def rotate_quarter(image: np.ndarray, degrees: int) -> np.ndarray:
    """``image`` turned clockwise by 0/90/180/270 degrees."""
    turns = {0: 0, 90: 3, 180: 2, 270: 1}[degrees % 360]
    return np.ascontiguousarray(np.rot90(image, turns)) if turns else image


def deskew(image: np.ndarray, angle: float, background: float) -> np.ndarray:
    """``image`` turned by ``angle`` degrees clockwise (undoing an anticlockwise skew), the canvas
    grown to keep every corner, new areas filled with ``background``."""
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = round(h * sin + w * cos), round(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    fill = (background,) * 3 if image.ndim == 3 else background
    return cv2.warpAffine(image, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=fill)


def stretch_contrast(grey: np.ndarray, ink: float, background: float) -> np.ndarray:
    """Levels mapped so that ``ink`` becomes black and ``background`` white (a faint page made dark)."""
    low, high = min(ink, background - 1), max(background, ink + 1)
    lut = np.clip((np.arange(256, dtype=np.float32) - low) * 255.0 / (high - low), 0, 255)
    return cv2.LUT(grey, lut.astype(np.uint8))


def remove_rules(grey: np.ndarray, char_height: float | None) -> np.ndarray:
    """``grey`` with long horizontal and vertical ruling lines (table borders, underlines) painted
    over with the background: Tesseract reads them as ``|``, ``_`` and garbage. Lines are ink runs
    longer than eight character heights and thinner than half a character."""
    unit = max(int(char_height or 12), 6)
    ink = binarise(grey)
    across, down = round(RULE_ACROSS * unit), round(RULE_DOWN * unit)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (across, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, down)))
    rules = cv2.bitwise_or(horizontal, vertical)
    if not rules.any():
        return grey
    thick = max(unit // 2, 2)
    solid = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (thick, thick)))
    rules = cv2.bitwise_and(rules, cv2.bitwise_not(solid))  # keep filled areas (logos, bold blocks)
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    out = grey.copy()
    out[rules > 0] = paper_level(grey, ink)
    return out


def paper_level(grey: np.ndarray, ink: np.ndarray) -> int:
    """The median grey level of the pixels that are not ``ink`` (a sparse sample; 255 when none)."""
    paper = grey[::4, ::4][ink[::4, ::4] == 0]
    if not paper.size:
        paper = grey[ink == 0]
    return int(np.median(paper)) if paper.size else 255


def resize(image: np.ndarray, scale: float) -> np.ndarray:
    """``image`` scaled by ``scale`` (area averaging down, cubic up)."""
    if abs(scale - 1.0) < 0.03:
        return image
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=interp)
