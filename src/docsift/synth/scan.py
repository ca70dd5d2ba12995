"""Degraded scans of a rendered PDF: rasterise, rotate, skew, blur, noise, fade, shadow, JPEG artefacts.

Truth boxes stay in the upright page frame (as in the PDF); the scan records the rotation and skew
applied and the same boxes mapped into the stored image (``scan.image_boxes``).
"""

from __future__ import annotations

import io
import math
import random
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from docsift.synth.knowledge import weighted
from docsift.synth.painter import SynthError


def _raster(pdf: bytes, dpi: int) -> list[Image.Image]:
    try:
        doc = pdfium.PdfDocument(pdf)
        pages = [
            doc[i].render(scale=dpi / 72, grayscale=False).to_pil().convert("RGB") for i in range(len(doc))
        ]
        doc.close()
    except pdfium.PdfiumError as e:
        raise SynthError(f"could not rasterise the generated PDF: {e}") from e
    return pages


def _map_box(
    bbox: list[float], size: tuple[int, int], rotation: int, skew: float, out_size: tuple[int, int]
) -> list[float]:
    """A page-relative box mapped through a clockwise ``rotation`` and a ``skew`` (degrees, PIL sense)."""
    w, h = size
    corners = [
        (bbox[0] * w, bbox[1] * h),
        (bbox[2] * w, bbox[1] * h),
        (bbox[0] * w, bbox[3] * h),
        (bbox[2] * w, bbox[3] * h),
    ]
    pts = []
    for x, y in corners:
        if rotation == 90:
            x, y = h - y, x
        elif rotation == 180:
            x, y = w - x, h - y
        elif rotation == 270:
            x, y = y, w - x
        pts.append((x, y))
    rw, rh = (h, w) if rotation in (90, 270) else (w, h)
    ow, oh = out_size
    a = math.radians(skew)
    cx, cy = rw / 2, rh / 2
    mapped = []
    for x, y in pts:  # PIL rotates counter-clockwise for positive angles (y axis down)
        dx, dy = x - cx, y - cy
        nx = dx * math.cos(a) + dy * math.sin(a)
        ny = -dx * math.sin(a) + dy * math.cos(a)
        mapped.append((nx + ow / 2, ny + oh / 2))
    xs, ys = [p[0] for p in mapped], [p[1] for p in mapped]
    return [
        round(max(0.0, min(xs) / ow), 5),
        round(max(0.0, min(ys) / oh), 5),
        round(min(1.0, max(xs) / ow), 5),
        round(min(1.0, max(ys) / oh), 5),
    ]


def _degrade(img: Image.Image, rng: random.Random, ops: dict[str, Any], thermal: bool) -> Image.Image:
    """Photometric damage: fading, shadow, blur, noise (geometry is applied separately)."""
    arr = np.asarray(img.convert("L"), dtype=np.float32)
    if thermal or rng.random() < 0.25:
        low, high = rng.uniform(60, 140), rng.uniform(215, 250)
        arr = (low + arr * (high - low) / 255).astype(np.float32)
        ops["faded"] = round(low, 1)
    if rng.random() < 0.25:
        w = arr.shape[1]
        ramp = np.linspace(rng.uniform(0.55, 0.8), 1.0, w, dtype=np.float32)
        arr = (arr * (ramp[None, :] if rng.random() < 0.5 else ramp[::-1][None, :])).astype(np.float32)
        ops["shadow"] = True
    if rng.random() < 0.5:
        sigma = rng.uniform(3, 12)
        noise = np.random.default_rng(rng.getrandbits(32)).normal(0, sigma, arr.shape).astype(np.float32)
        arr = arr + noise
        ops["noise"] = round(sigma, 1)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    if rng.random() < 0.4:
        radius = rng.uniform(0.4, 1.3)
        out = out.filter(ImageFilter.GaussianBlur(radius))
        ops["blur"] = round(radius, 2)
    return out


FLATBED_SHARE = 0.3  # receipts scanned lying on an A4 flatbed (a small slip on a large white page)


Place = tuple[float, ...]


