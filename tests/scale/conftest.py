"""Fixtures for the scale-out tests: a cluster of real processes around a fresh PostgreSQL
database and a private Redis: ``docsift worker`` nodes, the API (in-process or ``docsift serve``),
and helpers that check every document was processed exactly once.

Timings are shortened (heartbeat, lease, sweep) so that recovery happens within seconds; they
are the same settings an operator would tune, not test-only code paths.
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
from sqlalchemy import func, select

from docsift.service.app import create_app
from docsift.settings import Settings
from docsift.store.db import Database
from docsift.store.models import AuditEvent, Document
from tests.docgen import image_pdf, invoice_pdf, render_pdf_page, text_pdf
from tests.scale.harness import RedisServer, Worker
from tests.servers import ApiServer, clean_env, postgres_database, wait_until

ADMIN = {"company": "docsift", "username": "admin", "password": "scale-admin-password"}
# what a readable document ends as: the small text PDFs and scans these tests upload all are, so a
# "failed" one (by the pipeline or by the queue) is a fault the test must report
PROCESSED = ("completed", "needs_review")

FAST_RECOVERY = {
    "heartbeat_s": "0.5",
    "lease_s": "6",
    "sweep_interval_s": "1",
    "requeue_after_s": "3",
    "retry_backoff_s": "0.5",
}


def small_pdf(tag: str) -> bytes:
    """A one-page text PDF, different bytes per ``tag`` (fast to process)."""
    return text_pdf([[f"Invoice {tag}", f"Invoice No: INV-{tag.upper()}", "Total: 10.00"]])


def scanned_pdf(pages: int = 1, seed: int = 0) -> bytes:
    """A scanned invoice (images only): OCR keeps a worker busy for a while on each page."""
    scans = [render_pdf_page(invoice_pdf(items=8, seed=seed + i).data, dpi=150) for i in range(pages)]
    return image_pdf(scans, dpi=150)


@dataclass
class Api:
    """The native API through any httpx client (TestClient or a real HTTP client)."""

    client: httpx.Client
    headers: dict[str, str] = field(default_factory=dict)

    def login(self) -> None:
        r = self.client.post("/api/v1/auth/token", json=ADMIN)
        assert r.status_code == 200, r.text
        self.headers = {"Authorization": f"Bearer {r.json()['access_token']}"}

    def upload(self, files: list[tuple[str, bytes]], **form: Any) -> str:
        """Upload a batch; returns its id."""
        if not self.headers:
            self.login()
        parts = [("files", (name, data, "application/pdf")) for name, data in files]
        r = self.client.post("/api/v1/batches", files=parts, data=form, headers=self.headers)
        assert r.status_code == 201, r.text
        return str(r.json()["batch"]["id"])

    def batch(self, batch_id: str) -> dict[str, Any]:
        r = self.client.get(f"/api/v1/batches/{batch_id}", headers=self.headers)
        assert r.status_code == 200, r.text
        return dict(r.json())

    def documents(self, batch_id: str) -> list[dict[str, Any]]:
        r = self.client.get(f"/api/v1/batches/{batch_id}/documents", headers=self.headers)
        assert r.status_code == 200, r.text
        return list(r.json())

    def wait(self, batch_id: str, timeout: float = 150) -> dict[str, Any]:
        """Poll until the batch is done (a hang guard, not a timing assertion)."""
        deadline = time.monotonic() + timeout
        while (batch := self.batch(batch_id))["status"] != "done":
            assert time.monotonic() < deadline, f"batch not done: {batch}"
            time.sleep(0.1)
        return batch


@dataclass
class Cluster:
    """PostgreSQL + a private Redis + shared storage, with worker nodes and API servers on demand."""

    tmp: Path
    database_url: str
    redis: RedisServer
    values: dict[str, str]
    workers: list[Worker] = field(default_factory=list)
    servers: list[ApiServer] = field(default_factory=list)
    _clients: list[TestClient] = field(default_factory=list)
    _db: Database | None = None

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a docsift process of this cluster."""
        return clean_env(**{"broker_url": self.redis.url, **self.values, **extra})

    def settings(self, **extra: str) -> Settings:
        """The same configuration as Settings (for an in-process API)."""
        return Settings(**{"broker_url": self.redis.url, **self.values, **extra})  # type: ignore[arg-type]

    def worker(self, concurrency: int = 1, wait: bool = True, **extra: str) -> Worker:
        """Start a ``docsift worker`` node."""
        node = Worker(["worker", "--concurrency", str(concurrency), "--loglevel", "info"], self.env(**extra))
        node.start()
        self.workers.append(node)
        if wait:
            node.wait_ready()
        return node

    def workers_ready(self, count: int, **extra: str) -> list[Worker]:
        """Start ``count`` nodes of one process each, side by side, and wait for all."""
        nodes = [self.worker(wait=False, **extra) for _ in range(count)]
        for node in nodes:
            node.wait_ready()
        return nodes

    def serve(self, port: int | None = None) -> ApiServer:
        """Start ``docsift serve`` (it only publishes: its pool is the workers)."""
        server = ApiServer.serve(self.env(), port=port)
        server.start()
        self.servers.append(server)
        server.wait_ready()
        return server

    def api(self) -> Api:
        """The API in this test process (DOCSIFT_QUEUE=celery: it only stores and publishes),
        logged in as the first admin; stopped with the cluster."""
        client = TestClient(create_app(self.settings()))
        client.__enter__()
        self._clients.append(client)
        api = Api(client)
        api.login()
        return api

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database(self.database_url, pool_size=2, max_overflow=2)
        return self._db

    def close(self) -> None:
        for client in self._clients:
            client.__exit__(None, None, None)
        for p in [*self.workers, *self.servers]:
            p.kill_group()  # graceful shutdown is not what these tests are about
        if self._db is not None:
            self._db.dispose()

    # -- what the database says ---------------------------------------------------------------
    def docs(self, batch_id: str) -> list[Document]:
        with self.db.session() as s:
            stmt = select(Document).where(Document.batch_id == batch_id).order_by(Document.seq)
            return list(s.scalars(stmt))

    def processed_events(self, batch_id: str) -> dict[str, int]:
        """Per document of the batch: how many ``processed`` audit events it has."""
        ids = [d.id for d in self.docs(batch_id)]
        with self.db.session() as s:
            rows = s.execute(
                select(AuditEvent.document_id, func.count())
                .where(AuditEvent.action == "processed", AuditEvent.document_id.in_(ids))
                .group_by(AuditEvent.document_id)
            )
            counts = {doc_id: n for doc_id, n in rows}
        return {i: counts.get(i, 0) for i in ids}

    def status_of(self, document_id: str) -> str:
        with self.db.session() as s:
            return str(s.scalar(select(Document.status).where(Document.id == document_id)))

    def wait_processing(self, batch_id: str, file_name: str) -> str:
        """Wait until the named document of the batch is being processed; returns its id."""
        doc_id = next(d.id for d in self.docs(batch_id) if d.file_name == file_name)
        wait_until(lambda: self.status_of(doc_id) == "processing", 120, f"{file_name} processing", 0.02)
        return doc_id

    def holder(self, document_id: str) -> Worker:
        """The node running ``document_id`` (the claim is the Celery task id, which nodes log)."""
        with self.db.session() as s:
            claim = s.scalar(select(Document.claim).where(Document.id == document_id))
        assert claim, "document is not claimed"
        found = [w for w in self.workers if claim in w.text]
        assert len(found) == 1, [w.text[-2000:] for w in self.workers]
        return found[0]

    def no_duplicate_deliveries(self) -> None:
        """Without faults, every document got one message: no worker found one already taken."""
        for node in self.workers:
            assert "nothing to do" not in node.text, node.text[-3000:]

    def attempts(self, batch_id: str) -> dict[str, int]:
        """Per file name: how many times a worker started it."""
        return {d.file_name: d.attempts for d in self.docs(batch_id)}

    def assert_processed_once(self, batch_id: str, expected: int) -> list[Document]:
        """Every one of the ``expected`` documents of the batch ended completed or needs_review (none
        lost, none failed) with exactly one stored outcome. Returns the documents."""
        docs = self.docs(batch_id)
        assert len(docs) == expected
        for d in docs:
            assert d.status in PROCESSED, (d.file_name, d.status, d.error_code, d.error_message)
            assert d.claim is None and d.result is not None and d.result["status"] == d.status, d.file_name
        events = self.processed_events(batch_id)
        assert set(events.values()) == {1}, events
        return docs


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    """A fresh cluster: its own PostgreSQL database, Redis server and shared blob directory."""
    with postgres_database("docsift_scale") as url:
        redis = RedisServer()
        redis.start()
        values = {
            "queue": "celery",
            "database_url": url,
            "data_dir": str(tmp_path / "data"),
            "storage_url": f"file://{tmp_path / 'shared-blobs'}",
            "secret_key": "scale-test-secret-key-0123456789-abcdef",
            "admin_password": ADMIN["password"],
            "document_time_limit_s": "120",
            **FAST_RECOVERY,
        }
        c = Cluster(tmp_path, url, redis, values)
        try:
            yield c
        finally:
            c.close()
            redis.stop()


@pytest.fixture
def api(cluster: Cluster) -> Api:
    """The API of the cluster, in this test process."""
    return cluster.api()
