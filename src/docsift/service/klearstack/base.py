"""What every KlearStack endpoint shares: the router, endpoint specs (parameters and how the caller
is authenticated, used both to check requests and to describe them in OpenAPI), the JSON reply,
and lookups of the caller's batches and documents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import orjson
from fastapi import APIRouter, Depends, Security
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import and_, or_
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from docsift import __version__
from docsift.service.auth import Actor
from docsift.service.batches import canonical_document_type
from docsift.service.context import ServiceContext
from docsift.service.errors import BadRequest, NotFound
from docsift.service.klearstack.access import Mode, authorize
from docsift.service.klearstack.params import Params, body_doc, read_params
from docsift.store.models import Batch, Decision, Document
from docsift.store.scope import Scope

PREFIX = "/access/klearstack"
RELEASE_VERSION = __version__
router = APIRouter(prefix=PREFIX, tags=["KlearStack-compatible API"])

_bearer = HTTPBearer(auto_error=False, description="an access token from get_access_token")


def bearer(creds: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)]) -> str | None:
    """The request's Bearer token, or None."""
    return creds.credentials if creds is not None and creds.credentials else None


Token = Annotated[str | None, Depends(bearer)]
KParams = Annotated[Params, Depends(read_params)]
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Spec:
    """One endpoint: its name, who may call it (``mode``; None = no token) and its parameters."""

    name: str
    mode: Mode | None
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    files: bool = False
    summary: str = ""

    def caller(self, ctx: ServiceContext, session: Session, token: str | None, params: Params) -> Actor:
        """The authenticated caller (see ``access.authorize``). Raises BadRequest, Unauthorized,
        Forbidden."""
        assert self.mode is not None
        return authorize(ctx, session, token, params, self.mode, self.required)

    @property
    def documented_required(self) -> tuple[str, ...]:
        if self.mode is None:
            return self.required
        creds = ("username", "password") if self.mode is Mode.CREDENTIALS else ()
        return (*creds, "company_name", *self.required)

    @property
    def documented_optional(self) -> tuple[str, ...]:
        extra = ("username", "password") if self.mode is Mode.TOKEN else ()
        return (*extra, *self.optional)


def endpoint(spec: Spec, **kwargs: Any) -> Callable[[F], F]:
    """Register a POST endpoint for ``spec`` (its body described in OpenAPI)."""
    extra = body_doc(spec.documented_required, spec.documented_optional, files=spec.files)
    auth = "no token" if spec.mode is None else f"Bearer token; {spec.mode.value}"
    description = f"{spec.summary}\n\nAuthentication: {auth}. See docs/klearstack-compat.md."
    return router.post(
        f"/{spec.name}", name=f"klearstack_{spec.name}", summary=spec.name, description=description,
        openapi_extra=extra, **kwargs,
    )  # fmt: skip


def ok(body: Any, status: int = 200) -> Response:
    """A JSON reply (serialised by orjson: result listings are large)."""
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def document_type_param(params: Params, *names: str) -> str | None:
    """The canonical document type of the first of ``names`` sent ("Invoices" -> "invoice"), or
    None when none is sent. Raises BadRequest for an unknown type."""
    value = params.get(*names)
    if not value:
        return None
    try:
        return canonical_document_type(value)
    except ValueError as e:
        raise BadRequest(
            f"{names[0]} must be one of Invoices, Receipts, PurchaseOrders, NACH, LoanAgreement, "
            "Insurances.", code="bad_document_type",
        ) from e  # fmt: skip


def of_type(document_type: str) -> ColumnElement[bool]:
    """Documents of ``document_type``: the batch's declared type, or the detected one for batches
    uploaded with ``auto`` (a statement must join Batch)."""
    return or_(
        Batch.document_type == document_type,
        and_(Batch.document_type == "auto", Document.document_type == document_type),
    )


def review_filters(params: Params) -> list[ColumnElement[bool]]:
    """``approve_flag=true``: approved documents only; ``save_flag=true``: saved ones only."""
    conditions: list[ColumnElement[bool]] = []
    if params.flag("approve_flag"):
        conditions.append(Document.decision == Decision.APPROVED.value)
    if params.flag("save_flag"):
        conditions.append(Document.saved_at.is_not(None))
    return conditions


def get_batch(scope: Scope, batch_id: str) -> Batch:
    """The caller's batch. Raises NotFound (also for another company's)."""
    batch = scope.get(Batch, batch_id.strip())
    if batch is None:
        raise NotFound("Batch ID not found.", code="batch_not_found")
    return batch


def get_document(scope: Scope, document_id: str) -> Document:
    """The caller's document. Raises NotFound (also for another company's)."""
    doc = scope.get(Document, document_id.strip())
    if doc is None:
        raise NotFound("Document ID not found.", code="document_not_found")
    return doc
