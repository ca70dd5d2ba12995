"""Fixtures for the KlearStack-compatible API tests.

They reuse the service tests' fixtures (``tests/service/conftest.py``): one running app per session
with real worker processes, on SQLite by default or on each of ``DOCSIFT_TEST_DATABASES``
(``sqlite,postgresql``), and a fresh company with one user per role for each test. ``KS`` wraps a
tenant with KlearStack calls: credentials in the body, the Bearer token in the header.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from docsift.service.app import create_app
from tests.docgen import invoice_pdf
from tests.service import conftest as service_fixtures
from tests.service.conftest import PASSWORD, Service, Tenant, make_tenant, service_settings, small_pdf

# the service tests' fixtures: the same databases (DOCSIFT_TEST_DATABASES) and running app
database_kind = service_fixtures.database_kind
database_url = service_fixtures.database_url
fresh_database_url = service_fixtures.fresh_database_url
service = service_fixtures.service
__all__ = ["BASE", "KS", "PASSWORD", "UPLOAD_FORM", "small_pdf"]

BASE = "/access/klearstack"
UPLOAD_FORM = {"document_type": "Invoices", "processing_pref": "Speed", "invoice_type": "B2B"}


@dataclass
class KS:
    """A company of the running app, spoken to through the KlearStack API."""

    tenant: Tenant
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def client(self) -> TestClient:
        return self.tenant.client

    @property
    def company(self) -> str:
        return self.tenant.company

    def creds(self, role: str = "admin") -> dict[str, str]:
        return {"company_name": self.company, "username": role, "password": PASSWORD}

    def token(self, role: str = "admin") -> str:
        if role not in self.tokens:
            r = self.client.post(f"{BASE}/get_access_token", data=self.creds(role))
            assert r.status_code == 200, r.text
            self.tokens[role] = r.json()["access_token"]
        return self.tokens[role]

    def post(
        self, name: str, data: dict[str, Any] | None = None, *, role: str = "admin", creds: bool = True,
        as_json: bool = False, files: list[Any] | None = None, token: str | None = None,
    ) -> httpx.Response:  # fmt: skip
        """POST to a KlearStack endpoint as ``role`` (credentials added unless ``creds=False``)."""
        body = {**(self.creds(role) if creds else {"company_name": self.company}), **(data or {})}
        headers = {"Authorization": f"Bearer {token or self.token(role)}"}
        if as_json:
            return self.client.post(f"{BASE}/{name}", json=body, headers=headers)
        return self.client.post(f"{BASE}/{name}", data=body, files=files, headers=headers)

    def upload(self, files: list[tuple[str, bytes]], role: str = "creator", **form: Any) -> dict[str, Any]:
        parts = [("file", (name, data, "application/octet-stream")) for name, data in files]
        r = self.post("uploadbatch", {**UPLOAD_FORM, **form}, role=role, files=parts)
        assert r.status_code == 200, r.text
        return dict(r.json())

    def wait(self, batch_id: str, timeout: float = 120) -> list[dict[str, Any]]:
        """Poll getbatchdocuments until it leaves in_progress (a hang guard, not a timing assertion)."""
        deadline = time.monotonic() + timeout
        while True:
            r = self.post("getbatchdocuments", {"batch_id": batch_id, "document_type": "Invoices"})
            assert r.status_code == 200, r.text
            if r.json()["status"] != "in_progress":
                assert r.json()["status"] == "completed"
                return list(r.json()["result"])
            assert time.monotonic() < deadline, r.json()
            time.sleep(0.1)

    def processed(
        self, files: list[tuple[str, bytes]], role: str = "creator", **form: Any
    ) -> list[dict[str, Any]]:
        """Upload, wait, and return the documents in the keyed format."""
        return self.wait(self.upload(files, role=role, **form)["batch_id"])


@pytest.fixture(scope="module")
def ks(service: Service) -> KS:
    """A company shared by the tests of one module (each test uses its own documents)."""
    return KS(make_tenant(service))


@pytest.fixture(scope="module")
def other_ks(service: Service) -> KS:
    """Another company, for isolation checks."""
    return KS(make_tenant(service))


@pytest.fixture
def fresh_ks(service: Service) -> KS:
    """A company of one test's own (throttling, password changes, pull cursors)."""
    return KS(make_tenant(service))


@pytest.fixture(scope="session")
def invoice_bytes() -> bytes:
    return invoice_pdf(items=3, seed=11).data


@pytest.fixture(scope="module")
def finished(ks: KS, invoice_bytes: bytes) -> dict[str, Any]:
    """One processed batch of ``ks``: an invoice, a small text PDF and a broken PDF."""
    files = [
        ("invoice.pdf", invoice_bytes),
        ("note.pdf", small_pdf("note")),
        ("broken.pdf", b"%PDF-1.4\nnot a pdf"),
    ]
    body = ks.upload(files)
    docs = ks.wait(body["batch_id"])
    return {"batch_id": body["batch_id"], "docs": {d["file_name"]: d for d in docs}}


@pytest.fixture
def idle_app(tmp_path: Path, fresh_database_url: str) -> Iterator[TestClient]:
    """An app with no workers (uploads stay queued: in_progress for as long as the test needs) and
    tokens from user ids enabled, on an empty database of the session's kind."""
    settings = service_settings(
        tmp_path / "data", fresh_database_url, workers=0, allow_token_from_userid=True
    )
    with TestClient(create_app(settings)) as client:
        yield client
