"""Shared test fixtures.

``shared`` points at ../shared (or $DOCSIFT_SHARED); tests that need the datasets are
skipped with a clear reason when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DOCSIFT_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "datasets").is_dir():
        pytest.skip(f"../shared/datasets not found at {SHARED} (set DOCSIFT_SHARED to point at it)")
    return SHARED


@pytest.fixture(scope="session")
def datasets(shared: Path) -> Path:
    return shared / "datasets"
