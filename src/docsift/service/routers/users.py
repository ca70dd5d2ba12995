"""/api/v1/users: who am I, change my password, and (admins) the company's users."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy.orm import Session

from docsift.service.auth import Actor, change_password, verify_password
from docsift.service.deps import CurrentActor, DbSession, require_roles
from docsift.service.errors import NotFound, Unauthorized
from docsift.service.schemas import PasswordChange, UserCreate, UserPublic
from docsift.service.users import create_user
from docsift.store.models import Company, Role, User

router = APIRouter(prefix="/users", tags=["users"])


def _view(user: User, company: str) -> UserPublic:
    return UserPublic(id=user.id, username=user.username, role=user.role, company=company,
                      is_active=user.is_active, created_at=user.created_at)  # fmt: skip


def _me(session: Session, actor: Actor) -> User:
    user = actor.scope(session).get(User, actor.user_id)
    if user is None:
        raise NotFound("no such user")
    return user


@router.get("/me", response_model=UserPublic)
def me(actor: CurrentActor, session: DbSession) -> UserPublic:
    """The logged-in user."""
    return _view(_me(session, actor), actor.company_name)


@router.post("/me/password", status_code=204)
def new_password(body: PasswordChange, actor: CurrentActor, session: DbSession) -> Response:
    """Change my password. Every token of mine (this one included) stops working."""
    user = _me(session, actor)
    if not verify_password(user.password_hash, body.current_password):
        raise Unauthorized("the current password is wrong", code="bad_credentials")
    change_password(session, user, body.new_password)
    session.commit()
    return Response(status_code=204)


@router.get("", response_model=list[UserPublic], dependencies=[require_roles(Role.ADMIN)])
def list_company_users(actor: CurrentActor, session: DbSession) -> list[UserPublic]:
    """The users of my company (admins only)."""
    scope = actor.scope(session)
    return [_view(u, actor.company_name) for u in scope.all(scope.select(User).order_by(User.username))]


@router.post("", response_model=UserPublic, status_code=201, dependencies=[require_roles(Role.ADMIN)])
def add_user(body: UserCreate, actor: CurrentActor, session: DbSession) -> UserPublic:
    """Create a user in my company (admins only). 409 when the username is taken."""
    company = session.get(Company, actor.company_id)
    assert company is not None
    user = create_user(session, company, body.username, body.password, body.role)
    session.commit()
    return _view(user, company.name)
