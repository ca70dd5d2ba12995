"""Request and response models of the native API (/api/v1), one family per resource.

Only pydantic: ``docsift.client`` imports these too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class ErrorInfo(BaseModel):
    code: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorBody(BaseModel):
    """Every error of the native API has this body."""

    error: ErrorInfo


# -- auth ---------------------------------------------------------------------------------------
class TokenRequest(BaseModel):
    company: str
    username: str
    password: str


class RefreshRequest(BaseModel):
    refresh_token: str


class TokenResponse(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="seconds the access token lives")
    refresh_expires_in: int = Field(description="seconds the refresh token lives")


# -- users --------------------------------------------------------------------------------------
class UserCreate(BaseModel):
    username: str
    password: str
    role: Literal["admin", "approver", "creator"] = "creator"


class UserPublic(BaseModel):
    id: int
    username: str
    role: str
    company: str
    is_active: bool
    created_at: datetime


class PasswordChange(BaseModel):
    current_password: str
    new_password: str


# -- batches ------------------------------------------------------------------------------------
class BatchPublic(BaseModel):
    id: str
    status: Literal["in_progress", "done"]
    document_type: str
    invoice_type: str | None = None
    processing_pref: str
    priority: bool
    source: str
    set_reference_number: str | None = None
    application_no: str | None = None
    user_id: int | None = None
    created_at: datetime
    documents: int = Field(description="number of documents in the batch")
    counts: dict[str, int] = Field(description="documents per status")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


# -- documents ----------------------------------------------------------------------------------
class ReviewState(BaseModel):
    saved: bool = False
    saved_at: datetime | None = None
    saved_by: int | None = None
    decision: Literal["approved", "rejected"] | None = None
    decided_at: datetime | None = None
    decided_by: int | None = None
    comment: str | None = None


class DocumentError(BaseModel):
    code: str | None = None
    message: str


class DocumentSummary(BaseModel):
    id: str
    batch_id: str
    file_name: str
    status: Literal["queued", "processing", "completed", "needs_review", "failed"]
    error: DocumentError | None = None
    document_type: str | None = None
    pages: int = 0
    overall_confidence: float | None = None
    duplicate_of: str | None = Field(default=None, description="an earlier document with the same content")
    version: int
    attempts: int = 0
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    review: ReviewState


class DocumentPublic(DocumentSummary):
    result: dict[str, Any] | None = Field(
        default=None, description="the native result (docs/result-format.md) once processed"
    )


class BatchCreated(BaseModel):
    batch: BatchPublic
    documents: list[DocumentSummary]
    skipped: list[dict[str, str]] = Field(
        default_factory=list, description="ZIP members not processed, and why"
    )


class BatchExport(BaseModel):
    batch: BatchPublic
    documents: list[DocumentPublic]


class DecisionRequest(BaseModel):
    comment: str | None = None


class AuditEntry(BaseModel):
    id: int
    action: str
    user_id: int | None = None
    version: int | None = None
    details: dict[str, Any] = Field(default_factory=dict)
    created_at: datetime


class DocumentSetPublic(BaseModel):
    reference_number: str
    name: str
    created_at: datetime
    batches: int = Field(description="batches in the set")


class DocumentSetDetail(DocumentSetPublic):
    items: list[BatchPublic] = Field(description="its batches, newest first (at most 200)")
