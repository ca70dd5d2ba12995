"""Shared FastAPI dependencies: the service context, a database session per request, the
authenticated actor and role checks. Routers of both APIs import from here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from docsift.service.auth import Actor
from docsift.service.context import ServiceContext
from docsift.service.errors import Unauthorized
from docsift.store.models import Role
from docsift.store.scope import Scope

_bearer = HTTPBearer(auto_error=False, description="an access token from POST /api/v1/auth/token")


def get_context(request: Request) -> ServiceContext:
    """The ServiceContext of the running app."""
    ctx: ServiceContext = request.app.state.ctx
    return ctx


Context = Annotated[ServiceContext, Depends(get_context)]


def get_session(ctx: Context) -> Iterator[Session]:
    """A session for the request; rolled back unless the code committed."""
    session = ctx.db.sessions()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


DbSession = Annotated[Session, Depends(get_session)]


def bearer_token(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    """The Bearer token of the request. Raises Unauthorized when there is none."""
    if creds is None or not creds.credentials:
        raise Unauthorized("an access token is needed: Authorization: Bearer <token>", code="token_missing")
    return creds.credentials


def current_actor(ctx: Context, session: DbSession, token: Annotated[str, Depends(bearer_token)]) -> Actor:
    """The Actor the request's access token stands for. Raises Unauthorized."""
    return ctx.auth.actor_for_access_token(session, token)


CurrentActor = Annotated[Actor, Depends(current_actor)]


def scope_of(actor: CurrentActor, session: DbSession) -> Scope:
    """Queries restricted to the actor's company."""
    return actor.scope(session)


TenantScope = Annotated[Scope, Depends(scope_of)]


def require_roles(*roles: Role) -> Any:
    """A dependency that lets only ``roles`` through (Forbidden otherwise)."""

    def check(actor: CurrentActor) -> Actor:
        actor.require(*roles)
        return actor

    return Depends(check)
