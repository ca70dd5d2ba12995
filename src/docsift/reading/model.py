"""What was read from a file: Document -> Page -> Line -> Word.

Every word carries its text, a confidence (0..1) and a box relative to its page
(x0, y0, x1, y1 in 0..1, origin top-left). Page size in pixels and dpi are stored once
per page. The whole model round-trips through JSON (``Document.model_dump_json`` /
``Document.model_validate_json``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

BBox = tuple[float, float, float, float]


class TextSource(StrEnum):
    """Where the words of a page came from."""

    TEXT_LAYER = "text_layer"
    OCR = "ocr"
    EMBEDDED_XML = "embedded_xml"


class Word(BaseModel):
    """One word: text, confidence 0..1 and a box relative to the page (0..1, top-left origin)."""

    model_config = ConfigDict(frozen=True)

    text: str
    bbox: BBox
    confidence: float = 1.0
    font_size: float | None = Field(default=None, description="height of the glyphs in PDF points, if known")

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def y0(self) -> float:
        return self.bbox[1]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @property
    def y1(self) -> float:
        return self.bbox[3]

    @property
    def cx(self) -> float:
        return (self.bbox[0] + self.bbox[2]) / 2

    @property
    def cy(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2


class Line(BaseModel):
    """Words on one visual line, left to right."""

    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox:
        return union_bbox(w.bbox for w in self.words)

    @property
    def confidence(self) -> float:
        return min((w.confidence for w in self.words), default=0.0)


class Page(BaseModel):
    """One page: its size in pixels at ``dpi``, the rotation applied (degrees clockwise),
    where the text came from, and its lines in reading order."""

    number: int = Field(description="1-based page number")
    width: int = Field(description="width in pixels at dpi")
    height: int = Field(description="height in pixels at dpi")
    dpi: float = 72.0
    rotation: int = Field(default=0, description="rotation applied to the page, 0/90/180/270")
    skew: float = Field(default=0.0, description="skew angle corrected, degrees")
    source: TextSource = TextSource.TEXT_LAYER
    ocr_engine: str | None = None
    lines: list[Line] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class Document(BaseModel):
    """A read file: its pages, plus structured data found inside it (e-invoice XML)."""

    file_name: str = ""
    mime_type: str = ""
    pages: list[Page] = Field(default_factory=list)
    embedded: dict[str, Any] | None = Field(
        default=None,
        description="structured e-invoice data (syntax, profile, fields, line items) when the file embeds it",
    )
    metadata: dict[str, Any] = Field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\f".join(p.text for p in self.pages)


def union_bbox(boxes: Any) -> BBox:
    """The smallest box that holds every box given; (0, 0, 0, 0) for none."""
    x0 = y0 = 1.0
    x1 = y1 = 0.0
    seen = False
    for b in boxes:
        seen = True
        x0, y0 = min(x0, b[0]), min(y0, b[1])
        x1, y1 = max(x1, b[2]), max(y1, b[3])
    return (x0, y0, x1, y1) if seen else (0.0, 0.0, 0.0, 0.0)
