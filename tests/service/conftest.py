"""Fixtures for the service tests: one running app per test session (real worker processes, real
database), and a fresh company with one user per role for each test.

The database comes from ``database_url``: the whole suite (and the KlearStack suite, which reuses
these fixtures) runs once on SQLite under a temporary directory and once on PostgreSQL at
``DOCSIFT_TEST_POSTGRES`` (default postgresql+psycopg://postgres@127.0.0.1:5432, started by
``make test``), where each run creates a database of its own and drops it afterwards; when
PostgreSQL is unreachable those variants skip with the reason. ``DOCSIFT_TEST_DATABASES=sqlite``
(or ``postgresql``) runs one of them only.
"""

from __future__ import annotations

import functools
import io
import os
import time
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from docsift.service.app import create_app
from docsift.service.auth import hash_password
from docsift.service.context import ServiceContext
from docsift.service.users import create_company
from docsift.settings import Settings
from docsift.store.models import Role, User
from tests.docgen import invoice_pdf, text_pdf
from tests.servers import postgres_database

PASSWORD = "correct-horse-1"
DATABASES = [
    d.strip() for d in os.environ.get("DOCSIFT_TEST_DATABASES", "sqlite,postgresql").split(",") if d.strip()
]


def _database(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'docsift.db'}"
    elif kind == "postgresql":
        with postgres_database("docsift_test") as url:
            yield url
    else:
        raise ValueError(f"unknown test database {kind!r}")


@pytest.fixture(scope="session", params=DATABASES)
def database_kind(request: pytest.FixtureRequest) -> str:
    """Which database the suite runs on (one of DOCSIFT_TEST_DATABASES)."""
    return str(request.param)


@pytest.fixture(scope="session")
def database_url(database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database URL for one test session: SQLite or a fresh PostgreSQL database."""
    yield from _database(database_kind, tmp_path_factory)


@pytest.fixture
def fresh_database_url(database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty database of the same kind, for one test (e.g. a server started as a subprocess)."""
    yield from _database(database_kind, tmp_path_factory)


def service_settings(data_dir: Path, database_url: str, **overrides: Any) -> Settings:
    """Settings with small limits so that the limit tests stay small."""
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "workers": 2,
        "secret_key": "test-secret-key-that-is-long-enough-0123456789",
        "admin_password": "bootstrap-admin-pass",
        "login_max_failures": 3,
        "login_lockout_seconds": 60,
        "max_file_bytes": 2 * 1024 * 1024,
        "max_zip_bytes": 8 * 1024 * 1024,
        "max_zip_ratio": 50,
        "max_files_per_batch": 12,
        "max_upload_bytes": 12 * 1024 * 1024,
    }
    return Settings(**{**values, **overrides})


@dataclass
class Service:
    client: TestClient
    app: FastAPI

    @property
    def ctx(self) -> ServiceContext:
        ctx: ServiceContext = self.app.state.ctx
        return ctx


@pytest.fixture(scope="session")
def service(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """The app, started once for the session (migrations, bootstrap, two worker processes)."""
    app = create_app(service_settings(tmp_path_factory.mktemp("data"), database_url))
    with TestClient(app) as client:
        yield Service(client, app)


@dataclass
class Tenant:
    """A company with one user per role, logged in."""

    service: Service
    company: str
    users: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def client(self) -> TestClient:
        return self.service.client

    def login(self, role: str, password: str = PASSWORD) -> dict[str, Any]:
        r = self.client.post(
            "/api/v1/auth/token", json={"company": self.company, "username": role, "password": password}
        )
        assert r.status_code == 200, r.text
        self.tokens[role] = r.json()
        return r.json()

    def headers(self, role: str = "admin") -> dict[str, str]:
        if role not in self.tokens:
            self.login(role)
        return {"Authorization": f"Bearer {self.tokens[role]['access_token']}"}

    def upload(self, files: list[tuple[str, bytes]], role: str = "creator", **form: Any) -> Any:
        parts = [("files", (name, data, "application/octet-stream")) for name, data in files]
        return self.client.post("/api/v1/batches", files=parts, data=form, headers=self.headers(role))

    def upload_ok(self, files: list[tuple[str, bytes]], **form: Any) -> dict[str, Any]:
        r = self.upload(files, **form)
        assert r.status_code == 201, r.text
        body: dict[str, Any] = r.json()
        return body

    def wait(self, batch_id: str, timeout: float = 120) -> dict[str, Any]:
        """Poll until the batch is done (a hang guard, not a timing assertion)."""
        deadline = time.monotonic() + timeout
        while True:
            r = self.client.get(f"/api/v1/batches/{batch_id}", headers=self.headers())
            assert r.status_code == 200, r.text
            if r.json()["status"] == "done":
                return dict(r.json())
            assert time.monotonic() < deadline, f"batch not done: {r.json()}"
            time.sleep(0.1)

    def documents(self, batch_id: str) -> list[dict[str, Any]]:
        r = self.client.get(f"/api/v1/batches/{batch_id}/documents", headers=self.headers())
        assert r.status_code == 200, r.text
        return list(r.json())

    def processed(self, files: list[tuple[str, bytes]], **form: Any) -> list[dict[str, Any]]:
        """Upload, wait, and return the documents."""
        batch = self.upload_ok(files, **form)["batch"]
        self.wait(batch["id"])
        return self.documents(batch["id"])


@functools.cache
def password_hash() -> str:
    """PASSWORD's argon2 hash, made once: hashing is slow on purpose, and every test user has the
    same password (a login still verifies it like any other)."""
    return hash_password(PASSWORD)


def make_tenant(service: Service) -> Tenant:
    """A new company with users named after their roles (stored with ``password_hash()``; creating
    users through ``create_user`` is tested by the users endpoint and ``docsift admin`` tests)."""
    name = f"co-{uuid.uuid4().hex[:8]}"
    tenant = Tenant(service, name)
    with service.ctx.db.session() as session:
        company = create_company(session, name)
        users = [User(company_id=company.id, username=r.value, password_hash=password_hash(), role=r.value)
                 for r in Role]  # fmt: skip
        session.add_all(users)
        session.flush()
        tenant.users = {user.username: user.id for user in users}
    return tenant


@pytest.fixture
def tenant(service: Service) -> Tenant:
    return make_tenant(service)


@pytest.fixture
def other_tenant(service: Service) -> Tenant:
    return make_tenant(service)


@pytest.fixture(scope="session")
def invoice() -> bytes:
    """One small text-layer invoice PDF (the same bytes every time: a duplicate when uploaded twice)."""
    return invoice_pdf(items=3, seed=7).data


def small_pdf(tag: str) -> bytes:
    """A one-page text PDF whose content (and hash) differs per ``tag``."""
    return text_pdf([[f"Document {tag}", "Invoice No: " + tag.upper(), "Total: 10.00"]])


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP holding ``members`` under exactly the names given (unsafe names too)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            zf.writestr(info, data, compress_type=compression)
    return buf.getvalue()
