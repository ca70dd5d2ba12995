"""Authentication shared by the native and the KlearStack API: argon2 passwords, JWT access tokens,
revocable rotating refresh tokens, login throttling, and the ``Actor`` every request runs as.

Access tokens carry the user's password version, so a password change ends every session.
A refresh token can be used once: using it rotates it; presenting a used token again revokes its
whole family (a stolen token is then worth nothing).
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from docsift.service.errors import BadRequest, Forbidden, TooManyRequests, Unauthorized
from docsift.settings import Settings
from docsift.store.models import Company, InstanceSecret, LoginThrottle, RefreshToken, Role, User, utcnow
from docsift.store.scope import Scope

_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("docsift-timing-equaliser")
_ALGORITHM = "HS256"


def hash_password(password: str) -> str:
    """The argon2id hash of ``password``."""
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash`` (False for a malformed hash)."""
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class Actor:
    """Who a request runs as: the user, their company and role."""

    user_id: int
    username: str
    company_id: int
    company_name: str
    role: Role

    def scope(self, session: Session) -> Scope:
        """Queries restricted to the actor's company."""
        return Scope(session, self.company_id)

    def require(self, *roles: Role) -> None:
        """Raises Forbidden unless the actor has one of ``roles``."""
        if self.role not in roles:
            allowed = ", ".join(r.value for r in roles)
            raise Forbidden(
                f"this needs the role {allowed}; you are {self.role.value}", code="role_forbidden"
            )


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    refresh_expires_in: int
    token_type: str = "bearer"


def actor_for(session: Session, user: User) -> Actor:
    """The Actor of ``user``."""
    company = session.get(Company, user.company_id)
    return Actor(user.id, user.username, user.company_id, company.name if company else "", Role(user.role))


def signing_key(session: Session, settings: Settings) -> str:
    """The JWT key: DOCSIFT_SECRET_KEY, else one generated once and kept in the database."""
    if settings.secret_key:
        return settings.secret_key
    row = session.get(InstanceSecret, "jwt_signing_key")
    if row is not None:
        return row.value
    try:
        with session.begin_nested():
            session.add(InstanceSecret(name="jwt_signing_key", value=secrets.token_urlsafe(48)))
        session.commit()
    except IntegrityError:  # another process generated it first
        session.rollback()
    row = session.get(InstanceSecret, "jwt_signing_key")
    assert row is not None
    return row.value


