"""Real processes and databases for the tests that need them: free ports, a fresh PostgreSQL
database, and ``docsift`` subprocesses (``docsift serve`` here; ``docsift worker`` in
``tests/scale/harness.py``) with their output collected.

Shared by the service, KlearStack and scale-out suites, so that there is one way to start a server,
wait for it and kill it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
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
    """Whether something accepts connections on 127.0.0.1:``port``."""
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_until(check: Callable[[], object], timeout: float, what: str, every: float = 0.1) -> None:
    """Poll ``check()`` until true (a hang guard, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(every)


@contextlib.contextmanager
def postgres_database(prefix: str = "docsift_test") -> Iterator[str]:
    """A new, empty PostgreSQL database named ``<prefix>_<random>`` (dropped afterwards); skips the
    test when PostgreSQL is away (``make test`` starts it)."""
    psycopg = pytest.importorskip("psycopg")
    admin = POSTGRES.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
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


def clean_env(**docsift: str) -> dict[str, str]:
    """This process's environment without its DOCSIFT_ settings, plus ``DOCSIFT_<KEY>=value`` for
    each keyword (``data_dir="/x"`` -> ``DOCSIFT_DATA_DIR=/x``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCSIFT_")}
    env.update({f"DOCSIFT_{k.upper()}": v for k, v in docsift.items()})
    return env


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

    def kill(self) -> None:
        """SIGKILL the docsift process alone (its children go as they were made to: a server's
        pool workers die with it)."""
        if self.alive():
            assert self.proc is not None
            self.proc.kill()
            self.proc.wait(10)

    def kill_group(self) -> None:
        """SIGKILL the whole process group (the machine dies, as far as docsift can tell)."""
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)
            assert self.proc is not None
            self.proc.wait(10)

    def stop(self) -> None:
        """SIGTERM and wait for a clean exit; SIGKILL the group after 30 s, and its leftovers."""
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


@dataclass
class ApiServer(Process):
    """``docsift serve`` on ``port``; ready once /healthz answers with one of ``ready_codes``."""

    port: int = 0
    ready_codes: tuple[int, ...] = (200, 503)

    @classmethod
    def serve(cls, env: dict[str, str], *options: str, port: int | None = None,
              ready_codes: tuple[int, ...] = (200, 503)) -> ApiServer:  # fmt: skip
        """A server (not started yet) on ``port`` (default: a free one) with ``options`` added to
        ``docsift serve --host 127.0.0.1 --port N``."""
        port = port or free_port()
        args = ["serve", "--host", "127.0.0.1", "--port", str(port), *options]
        return cls(args, env, port=port, ready_codes=ready_codes)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 90) -> None:
        def up() -> bool:
            assert self.alive(), f"server exited:\n{self.text}"
            try:
                return httpx.get(f"{self.url}/healthz", timeout=5).status_code in self.ready_codes
            except httpx.HTTPError:
                return False

        try:
            wait_until(up, timeout, "docsift serve")
        except AssertionError as e:
            raise AssertionError(f"{e}:\n{self.text}") from None

    def start_ready(self, timeout: float = 90) -> None:
        """Start it and wait until it is ready."""
        self.start()
        self.wait_ready(timeout)
