"""Choosing one value per role from scored candidates, preferring consistent sets.

1. Per role, candidates with the same value are merged (the best score stands for the value).
2. Totals are chosen jointly: among the best few subtotal / tax / total values, a set where
   subtotal + tax = total (to the cent) gets a bonus, so one strong, consistent reading wins over
   three independent guesses.
3. One printed value fills one role of a group (an invoice date is not also the due date), the
   most certain role first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import product

from docsift.extraction.fields.candidates import Candidate

TOP_K = 3
ROLES = ("subtotal", "total_tax", "total")
CONSISTENT_BONUS = 1.5  # log-odds added to each member of a set that adds up
ROUNDED_SHARE = 0.2  # the rounded total wins when scored at least this share of the unrounded one
MIN_MEMBER = 0.15  # a set only counts when each of its members is at least this plausible
EXCLUSIVE = (
    ("document_number", "order_reference"),
    ("document_date", "due_date", "delivery_date"),
    ("issuer_tax_id", "recipient_tax_id"),
    ("subtotal", "total_tax", "total_discount"),
    ("total", "total_tax"),
)


@dataclass
class Choice:
    """The value chosen for a role, its candidate (position, raw text) and its score."""

    role: str
    candidate: Candidate
    score: float

    @property
    def value(self) -> str:
        return self.candidate.value


def best_by_value(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per distinct value (the best scored), best first."""
    best: dict[str, Candidate] = {}
    for c in cands:
        if c.value not in best or c.score > best[c.value].score:
            best[c.value] = c
    return sorted(best.values(), key=lambda c: -c.score)


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _dec(c: Candidate | None) -> Decimal | None:
    if c is None:
        return None
    try:
        return Decimal(c.value)
    except InvalidOperation:
        return None


def joint_totals(ranked: dict[str, list[Candidate]]) -> None:
    """Raise the scores of subtotal / total_tax / total candidates that add up (in place)."""
    options = [[c for c in ranked.get(r, [])[:TOP_K] if c.score >= MIN_MEMBER] for r in ROLES]
    if not options[2]:
        return
    best: tuple[float, tuple[Candidate, ...]] | None = None
    for combo in product(*(opts or [None] for opts in options)):  # type: ignore[list-item]
        s, t, g = (_dec(c) for c in combo)
        if s is None or t is None or g is None or s + t != g or g == 0:
            continue
        total = sum(_logit(c.score) for c in combo if c is not None)
        if best is None or total > best[0]:
            best = (total, tuple(c for c in combo if c is not None))
    if best is None:
        return
    for c in best[1]:
        c.score = _sigmoid(_logit(c.score) + CONSISTENT_BONUS)
    for role in ROLES:
        if role in ranked:
            ranked[role].sort(key=lambda c: -c.score)


def prefer_rounded(ranked: dict[str, list[Candidate]]) -> None:
    """When the best total is the amount before a rounding line and the amount after it is also a
    plausible total, the rounded amount (what is paid) wins (in place)."""
    totals = ranked.get("total") or []
    if len(totals) < 2:
        return
    best = totals[0]
    if best.features["before_rounding"] != 1.0:
        return
    for c in totals[1:]:
        if c.features["after_rounding"] == 1.0 and c.score >= ROUNDED_SHARE * best.score:
            c.score, best.score = best.score, c.score
            totals.sort(key=lambda x: -x.score)
            return


def choose(
    cands: dict[str, list[Candidate]], thresholds: dict[str, float], default: float = 0.3
) -> dict[str, Choice]:
    """The chosen value per role (roles whose best score is under their threshold are left out)."""
    ranked = {role: best_by_value(cs) for role, cs in cands.items() if cs}
    joint_totals(ranked)
    prefer_rounded(ranked)
    order = sorted(ranked, key=lambda r: -ranked[r][0].score)
    taken: dict[int, set[str]] = {}
    chosen: dict[str, Choice] = {}
    for role in order:
        groups = [set(g) for g in EXCLUSIVE if role in g]
        for c in ranked[role]:
            if c.score < thresholds.get(role, default):
                break
            owners = taken.get(id(c.entity), set())
            if any(owners & g for g in groups):
                continue
            chosen[role] = Choice(role, c, c.score)
            taken.setdefault(id(c.entity), set()).add(role)
            break
    return chosen
