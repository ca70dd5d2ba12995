"""Image files (JPEG, PNG, TIFF incl. multi-page, BMP, WebP, GIF, HEIC/HEIF): each page OCR'd.

Sizes are checked from the header before any pixel is decoded, so a decompression bomb or a
TIFF of a thousand pages is refused at once.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from docsift.errors import CorruptFile, LimitExceeded, ReadError
from docsift.options import Limits, RunOptions
from docsift.reading.model import Document
from docsift.reading.ocr_bridge import ocr_image
from docsift.reading.sniff import MIME_TYPES, Kind

_HEIF_READY = False


def register_heif() -> None:
    """Register pi-heif's HEIC/HEIF opener with Pillow (once). Raises ReadError naming the
    package when it is missing."""
    global _HEIF_READY
    if _HEIF_READY:
        return
    try:
        import pi_heif
    except ImportError as e:
        raise ReadError("HEIC/HEIF images need the pi-heif package: pip install pi-heif") from e
    pi_heif.register_heif_opener()
    _HEIF_READY = True


def read_image(data: bytes, kind: Kind, file_name: str, options: RunOptions) -> Document:
    """OCR every page of an image file into a Document.

    Raises LimitExceeded (pixels, pages), CorruptFile (undecodable), OcrUnavailable."""
    doc = Document(file_name=file_name, mime_type=MIME_TYPES[kind], metadata={"kind": kind.value})
    for number, (image, dpi) in enumerate(load_pages(data, kind, options.limits), start=1):
        doc.pages.append(ocr_image(image, number, options, dpi))
    return doc


def load_pages(data: bytes, kind: Kind, limits: Limits) -> Iterator[tuple[Image.Image, float | None]]:
    """Decode each page of an image file, upright (EXIF orientation applied), as an L or RGB
    image with its dpi (None when the file does not say). Raises LimitExceeded, CorruptFile."""
    if kind == Kind.HEIF:
        register_heif()
    image = _open(data)
    with image:
        frames = _count_frames(image, limits.max_pages) if kind == Kind.TIFF else 1
        for index in range(frames):
            yield _decode_frame(image, index, limits)


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bomb sizes are checked by us; metadata quirks are not errors
            return Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as e:
        raise LimitExceeded(f"the image is too large to decode safely: {e}") from e
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as e:
        raise CorruptFile(f"the image cannot be decoded: {e}") from e


def _count_frames(image: Image.Image, max_pages: int) -> int:
    """Pages of a multi-page image, counted from the headers only; raises LimitExceeded as soon
    as there are more than ``max_pages``."""
    count = 1
    try:
        while True:
            image.seek(count)
            count += 1
            if count > max_pages:
                raise LimitExceeded(
                    f"the image has more than {max_pages} pages, the limit", details={"limit": max_pages}
                )
    except EOFError:
        pass
    except (OSError, ValueError, SyntaxError) as e:
        raise CorruptFile(f"page {count + 1} of the image cannot be read: {e}") from e
    return count


def _decode_frame(image: Image.Image, index: int, limits: Limits) -> tuple[Image.Image, float | None]:
    try:
        image.seek(index)
        width, height = image.size
        if width * height > limits.max_page_pixels:
            raise LimitExceeded(
                f"page {index + 1} is {width} x {height} pixels, "
                f"more than the limit of {limits.max_page_pixels}",
                details={"width": width, "height": height, "limit": limits.max_page_pixels},
            )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bomb sizes are checked by us; metadata quirks are not errors
            image.load()
            frame = ImageOps.exif_transpose(image) if index == 0 else image.copy()
        frame = _normalise_mode(frame)
    except LimitExceeded:
        raise
    except Image.DecompressionBombError as e:
        raise LimitExceeded(f"the image is too large to decode safely: {e}") from e
    except (OSError, ValueError, SyntaxError, EOFError) as e:
        raise CorruptFile(f"page {index + 1} of the image cannot be decoded: {e}") from e
    return frame, _dpi(image)


def _normalise_mode(image: Image.Image) -> Image.Image:
    """An L or RGB copy: transparency flattened onto white, 16-bit and float scaled to 8 bits."""
    mode = image.mode
    if mode in ("L", "RGB"):
        return image
    if mode == "1":
        return image.convert("L")
    if mode.startswith(("I", "F")):
        values = np.asarray(image, dtype=np.float32)
        low, high = float(values.min()), float(values.max())
        scaled = (values - low) * (255.0 / (high - low)) if high > low else np.zeros_like(values)
        return Image.fromarray(scaled.astype(np.uint8), "L")
    if mode in ("P", "PA", "LA", "RGBA", "La", "RGBa"):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return image.convert("RGB")


def _dpi(image: Image.Image) -> float | None:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        return None
    return value if 50 <= value <= 2400 else None
