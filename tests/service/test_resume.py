"""A real ``docsift serve`` killed with SIGKILL in the middle of a batch resumes on restart: every
document ends processed exactly once (one stored outcome and one ``processed`` audit event each)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from docsift.store.db import Database
from docsift.store.models import AuditEvent, Document
from tests.docgen import invoice_pdf
from tests.servers import ApiServer, clean_env


@pytest.fixture
def server(tmp_path: Path, fresh_database_url: str) -> Iterator[ApiServer]:
    env = clean_env(data_dir=str(tmp_path / "data"), database_url=fresh_database_url)
    srv = ApiServer.serve(env, "--workers", "1", ready_codes=(200,))
    yield srv
    srv.stop()


def _counts(db: Database, batch_id: str) -> dict[str, int]:
    with db.session() as s:
        rows = s.execute(
            select(Document.status, func.count())
            .where(Document.batch_id == batch_id)
            .group_by(Document.status)
        )
        return {status: n for status, n in rows}


def test_given_a_server_killed_mid_batch_when_restarted_then_every_document_finishes_once(
    server: ApiServer, fresh_database_url: str
) -> None:
    server.start_ready()
    printed = server.text
    match = re.search(r"password: (\S+)", printed)
    assert match, f"first start must print the generated admin password:\n{printed}"
    login = {"company": "docsift", "username": "admin", "password": match.group(1)}
    tokens = httpx.post(f"{server.url}/api/v1/auth/token", json=login).json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    files = [("files", (f"inv-{i}.pdf", invoice_pdf(pages=10, items=10, seed=i).data)) for i in range(8)]
    r = httpx.post(f"{server.url}/api/v1/batches", files=files, headers=headers, timeout=60)
    assert r.status_code == 201, r.text
    batch_id = r.json()["batch"]["id"]
    db = Database(fresh_database_url)
    deadline = time.monotonic() + 120
    while all(status in ("queued", "processing") for status in _counts(db, batch_id)):
        assert time.monotonic() < deadline, "no document finished"
        time.sleep(0.05)
    server.kill()

    at_kill = _counts(db, batch_id)
    assert at_kill.get("queued", 0) + at_kill.get("processing", 0) > 0, f"nothing left to resume: {at_kill}"
    with db.session() as s:
        interrupted = set(s.scalars(select(Document.id).where(Document.status == "processing")))

    server.start_ready()  # the same data directory and database
    assert "password:" not in server.text  # not a first start any more
    while True:
        batch = httpx.get(f"{server.url}/api/v1/batches/{batch_id}", headers=headers).json()
        if batch["status"] == "done":
            break
        assert time.monotonic() < deadline + 120, batch
        time.sleep(0.1)

    assert batch["documents"] == 8
    assert batch["counts"]["queued"] == batch["counts"]["processing"] == 0
    with db.session() as s:
        docs = list(s.scalars(select(Document).where(Document.batch_id == batch_id)))
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "processed")))
    assert len(docs) == 8 and all(d.status in ("completed", "needs_review") for d in docs), [
        (d.file_name, d.status, d.error_message) for d in docs
    ]
    assert all(d.result is not None and d.finished_at is not None and d.claim is None for d in docs)
    per_doc = {d.id: sum(1 for e in events if e.document_id == d.id) for d in docs}
    assert set(per_doc.values()) == {1}, per_doc
    for d in docs:
        assert d.attempts == (2 if d.id in interrupted else 1), (d.id, d.attempts, interrupted)
    health = httpx.get(f"{server.url}/healthz").json()
    assert health["status"] == "ok" and health["queue"]["alive"] == 1
    db.dispose()
