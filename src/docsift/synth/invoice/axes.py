"""Layout axes of an invoice: independent choices (data/layouts.yaml) whose major ones form its family.

An axis is one aspect of the page (where the vendor shows itself, how the customer is labelled, how
the reference block and the totals are printed, ...). Every axis is drawn from the document's random
stream with its weights; a value that needs something the content lacks (a ship-to block without a
ship-to party) is left out of the draw. A few values fix another axis (``implies``).
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping

from docsift.synth.knowledge import load, weighted


def axis_values() -> dict[str, list[str]]:
    """Every axis and its possible values, in the order of data/layouts.yaml."""
    return {axis: list(values) for axis, values in load("layouts")["axes"].items()}


def family_axes() -> list[str]:
    """The axes whose values together name a document's family."""
    return list(load("layouts")["family"])


def family(axes: Mapping[str, str]) -> str:
    """The family name of a layout: its major axis values joined by "/" ("din/window/header_row/column")."""
    return "/".join(axes[a] for a in family_axes())


def choose_axes(
    rng: random.Random, have: Collection[str], force: Mapping[str, str] | None = None
) -> dict[str, str]:
    """One value per axis. ``have`` names what the content offers (``shipping``, ``narrow_table``);
    ``force`` overrides chosen values (tests) without changing how many random numbers are drawn.

    Returns axis -> value, after the implications of the chosen values are applied. Raises KeyError
    for a forced axis that does not exist.
    """
    data = load("layouts")
    needs: dict[str, str] = data["needs"]
    axes: dict[str, str] = {}
    for axis, weights in data["axes"].items():
        options = [(v, float(w)) for v, w in weights.items() if needs.get(f"{axis}.{v}", "") in ("", *have)]
        axes[axis] = weighted(rng, options)
    for axis, value in (force or {}).items():
        if axis not in axes:
            raise KeyError(f"unknown layout axis {axis!r}")
        axes[axis] = value
    for axis, value in list(axes.items()):
        for other, fixed in data["implies"].get(f"{axis}.{value}", {}).items():
            if other not in (force or {}):
                axes[other] = fixed
    return axes
