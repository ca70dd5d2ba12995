"""/api/v1/auth: log in, refresh."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from docsift.service.auth import TokenPair
from docsift.service.deps import Context, DbSession
from docsift.service.schemas import ErrorBody, RefreshRequest, TokenRequest, TokenResponse

router = APIRouter(prefix="/auth", tags=["auth"])
_ERRORS: dict[int | str, dict[str, Any]] = {401: {"model": ErrorBody}, 429: {"model": ErrorBody}}


def _response(pair: TokenPair) -> TokenResponse:
    return TokenResponse(
        access_token=pair.access_token, refresh_token=pair.refresh_token, token_type=pair.token_type,
        expires_in=pair.expires_in, refresh_expires_in=pair.refresh_expires_in,
    )  # fmt: skip


@router.post("/token", response_model=TokenResponse, responses=_ERRORS)
def token(body: TokenRequest, ctx: Context, session: DbSession) -> TokenResponse:
    """Log in with company, username and password: an access token and a refresh token.

    401 for wrong credentials; 429 (with Retry-After) after repeated failures.
    """
    user = ctx.auth.authenticate(session, body.company, body.username, body.password)
    pair = ctx.auth.issue(session, user)
    session.commit()
    return _response(pair)


@router.post("/refresh", response_model=TokenResponse, responses=_ERRORS)
def refresh(body: RefreshRequest, ctx: Context, session: DbSession) -> TokenResponse:
    """Trade a refresh token for a new pair. The old refresh token is spent; presenting it again
    revokes every token of that login."""
    _user, pair = ctx.auth.refresh(session, body.refresh_token)
    return _response(pair)
