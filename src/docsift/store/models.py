"""The service's tables (SQLAlchemy 2 typed models). Every schema change goes through an Alembic
migration in ``docsift/store/migrations``.

Every tenant-owned table carries ``company_id`` so that ``docsift.store.scope.Scope`` can filter
any query by company without joins.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def new_uuid() -> str:
    """A random UUID as its 36-character text form (batch ids)."""
    return str(uuid.uuid4())


def new_document_id() -> str:
    """A random 24-hex-digit id (the shape of KlearStack's Document_id)."""
    return secrets.token_hex(12)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC, returns timezone-aware UTC, on every database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Role(StrEnum):
    """User roles, as in the KlearStack manual: admins do everything, approvers review and
    approve, creators upload and edit."""

    ADMIN = "admin"
    APPROVER = "approver"
    CREATOR = "creator"


class DocStatus(StrEnum):
    """Processing state; written by the queue adapter only."""

    QUEUED = "queued"
    PROCESSING = "processing"
    COMPLETED = "completed"
    NEEDS_REVIEW = "needs_review"
    FAILED = "failed"

    @property
    def done(self) -> bool:
        return self in (DocStatus.COMPLETED, DocStatus.NEEDS_REVIEW, DocStatus.FAILED)


class Decision(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON}


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("company_id", "username"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    username: Mapped[str] = mapped_column(String(150))
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20), default=Role.CREATOR.value)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # bumped on every password change; access tokens carry it, so older tokens stop working
    password_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RefreshToken(Base):
    """One issued refresh token (its ``jti``). Rotation links tokens of one login in a family;
    presenting a revoked token again revokes the whole family."""

    __tablename__ = "refresh_tokens"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    family: Mapped[str] = mapped_column(String(64), index=True)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    replaced_by: Mapped[str | None] = mapped_column(String(64), default=None)


class LoginThrottle(Base):
    """Failed logins per key (company + username), for throttling."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)


class InstanceSecret(Base):
    """Secrets generated once per installation (the JWT signing key when none is configured),
    kept in the database so that every API process of an installation shares them."""

    __tablename__ = "instance_secrets"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DocumentSet(Base):
    __tablename__ = "document_sets"
    __table_args__ = (UniqueConstraint("company_id", "reference_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    reference_number: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Batch(Base):
    __tablename__ = "batches"
    __table_args__ = (Index("ix_batches_company_created", "company_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    document_type: Mapped[str] = mapped_column(String(40))
    invoice_type: Mapped[str | None] = mapped_column(String(10), default=None)
    processing_pref: Mapped[str] = mapped_column(String(20))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    set_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_sets.id", ondelete="SET NULL"), index=True, default=None
    )
    source: Mapped[str] = mapped_column(String(40), default="api")
    application_no: Mapped[str | None] = mapped_column(String(100), default=None)
    additional_params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_batch_seq", "batch_id", "seq"),
        Index("ix_documents_queue", "status", "priority", "created_at"),
        Index("ix_documents_company_hash", "company_id", "content_hash"),
        Index("ix_documents_company_change", "company_id", "change_seq"),
    )

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_document_id)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    batch_id: Mapped[str] = mapped_column(ForeignKey("batches.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer, default=0, doc="position in the batch")
    file_name: Mapped[str] = mapped_column(String(1000))
    content_hash: Mapped[str] = mapped_column(String(64))
    blob_key: Mapped[str] = mapped_column(String(200))
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    pages: Mapped[int] = mapped_column(Integer, default=0)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default=DocStatus.QUEUED.value)
    error_code: Mapped[str | None] = mapped_column(String(60), default=None)
    error_message: Mapped[str | None] = mapped_column(Text, default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claim: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    # scale-out queue (docsift.jobs.claims): last sign of life of the worker holding the claim,
    # and when the document was last published to the broker
    heartbeat_at: Mapped[datetime | None] = mapped_column(default=None)
    enqueued_at: Mapped[datetime | None] = mapped_column(default=None)
    document_type: Mapped[str | None] = mapped_column(String(40), default=None)
    overall_confidence: Mapped[float | None] = mapped_column(Float, default=None)
    result: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)
    duplicate_of: Mapped[str | None] = mapped_column(String(24), default=None)
    saved_at: Mapped[datetime | None] = mapped_column(default=None)
    saved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    decision: Mapped[str | None] = mapped_column(String(20), default=None)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    decision_comment: Mapped[str | None] = mapped_column(Text, default=None)
    modified_at: Mapped[datetime] = mapped_column(default=utcnow)
    # company-wide change counter value of the last change (see store.changes)
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class AuditEvent(Base):
    """One edit, decision or processing outcome of a document."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_document", "document_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str | None] = mapped_column(String(24), default=None)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    action: Mapped[str] = mapped_column(String(40))
    version: Mapped[int | None] = mapped_column(Integer, default=None)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ChangeCounter(Base):
    """One counter per company, bumped inside every transaction that changes a document, so
    change numbers follow commit order (the row lock serialises writers)."""

    __tablename__ = "change_counters"

    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class PullCursor(Base):
    """Per user and feed: the change number up to which that user has pulled ("modified since the
    last pull")."""

    __tablename__ = "pull_cursors"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    feed: Mapped[str] = mapped_column(String(60), primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    pulled_at: Mapped[datetime] = mapped_column(default=utcnow)
