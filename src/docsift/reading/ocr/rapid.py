"""RapidOCR 3.10 (PP-OCRv6 small det + rec, ONNX files inside the wheel) as an OCR engine.

The detector finds text lines (quadrilaterals); each is cropped, recognised, and split into words
from the CTC column of every character, so a word box covers its own characters and a word's
confidence is the mean probability of its characters. RapidOCR's own word-box step is not used:
it pairs the i-th word with the i-th character's confidence and can shift words between lines.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

import numpy as np

from docsift.errors import OcrUnavailable, ReadError
from docsift.reading.ocr.engines import OcrEngine, OcrWord, register


@dataclass(frozen=True)
class RapidParams:
    """Detector and recogniser settings (see RapidOCR's config.yaml for their meaning)."""

    det_limit_side: int = 736
    det_limit_type: str = "min"
    det_thresh: float = 0.3
    box_thresh: float = 0.5
    unclip_ratio: float = 1.6
    text_score: float = 0.5
    use_cls: bool = False
    rec_batch: int = 6
    split_gap: float = 0.0  # split a word where its characters are this many char widths apart (0: off)


@register
class RapidEngine(OcrEngine):
    """RapidOCR with PP-OCRv6 small models; one multilingual Latin/CJK recogniser for every language."""

    name = "rapidocr"
    package = "rapidocr==3.10.0 onnxruntime"

    def __init__(self, languages: Sequence[str], threads: int, params: RapidParams | None = None) -> None:
        super().__init__(languages, threads)
        self.params = params or RapidParams()
        try:
            from rapidocr import RapidOCR
            from rapidocr.utils.process_img import get_rotate_crop_image

            ocr = RapidOCR(params=_config(self.params, threads))
            self._det = ocr._load_det_model()
            self._cls = ocr._load_cls_model() if self.params.use_cls else None
            self._rec = ocr._load_rec_model()
        except (ImportError, AttributeError) as e:
            raise OcrUnavailable(f"RapidOCR could not be loaded ({e}): pip install {self.package}") from e
        except Exception as e:  # a missing model file makes rapidocr try a download
            raise OcrUnavailable(f"RapidOCR models could not be loaded: {e}") from e
        self._crop = get_rotate_crop_image

    @classmethod
    def available(cls) -> bool:
        try:
            import onnxruntime  # noqa: F401
            import rapidocr  # noqa: F401
        except ImportError:
            return False
        return True

    def recognize(self, image: np.ndarray) -> list[OcrWord]:
        """Words read from ``image`` with pixel boxes. Raises ReadError when RapidOCR fails."""
        rgb = _as_bgr(image)
        try:
            return self._run(rgb)
        except Exception as e:
            raise ReadError(f"RapidOCR failed: {e}") from e

    def _run(self, bgr: np.ndarray) -> list[OcrWord]:
        from rapidocr.ch_ppocr_rec.typings import TextRecInput

        det = self._det(bgr)
        if det.boxes is None or len(det.boxes) == 0:
            return []
        quads = [np.asarray(b, dtype=np.float32) for b in det.boxes]
        crops = [self._crop(bgr, q.copy()) for q in quads]
        if self._cls is not None:
            crops = list(self._cls(crops).img_list)
        rec = self._rec(TextRecInput(img=crops, return_word_box=True))
        words: list[OcrWord] = []
        for idx, (quad, _crop, text, score, info) in enumerate(
            zip(quads, crops, rec.txts, rec.scores, rec.word_results, strict=True)
        ):
            if float(score) < self.params.text_score or not text.strip():
                continue
            vertical = _is_vertical(quad)
            words.extend(_line_words(text, info, quad, vertical, idx, self.params.split_gap))
        return words


def _config(p: RapidParams, threads: int) -> dict[str, Any]:
    return {
        "Global.log_level": "error",
        "Global.text_score": p.text_score,
        "Global.use_cls": p.use_cls,
        "Det.limit_side_len": p.det_limit_side,
        "Det.limit_type": p.det_limit_type,
        "Det.thresh": p.det_thresh,
        "Det.box_thresh": p.box_thresh,
        "Det.unclip_ratio": p.unclip_ratio,
        "Rec.rec_batch_num": p.rec_batch,
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }


def _as_bgr(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return np.ascontiguousarray(np.repeat(image[:, :, None], 3, axis=2))
    return np.ascontiguousarray(image[:, :, ::-1])


def _is_vertical(quad: np.ndarray) -> bool:
    width = float(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    height = float(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    return bool(height >= 1.5 * max(width, 1.0))


def _line_words(
    text: str, info: Any, quad: np.ndarray, vertical: bool, line: int, split_gap: float
) -> list[OcrWord]:
    """Split one recognised line into words, each boxed by the CTC columns of its characters."""
    cols = [c for word_cols in info.word_cols for c in word_cols]
    confs = list(info.confs)
    span = float(info.line_txt_len) or 1.0
    chars = [(ch, conf) for ch, conf in zip(text, confs, strict=False)]
    groups = _char_groups(text, cols, split_gap)
    if not groups or len(cols) != sum(1 for ch in text if not ch.isspace()):
        whole = _quad_box(quad, 0.0, 1.0, vertical)
        return [OcrWord(text.strip(), whole, float(np.mean(confs or [0])), line)]
    pitch = _char_pitch(groups, span, len(cols))
    out = []
    for group in groups:
        first, last = group[0][1], group[-1][1]
        f0 = max(0.0, (first + 0.5 - pitch / 2) / span)
        f1 = min(1.0, (last + 0.5 + pitch / 2) / span)
        word = "".join(text[i] for i, _ in group)
        conf = float(np.mean([chars[i][1] for i, _ in group if i < len(chars)] or [0.0]))
        out.append(OcrWord(word, _quad_box(quad, f0, f1, vertical), conf, line))
    return out


def _char_groups(text: str, cols: list[int], split_gap: float) -> list[list[tuple[int, int]]]:
    """(text index, CTC column) of each non-space character, grouped into words: split at spaces
    and, when ``split_gap`` > 0, where two characters sit more than ``split_gap`` pitches apart."""
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    it = iter(cols)
    steps = [b - a for a, b in itertools.pairwise(cols)]
    pitch = median(steps) if steps else 0.0
    for i, ch in enumerate(text):
        if ch.isspace():
            if current:
                groups.append(current)
            current = []
            continue
        col = next(it, None)
        if col is None:
            return []
        if current and split_gap > 0 and pitch > 0 and col - current[-1][1] > split_gap * pitch:
            groups.append(current)
            current = []
        current.append((i, col))
    if current:
        groups.append(current)
    return groups


def _char_pitch(groups: list[list[tuple[int, int]]], span: float, n_chars: int) -> float:
    steps = [b[1] - a[1] for g in groups for a, b in itertools.pairwise(g)]
    return float(median(steps)) if steps else span / max(n_chars, 1)


def _quad_box(quad: np.ndarray, f0: float, f1: float, vertical: bool) -> tuple[float, float, float, float]:
    """The axis-aligned box of the part of ``quad`` between fractions f0..f1 along its text direction."""
    if vertical:  # the crop was turned: its x axis runs down the quad's left and right edges
        a0, a1, b0, b1 = quad[0], quad[3], quad[1], quad[2]
    else:
        a0, a1, b0, b1 = quad[0], quad[1], quad[3], quad[2]
    pts = np.array([a0 + f0 * (a1 - a0), a0 + f1 * (a1 - a0), b0 + f0 * (b1 - b0), b0 + f1 * (b1 - b0)])
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    return (float(x0), float(y0), float(x1), float(y1))
