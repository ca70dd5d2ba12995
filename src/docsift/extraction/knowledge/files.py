"""Knowledge as data: YAML tables read once and cached.

``data/`` holds facts (currency symbols, month names, GST state codes, identifier formats, number
words); ``labels/`` holds what documents print (label synonyms per field, column headers, party
words, document titles, identifier patterns).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


def _read(folder: str, name: str) -> Any:
    text = resources.files(__package__).joinpath(folder, name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def load_yaml(name: str) -> Any:
    """The parsed content of ``data/<name>`` (e.g. ``"currencies.yaml"``).

    Raises FileNotFoundError when the file does not exist and yaml.YAMLError when it is malformed.
    """
    return _read("data", name)


@cache
def load_labels(name: str) -> Any:
    """The parsed content of ``labels/<name>`` (e.g. ``"fields.yaml"``).

    Raises FileNotFoundError when the file does not exist and yaml.YAMLError when it is malformed.
    """
    return _read("labels", name)
