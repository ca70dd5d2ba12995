"""The generator's knowledge (labels, locales, word lists) loaded from the YAML files in ``data/``."""

from __future__ import annotations

import random
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml

T = TypeVar("T")


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed YAML file ``data/<name>.yaml``; raises FileNotFoundError when it is missing."""
    text = resources.files("docsift.synth").joinpath("data", f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"synth data file {name}.yaml is not a mapping")
    return data


def locale(code: str) -> dict[str, Any]:
    """The locale entry of locales.yaml; raises KeyError for an unknown locale."""
    return dict(load("locales")[code])


def labels(language: str) -> dict[str, Any]:
    """The labels of one language; raises KeyError for an unknown language."""
    return dict(load("labels")[language])


def pick(rng: random.Random, options: list[T]) -> T:
    """One element of ``options`` chosen by ``rng``."""
    return options[rng.randrange(len(options))]


def weighted(rng: random.Random, options: list[tuple[T, float]]) -> T:
    """One element chosen with the given weights."""
    total = sum(w for _, w in options)
    x = rng.random() * total
    for value, w in options:
        x -= w
        if x <= 0:
            return value
    return options[-1][0]


def merged(base: dict[str, Any], *overlays: dict[str, Any]) -> dict[str, Any]:
    """``base`` with each overlay laid over it: mappings merge key by key, anything else is replaced.

    Returns a new dict; the inputs are not changed.
    """
    out = dict(base)
    for overlay in overlays:
        for key, value in overlay.items():
            old = out.get(key)
            out[key] = merged(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return out
