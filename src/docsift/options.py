"""Per-run options, passed explicitly to the pipeline (never read from global settings)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class ProcessingPref(StrEnum):
    SPEED = "speed"
    ACCURACY = "accuracy"


class DocumentType(StrEnum):
    INVOICE = "invoice"
    RECEIPT = "receipt"
    PURCHASE_ORDER = "purchase_order"
    NACH_MANDATE = "nach_mandate"
    LOAN_AGREEMENT = "loan_agreement"
    INSURANCE = "insurance"
    AUTO = "auto"


class Limits(BaseModel):
    """Bounds on what one document may cost to read."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200
    max_page_pixels: int = 60_000_000
    ocr_timeout_s: float = 120.0


class RunOptions(BaseModel):
    """How to process one document."""

    document_type: DocumentType = DocumentType.AUTO
    pref: ProcessingPref = ProcessingPref.SPEED
    use_embedded_xml: bool = True
    ocr_engine: str | None = Field(default=None, description="rapidocr | tesseract; None picks per input")
    ocr_languages: list[str] = Field(default_factory=lambda: ["eng"])
    force_ocr: bool = False
    limits: Limits = Field(default_factory=Limits)
    additional_params: dict[str, object] = Field(default_factory=dict)
