"""Real services for the scale-out tests: a private redis-server, a fresh PostgreSQL database,
``docsift worker`` and ``docsift serve`` subprocesses, and an S3 stand-in (moto's server mode).

Each test gets its own Redis on a free port (restarting it touches nobody else) and its own
database (created and dropped here), so tests run in parallel with each other and with other
test runs on the same machine.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

DOCSIFT = Path(sys.executable).with_name("docsift")
POSTGRES = os.environ.get("DOCSIFT_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_until(check: object, timeout: float, what: str, every: float = 0.1) -> None:
    """Poll ``check()`` until true (a hang guard, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(every)


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database (dropped afterwards); skips when PostgreSQL is away."""
    psycopg = pytest.importorskip("psycopg")
    admin = POSTGRES.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    name = f"docsift_scale_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as e:
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES} (make test starts it): {e}")
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class RedisServer:
    """A private redis-server on a free port, keeping nothing on disk (like the shared one)."""

    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("redis-server is not installed (apt-get install redis-server)")
        cmd = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(lambda: port_open(self.port), 20, "redis-server")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.proc = None

    def restart(self, down_s: float = 1.0) -> None:
        """Kill it (every message is lost: nothing is persisted) and start it again."""
        self.stop()
        time.sleep(down_s)
        self.start()


@dataclass
class Process:
    """A docsift subprocess in its own process group, its output collected."""

    args: list[str]
    env: dict[str, str]
    proc: subprocess.Popen[bytes] | None = None
    output: list[str] = field(default_factory=list)

    def start(self) -> None:
        self.output = []
        self.proc = subprocess.Popen(
            [str(DOCSIFT), *self.args], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        threading.Thread(target=self._drain, args=(self.proc,), daemon=True).start()

    def _drain(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        for line in iter(proc.stdout.readline, b""):
            self.output.append(line.decode(errors="replace"))

    @property
    def text(self) -> str:
        return "".join(self.output)

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill_group(self) -> None:
        """SIGKILL the whole process group (the machine dies, as far as docsift can tell)."""
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)
            assert self.proc is not None
            self.proc.wait(10)

    def stop(self) -> None:
        if not self.alive():
            return
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.kill_group()
        with contextlib.suppress(ProcessLookupError):  # leftovers of the group, if any
            os.killpg(self.pid, signal.SIGKILL)


class Worker(Process):
    """``docsift worker``: started, then ready once it consumes."""

    def wait_ready(self, timeout: float = 90) -> None:
        wait_until(lambda: "docsift worker: ready" in self.text or not self.alive(), timeout, "worker ready")
        assert self.alive(), f"worker exited:\n{self.text}"

    def pool_children(self) -> list[int]:
        """Pids of the Celery pool processes (children of the node that run documents)."""
        out: list[int] = []
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            with contextlib.suppress(OSError):
                out += [int(p) for p in (task / "children").read_text().split()]
        mine = _cmdline(self.pid)  # pool processes are forks: same command line (the sweeper is not)
        return [p for p in out if _cmdline(p) == mine]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@dataclass
class ApiServer(Process):
    """``docsift serve`` on ``port``."""

    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 90) -> None:
        def up() -> bool:
            assert self.alive(), f"server exited:\n{self.text}"
            try:
                return httpx.get(f"{self.url}/healthz", timeout=5).status_code in (200, 503)
            except httpx.HTTPError:
                return False

        wait_until(up, timeout, "docsift serve")
