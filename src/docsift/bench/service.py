"""Bench section "service": a real ``docsift serve`` on a fresh SQLite database, through HTTP.

1. How long a 100-file ZIP upload takes to be answered (processing goes on in the background),
   while the database holds 10,000 documents.
2. 50 clients polling while that batch processes: errors, and every document processed exactly once.
3. Latency of reading that completed 100-document batch (native batch documents, native JSON
   export, and KlearStack getbatchdocuments when mounted): the first call after the batch finished,
   then the p50/p95 of repeated calls.

The background documents are inserted directly, as copies of one document processed through the
API: its real stored original (blob key and content hash) and its real result, so that every path
a listing takes (page sizes from the original, pixel coordinates) is the one real documents take.
The batch that is read is the one the pipeline processed; everything measured goes through HTTP.
"""

from __future__ import annotations

import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import httpx
from rich.table import Table
from sqlalchemy import func, insert, select

from docsift.bench import BenchContext
from docsift.settings import Settings
from docsift.store.db import Database
from docsift.store.models import AuditEvent, Batch, Document, User, new_document_id, new_uuid, utcnow

ADMIN_PASSWORD = "bench-admin-password"
BACKGROUND_DOCS = 10_000
BATCH_DOCS = 100
POLLERS = 50


def run(ctx: BenchContext) -> dict[str, Any]:
    """Run the three measurements and print a table. Returns the figures."""
    with tempfile.TemporaryDirectory(prefix="docsift-bench-") as tmp:
        root = Path(tmp)
        pdfs = _documents(root, BATCH_DOCS)
        settings = Settings(data_dir=root / "data", admin_password=ADMIN_PASSWORD)
        server = _start_server(settings, workers=2)
        try:
            base = f"http://127.0.0.1:{server[1]}"
            report = _measure(base, settings, pdfs)
        finally:
            server[0].terminate()
            server[0].wait(30)
    _print(ctx, report)
    return report


