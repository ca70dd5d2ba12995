"""Who a KlearStack request runs as: the Bearer token and the body credentials, as the docs ask.

Rules (docs/klearstack-compat.md, "Authentication"):

- ``CREDENTIALS`` endpoints need the Bearer token *and* ``company_name``, ``username`` and
  ``password`` in the body. Wrong credentials are 401; a token of another user or company is 403.
- ``TOKEN`` endpoints need the Bearer token and ``company_name`` (403 when it is not the token's
  company); ``username``/``password``, when sent, are checked the same way.
- A correct password is remembered per process for 15 minutes (keyed by an HMAC of it, never the
  password itself) and forgotten when the user's password changes, so polling does not pay for an
  argon2 hash on every call. Wrong passwords always go through ``Auth.authenticate`` (throttled).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from docsift.service.auth import Actor
from docsift.service.context import ServiceContext
from docsift.service.errors import Forbidden, Unauthorized
from docsift.service.klearstack.params import Params
from docsift.store.models import Company, User


class Mode(Enum):
    CREDENTIALS = "token + company_name, username, password"
    TOKEN = "token + company_name (username, password checked when sent)"
    LOOKUP = "token + company_name (username is data, not a credential)"


_CACHE_KEY = secrets.token_bytes(32)
_CACHE_TTL_S = 900.0
_CACHE_MAX = 10_000
_verified: dict[tuple[int, int, bytes], float] = {}
_lock = threading.Lock()


def require_token(token: str | None) -> str:
    """The Bearer token. Raises Unauthorized when the request has none."""
    if not token:
        raise Unauthorized(
            "Please provide an access token: Authorization: Bearer <access_token>.", code="token_missing"
        )
    return token


def find_user(session: Session, company_name: str, username: str) -> User | None:
    """The user ``username`` of the company called ``company_name``, or None."""
    stmt = (
        select(User)
        .join(Company, Company.id == User.company_id)
        .where(Company.name == company_name.strip(), User.username == username.strip())
    )
    return session.scalar(stmt)


def _digest(user: User, password: str) -> tuple[int, int, bytes]:
    mac = hmac.new(_CACHE_KEY, f"{user.id}:{user.password_hash}:{password}".encode(), hashlib.sha256)
    return user.id, user.password_version, mac.digest()


def check_credentials(
    ctx: ServiceContext, session: Session, company: str, username: str, password: str
) -> User:
    """The active user with these credentials. Raises Unauthorized (wrong credentials, counted
    towards throttling) and TooManyRequests (throttled)."""
    user = find_user(session, company, username)
    if user is not None and user.is_active:
        key = _digest(user, password)
        with _lock:
            seen = _verified.get(key)
        if seen is not None and time.monotonic() - seen < _CACHE_TTL_S:
            return user
    user = ctx.auth.authenticate(session, company, username, password)
    with _lock:
        if len(_verified) >= _CACHE_MAX:
            _verified.clear()
        _verified[_digest(user, password)] = time.monotonic()
    return user


def authorize(
    ctx: ServiceContext, session: Session, token: str | None, params: Params, mode: Mode,
    required: tuple[str, ...] = (),
) -> Actor:  # fmt: skip
    """The Actor of a KlearStack request after checking parameters, token and credentials.

    Raises BadRequest (a parameter of ``required`` or the credentials missing), Unauthorized (no,
    invalid or expired token; wrong credentials), Forbidden (token of another company or user).
    """
    username, password = "", ""
    if mode is Mode.CREDENTIALS:
        username, password = params.require("username"), params.require("password")
    company = params.require("company_name")
    params.require_all(required)
    actor = ctx.auth.actor_for_access_token(session, require_token(token))
    if mode is Mode.TOKEN:
        username, password = params.get("username") or "", params.get("password") or ""
    if username and password:
        user = check_credentials(ctx, session, company, username, password)
        if user.id != actor.user_id:
            raise Forbidden("The access token belongs to another user.", code="token_user_mismatch")
    elif username and username != actor.username:
        raise Forbidden("The access token belongs to another user.", code="token_user_mismatch")
    if company.strip() != actor.company_name:
        raise Forbidden("The access token belongs to another company.", code="token_company_mismatch")
    return actor