class Auth:
    """Logins, tokens and password changes for one installation."""

    def __init__(self, settings: Settings, key: str) -> None:
        self.settings = settings
        self.key = key
        self.access_ttl = timedelta(minutes=settings.access_token_minutes)
        self.refresh_ttl = timedelta(minutes=settings.refresh_token_minutes)

    # -- logins -------------------------------------------------------------------------------
    def authenticate(self, session: Session, company_name: str, username: str, password: str) -> User:
        """The active user with these credentials.

        Raises Unauthorized for wrong credentials and TooManyRequests while throttled. A failure
        is counted and committed before raising.
        """
        key = json.dumps([company_name.strip().lower(), username.strip().lower()])[:400]
        now = utcnow()
        throttle = session.get(LoginThrottle, key)
        if throttle is not None and throttle.locked_until is not None and throttle.locked_until > now:
            wait = int((throttle.locked_until - now).total_seconds()) + 1
            raise TooManyRequests(f"too many failed logins; try again in {wait} s", retry_after=wait)
        user = session.scalar(
            select(User)
            .join(Company, Company.id == User.company_id)
            .where(Company.name == company_name.strip(), User.username == username.strip())
        )
        ok = verify_password(user.password_hash if user else _DUMMY_HASH, password)
        if user is None or not ok or not user.is_active:
            self._count_failure(session, key, throttle, now)
            raise Unauthorized("incorrect company, username or password", code="bad_credentials")
        if throttle is not None:
            session.delete(throttle)
        if _HASHER.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        session.commit()
        return user

    def _count_failure(self, session: Session, key: str, row: LoginThrottle | None, now: datetime) -> None:
        window = timedelta(seconds=self.settings.login_lockout_seconds)
        if row is None:
            row = LoginThrottle(key=key, failures=0, window_start=now)
            session.add(row)
        elif now - row.window_start > window:
            row.failures, row.window_start, row.locked_until = 0, now, None
        row.failures += 1
        if row.failures >= self.settings.login_max_failures:
            row.locked_until = now + window
        try:
            session.commit()
        except IntegrityError:  # a concurrent failure created the row first
            session.rollback()

    # -- tokens -------------------------------------------------------------------------------
    def issue(self, session: Session, user: User, family: str | None = None) -> TokenPair:
        """A new access token and refresh token for ``user`` (the refresh token is recorded)."""
        now = utcnow()
        refresh_id = uuid.uuid4().hex
        family = family or uuid.uuid4().hex
        session.add(
            RefreshToken(id=refresh_id, user_id=user.id, family=family, expires_at=now + self.refresh_ttl)
        )
        access = self._encode(
            user, "access", uuid.uuid4().hex, now, self.access_ttl, {"pv": user.password_version}
        )
        refresh = self._encode(user, "refresh", refresh_id, now, self.refresh_ttl, {"fam": family})
        return TokenPair(
            access, refresh, int(self.access_ttl.total_seconds()), int(self.refresh_ttl.total_seconds())
        )

    def access_token(self, user: User) -> str:
        """A new access token for ``user`` alone, no refresh token (KlearStack's refresh endpoint
        keeps the refresh token it was given)."""
        return self._encode(
            user, "access", uuid.uuid4().hex, utcnow(), self.access_ttl, {"pv": user.password_version}
        )

    def _encode(
        self, user: User, kind: str, jti: str, now: datetime, ttl: timedelta, extra: dict[str, Any]
    ) -> str:
        claims = {
            "sub": str(user.id),
            "user_id": user.id,
            "cid": user.company_id,
            "role": user.role,
            "token_type": kind,
            "jti": jti,
            "iat": int(now.timestamp()),
            "exp": int((now + ttl).timestamp()),
            **extra,
        }
        return jwt.encode(claims, self.key, algorithm=_ALGORITHM)

    def decode(self, token: str, kind: str) -> dict[str, Any]:
        """The verified claims of a token of type ``kind``. Raises Unauthorized."""
        try:
            claims: dict[str, Any] = jwt.decode(
                token, self.key, algorithms=[_ALGORITHM], options={"require": ["exp", "sub", "jti"]}
            )
        except jwt.ExpiredSignatureError as e:
            raise Unauthorized("the token has expired", code="token_expired") from e
        except jwt.PyJWTError as e:
            raise Unauthorized("the token is invalid", code="token_invalid") from e
        if claims.get("token_type") != kind:
            raise Unauthorized(f"a {kind} token is needed here", code="token_invalid")
        return claims

    def actor_for_access_token(self, session: Session, token: str) -> Actor:
        """The Actor an access token stands for. Raises Unauthorized (expired, invalid, revoked by a
        password change, user disabled)."""
        claims = self.decode(token, "access")
        user = session.get(User, int(claims["sub"]))
        if user is None or not user.is_active or claims.get("pv") != user.password_version:
            raise Unauthorized("the token has been revoked", code="token_revoked")
        return actor_for(session, user)

    def refresh(self, session: Session, token: str) -> tuple[User, TokenPair]:
        """Rotate a refresh token: the old one is spent and a new pair issued (commits).

        Raises Unauthorized for an expired, unknown or revoked token; reusing a spent token
        revokes every token of its family.
        """
        claims = self.decode(token, "refresh")
        row = session.get(RefreshToken, claims["jti"])
        user = session.get(User, int(claims["sub"]))
        if row is None or user is None or not user.is_active:
            raise Unauthorized("the refresh token is not valid", code="token_revoked")
        if row.revoked_at is not None:
            self.revoke_family(session, row.family)
            session.commit()
            raise Unauthorized("the refresh token has been used or revoked", code="token_revoked")
        spent = session.execute(
            update(RefreshToken)
            .where(RefreshToken.id == row.id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        if spent.rowcount != 1:  # type: ignore[attr-defined]  # a concurrent refresh won the race
            raise Unauthorized("the refresh token has been used or revoked", code="token_revoked")
        pair = self.issue(session, user, family=row.family)
        row.replaced_by = self.decode(pair.refresh_token, "refresh")["jti"]
        session.commit()
        return user, pair

    def revoke_family(self, session: Session, family: str) -> None:
        """Revoke every live refresh token of one login family (does not commit)."""
        session.execute(
            update(RefreshToken)
            .where(RefreshToken.family == family, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )


def revoke_user_tokens(session: Session, user: User) -> None:
    """End every session of ``user``: refresh tokens revoked, access tokens invalid (does not commit)."""
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user.id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    user.password_version += 1


MIN_PASSWORD_LENGTH = 8


def check_password_strength(password: str) -> None:
    """Raises BadRequest when ``password`` is shorter than MIN_PASSWORD_LENGTH."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BadRequest(f"a password needs at least {MIN_PASSWORD_LENGTH} characters", code="weak_password")


def change_password(session: Session, user: User, new_password: str) -> None:
    """Set a new password and revoke every token of the user (does not commit).

    Raises BadRequest when the password is too short.
    """
    check_password_strength(new_password)
    user.password_hash = hash_password(new_password)
    revoke_user_tokens(session, user)