def _documents(root: Path, n: int) -> list[tuple[str, bytes]]:
    from docsift.synth import generate

    paths = generate(n, seed=2024, kinds=("invoice",), scans=0.0, out=root / "synth")
    return [(p.name, p.read_bytes()) for p in paths]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_server(settings: Settings, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCSIFT_")}
    env.update(DOCSIFT_DATA_DIR=str(settings.data_dir), DOCSIFT_ADMIN_PASSWORD=ADMIN_PASSWORD)
    docsift = Path(sys.executable).with_name("docsift")
    cmd = [str(docsift), "serve", "--port", str(port), "--workers", str(workers), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc, port
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("docsift serve did not start")


def _login(base: str) -> dict[str, str]:
    body = {"company": "docsift", "username": "admin", "password": ADMIN_PASSWORD}
    token = httpx.post(f"{base}/api/v1/auth/token", json=body).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


def _measure(base: str, settings: Settings, pdfs: list[tuple[str, bytes]]) -> dict[str, Any]:
    headers = _login(base)
    # one document processed through the API: the model of the background documents
    first = httpx.post(f"{base}/api/v1/batches", files=[("files", pdfs[0])], headers=headers).json()
    _wait_document(base, headers, first["documents"][0]["id"])
    db = Database(settings.effective_database_url)
    background = BACKGROUND_DOCS - BATCH_DOCS - 1
    _seed(db, first["documents"][0]["id"], background, BATCH_DOCS)
    report: dict[str, Any] = {"background_documents": background + 1, "batch_documents": BATCH_DOCS}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        report["zip_upload"], batch_id = _upload_zip(client, pdfs)
        report["polling"] = _poll(base, headers, batch_id)
        report["latency_ms"] = _latencies(client, batch_id)
    report["polling"].update(_exactly_once(db, batch_id))
    db.dispose()
    return report


def _wait_document(base: str, headers: dict[str, str], doc_id: str) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        doc: dict[str, Any] = httpx.get(f"{base}/api/v1/documents/{doc_id}", headers=headers).json()
        if doc["status"] not in ("queued", "processing"):
            return
        time.sleep(0.2)
    raise RuntimeError("the first document did not finish")


def _seed(db: Database, model_id: str, count: int, batch_size: int) -> None:
    """Insert ``count`` processed documents in batches of ``batch_size``: copies of the document
    ``model_id`` (its stored original and its result) under other ids and names."""
    now = utcnow()
    with db.session() as s:
        model = s.get(Document, model_id)
        assert model is not None and model.result is not None
        company_id = model.company_id
        user_id = s.scalar(select(User.id).where(User.company_id == company_id))
        batch_ids = [new_uuid() for _ in range(-(-count // batch_size))]
        s.execute(insert(Batch), [
            {"id": b, "company_id": company_id, "user_id": user_id, "document_type": "invoice",
             "processing_pref": "speed", "created_at": now} for b in batch_ids
        ])  # fmt: skip
        rows = []
        for i in range(count):
            doc_id = new_document_id()
            result = {**model.result, "document_id": doc_id, "file_name": f"seed-{i}.pdf"}
            rows.append({
                "id": doc_id, "company_id": company_id, "batch_id": batch_ids[i // batch_size],
                "seq": i % batch_size, "file_name": f"seed-{i}.pdf", "content_hash": model.content_hash,
                "blob_key": model.blob_key, "media_type": model.media_type, "status": model.status,
                "pages": model.pages, "document_type": model.document_type,
                "overall_confidence": model.overall_confidence, "result": result, "created_at": now,
                "started_at": now, "finished_at": now, "modified_at": now, "attempts": 1,
            })  # fmt: skip
        s.execute(insert(Document), rows)


def _timed(client: httpx.Client, method: str, url: str, n: int, **kwargs: Any) -> dict[str, float]:
    """The first call's time (cold: nothing remembered yet), then p50 / p95 / max of ``n`` more, and
    the response size; each call reads the whole body."""
    times = []
    size = 0
    for _ in range(n + 1):
        start = time.perf_counter()
        r = client.request(method, url, **kwargs)
        times.append((time.perf_counter() - start) * 1000)
        r.raise_for_status()
        size = len(r.content)
    first, times = times[0], sorted(times[1:])
    return {"first": round(first, 1), "p50": round(statistics.median(times), 1),
            "p95": round(times[int(0.95 * (n - 1))], 1), "max": round(times[-1], 1),
            "bytes": size}  # fmt: skip


def _latencies(client: httpx.Client, batch_id: str) -> dict[str, dict[str, float]]:
    out = {
        "native batch documents": _timed(client, "GET", f"/api/v1/batches/{batch_id}/documents", 100),
        "native export json": _timed(client, "GET", f"/api/v1/batches/{batch_id}/export", 100),
    }
    form = {"username": "admin", "password": ADMIN_PASSWORD, "company_name": "docsift",
            "batch_id": batch_id, "document_type": "Invoices"}  # fmt: skip
    probe = client.post("/access/klearstack/getbatchdocuments", data=form)
    if probe.status_code == 200:
        out["klearstack getbatchdocuments"] = _timed(
            client, "POST", "/access/klearstack/getbatchdocuments", 100, data=form
        )
    return out


def _upload_zip(client: httpx.Client, pdfs: list[tuple[str, bytes]]) -> tuple[dict[str, Any], str]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in pdfs:
            zf.writestr(f"bench/{name}", data)
    start = time.perf_counter()
    r = client.post("/api/v1/batches", files=[("files", ("bench.zip", buf.getvalue()))])
    seconds = time.perf_counter() - start
    r.raise_for_status()
    body = r.json()
    return {"files": len(pdfs), "zip_bytes": len(buf.getvalue()), "answered_s": round(seconds, 3),
            "documents": len(body["documents"])}, body["batch"]["id"]  # fmt: skip


def _poll(base: str, headers: dict[str, str], batch_id: str) -> dict[str, Any]:
    errors: list[str] = []
    requests = [0]
    done = threading.Event()
    lock = threading.Lock()
    seen_ids: set[tuple[str, ...]] = set()

    def poller(k: int) -> None:
        path = f"/api/v1/batches/{batch_id}" + ("/documents" if k % 2 else "")
        with httpx.Client(base_url=base, headers=headers, timeout=60) as c:
            while not done.is_set():
                try:
                    r: httpx.Response | None = c.get(path)
                    problem = (
                        None if r is not None and r.status_code == 200 else f"{r.status_code if r else ''}"
                    )
                except httpx.HTTPError as e:
                    r, problem = None, repr(e)
                with lock:
                    requests[0] += 1
                    if problem is not None or r is None:
                        errors.append(problem or "no response")
                    elif k % 2:
                        seen_ids.add(tuple(sorted(d["id"] for d in r.json())))
                    elif r.json()["status"] == "done":
                        done.set()
                time.sleep(0.1)

    start = time.perf_counter()
    threads = [threading.Thread(target=poller, args=(k,), daemon=True) for k in range(POLLERS)]
    for t in threads:
        t.start()
    done.wait(1800)
    done.set()
    for t in threads:
        t.join(60)
    return {"clients": POLLERS, "requests": requests[0], "errors": len(errors), "first_errors": errors[:3],
            "processing_s": round(time.perf_counter() - start, 1),
            "distinct_id_lists": len(seen_ids)}  # fmt: skip


def _exactly_once(db: Database, batch_id: str) -> dict[str, Any]:
    with db.session() as s:
        ids = list(s.scalars(select(Document.id).where(Document.batch_id == batch_id)))
        counted = s.execute(
            select(Document.status, func.count())
            .where(Document.batch_id == batch_id)
            .group_by(Document.status)
        )
        statuses = {status: n for status, n in counted}
        events = s.execute(
            select(AuditEvent.document_id, func.count())
            .where(AuditEvent.document_id.in_(ids), AuditEvent.action == "processed")
            .group_by(AuditEvent.document_id)
        )
        per_doc = {doc_id: n for doc_id, n in events}
    return {"documents": len(ids), "unique_ids": len(set(ids)), "statuses": statuses,
            "processed_once": sum(1 for i in ids if per_doc.get(i) == 1)}  # fmt: skip


def _print(ctx: BenchContext, report: dict[str, Any]) -> None:
    table = Table(
        title=f"reading a completed {BATCH_DOCS}-document batch ({BACKGROUND_DOCS} documents in SQLite)"
    )
    for col in ("endpoint", "first ms", "p50 ms", "p95 ms", "max ms", "KB"):
        table.add_column(col)
    for name, t in report["latency_ms"].items():
        cells = (t["first"], t["p50"], t["p95"], t["max"], t["bytes"] // 1024)
        table.add_row(name, *(str(c) for c in cells))
    ctx.console.print(table)
    z, p = report["zip_upload"], report["polling"]
    ctx.console.print(f"{z['files']}-file ZIP ({z['zip_bytes']} bytes) answered in {z['answered_s']} s")
    ctx.console.print(
        f"{p['clients']} pollers: {p['requests']} requests, {p['errors']} errors; batch processed in "
        f"{p['processing_s']} s; {p['documents']} documents, {p['unique_ids']} unique, "
        f"{p['processed_once']} processed exactly once; statuses {p['statuses']}; "
        f"distinct document lists seen by pollers: {p['distinct_id_lists']}"
    )
