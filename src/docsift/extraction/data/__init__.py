"""Knowledge as data: YAML tables read once and cached (currency symbols, month names, GST state
codes, VAT patterns, number words, ...)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_yaml(name: str) -> Any:
    """The parsed content of ``name`` (e.g. ``"currencies.yaml"``) from this package.

    Raises FileNotFoundError when the file does not exist and yaml.YAMLError when it is malformed.
    """
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)
