"""Authentication and user details: get_access_token, getaccesstokenfromrefreshtoken, getuserid,
getaccesstokenfromuserid (klearstack-api.md §2)."""

from __future__ import annotations

import jwt
from fastapi.responses import Response
from sqlalchemy.orm import Session

from docsift.service.auth import Actor
from docsift.service.deps import Context, DbSession
from docsift.service.errors import Forbidden, NotFound, Unauthorized
from docsift.service.klearstack.access import Mode, find_user
from docsift.service.klearstack.base import RELEASE_VERSION, KParams, Spec, Token, endpoint, ok
from docsift.store.models import RefreshToken, Role, User, utcnow

LOGIN = Spec(
    "get_access_token",
    None,
    ("username", "password", "company_name"),
    summary="An access token (15 minutes) and a refresh token (1 day) for a user's credentials.",
)
REFRESH = Spec(
    "getaccesstokenfromrefreshtoken",
    None,
    ("refresh_token", "company_name"),
    summary="A new access token for a refresh token (the refresh token stays valid).",
)
USER_ID = Spec("getuserid", Mode.LOOKUP, ("username",), summary="The id of a user of your company.")
FROM_USER_ID = Spec(
    "getaccesstokenfromuserid", None, ("user_id", "company_name"),
    summary="Tokens for a user id without a password: for an admin of the company (Bearer token), or "
    "for anyone when DOCSIFT_ALLOW_TOKEN_FROM_USERID=true (KlearStack's documented behaviour).",
)  # fmt: skip


def _token_body(ctx: Context, access: str, refresh: str, user: User) -> Response:
    return ok({"refresh_token": refresh, "access_token": access, "release_version": RELEASE_VERSION,
               "token_type": "bearer", "expires_in": int(ctx.auth.access_ttl.total_seconds()),
               "user_id": user.id})  # fmt: skip


@endpoint(LOGIN)
def get_access_token(ctx: Context, session: DbSession, params: KParams) -> Response:
    """400 for a missing parameter, 401 for wrong credentials, 429 while throttled."""
    params.require_all(LOGIN.required)
    user = ctx.auth.authenticate(
        session, params.require("company_name"), params.require("username"), params.require("password")
    )
    pair = ctx.auth.issue(session, user)
    session.commit()
    return _token_body(ctx, pair.access_token, pair.refresh_token, user)


@endpoint(REFRESH)
def getaccesstokenfromrefreshtoken(
    ctx: Context, session: DbSession, params: KParams, token: Token
) -> Response:
    """401 for an expired, revoked or unknown refresh token; 403 when it belongs to another company
    or the Bearer token (optional; it may have expired) to another user."""
    params.require_all(REFRESH.required)
    try:
        claims = ctx.auth.decode(params.require("refresh_token"), "refresh")
    except Unauthorized as e:
        code = "refresh_expired" if e.code == "token_expired" else "refresh_invalid"
        raise Unauthorized("the refresh token is not valid", code=code) from e
    row = session.get(RefreshToken, claims["jti"])
    user = session.get(User, int(claims["sub"]))
    if row is None or user is None or not user.is_active:
        raise Unauthorized("the refresh token is not valid", code="token_revoked")
    if row.revoked_at is not None or row.expires_at <= utcnow():
        raise Unauthorized("the refresh token has been revoked", code="token_revoked")
    if _company_name(session, user) != params.require("company_name"):
        raise Forbidden("The refresh token belongs to another company.", code="token_company_mismatch")
    if token is not None and _bearer_user(ctx, token) != user.id:
        raise Forbidden("The access token belongs to another user.", code="token_user_mismatch")
    return _token_body(ctx, ctx.auth.access_token(user), params.require("refresh_token"), user)


def _company_name(session: Session, user: User) -> str:
    from docsift.store.models import Company

    company = session.get(Company, user.company_id)
    return company.name if company else ""


def _bearer_user(ctx: Context, token: str) -> int:
    """The user id of an access token whose signature is valid, expired or not. Raises Unauthorized."""
    try:
        claims = jwt.decode(token, ctx.auth.key, algorithms=["HS256"], options={"verify_exp": False})
    except jwt.PyJWTError as e:
        raise Unauthorized("the access token is invalid", code="token_invalid") from e
    return int(claims.get("sub", 0))


@endpoint(USER_ID)
def getuserid(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """404 for a user your company does not have."""
    actor = USER_ID.caller(ctx, session, token, params)
    user = find_user(session, actor.company_name, params.require("username"))
    if user is None:
        raise NotFound("User not found.", code="user_not_found")
    return ok({"user_id": user.id, "username": user.username, "company_name": actor.company_name,
               "role": user.role, "is_active": user.is_active,
               "release_version": RELEASE_VERSION})  # fmt: skip


@endpoint(FROM_USER_ID)
def getaccesstokenfromuserid(ctx: Context, session: DbSession, params: KParams, token: Token) -> Response:
    """403 when neither an admin's token of the company is sent nor the setting is on; 404 for a
    user id the company does not have."""
    params.require_all(FROM_USER_ID.required)
    company_name = params.require("company_name")
    if token is not None:
        _require_admin_of(ctx.auth.actor_for_access_token(session, token), company_name)
    elif not ctx.settings.allow_token_from_userid:
        raise Forbidden(
            "getaccesstokenfromuserid needs the Bearer token of an admin of the company "
            "(tokens without a password are off: DOCSIFT_ALLOW_TOKEN_FROM_USERID).",
            code="token_from_userid_disabled",
        )
    user_id = params.integer("user_id", minimum=1)
    user = session.get(User, user_id)
    if user is None or not user.is_active or _company_name(session, user) != company_name:
        raise NotFound("User not found.", code="user_not_found")
    pair = ctx.auth.issue(session, user)
    session.commit()
    return _token_body(ctx, pair.access_token, pair.refresh_token, user)


def _require_admin_of(actor: Actor, company_name: str) -> None:
    if actor.company_name != company_name:
        raise Forbidden("The access token belongs to another company.", code="token_company_mismatch")
    if actor.role is not Role.ADMIN:
        raise Forbidden("Only an admin can get a token for another user.", code="role_forbidden")
