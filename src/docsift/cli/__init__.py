"""The ``docsift`` command line. Each command lives in its own module and registers on ``app``.

Exit status: 0 all documents done, 1 some failed, 2 bad usage.
"""

from __future__ import annotations

from docsift.cli import admin as _admin  # noqa: F401
from docsift.cli import bench as _bench  # noqa: F401
from docsift.cli import extract as _extract  # noqa: F401
from docsift.cli import read as _read  # noqa: F401
from docsift.cli import serve as _serve  # noqa: F401
from docsift.cli import synth as _synth  # noqa: F401
from docsift.cli import worker as _worker  # noqa: F401
from docsift.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
