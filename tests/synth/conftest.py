"""Generated batches shared by the synth tests (generated once per session)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from docsift.synth import generate

SEED = 20240607
N_DOCS = 40
N_INVOICES = 90


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(N_DOCS, SEED, scans=0.0, out=out)
    return out


@pytest.fixture(scope="session")
def invoices(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Invoices only, text PDFs: enough for most layout families to differ."""
    out = tmp_path_factory.mktemp("invoices")
    generate(N_INVOICES, SEED + 1, kinds=("invoice",), scans=0.0, out=out)
    return out


def truths(folder: Path) -> dict[str, dict[str, Any]]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "truth").glob("*.json"))
    }
