"""``docsift bench --section scale``: pages per minute with 1 and 2 worker processes.

A real scale-out setup on this machine: ``docsift serve`` (DOCSIFT_QUEUE=celery), a private
redis-server on a free port, PostgreSQL when reachable (a database made for the run and dropped
after it; SQLite otherwise), a shared blob directory, and ``docsift worker`` nodes of one process
each. The documents are synthetic scanned invoices (``docsift.synth``, every one an image, so
every page goes through OCR). Each configuration runs ``ROUNDS`` times, interleaved, and the best
round counts (the machine is shared; the best round is the least disturbed one). Time runs from
the upload's commit to the last document finished (server timestamps; the client polls slowly so
as not to take CPU from the workers), with every pool process warm before the upload. The CPU the
workers got is reported too: on a machine other work shares, the rate follows the cores the
workers were given, not the cores the machine has.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from rich.table import Table

from docsift.bench import BenchContext

DOCUMENTS = 16
ROUNDS = 2
TARGET_SPEEDUP = 1.7
POSTGRES = os.environ.get("DOCSIFT_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
ADMIN = {"company": "docsift", "username": "admin", "password": "bench-admin-password-0"}
DOCSIFT = Path(sys.executable).with_name("docsift")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.1)


class _Proc:
    """A subprocess whose output is collected; ended with its whole process group."""

    def __init__(self, cmd: list[str], env: dict[str, str]) -> None:
        self.output: list[str] = []
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     start_new_session=True)  # fmt: skip
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.proc.stdout is not None
        for line in iter(self.proc.stdout.readline, b""):
            self.output.append(line.decode(errors="replace"))

    def text(self) -> str:
        return "".join(self.output)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        with suppress(ProcessLookupError):
            os.killpg(self.proc.pid, 9)
        self.proc.wait(30)


@contextmanager
def _database(tmp: Path) -> Iterator[tuple[str, str]]:
    """(kind, URL): a fresh PostgreSQL database when reachable, else SQLite under ``tmp``."""
    try:
        import psycopg

        name = f"docsift_bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception:
        yield "sqlite", f"sqlite:///{tmp / 'bench.db'}"
        return
    try:
        yield "postgresql", f"{POSTGRES}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _redis() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise FileNotFoundError("redis-server is not installed")
    port = _free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no"], stdout=subprocess.DEVNULL)  # fmt: skip
    try:
        _wait(lambda: _port_open(port), 20, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.kill()
        proc.wait(10)


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and its live descendants (Linux)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    todo = [pid]
    while todo:
        p = todo.pop()
        with suppress(OSError, ValueError, IndexError):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    return total


def _scans(tmp: Path, n: int) -> list[tuple[str, bytes]]:
    from docsift.synth import generate

    paths = generate(n, seed=2024, kinds=("invoice",), scans=1.0, out=tmp / "synth")
    return [(p.name, p.read_bytes()) for p in paths]


def _env(tmp: Path, database_url: str, broker_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCSIFT_")}
    env.update(
        DOCSIFT_QUEUE="celery", DOCSIFT_DATABASE_URL=database_url, DOCSIFT_BROKER_URL=broker_url,
        DOCSIFT_DATA_DIR=str(tmp / "data"), DOCSIFT_STORAGE_URL=f"file://{tmp / 'blobs'}",
        DOCSIFT_SECRET_KEY="bench-secret-key-0123456789-abcdefghijkl",
        DOCSIFT_ADMIN_PASSWORD=ADMIN["password"],
    )  # fmt: skip
    return env


def _round(env: dict[str, str], url: str, files: list[tuple[str, bytes]], workers: int) -> dict[str, Any]:
    """Start ``workers`` nodes, wait until warm, process ``files`` once; pages, seconds, rate."""
    from docsift.client import Client

    nodes = [_Proc([str(DOCSIFT), "worker", "--concurrency", "1", "--no-sweep"], env) for _ in range(workers)]
    try:
        for node in nodes:
            _wait(lambda n=node: " warm" in n.text() or not n.alive(), 180, "a warm worker")
            if not node.alive():
                raise RuntimeError(f"worker exited:\n{node.text()[-2000:]}")
        login = Client(url, company=ADMIN["company"], username=ADMIN["username"], password=ADMIN["password"])
        with login as client:
            cpu_before = sum(_tree_cpu_seconds(n.proc.pid) for n in nodes)
            batch = client.upload(files, document_type="invoice").batch
            client.wait(batch.id, timeout=1800, interval=1.0)  # slow polling: leave the CPU to workers
            docs = client.batch_documents(batch.id)
            cpu = sum(_tree_cpu_seconds(n.proc.pid) for n in nodes) - cpu_before
    finally:
        for node in nodes:
            node.stop()
    # from the upload's commit to the last result, on the server's clock (polling does not count)
    seconds = (
        max(d.finished_at for d in docs if d.finished_at) - min(d.created_at for d in docs)
    ).total_seconds()
    pages = sum(d.pages for d in docs)
    statuses = sorted({d.status for d in docs})
    return {"workers": workers, "documents": len(docs), "pages": pages, "seconds": round(seconds, 2),
            "pages_per_minute": round(60 * pages / seconds, 2), "statuses": statuses,
            "worker_cpu_seconds": round(cpu, 1), "cores_used": round(cpu / seconds, 2),
            "cpu_seconds_per_page": round(cpu / max(1, pages), 2)}  # fmt: skip


def run(ctx: BenchContext) -> dict[str, Any]:
    """Measure pages per minute with 1 and 2 worker processes; returns the report."""
    n = ctx.limit or DOCUMENTS
    load_before = os.getloadavg()
    try:
        with tempfile.TemporaryDirectory(prefix="docsift-bench-scale-") as tmp_name, _redis() as broker:
            tmp = Path(tmp_name)
            files = _scans(tmp, n)
            with _database(tmp) as (db_kind, db_url):
                env = _env(tmp, db_url, broker)
                port = _free_port()
                server = _Proc([str(DOCSIFT), "serve", "--host", "127.0.0.1", "--port", str(port)], env)
                try:
                    _wait(lambda: "Uvicorn running" in server.text() or not server.alive(), 120, "the API")
                    rounds = [_round(env, f"http://127.0.0.1:{port}", files, w) for _ in range(ROUNDS)
                              for w in (1, 2)]  # fmt: skip
                finally:
                    server.stop()
    except (FileNotFoundError, TimeoutError, RuntimeError) as e:
        ctx.console.print(f"[yellow]scale section skipped: {e}")
        return {"skipped": str(e)}
    best = {
        w: max((r for r in rounds if r["workers"] == w), key=lambda r: r["pages_per_minute"]) for w in (1, 2)
    }
    ratio = best[2]["pages_per_minute"] / best[1]["pages_per_minute"]
    speedup = round(ratio, 3)
    # CPU per page, whatever share of the machine the workers got: flat from 1 to 2 workers means
    # the work itself divides across processes, and any shortfall of the speedup is cores not given
    cpu_per_page = {w: min(r["cpu_seconds_per_page"] for r in rounds if r["workers"] == w) for w in (1, 2)}
    cores_used = {w: best[w]["cores_used"] for w in (1, 2)}
    report = {"database": db_kind, "documents": n, "rounds": rounds, "best": best, "speedup": speedup,
              "cpu_seconds_per_page": cpu_per_page, "cores_used": cores_used,
              "target_speedup": TARGET_SPEEDUP, "meets_target": ratio >= TARGET_SPEEDUP,
              "load_average_before": [round(x, 2) for x in load_before], "cores": os.cpu_count()}  # fmt: skip
    _print(ctx, report)
    return report


def _print(ctx: BenchContext, report: dict[str, Any]) -> None:
    table = Table(title=f"scale-out: scanned invoices, Celery + Redis + {report['database']}")
    for col in ("worker processes", "round", "pages", "seconds", "pages/min", "cores used", "CPU s/page"):
        table.add_column(col, justify="right")
    for i, r in enumerate(report["rounds"]):
        table.add_row(str(r["workers"]), str(i // 2 + 1), str(r["pages"]), f"{r['seconds']:.1f}",
                      f"{r['pages_per_minute']:.1f}", f"{r['cores_used']:.2f}",
                      f"{r['cpu_seconds_per_page']:.2f}")  # fmt: skip
    ctx.console.print(table)
    verdict = "meets" if report["meets_target"] else "below"
    ctx.console.print(
        f"2 workers / 1 worker (best rounds): [bold]{report['speedup']}x[/] ({verdict} the "
        f"{report['target_speedup']}x target; {report['cores']} cores, load average before "
        f"{report['load_average_before'][0]})"
    )
    per_page, cores = report["cpu_seconds_per_page"], report["cores_used"]
    ctx.console.print(
        f"CPU per page (least of the rounds): {per_page[1]} s with 1 worker, {per_page[2]} s with 2; "
        f"cores the workers got in the best rounds: {cores[1]} and {cores[2]} of {report['cores']}"
    )
