"""RapidOCR 3.10 (PP-OCRv6 small det + rec, ONNX files inside the wheel) as an OCR engine.

The detector runs on a copy scaled so that characters are about ``det_char_height`` pixels tall
(which also bounds its cost on large scans); text lines are cropped from the full-resolution image,
recognised, and split into words by :mod:`docsift.reading.ocr.ctcwords`, so a word box covers its
own characters and a word's confidence is the mean probability of its characters. RapidOCR's own
word-box step is not used: it pairs the i-th word with the i-th character's confidence.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from docsift.errors import OcrUnavailable, ReadError
from docsift.options import ProcessingPref
from docsift.reading.ocr import ctcwords
from docsift.reading.ocr.engines import OcrEngine, OcrWord, register
from docsift.reading.ocr.languages import allowed_ranges
from docsift.reading.ocr.preprocess import Prepared


@dataclass(frozen=True)
class DetScale:
    """How large the detector's input is: print shrunk to ``char_height`` pixels (median character
    height), smaller print enlarged to ``min_char_height`` only, and at most ``max_pixels``."""

    char_height: float
    min_char_height: float
    max_pixels: float


# measured on real receipts (bench section "reading"): the detector's cost grows with its input's
# area while words found barely change above 10-pixel characters
DET_SCALES = {
    ProcessingPref.SPEED: DetScale(char_height=10.0, min_char_height=8.0, max_pixels=1.2e6),
    # accuracy: 1.3 MP reads generated invoice scans as well as 1.6 MP (F1 0.985) in 2.6 s, not 3.2 s
    ProcessingPref.ACCURACY: DetScale(char_height=16.0, min_char_height=10.0, max_pixels=1.3e6),
}


@dataclass(frozen=True)
class RapidParams:
    """Detector and recogniser settings (see RapidOCR's config.yaml for the detector's)."""

    det_scales: dict[ProcessingPref, DetScale] = field(default_factory=lambda: dict(DET_SCALES))
    det_min_scale: float = 0.25
    det_thresh: float = 0.3
    box_thresh: float = 0.5
    unclip_ratio: float = 2.0
    text_score: float = 0.5
    use_cls: bool = False
    rec_batch: int = 1  # lines one by one: no padding to the widest line of a batch (measured faster)
    rec_min_width: int = 48  # pad a short line to this width only (RapidOCR pads to 320)
    gap_ratio: float = 1.0  # a blank this many character pitches wide separates words


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
            from rapidocr.ch_ppocr_rec.typings import TextRecInput
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
        self._rec_input = TextRecInput
        self._rec.postprocess_op = AlphabetDecode(self._rec.postprocess_op, allowed_ranges(self.languages))
        self._det_lock = threading.Lock()  # the detector's input size is set per call

    @classmethod
    def available(cls) -> bool:
        try:
            import onnxruntime  # noqa: F401
            import rapidocr  # noqa: F401
        except ImportError:
            return False
        return True

    def recognize(self, page: Prepared, pref: ProcessingPref = ProcessingPref.SPEED) -> list[OcrWord]:
        """Words read from ``page`` with pixel boxes; its character height and ``pref`` set the
        detector's scale. Raises ReadError when RapidOCR fails."""
        bgr = _as_bgr(page.image)
        try:
            quads = self.detect(bgr, page.analysis.char_height, self.params.det_scales[pref])
            return self.read_lines(bgr, quads)
        except ReadError:
            raise
        except Exception as e:
            raise ReadError(f"RapidOCR failed: {e}") from e

    def detect(self, bgr: np.ndarray, char_height: float | None, size: DetScale) -> list[np.ndarray]:
        """Text-line quadrilaterals (4 x 2 float32, pixels of ``bgr``), top to bottom."""
        h, w = bgr.shape[:2]
        scale = det_scale(w, h, char_height, size, self.params.det_min_scale)
        with self._det_lock:
            if scale <= 1.0:
                self._det.limit_type, self._det.limit_side_len = "max", max(32, round(max(h, w) * scale))
            else:
                self._det.limit_type, self._det.limit_side_len = "min", round(min(h, w) * scale)
            det = self._det(bgr)
        if det.boxes is None:
            return []
        return [np.asarray(b, dtype=np.float32) for b in det.boxes]

    def read_lines(self, bgr: np.ndarray, quads: list[np.ndarray], line_offset: int = 0) -> list[OcrWord]:
        """Recognise the text in each quad of ``bgr``; words numbered by line from ``line_offset``."""
        if not quads:
            return []
        crops = [self._crop(bgr, q.copy()) for q in quads]
        if self._cls is not None:
            crops = list(self._cls(crops).img_list)
        return [w for words in self._read(crops, quads, line_offset) for w in words]

    def recognize_crops(self, crops: Sequence[np.ndarray]) -> list[list[OcrWord]]:
        """The words of each crop (one text line, grey or RGB), boxes in its pixels; the recogniser
        alone, without the detector. Raises ReadError when RapidOCR fails."""
        if not crops:
            return []
        bgr = [_as_bgr(c) for c in crops]
        quads = [_frame(c) for c in bgr]
        try:
            return self._read(bgr, quads, 0)
        except Exception as e:
            raise ReadError(f"RapidOCR failed: {e}") from e

    def _read(self, crops: list[np.ndarray], quads: list[np.ndarray], offset: int) -> list[list[OcrWord]]:
        """The words of each crop, boxes in the pixels of the image its quad lies in."""
        rec = self._rec(self._rec_input(img=crops, return_word_box=True))
        out: list[list[OcrWord]] = []
        for idx, (quad, crop, text, score, info) in enumerate(
            zip(quads, crops, rec.txts, rec.scores, rec.word_results, strict=True)
        ):
            keep = float(score) >= self.params.text_score and text.strip()
            out.append(self._line_words(text, info, quad, crop, offset + idx) if keep else [])
        return out

    def _line_words(
        self, text: str, info: Any, quad: np.ndarray, crop: np.ndarray, line: int
    ) -> list[OcrWord]:
        vertical = _is_vertical(quad)
        span = float(info.line_txt_len) or 1.0
        chars = ctcwords.char_columns(text, info.word_cols, list(info.confs))
        if not chars:
            box = ctcwords.quad_part(quad, 0.0, 1.0, vertical)
            conf = float(np.mean(info.confs)) if len(info.confs) else 0.0
            return [OcrWord(t, box, conf, line) for t in text.split()]
        gaps = ctcwords.ink_gaps(crop, chars, span, self.params.gap_ratio)
        groups = ctcwords.split_words(text, chars, gaps)
        pitch = ctcwords.pitch_columns(groups, span, len(chars))
        out = []
        for group in groups:
            f0, f1 = ctcwords.word_span(group, pitch, span)
            word = "".join(text[c.index] for c in group)
            conf = float(np.mean([c.conf for c in group]))
            out.append(OcrWord(word, ctcwords.quad_part(quad, f0, f1, vertical), conf, line))
        return out


