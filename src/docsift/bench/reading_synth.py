"""Generated invoice pages rendered as scans: OCR words against the PDF's own text layer.

SROIE holds receipts only; this set measures the other input kind, scanned document pages. Pages
come from :mod:`docsift.synth` (deterministic), are rendered at 200 or 300 dpi and degraded in
turn (clean, noisy and blurred, skewed, faint). The truth is the words of the PDF's text layer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from docsift.options import RunOptions
from docsift.reading.model import Word

VARIANTS = ("clean", "noisy", "skewed", "faint")
SEED = 20261124


@dataclass
class SynthPage:
    """One rendered page, its variant and the words printed on it (page-relative boxes)."""

    name: str
    image: Image.Image
    truth: list[Word]


def synth_pages(n: int) -> Iterator[SynthPage]:
    """``n`` scanned invoice pages, cycling through dpi and :data:`VARIANTS`."""
    from docsift.reading import read_document
    from docsift.synth import make

    for i in range(n):
        doc = make(SEED, i, ("invoice",))
        read = read_document(doc.pdf, f"{doc.doc_id}.pdf", RunOptions(use_embedded_xml=False))
        dpi = (200, 300)[i % 2]
        variant = VARIANTS[i % len(VARIANTS)]
        pdf = pdfium.PdfDocument(doc.pdf)
        try:
            image = pdf[0].render(scale=dpi / 72).to_pil().convert("L")
        finally:
            pdf.close()
        yield SynthPage(f"{doc.doc_id}-{dpi}-{variant}", degrade(image, variant, i), read.pages[0].words)


def degrade(image: Image.Image, variant: str, seed: int) -> Image.Image:
    """A scanned look for ``variant``: noise and blur, a 1.5-degree skew, or faint grey print."""
    if variant == "noisy":
        image = image.filter(ImageFilter.GaussianBlur(0.8))
        pixels = np.asarray(image, dtype=np.float32)
        pixels += np.random.default_rng(seed).normal(0, 20, pixels.shape)
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    elif variant == "skewed":
        image = image.rotate(1.5, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    elif variant == "faint":
        image = image.point(lambda v: int(150 + v * 0.4))
    return image.convert("RGB")
