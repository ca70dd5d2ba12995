"""A real ``docsift serve`` killed with SIGKILL in the middle of a batch resumes on restart: every
document ends processed exactly once (one stored outcome and one ``processed`` audit event each)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from docsift.store.db import Database
from docsift.store.models import AuditEvent, Document
from tests.docgen import invoice_pdf

DOCSIFT = Path(sys.executable).with_name("docsift")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A ``docsift serve`` subprocess with its stderr collected."""

    env: dict[str, str]
    port: int
    proc: subprocess.Popen[bytes] | None = None
    output: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        cmd = [str(DOCSIFT), "serve", "--host", "127.0.0.1", "--port", str(self.port), "--workers", "1"]
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        threading.Thread(target=self._drain, args=(self.proc,), daemon=True).start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "".join(self.output)
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError("server did not come up:\n" + "".join(self.output))

    def _drain(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        for line in iter(proc.stdout.readline, b""):
            self.output.append(line.decode(errors="replace"))

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


@pytest.fixture
def server(tmp_path: Path, fresh_database_url: str) -> Iterator[Server]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCSIFT_")}
    env.update(DOCSIFT_DATA_DIR=str(tmp_path / "data"), DOCSIFT_DATABASE_URL=fresh_database_url)
    srv = Server(env, _free_port())
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
    server: Server, fresh_database_url: str
) -> None:
    server.start()
    printed = "".join(server.output)
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

    server.output.clear()
    server.start()  # the same data directory and database
    assert "password:" not in "".join(server.output)  # not a first start any more
    while True:
        batch = httpx.get(f"{server.url}/api/v1/batches/{batch_id}", headers=headers).json()
        if batch["status"] == "done":
            break
        assert time.monotonic() < deadline + 120, batch
        time.sleep(0.2)

    assert batch["documents"] == 8
    assert batch["counts"]["queued"] == batch["counts"]["processing"] == 0
    with db.session() as s:
        docs = list(s.scalars(select(Document).where(Document.batch_id == batch_id)))
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "processed")))
    assert len(docs) == 8 and all(d.status in ("completed", "needs_review", "failed") for d in docs)
    assert all(d.result is not None and d.finished_at is not None and d.claim is None for d in docs)
    per_doc = {d.id: sum(1 for e in events if e.document_id == d.id) for d in docs}
    assert set(per_doc.values()) == {1}, per_doc
    for d in docs:
        assert d.attempts == (2 if d.id in interrupted else 1), (d.id, d.attempts, interrupted)
    health = httpx.get(f"{server.url}/healthz").json()
    assert health["status"] == "ok" and health["queue"]["alive"] == 1
    db.dispose()
