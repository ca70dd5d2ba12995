"""Calibrated confidence: a ranker score -> the probability that the chosen value is right.

Fitted by isotonic regression (pool-adjacent-violators) on out-of-fold choices of the training
documents, per group of roles (amounts, dates, identifiers, names...) and reading: a text layer,
OCR, or OCR whose words for the value were read with low confidence (``ocr-weak``: the right line
misread is still wrong, so a weak reading gets its own, lower, table). Stored as step tables in
``models/calibration.json``. At run time a score is mapped by linear interpolation.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from docsift.extraction.knowledge.registry import FieldKind, roles

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docsift.extraction.document.lines import ILine

GROUPS = {"amount": "amount", "date": "date", "text": "text"}
WEAK_OCR = 0.9  # the lowest word confidence under which a value's OCR reading counts as weak


def reading_key(ocr: bool, ocr_min: float = 1.0) -> str:
    """The reading a value came from: "text", "ocr-sure", or "ocr-weak" (its least sure word < WEAK_OCR)."""
    if not ocr:
        return "text"
    return "ocr-weak" if ocr_min < WEAK_OCR else "ocr-sure"


class Span(Protocol):
    """Words [w0, w1) of a line: a segment or an entity."""

    line: ILine
    w0: int
    w1: int


def spans_confidence(spans: Iterable[Span]) -> float:
    """The lowest OCR confidence of the words of ``spans`` (1.0 for none)."""
    return min((w.confidence for s in spans for w in s.line.words[s.w0 : s.w1]), default=1.0)


def role_group(role: str) -> str:
    """The calibration group of a role: ``name`` / ``address`` for parties, else its compare kind
    (amount, date, text)."""
    spec = roles().get(role)
    if spec is None:
        return "text"
    if spec.kind == FieldKind.PARTY_NAME:
        return "name"
    if spec.kind == FieldKind.ADDRESS:
        return "address"
    return spec.compare


def isotonic(scores: list[float], outcomes: list[int]) -> tuple[list[float], list[float]]:
    """Pool-adjacent-violators fit: knots (x, y) with y non-decreasing in x."""
    pairs = sorted(zip(scores, outcomes, strict=True))
    blocks: list[list[float]] = []  # [sum_y, weight, x_min, x_max]
    for x, y in pairs:
        blocks.append([float(y), 1.0, x, x])
        while len(blocks) > 1 and (
            blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1] or blocks[-2][3] == blocks[-1][2]
        ):  # pooled while out of order, and equal scores always pooled
            sy, w, _, x1 = blocks.pop()
            blocks[-1][0] += sy
            blocks[-1][1] += w
            blocks[-1][3] = x1
    xs: list[float] = []
    ys: list[float] = []
    for sy, w, x0, x1 in blocks:
        xs.append((x0 + x1) / 2)
        ys.append(sy / w)
    return xs, ys


@dataclass
class Calibrator:
    """Step tables per role group; unknown groups fall back to ``default``."""

    tables: dict[str, tuple[list[float], list[float]]]

    def __call__(self, role: str, score: float, ocr: bool = False, ocr_min: float = 1.0) -> float:
        """The calibrated probability of a choice of ``role`` scored ``score`` (0..1) on a document
        read by OCR (``ocr``; ``ocr_min``: the lowest confidence of the value's words) or from a
        text layer."""
        group = role_group(role)
        table = (
            self.tables.get(f"{group}:{reading_key(ocr, ocr_min)}")
            or self.tables.get(f"{group}:{'ocr' if ocr else 'text'}")
            or self.tables.get(group)
            or self.tables.get("default")
        )
        if not table or not table[0]:
            return score
        xs, ys = table
        if score <= xs[0]:
            return ys[0]
        if score >= xs[-1]:
            return ys[-1]
        i = bisect_right(xs, score)
        x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
        return y0 + (y1 - y0) * (score - x0) / (x1 - x0) if x1 > x0 else y1

    def to_json(self) -> dict[str, object]:
        """The tables as JSON-ready {group: {"x": [...], "y": [...]}}."""
        return {
            k: {"x": [round(v, 5) for v in xs], "y": [round(v, 5) for v in ys]}
            for k, (xs, ys) in self.tables.items()
        }


def fit_calibrator(records: list[tuple[str, float, int, bool, float]], min_points: int = 30) -> Calibrator:
    """A Calibrator from (role, score, correct, ocr, lowest word confidence) records: a table per
    role group and reading (``amount:ocr-weak``, ``amount:ocr-sure``, ``amount:text``; both OCR
    readings also pooled as ``amount:ocr``), per role group, and ``default``; groups with fewer
    than ``min_points`` records fall back to the next level."""
    by_group: dict[str, tuple[list[float], list[int]]] = {}
    for role, score, ok, ocr, ocr_min in records:
        group = role_group(role)
        keys = {group, f"{group}:{'ocr' if ocr else 'text'}", f"{group}:{reading_key(ocr, ocr_min)}"}
        for key in sorted(keys):
            xs, ys = by_group.setdefault(key, ([], []))
            xs.append(score)
            ys.append(ok)
    tables = {g: isotonic(xs, ys) for g, (xs, ys) in by_group.items() if len(xs) >= min_points}
    if records:
        tables["default"] = isotonic([r[1] for r in records], [r[2] for r in records])
    return Calibrator(tables)


def load_calibrator(path: Path) -> Calibrator:
    """The Calibrator stored at ``path``; the identity when the file does not exist."""
    if not path.exists():
        return Calibrator({})
    data = json.loads(path.read_text(encoding="utf-8"))
    return Calibrator({k: (list(v["x"]), list(v["y"])) for k, v in data.items()})
