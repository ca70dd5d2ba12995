"""Real services for the scale-out tests: a private redis-server and ``docsift worker``
subprocesses, beside what every suite shares (``tests/servers.py``: a fresh PostgreSQL database,
``docsift serve``, free ports). The S3 stand-in (moto's server mode) is in ``test_s3.py``.

Each test gets its own Redis on a free port (restarting it touches nobody else) and its own
database (created and dropped by ``postgres_database``), so tests run in parallel with each other
and with other test runs on the same machine.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.servers import Process, free_port, port_open, wait_until

_WARM = re.compile(r"pool process \d+ warm")


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


class Worker(Process):
    """``docsift worker``: started, then ready once it consumes and its pool processes are warm."""

    def wait_ready(self, timeout: float = 90) -> None:
        """Wait until the node consumes and each of its ``--concurrency`` pool processes has loaded the
        models (otherwise the first documents wait in the broker while they load, long enough on a
        busy machine for the sweep to publish them again)."""
        pools = int(self.args[self.args.index("--concurrency") + 1]) if "--concurrency" in self.args else 1

        def ready() -> bool:
            text = self.text
            return not self.alive() or ("docsift worker: ready" in text and len(_WARM.findall(text)) >= pools)

        wait_until(ready, timeout, "worker ready")
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
