"""Feature rows by name: a model's fixed list of feature names, and rows built as name -> value.

A row starts as ``space.row()`` (every feature NaN, "does not apply") and its features are set by
name; ``space.matrix(rows)`` lays rows out in the model's order. The names are stored with the
model file and checked when it is loaded, so a row is never read back by position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import numpy as np

NAN = float("nan")
Row = dict[str, float]


@dataclass(frozen=True)
class FeatureSpace:
    """The feature names of one model, which of them are categorical, and their order."""

    name: str
    names: tuple[str, ...]
    categorical: tuple[str, ...] = ()
    _blank: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    _get: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(set(self.names)) != len(self.names):
            raise ValueError(f"{self.name}: duplicate feature names")
        unknown = set(self.categorical) - set(self.names)
        if unknown:
            raise ValueError(f"{self.name}: categorical features not in the list: {sorted(unknown)}")
        self._blank.update(dict.fromkeys(self.names, NAN))
        object.__setattr__(self, "_get", itemgetter(*self.names))

    def row(self, **values: float) -> Row:
        """A new row: every feature NaN except ``values``. Raises KeyError for an unknown name."""
        out = dict(self._blank)
        for k, v in values.items():
            if k not in out:
                raise KeyError(f"{self.name}: no feature named {k!r}")
            out[k] = v
        return out

    def check(self, row: Row) -> None:
        """Raise KeyError when ``row`` names a feature this space does not have."""
        extra = set(row) - set(self.names)
        if extra:
            raise KeyError(f"{self.name}: no feature named {sorted(extra)[0]!r}")

    def matrix(self, rows: Sequence[Row]) -> np.ndarray:
        """``rows`` as a float matrix in this space's order (one row per input row)."""
        if not rows:
            return np.zeros((0, len(self.names)))
        get = self._get
        return np.asarray([get(r) for r in rows], dtype=np.float64)
