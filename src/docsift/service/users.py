"""Companies and users: creation, listing, password resets and the first-start bootstrap.

Used by ``docsift admin``, the native API and the KlearStack API alike.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from docsift.service.auth import change_password, check_password_strength, hash_password
from docsift.service.errors import BadRequest, Conflict, NotFound
from docsift.settings import Settings
from docsift.store.models import ChangeCounter, Company, Role, User


def create_company(session: Session, name: str) -> Company:
    """A new company (flushed, not committed). Raises BadRequest for an empty name and Conflict
    when the name is taken."""
    name = name.strip()
    if not name:
        raise BadRequest("a company needs a name")
    if session.scalar(select(Company).where(Company.name == name)) is not None:
        raise Conflict(f"company {name!r} exists already", code="company_exists")
    company = Company(name=name)
    session.add(company)
    try:
        session.flush()
    except IntegrityError as e:
        raise Conflict(f"company {name!r} exists already", code="company_exists") from e
    session.add(ChangeCounter(company_id=company.id, value=0))
    session.flush()
    return company


def get_company(session: Session, name: str) -> Company:
    """The company called ``name``. Raises NotFound."""
    company = session.scalar(select(Company).where(Company.name == name.strip()))
    if company is None:
        raise NotFound(f"no company {name!r}", code="company_not_found")
    return company


def create_user(session: Session, company: Company, username: str, password: str, role: Role | str) -> User:
    """A new user of ``company`` (flushed, not committed).

    Raises BadRequest for a bad name, role or password, Conflict when the username is taken.
    """
    username = username.strip()
    if not username:
        raise BadRequest("a user needs a username")
    try:
        role = Role(role)
    except ValueError as e:
        raise BadRequest(f"unknown role {role!r}; use admin, approver or creator", code="bad_role") from e
    check_password_strength(password)
    exists = session.scalar(select(User).where(User.company_id == company.id, User.username == username))
    if exists is not None:
        raise Conflict(f"user {username!r} exists already in {company.name!r}", code="user_exists")
    user = User(
        company_id=company.id, username=username, password_hash=hash_password(password), role=role.value
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError as e:
        raise Conflict(f"user {username!r} exists already in {company.name!r}", code="user_exists") from e
    return user


def get_user(session: Session, company: Company, username: str) -> User:
    """The user ``username`` of ``company``. Raises NotFound."""
    user = session.scalar(
        select(User).where(User.company_id == company.id, User.username == username.strip())
    )
    if user is None:
        raise NotFound(f"no user {username!r} in {company.name!r}", code="user_not_found")
    return user


def list_users(session: Session, company: Company | None = None) -> list[tuple[Company, User]]:
    """Users with their company, of one company or all, ordered by company and username."""
    stmt = (
        select(Company, User).join(User, User.company_id == Company.id).order_by(Company.name, User.username)
    )
    if company is not None:
        stmt = stmt.where(Company.id == company.id)
    return [(c, u) for c, u in session.execute(stmt)]


def reset_password(session: Session, user: User, password: str | None = None) -> str:
    """Set a new password (generated when None), revoking every token. Returns the password."""
    password = password or generate_password()
    change_password(session, user, password)
    return password


def generate_password() -> str:
    """A random password of 20 URL-safe characters."""
    return secrets.token_urlsafe(15)


@dataclass(frozen=True)
class Bootstrap:
    company: str
    username: str
    password: str | None  # None when it came from DOCSIFT_ADMIN_PASSWORD (not echoed)


def bootstrap(session: Session, settings: Settings) -> Bootstrap | None:
    """On an empty database, create the first company and admin user (commits).

    Returns what was created, or None when the database already has a company.
    """
    if session.scalar(select(func.count()).select_from(Company)):
        return None
    password = settings.admin_password or generate_password()
    try:
        company = create_company(session, settings.admin_company)
        create_user(session, company, settings.admin_username, password, Role.ADMIN)
        session.commit()
    except Conflict:  # another process bootstrapped at the same moment
        session.rollback()
        return None
    return Bootstrap(company.name, settings.admin_username, None if settings.admin_password else password)
