"""Receipt knowledge from YAML: the words a region prints, what a trade sells, and template filling."""

from __future__ import annotations

import random
from functools import cache
from typing import Any

from docsift.synth.knowledge import load, pick


@cache
def region_words(region: str) -> dict[str, Any]:
    """The word lists of ``region`` (receipts.yaml): its own lists over the ``default`` ones."""
    data = load("receipts")
    return {**data["default"], **data.get(region, {})}


def flavour(region: str) -> str:
    """The item/name flavour of a region (asia, west, de, in)."""
    return str(load("receipt_trades")["flavour_of"][region])


def price_factor(region: str) -> float:
    """How much more a region's prices read than the base (USD-like) price ranges."""
    return float(load("receipt_trades")["price_factor"][region])


def trade_info(trade: str) -> dict[str, Any]:
    """The receipt_trades.yaml entry of ``trade``."""
    return dict(load("receipt_trades")["trades"][trade])


def trade_list(trade: str, key: str, region: str) -> list[str]:
    """A trade's list ``key`` in the region's flavour (west when the flavour has none); [] when absent."""
    entry = trade_info(trade).get(key) or {}
    lists = entry if isinstance(entry, dict) else {}
    return list(lists.get(flavour(region)) or lists.get("west") or [])


def app_names(kind: str) -> list[str]:
    """Invented app names of ``kind`` (ride, delivery, wallet)."""
    return list(load("receipt_trades")["apps"][kind])


def fill(template: str, **values: object) -> str:
    """``template`` with each ``{name}`` replaced by its value (unknown placeholders stay)."""
    out = template
    for k, v in values.items():
        out = out.replace("{" + k + "}", str(v))
    return out


def say(rng: random.Random, words: dict[str, Any], key: str, **values: object) -> str:
    """One synonym of ``key`` with placeholders filled."""
    return fill(pick(rng, words[key]), **values)


def digits(rng: random.Random, n: int) -> str:
    """``n`` random digits."""
    return "".join(rng.choice("0123456789") for _ in range(n))


def code(rng: random.Random, n: int = 6) -> str:
    """An upper-case alphanumeric code of ``n`` characters."""
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(n))