def _flatbed(img: Image.Image, rng: random.Random, ops: dict[str, Any]) -> tuple[Image.Image, Place]:
    """``img`` laid on a larger white page with a few specks; returns the page and where the slip lies
    (x0, y0, x1, y1 as shares of the page)."""
    w, h = img.size
    page_h = max(int(h * rng.uniform(1.15, 1.8)), int(w * 2.2))
    page_w = max(int(page_h / 1.414), w + 10)
    x, y = rng.randrange(0, page_w - w + 1), rng.randrange(0, max(page_h - h, 0) + 1)
    page = Image.new("L", (page_w, page_h), int(rng.uniform(235, 255)))
    page.paste(img, (x, y))
    arr = np.asarray(page).copy()
    for _ in range(rng.randrange(20, 200)):
        sx, sy = rng.randrange(page_w), rng.randrange(page_h)
        arr[sy : sy + rng.randrange(1, 4), sx : sx + rng.randrange(1, 4)] = int(rng.uniform(0, 120))
    ops["flatbed"] = True
    place = (x / page_w, y / page_h, (x + w) / page_w, (y + h) / page_h)
    return Image.fromarray(arr, "L"), place


def _placed(bbox: list[float], place: Place) -> list[float]:
    x0, y0, x1, y1 = place
    w, h = x1 - x0, y1 - y0
    return [x0 + bbox[0] * w, y0 + bbox[1] * h, x0 + bbox[2] * w, y0 + bbox[3] * h]


RECEIPT_MODES = [("photo", 0.45), ("scan", 0.4), ("clean", 0.15)]  # how a receipt image was taken


def write_scan(pdf: bytes, truth: dict[str, Any], stem: Path, rng: random.Random) -> Path:
    """Writes a degraded scan of ``pdf`` next to ``stem`` (PNG/JPEG, or an image PDF for several pages).

    A receipt is a phone photo, a flatbed scan or a clean scan (``RECEIPT_MODES``); an invoice a scan.
    Adds ``scan`` (dpi, rotation, skew, operations, image_boxes) to ``truth``; returns the written path.
    """
    thermal = truth["document_type"] == "receipt"
    mode = weighted(rng, RECEIPT_MODES) if thermal else "scan"
    if mode != "scan":
        return write_photo(pdf, truth, stem, rng, clean=mode == "clean")
    dpi = rng.choice([150, 200, 200, 300]) if not thermal else rng.choice([150, 200, 300])
    rotation = rng.choice([90, 180, 270]) if rng.random() < 0.12 else 0
    skew = round(rng.uniform(-2.5, 2.5), 2) if rng.random() < 0.6 else 0.0
    ops: dict[str, Any] = {}
    pages = []
    sizes = []
    places: list[tuple[float, ...]] = []
    flatbed = thermal and rng.random() < FLATBED_SHARE
    for page in _raster(pdf, dpi):
        img = _degrade(page, rng, ops, thermal and rng.random() < 0.6)
        place: tuple[float, ...] = (0.0, 0.0, 1.0, 1.0)
        if flatbed:
            img, place = _flatbed(img, rng, ops)
        places.append(place)
        sizes.append(img.size)
        if rotation:
            img = img.rotate(-rotation, expand=True)
        if skew:
            img = img.rotate(
                skew, expand=True, fillcolor=int(rng.uniform(200, 255)), resample=Image.Resampling.BILINEAR
            )
        pages.append(img)
    out_size = pages[0].size
    image_boxes = {
        k: {
            "page": v["page"],
            "bbox": _map_box(
                _placed(v["bbox"], places[v["page"] - 1]),
                sizes[v["page"] - 1],
                rotation,
                skew,
                pages[v["page"] - 1].size,
            ),
        }
        for k, v in truth["boxes"].items()
    }
    jpeg = rng.random() < 0.5
    quality = rng.randrange(35, 90)
    if len(pages) > 1:
        path = stem.with_suffix(".pdf")
        buf = io.BytesIO()
        no_dates = {"creationDate": None, "modDate": None}  # the same seed gives the same bytes
        pages[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=pages[1:], **no_dates)
        path.write_bytes(buf.getvalue())
    elif jpeg:
        path = stem.with_suffix(".jpg")
        pages[0].save(path, "JPEG", quality=quality)
    else:
        path = stem.with_suffix(".png")
        pages[0].save(path, "PNG", optimize=False)
    truth["scan"] = {
        "dpi": dpi,
        "rotation": rotation,
        "skew": skew,
        "operations": ops,
        "jpeg_quality": quality if jpeg and len(pages) == 1 else None,
        "image_size": list(out_size),
        "image_boxes": image_boxes,
    }
    return path


