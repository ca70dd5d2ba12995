"""Coverage of a generation run, per kind: how often each layout axis value and each family occurs,
and whether the run reaches the kind's minimum number of families.

Documents are only planned (content and layout choices for invoices, axes for receipts; nothing is
drawn), so a report over thousands of documents takes seconds; it counts exactly what ``generate``
with the same seed would draw.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from docsift.synth.invoice import axes as invoice_axes
from docsift.synth.invoice.make import plan_invoice_doc
from docsift.synth.invoice.truth import all_axes
from docsift.synth.receipt import axes as receipt_axes
from docsift.synth.runner import kind_of


@dataclass(frozen=True)
class Planner:
    """How the report plans documents of one kind without drawing them."""

    plan: Callable[[int, int], tuple[str, dict[str, str]]]  # (seed, index) -> (family, axis values)
    values: Callable[[], dict[str, list[str]]]  # every axis with its possible values
    family_axes: Sequence[str]  # the axes a family name is made of
    min_families: int  # distinct families a large run must reach


def _plan_invoice(seed: int, index: int) -> tuple[str, dict[str, str]]:
    c, plan, _ = plan_invoice_doc(seed, index)
    return plan.family, {**all_axes(c, plan), "locale": c.locale}


def _plan_receipt(seed: int, index: int) -> tuple[str, dict[str, str]]:
    axes = receipt_axes.plan_receipt_only(seed, index)
    return axes.pop("family"), axes


PLANNERS: dict[str, Planner] = {
    "invoice": Planner(_plan_invoice, invoice_axes.axis_values, tuple(invoice_axes.family_axes()), 40),
    "receipt": Planner(_plan_receipt, receipt_axes.axis_values, receipt_axes.MAJOR, 20),
}


@dataclass
class KindCoverage:
    """Counts over the documents of one kind: axis values and families, with the kind's minimum."""

    kind: str
    min_families: int
    n: int = 0
    axes: dict[str, Counter[str]] = field(default_factory=dict)
    families: Counter[str] = field(default_factory=Counter)

    @property
    def met(self) -> bool:
        """True when the documents reach the minimum number of distinct families."""
        return len(self.families) >= self.min_families


@dataclass
class Coverage:
    """Counts over ``n`` documents: how many of each kind, and each kind's coverage."""

    n: int
    kinds: Counter[str] = field(default_factory=Counter)
    per_kind: dict[str, KindCoverage] = field(default_factory=dict)


def coverage(n: int, seed: int, kinds: Sequence[str] = ("invoice", "receipt")) -> Coverage:
    """Plans documents 0..n-1 of ``seed`` as ``generate(n, seed, kinds)`` would make them; returns
    the Coverage (kinds never drawn are listed with no documents)."""
    cov = Coverage(n)
    for kind in kinds:
        cov.per_kind[kind] = KindCoverage(kind, PLANNERS[kind].min_families)
    for index in range(n):
        kind = kind_of(seed, index, kinds)
        cov.kinds[kind] += 1
        family, axes = PLANNERS[kind].plan(seed, index)
        kc = cov.per_kind.setdefault(kind, KindCoverage(kind, PLANNERS[kind].min_families))
        kc.n += 1
        kc.families[family] += 1
        for axis, value in axes.items():
            kc.axes.setdefault(axis, Counter())[value] += 1
    return cov


def _axis_lines(kc: KindCoverage, planner: Planner) -> list[str]:
    known = planner.values()
    out = []
    for axis, counts in kc.axes.items():
        values = [*known.get(axis, []), *(v for v in counts if v not in known.get(axis, []))]
        mark = " (family)" if axis in planner.family_axes else ""
        out.append(f"\n{axis}{mark}: {len([v for v in values if counts[v]])} of {len(values)} values")
        out += [f"  {v:<16} {counts[v]:>6}" for v in values]
    return out


def minimum_line(kc: KindCoverage) -> str:
    """One line saying how many families the kind reached against its minimum, and if that is met."""
    verdict = "met" if kc.met else "NOT met"
    return f"{kc.kind} families: {len(kc.families)} distinct, minimum {kc.min_families}: {verdict}"


def _kind_report(kc: KindCoverage, shown: int | None) -> list[str]:
    planner = PLANNERS[kc.kind]
    out = [f"\n== {kc.kind}: {kc.n} documents =="]
    out += _axis_lines(kc, planner)
    out.append(f"\n{kc.kind} families ({' / '.join(planner.family_axes)}):")
    shown = shown or len(kc.families)
    out += [f"  {count:>5}  {name}" for name, count in kc.families.most_common(shown)]
    if len(kc.families) > shown:
        out.append(f"  ... {len(kc.families) - shown} more")
    out.append(minimum_line(kc))
    return out


def format_report(cov: Coverage, families_shown: int | None = 30) -> str:
    """The coverage as text: documents per kind, then per kind every axis with its value counts
    (values never drawn shown as 0), the ``families_shown`` most frequent families (None: all), and
    a line saying whether the kind's minimum of families is met; a closing line sums the verdicts up."""
    out = [f"documents: {cov.n}  " + "  ".join(f"{k}: {v}" for k, v in sorted(cov.kinds.items()))]
    for kc in cov.per_kind.values():
        out += _kind_report(kc, families_shown)
    out.append(f"\n{verdict(cov)}")
    return "\n".join(out)


def verdict(cov: Coverage) -> str:
    """ "minimums met: ..." or "minimums NOT met: ...", naming each kind's families and minimum."""
    parts = [f"{kc.kind} {len(kc.families)} of {kc.min_families}" for kc in cov.per_kind.values()]
    met = all(kc.met for kc in cov.per_kind.values())
    return f"minimums {'met' if met else 'NOT met'}: {', '.join(parts)} families"