def det_scale(
    width: int, height: int, char_height: float | None, size: DetScale, least: float = 0.25
) -> float:
    """The factor the detector's input is resized by for a page of ``width`` x ``height`` pixels."""
    scale = 1.0
    if char_height:
        scale = max(min(size.char_height / char_height, 1.0), size.min_char_height / char_height)
    return min(max(scale, least), (size.max_pixels / (width * height)) ** 0.5)


def det_megapixels(page: Prepared, pref: ProcessingPref) -> float:
    """The detector's input size (megapixels) for ``page`` read with ``pref``: its cost grows with it."""
    scale = det_scale(page.width, page.height, page.analysis.char_height, DET_SCALES[pref])
    return page.width * page.height * scale * scale / 1e6


class AlphabetDecode:
    """CTC decoding restricted to the characters of the requested languages' scripts (plus the CTC
    blank and space): the recogniser also knows 18,000 CJK characters, which on Latin documents only
    ever appear as misreadings. Probabilities stay those of the full softmax, so a character the
    model was unsure about keeps a low confidence."""

    def __init__(self, inner: Any, ranges: list[tuple[int, int]]) -> None:
        self.inner = inner
        chars: list[str] = inner.character
        keep = [i for i, c in enumerate(chars) if i == 0 or c == " " or _within(c, ranges)]
        self.allowed = np.asarray(keep if ranges else range(len(chars)), dtype=np.int64)

    def __call__(self, preds: np.ndarray, return_word_box: bool = False, **kwargs: Any) -> Any:
        sub = preds[:, :, self.allowed]
        best = sub.argmax(axis=2)
        return self.inner.decode(
            self.allowed[best],
            np.take_along_axis(sub, best[:, :, None], axis=2)[:, :, 0],
            return_word_box,
            kwargs.get("wh_ratio_list", (1.0,)),
            kwargs.get("max_wh_ratio", 1.0),
            remove_duplicate=True,
        )


def _within(chars: str, ranges: list[tuple[int, int]]) -> bool:
    return bool(chars) and all(any(a <= ord(c) <= b for a, b in ranges) for c in chars)


def _config(p: RapidParams, threads: int) -> dict[str, Any]:
    return {
        "Global.log_level": "error",
        "Global.text_score": p.text_score,
        "Global.use_cls": p.use_cls,
        "Det.thresh": p.det_thresh,
        "Det.box_thresh": p.box_thresh,
        "Det.unclip_ratio": p.unclip_ratio,
        "Rec.rec_batch_num": p.rec_batch,
        "Rec.rec_img_shape": [3, 48, p.rec_min_width],
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }


def _as_bgr(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return np.ascontiguousarray(np.repeat(image[:, :, None], 3, axis=2))
    return np.ascontiguousarray(image[:, :, ::-1])


def _frame(image: np.ndarray) -> np.ndarray:
    """The quad of a whole image (clockwise from the top-left corner)."""
    h, w = image.shape[:2]
    return np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)


def _is_vertical(quad: np.ndarray) -> bool:
    width = float(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    height = float(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    return bool(height >= 1.5 * max(width, 1.0))