SCREEN_SCALES = (2.0, 2.25, 2.5)  # pixels per point: 720-900 px wide phone screenshots


def write_screenshot(pdf: bytes, truth: dict[str, Any], stem: Path, rng: random.Random, shared: bool) -> Path:
    """Writes a phone screenshot of ``pdf`` (one page) as PNG; a ``shared`` one was forwarded through a
    messaging app: downscaled and re-encoded as JPEG. Adds ``scan`` (the boxes map 1:1) to ``truth``."""
    dpi = int(72 * rng.choice(SCREEN_SCALES))
    img = _raster(pdf, dpi)[0]
    ops: dict[str, Any] = {"screenshot": True}
    quality = None
    if shared:
        factor = rng.uniform(0.45, 0.8)
        img = img.resize((int(img.width * factor), int(img.height * factor)), Image.Resampling.BILINEAR)
        quality = rng.randrange(45, 88)
        ops["shared"] = round(factor, 2)
        path = stem.with_suffix(".jpg")
        img.save(path, "JPEG", quality=quality)
    else:
        path = stem.with_suffix(".png")
        img.save(path, "PNG", compress_level=1)
    truth["scan"] = {
        "dpi": dpi,
        "rotation": 0,
        "skew": 0.0,
        "operations": ops,
        "jpeg_quality": quality,
        "image_size": list(img.size),
        "image_boxes": {k: dict(v) for k, v in truth["boxes"].items()},
    }
    return path


def _save(img: Image.Image, stem: Path, rng: random.Random, jpeg_share: float) -> tuple[Path, int | None]:
    """Saves ``img`` as JPEG (quality 45-92) or PNG; returns the path and the JPEG quality."""
    if rng.random() < jpeg_share:
        quality = rng.randrange(45, 92)
        path = stem.with_suffix(".jpg")
        img.save(path, "JPEG", quality=quality)
        return path, quality
    path = stem.with_suffix(".png")
    img.save(path, "PNG", compress_level=3)
    return path, None


def write_photo(pdf: bytes, truth: dict[str, Any], stem: Path, rng: random.Random, clean: bool) -> Path:
    """Writes a phone photo of a one-page receipt (or, ``clean``, a plain scan of it) next to ``stem``.

    Adds ``scan`` (``operations`` say which effects were applied; ``image_boxes`` the truth boxes in the
    image) to ``truth``; returns the written path.
    """
    from docsift.synth.scan_photo import MAX_PIXELS, MAX_PIXELS_PAGE, photo_box, photograph

    dpi = rng.choice([150, 180, 200]) if not clean else rng.choice([150, 200, 300])
    if not clean:  # no finer than the photo keeps: the slip fills about half (a page 2/3) of the frame
        pw, ph = truth["page_size"]
        budget = MAX_PIXELS * 0.55 if pw < ph * 0.5 else MAX_PIXELS_PAGE * 0.7
        dpi = min(dpi, int(72 * math.sqrt(budget / (pw * ph))))
    page = _raster(pdf, dpi)[0]
    ops: dict[str, Any] = {"clean": True} if clean else {"photo": True}
    if clean:
        img = page.convert("L") if rng.random() < 0.6 else page
        image_boxes = {k: dict(v) for k, v in truth["boxes"].items()}
    else:
        img, to_photo = photograph(page, rng, ops, thermal=truth["layout"].startswith("receipt/thermal"))
        image_boxes = {
            k: {"page": v["page"], "bbox": photo_box(v["bbox"], page.size, to_photo, img.size)}
            for k, v in truth["boxes"].items()
        }
    path, quality = _save(img, stem, rng, 0.2 if clean else 1.0)  # phones store JPEG
    truth["scan"] = {
        "dpi": dpi,
        "rotation": 0,
        "skew": 0.0,
        "operations": ops,
        "jpeg_quality": quality,
        "image_size": list(img.size),
        "image_boxes": image_boxes,
    }
    return path
