"""Invoice layout axes: independent choices, implications, families."""

from __future__ import annotations

import random

from docsift.synth.invoice.axes import axis_values, choose_axes, family
from docsift.synth.report import coverage

N_PLANS = 2000


def test_given_2000_invoice_plans_when_counted_then_40_families_or_more_and_every_value_occur() -> None:
    cov = coverage(N_PLANS, seed=31, kinds=("invoice",)).per_kind["invoice"]
    assert cov.n == N_PLANS
    assert len(cov.families) >= 40 and cov.met
    for axis, values in axis_values().items():
        missing = [v for v in values if not cov.axes[axis][v]]
        assert missing == [], axis


def test_given_a_forced_value_when_choosing_then_the_other_axes_keep_their_values() -> None:
    have = {"shipping", "narrow_table"}
    free = choose_axes(random.Random(5), have)
    forced = choose_axes(random.Random(5), have, {"kv": "leader"})
    assert forced["kv"] == "leader"
    assert {k: v for k, v in forced.items() if k != "kv"} == {k: v for k, v in free.items() if k != "kv"}


def test_given_no_ship_to_party_when_choosing_then_no_ship_to_arrangement_is_drawn() -> None:
    for seed in range(300):
        assert not choose_axes(random.Random(seed), set())["parties"].startswith("ship_")


def test_given_a_footer_only_vendor_when_choosing_then_the_footer_has_columns() -> None:
    axes = choose_axes(random.Random(1), set(), {"header": "footer"})
    assert axes["footer"] == "columns"
    assert family(axes).startswith("footer/")
