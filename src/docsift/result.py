"""The native result: one contract for the CLI, the API, the UI and the exports.

See docs/result-format.md. Field names come from the schema modules (docsift.schema),
which follow ../shared/reference/fields.md.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from docsift.reading.model import BBox


class Status(StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    COMPLETED = "completed"
    NEEDS_REVIEW = "needs_review"
    FAILED = "failed"


class FieldValue(BaseModel):
    """One extracted value: normalised ``value``, the text as printed, confidence and position."""

    model_config = ConfigDict(extra="allow")

    value: Any = None
    raw: str | None = None
    confidence: float = 0.0
    page: int | None = Field(default=None, description="1-based page number")
    bbox: BBox | None = Field(default=None, description="[x0, y0, x1, y1] relative to the page, 0..1")
    source: str | None = Field(default=None, description="text_layer, ocr or embedded_xml")


Row = dict[str, FieldValue]


class CheckResult(BaseModel):
    """The finding of one check: which check, whether it passed, and the fields involved."""

    name: str
    ok: bool
    message: str = ""
    fields: list[str] = Field(default_factory=list)
    severity: str = Field(default="error", description="error lowers confidence and asks for review; info")


class ErrorItem(BaseModel):
    """An error attached to a result, with the stage that raised it."""

    stage: str
    message: str
    code: str = "error"
    page: int | None = None


class DocumentResult(BaseModel):
    """Everything docsift found in one document."""

    document_id: str = ""
    file_name: str = ""
    document_type: str = "invoice"
    document_type_confidence: float | None = None
    status: Status = Status.COMPLETED
    pages: int = 0
    overall_confidence: float = 0.0
    fields: dict[str, FieldValue] = Field(default_factory=dict)
    line_items: list[Row] = Field(default_factory=list)
    tax_details: list[Row] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)
    errors: list[ErrorItem] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    meta: dict[str, Any] = Field(default_factory=dict, description="reader and model details")

    def value(self, name: str) -> Any:
        """The normalised value of field ``name``, or None when absent."""
        f = self.fields.get(name)
        return f.value if f is not None else None

    def to_json_dict(self) -> dict[str, Any]:
        """The result as plain JSON types (fields without values left out)."""
        return self.model_dump(mode="json", exclude_none=True)
