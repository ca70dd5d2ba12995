"""Coordinates in KlearStack's form: pixel boxes ``[x1, y1, x2, y2]`` on the page image that
``getdocumentimage`` serves (PDF pages at ``IMAGE_DPI``, images at their own size), origin top-left.

The native result keeps boxes relative to the page (0..1); the pixel size of each page is read
from the stored original once and remembered per process (originals never change: the blob key
is the content hash).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from docsift.errors import DocsiftError
from docsift.service.errors import BadRequest
from docsift.service.render import page_pixel_sizes
from docsift.store.blobs import BlobStore
from docsift.store.models import Document

IMAGE_DPI = 200
NO_BOX = [0, 0, 0, 0]  # "no box" (shared: responses are serialised, never changed)
_MAX_ENTRIES = 20_000
_RETRY_S = 60.0


class PageSizes:
    """Pixel sizes of documents' pages, remembered by blob key."""

    def __init__(self, blobs: BlobStore) -> None:
        self.blobs = blobs
        self._cache: OrderedDict[str, list[tuple[int, int]]] = OrderedDict()
        self._failed: dict[str, float] = {}  # blob key -> when reading it failed
        self._lock = threading.Lock()

    def of(self, doc: Document) -> list[tuple[int, int]]:
        """(width, height) of each page of ``doc`` in pixels; empty when the original cannot be read
        (coordinates then become NO_BOX rather than failing the listing; tried again a minute later)."""
        key = doc.blob_key
        with self._lock:
            sizes = self._cache.get(key)
            if sizes is not None:
                self._cache.move_to_end(key)
                return sizes
            if time.monotonic() - self._failed.get(key, -_RETRY_S) < _RETRY_S:
                return []
        try:
            sizes = page_pixel_sizes(self.blobs.get(key), doc.media_type, IMAGE_DPI)
        except DocsiftError:
            with self._lock:
                if len(self._failed) >= _MAX_ENTRIES:
                    self._failed.clear()
                self._failed[key] = time.monotonic()
            return []
        with self._lock:
            self._cache[key] = sizes
            while len(self._cache) > _MAX_ENTRIES:
                self._cache.popitem(last=False)
        return sizes


_sizes: dict[int, PageSizes] = {}


def page_sizes(blobs: BlobStore) -> PageSizes:
    """The PageSizes cache of a blob store (one per store object)."""
    found = _sizes.get(id(blobs))
    if found is None or found.blobs is not blobs:
        found = _sizes[id(blobs)] = PageSizes(blobs)
    return found


def to_pixels(bbox: Any, page: int | None, sizes: list[tuple[int, int]]) -> list[int]:
    """A relative box on 1-based ``page`` as integer pixels; NO_BOX when box or page is unknown."""
    if not bbox or page is None or not 1 <= page <= len(sizes) or len(bbox) != 4:
        return NO_BOX
    width, height = sizes[page - 1]
    return [round(bbox[0] * width), round(bbox[1] * height), round(bbox[2] * width), round(bbox[3] * height)]


def to_relative(
    coords: Sequence[Any], page: int, sizes: list[tuple[int, int]], name: str
) -> tuple[float, float, float, float] | None:
    """Pixel ``coords`` on 1-based ``page`` as a relative box; None for ``[0, 0, 0, 0]`` (no box).

    Raises BadRequest for anything but four numbers inside the page, or a page that does not exist.
    """
    try:
        x0, y0, x1, y1 = (float(v) for v in coords)
    except (TypeError, ValueError) as e:
        raise BadRequest(
            f"{name}: _coordinates must be four numbers [x1, y1, x2, y2].", code="bad_box"
        ) from e
    if (x0, y0, x1, y1) == (0, 0, 0, 0):
        return None
    if not 1 <= page <= len(sizes):
        raise BadRequest(f"{name}: the document has no page {page}.", code="bad_box")
    width, height = sizes[page - 1]
    if not (0 <= x0 <= x1 <= width and 0 <= y0 <= y1 <= height):
        raise BadRequest(
            f"{name}: _coordinates {[x0, y0, x1, y1]} are not a box inside page {page} "
            f"({width} x {height} pixels).", code="bad_box",
        )  # fmt: skip
    return (x0 / width, y0 / height, x1 / width, y1 / height)
