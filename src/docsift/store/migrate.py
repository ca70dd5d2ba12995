"""Apply the Alembic migrations shipped in ``docsift/store/migrations`` (run on every start)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from docsift.errors import DocsiftError
from docsift.store.db import Database

MIGRATIONS = Path(__file__).with_name("migrations")
_PG_LOCK = 7_412_390_221  # advisory lock id: one migrator at a time on PostgreSQL


class MigrationError(DocsiftError):
    code = "migration_error"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic Config pointing at the package's migrations (and ``url`` when given)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(db: Database, revision: str = "head") -> None:
    """Upgrade the database to ``revision``. Several processes may call it at once on
    PostgreSQL (an advisory lock serialises them). Raises MigrationError."""
    cfg = alembic_config()
    try:
        with db.engine.begin() as conn:
            if db.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except Exception as e:
        raise MigrationError(f"database migration failed: {e}") from e


def current_revision(db: Database) -> str | None:
    """The revision the database is at (None when never migrated)."""
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    """The newest revision shipped with this version of docsift."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
