"""The independent choices (axes) a receipt's layout is made of, and its family.

Axes are drawn from their own random stream (``doc_rng(seed, index, "receipt-axes")``) before any
content, so ``plan_receipt_only(seed, index)`` returns exactly the axes ``make_receipt(seed, index)``
renders, in microseconds. Each axis is drawn among the values the earlier ones allow
(``data/receipt_axes.yaml``). The family is the tuple of the major axes
(format, header, items, payment), written ``format/header/items/payment``.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

from docsift.synth.document import doc_rng
from docsift.synth.knowledge import load, weighted

MAJOR = ("format", "header", "items", "payment")


@dataclass(frozen=True)
class ReceiptAxes:
    """One receipt's layout choices: the major axes, its region and trade, and the minor axes."""

    region: str
    trade: str
    format: str
    header: str
    items: str
    payment: str
    address_lines: int
    address_align: str
    phone_place: str
    under_header: str
    name_weight: str
    theme: str
    extras: str

    @property
    def family(self) -> str:
        """``format/header/items/payment``."""
        return "/".join(str(getattr(self, a)) for a in MAJOR)

    def as_dict(self) -> dict[str, str]:
        """Every axis by name (values as strings) plus ``family``."""
        out = {k: str(v) for k, v in asdict(self).items()}
        out["family"] = self.family
        return out


def _axes_data() -> dict:
    return load("receipt_axes")


def axis_values() -> dict[str, list[str]]:
    """Every receipt axis and its possible values, in the order of data/receipt_axes.yaml."""
    d = _axes_data()
    return {
        "region": list(d["regions"]),
        "trade": list(d["trades"]),
        "format": list(d["formats"]),
        "header": list(dict.fromkeys(h for f in d["formats"].values() for h in f["headers"])),
        "items": list(d["items_weight"]),
        "payment": list(d["payments_weight"]),
        **{axis: [str(v) for v in weights] for axis, weights in d["minor"].items()},
    }


def _draw(rng: random.Random, weights: Mapping[str, float], allowed: Iterable[str] | None = None) -> str:
    """One key of ``weights`` (restricted to ``allowed``) drawn by weight; the first allowed if none weigh."""
    keys = [k for k in weights if allowed is None or k in set(allowed)]
    if not keys:
        raise ValueError(f"no allowed value among {sorted(weights)}")
    return weighted(rng, [(k, float(weights[k])) for k in keys])


def _weights(table: Mapping[str, Mapping]) -> dict[str, float]:
    return {k: float(v["weight"]) for k, v in table.items()}


def choose_axes(rng: random.Random) -> ReceiptAxes:
    """Draws every axis in order (region, trade, format, header, items, payment, minor axes)."""
    d = _axes_data()
    region = _draw(rng, _weights(d["regions"]))
    trade = _draw(rng, _weights(d["trades"]))
    t = d["trades"][trade]
    fmt = _draw(rng, _weights(d["formats"]), t["formats"])
    header = _draw(rng, {h: 1.0 for h in d["formats"][fmt]["headers"]})
    items_ok = set(t["items"]) & set(d["format_items"][fmt])
    items = _draw(rng, d["items_weight"], items_ok)
    pay_ok = set(t["payments"]) & set(d["regions"][region]["payments"])
    payment = _draw(rng, d["payments_weight"], pay_ok)
    m = d["minor"]
    return ReceiptAxes(
        region=region,
        trade=trade,
        format=fmt,
        header=header,
        items=items,
        payment=payment,
        address_lines=int(_draw(rng, m["address_lines"])),
        address_align=_draw(rng, m["address_align"]),
        phone_place=_draw(rng, m["phone_place"]),
        under_header=_draw(rng, m["under_header"]),
        name_weight=_draw(rng, m["name_weight"]),
        theme=_draw(rng, m["theme"]),
        extras=_draw(rng, m["extras"]),
    )


def axes_rng(seed: int, index: int) -> random.Random:
    """The stream the axes of receipt ``index`` of ``seed`` are drawn from (``doc_rng``'s "receipt-axes")."""
    return doc_rng(seed, index, "receipt-axes")


def receipt_axes(seed: int, index: int) -> ReceiptAxes:
    """The axes of receipt ``index`` of stream ``seed`` (what ``make_receipt`` would render)."""
    return choose_axes(axes_rng(seed, index))


def plan_receipt_only(seed: int, index: int) -> dict[str, str]:
    """Plan-only generation: the axis dict (with ``family``) of receipt ``index`` of ``seed``.

    Nothing is drawn; this is what ``make(seed, index, ["receipt"])`` renders."""
    return receipt_axes(seed, index).as_dict()


def receipt_families(plans: Iterable[Mapping[str, str]]) -> Counter[str]:
    """How many receipts of each family are among ``plans`` (axis dicts or truth dicts with ``family``)."""
    return Counter(str(p["family"]) for p in plans if p.get("family"))


def axis_counts(plans: Iterable[Mapping[str, str]]) -> dict[str, Counter[str]]:
    """Per axis, how many receipts took each value (for a coverage report)."""
    out: dict[str, Counter[str]] = {}
    for p in plans:
        for k, v in p.items():
            if k != "family":
                out.setdefault(k, Counter())[str(v)] += 1
    return out
