"""Knowledge as data: YAML tables read once and cached.

``data/`` holds facts (currency symbols, month names, GST state codes, identifier formats, number
words); ``labels/`` holds what documents print (label synonyms per field, column headers, party
words, document titles, identifier patterns).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    """YAML with only true/false as booleans (YAML 1.2): "no" is a label word and "NO" is Norway."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def parse_yaml(text: str) -> Any:
    """``text`` parsed as YAML 1.2 does it (only true/false are booleans)."""
    return yaml.load(text, Loader=_Loader)


def _read(folder: str, name: str) -> Any:
    return parse_yaml(resources.files(__package__).joinpath(folder, name).read_text(encoding="utf-8"))


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


@cache
def load_registry() -> Any:
    """The parsed content of ``registry.yaml`` (roles and the fields of each document type).

    Raises FileNotFoundError when the file does not exist and yaml.YAMLError when it is malformed.
    """
    return parse_yaml(resources.files(__package__).joinpath("registry.yaml").read_text(encoding="utf-8"))
