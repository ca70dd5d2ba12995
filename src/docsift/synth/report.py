"""Coverage of a generation run: how often each layout axis value and each family occurs.

Invoices are only planned (content and layout choices, no drawing), so a report over thousands of
documents takes seconds; it counts exactly what ``generate`` with the same seed would draw. Other
kinds are generated and counted by their ``layout``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from docsift.synth.invoice.axes import axis_values, family_axes
from docsift.synth.invoice.make import plan_invoice_doc
from docsift.synth.invoice.truth import all_axes
from docsift.synth.runner import kind_of, make


@dataclass
class Coverage:
    """Counts over ``n`` documents: kinds, invoice axis values, invoice families, other layouts."""

    n: int
    kinds: Counter[str] = field(default_factory=Counter)
    axes: dict[str, Counter[str]] = field(default_factory=dict)
    families: Counter[str] = field(default_factory=Counter)
    layouts: Counter[str] = field(default_factory=Counter)


def coverage(n: int, seed: int, kinds: Sequence[str] = ("invoice",)) -> Coverage:
    """Counts the axis values and families of documents 0..n-1 of ``seed``; returns the Coverage."""
    cov = Coverage(n)
    for index in range(n):
        kind = kind_of(seed, index, kinds)
        cov.kinds[kind] += 1
        if kind != "invoice":
            cov.layouts[str(make(seed, index, [kind]).truth["layout"])] += 1
            continue
        c, plan, _ = plan_invoice_doc(seed, index)
        for axis, value in all_axes(c, plan).items():
            cov.axes.setdefault(axis, Counter())[value] += 1
        cov.axes.setdefault("locale", Counter())[c.locale] += 1
        cov.families[plan.family] += 1
    return cov


def format_report(cov: Coverage, families_shown: int | None = 30) -> str:
    """The coverage as text: kinds, every axis with its value counts (values never drawn shown as 0),
    the number of distinct families and the ``families_shown`` most frequent (None: all) with counts."""
    families_shown = families_shown or max(len(cov.families), len(cov.layouts))
    out = [f"documents: {cov.n}  " + "  ".join(f"{k}: {v}" for k, v in sorted(cov.kinds.items()))]
    known = axis_values()
    major = set(family_axes())
    for axis, counts in cov.axes.items():
        values = [*known.get(axis, []), *(v for v in counts if v not in known.get(axis, []))]
        mark = " (family)" if axis in major else ""
        out.append(f"\n{axis}{mark}: {len([v for v in values if counts[v]])} of {len(values)} values")
        out += [f"  {v:<16} {counts[v]:>6}" for v in values]
    if cov.families:
        out.append(f"\ninvoice families ({' / '.join(family_axes())}): {len(cov.families)} distinct")
        out += [f"  {count:>5}  {name}" for name, count in cov.families.most_common(families_shown)]
        if len(cov.families) > families_shown:
            out.append(f"  ... {len(cov.families) - families_shown} more")
    if cov.layouts:
        out.append(f"\nother layouts: {len(cov.layouts)} distinct")
        out += [f"  {count:>5}  {name}" for name, count in cov.layouts.most_common(families_shown)]
    return "\n".join(out)
