"""The joint choice: consistent totals win, one printed value fills one role of a group."""

from __future__ import annotations

from docsift.extraction.document.analysis import Analysis, analyse
from docsift.extraction.fields.choose import choose
from docsift.extraction.fields.features import DocStats, doc_stats
from tests.extraction.pages import doc_of, role_candidates

ROWS = [
    [(50, "Net"), (80, "100.00")],
    [(50, "Tax"), (80, "19.00")],
    [(50, "Shipping"), (80, "5.00")],
    [(50, "Total"), (80, "119.00")],
    [(2, "Invoice date 01.02.2024"), (50, "Order date 03.01.2024")],
]


def _cands(scores: dict[tuple[str, str], float]):  # type: ignore[no-untyped-def]
    analysis = analyse(doc_of(ROWS), "invoice")
    roles = ["subtotal", "total_tax", "total", "document_date", "due_date"]
    cands = role_candidates(analysis, roles)
    for role, cs in cands.items():
        for c in cs:
            c.score = scores.get((role, c.value), 0.01)
    return cands


def test_given_two_close_readings_when_one_set_adds_up_then_the_consistent_set_is_chosen() -> None:
    cands = _cands({("subtotal", "100.00"): 0.5, ("subtotal", "5.00"): 0.55, ("total_tax", "19.00"): 0.9,
                    ("total", "119.00"): 0.9})  # fmt: skip
    chosen = choose(cands, {}, 0.3)
    assert chosen["subtotal"].value == "100.00"


def test_given_one_date_best_for_two_roles_then_it_fills_only_the_surer_role() -> None:
    cands = _cands({("document_date", "2024-02-01"): 0.95, ("due_date", "2024-02-01"): 0.6,
                    ("due_date", "2024-01-03"): 0.4})  # fmt: skip
    chosen = choose(cands, {}, 0.3)
    assert chosen["document_date"].value == "2024-02-01"
    assert chosen["due_date"].value == "2024-01-03"


def test_given_only_weak_candidates_then_the_role_is_left_out() -> None:
    chosen = choose(_cands({("total", "119.00"): 0.1}), {}, 0.3)
    assert "total" not in chosen


def test_given_a_rounding_line_when_the_unrounded_total_scores_best_then_the_rounded_total_is_chosen() -> (
    None
):
    rows = [
        [(2, "Total Incl. GST"), (30, "31.47")],
        [(2, "Rounding Adj"), (30, "-0.02")],
        [(2, "Total"), (30, "31.45")],
        [(2, "Cash"), (30, "50.00")],
        [(2, "Change"), (30, "18.55")],
    ]
    analysis = analyse(doc_of(rows), "receipt")
    cands = role_candidates(analysis, ["total"])
    for c in cands["total"]:
        c.score = {"31.47": 0.9, "31.45": 0.6}.get(c.value, 0.01)
    assert choose(cands, {}, 0.3)["total"].value == "31.45"


def _stats(analysis: Analysis) -> DocStats:
    return doc_stats(analysis.index, analysis.ents, receipt=True, ocr=False)


def test_given_a_rounding_line_whose_amount_was_not_read_then_the_amount_after_it_is_the_total() -> None:
    # OCR lost the rounding amount: the totals around the rounding line still imply it
    rows = [
        [(2, "Grand Total :"), (30, "87.08")],
        [(2, "Rounding Adjustment:")],
        [(2, "Net Total :"), (30, "87.10")],
        [(2, "Cash"), (30, "100.00")],
    ]
    analysis = analyse(doc_of(rows), "receipt")
    assert 87.10 in {float(v) for v in _stats(analysis).after_rounding}
    cands = role_candidates(analysis, ["total"])
    for c in cands["total"]:
        c.score = {"87.08": 0.9, "87.10": 0.6}.get(c.value, 0.01)
    assert choose(cands, {}, 0.3)["total"].value == "87.10"


def test_given_no_rounding_line_then_two_close_totals_imply_no_rounding() -> None:
    rows = [[(2, "Subtotal"), (30, "87.08")], [(2, "Service"), (30, "0.00")], [(2, "Total"), (30, "87.10")]]
    analysis = analyse(doc_of(rows), "receipt")
    assert not _stats(analysis).after_rounding
