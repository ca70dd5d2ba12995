"""``docsift admin``: companies and users, on the database DOCSIFT_DATA_DIR / DOCSIFT_DATABASE_URL
point to (migrated first if needed)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from docsift.cli.app import app

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

admin_app = typer.Typer(help="Manage companies and users.", no_args_is_help=True)
app.add_typer(admin_app, name="admin")

Company = Annotated[str, typer.Option("--company", help="company name")]
Username = Annotated[str, typer.Option("--username", help="user name")]


@contextmanager
def _session() -> Iterator[Session]:
    from docsift.errors import DocsiftError
    from docsift.settings import get_settings
    from docsift.store import Database, migrate

    db = Database(get_settings().effective_database_url)
    try:
        migrate(db)
        with db.session() as session:
            yield session
    except DocsiftError as e:
        typer.echo(f"error: {e.message}", err=True)
        raise typer.Exit(1) from e
    finally:
        db.dispose()


@admin_app.command("create-company")
def create_company(name: Annotated[str, typer.Argument(help="the new company's name")]) -> None:
    """Create a company."""
    from docsift.service import users

    with _session() as session:
        company = users.create_company(session, name)
        typer.echo(f"created company {company.name!r} (id {company.id})")


@admin_app.command("create-user")
def create_user(
    company: Company,
    username: Username,
    role: Annotated[str, typer.Option(help="admin | approver | creator")] = "creator",
    password: Annotated[str | None, typer.Option(help="default: generated and printed")] = None,
) -> None:
    """Create a user in a company."""
    from docsift.service import users

    with _session() as session:
        found = users.get_company(session, company)
        secret = password or users.generate_password()
        user = users.create_user(session, found, username, secret, role)
        typer.echo(f"created {user.role} {user.username!r} in {found.name!r} (user id {user.id})")
        if password is None:
            typer.echo(f"password: {secret}")


@admin_app.command("list-users")
def list_users(
    company: Annotated[str | None, typer.Option("--company", help="only this company")] = None,
) -> None:
    """List users (all companies, or one)."""
    from rich.console import Console
    from rich.table import Table

    from docsift.service import users

    with _session() as session:
        found = users.get_company(session, company) if company else None
        table = Table("company", "user id", "username", "role", "active", "created")
        for c, u in users.list_users(session, found):
            table.add_row(c.name, str(u.id), u.username, u.role, "yes" if u.is_active else "no",
                          u.created_at.strftime("%Y-%m-%d %H:%M"))  # fmt: skip
        Console().print(table)


@admin_app.command("reset-password")
def reset_password(
    company: Company,
    username: Username,
    password: Annotated[str | None, typer.Option(help="default: generated and printed")] = None,
) -> None:
    """Set a user's password; every token of that user stops working."""
    from docsift.service import users

    with _session() as session:
        user = users.get_user(session, users.get_company(session, company), username)
        secret = users.reset_password(session, user, password)
        typer.echo(f"password of {username!r} in {company!r} changed; all sessions ended")
        if password is None:
            typer.echo(f"password: {secret}")
