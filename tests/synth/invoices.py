"""Finding and drawing generated invoices with given layout or content traits, for the synth tests."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from docsift.synth.document import Generated
from docsift.synth.invoice.make import make_invoice, plan_invoice_doc
from docsift.synth.invoice.plan import InvoicePlan
from docsift.synth.invoice.truth import all_axes
from docsift.synth.model import Content

SEED = 424242
LIMIT = 3000


@cache
def planned(index: int) -> tuple[Content, InvoicePlan]:
    c, plan, _ = plan_invoice_doc(SEED, index)
    return c, plan


def find(pred: Callable[[Content, InvoicePlan], bool], count: int = 1) -> list[int]:
    """Indexes (stream SEED) of the first ``count`` invoices whose content and plan satisfy ``pred``."""
    found = []
    for index in range(LIMIT):
        c, plan = planned(index)
        if pred(c, plan):
            found.append(index)
            if len(found) == count:
                return found
    raise AssertionError(f"only {len(found)} of {count} invoices found in {LIMIT}")


def with_axis(axis: str, value: str) -> int:
    """The first invoice whose ``axis`` has ``value``."""
    return find(lambda c, plan: all_axes(c, plan)[axis] == value)[0]


@cache
def drawn(index: int) -> Generated:
    """Invoice ``index`` of stream SEED, drawn (cached)."""
    return make_invoice(SEED, index)
