"""Feature rows by name: a model's fixed list of feature names, and rows built as name -> value.

A row starts as ``space.row()`` (every feature NaN, "does not apply") and its features are set by
name; ``space.matrix(rows)`` lays rows out in the model's order. The names are stored with the
model file and checked when it is loaded, so a row is never read back by position.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import numpy as np

NAN = float("nan")
Row = dict[str, float]


class SharedRow(Mapping[str, float]):
    """A row made of the features one value shares across roles (``base``, every feature of the
    space) and the features of one role (``own``), read by name like a dict. Many candidates of one
    value share one base, so a document's rows cost one base per value."""

    __slots__ = ("base", "own")

    def __init__(self, base: Row, own: Row) -> None:
        self.base = base
        self.own = own

    def __getitem__(self, name: str) -> float:
        return self.own[name] if name in self.own else self.base[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.base)

    def __len__(self) -> int:
        return len(self.base)


AnyRow = Mapping[str, float]


@dataclass(frozen=True)
class FeatureSpace:
    """The feature names of one model, which of them are categorical, and their order."""

    name: str
    names: tuple[str, ...]
    categorical: tuple[str, ...] = ()
    _blank: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    _get: Any = field(default=None, repr=False, compare=False)
    _column: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(set(self.names)) != len(self.names):
            raise ValueError(f"{self.name}: duplicate feature names")
        unknown = set(self.categorical) - set(self.names)
        if unknown:
            raise ValueError(f"{self.name}: categorical features not in the list: {sorted(unknown)}")
        self._blank.update(dict.fromkeys(self.names, NAN))
        self._column.update({n: i for i, n in enumerate(self.names)})
        object.__setattr__(self, "_get", itemgetter(*self.names))

    def row(self, **values: float) -> Row:
        """A new row: every feature NaN except ``values``. Raises KeyError for an unknown name."""
        out = dict(self._blank)
        for k, v in values.items():
            if k not in out:
                raise KeyError(f"{self.name}: no feature named {k!r}")
            out[k] = v
        return out

    def check(self, row: AnyRow) -> None:
        """Raise KeyError when ``row`` names a feature this space does not have."""
        extra = set(row) - set(self.names)
        if extra:
            raise KeyError(f"{self.name}: no feature named {sorted(extra)[0]!r}")

    def matrix(self, rows: Sequence[AnyRow]) -> np.ndarray:
        """``rows`` as a float matrix in this space's order (one row per input row); the shared part
        of SharedRows is laid out once per base."""
        out = np.empty((len(rows), len(self.names)), dtype=np.float64)
        bases: dict[int, np.ndarray] = {}
        get, column = self._get, self._column
        for i, r in enumerate(rows):
            if isinstance(r, SharedRow):
                base = bases.get(id(r.base))
                if base is None:
                    base = bases[id(r.base)] = np.asarray(get(r.base), dtype=np.float64)
                out[i] = base
                for name, value in r.own.items():
                    out[i, column[name]] = value
            else:
                out[i] = get(r)
        return out
