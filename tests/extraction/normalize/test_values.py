"""normalize_value: the normaliser of each field kind, with document hints."""

from __future__ import annotations

import pytest

from docsift.extraction.normalize.hints import Hints
from docsift.extraction.normalize.values import normalize_value
from docsift.schema import Kind


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        (Kind.AMOUNT, "1.180,00 €", "1180.00"),
        (Kind.NUMBER, "5.000", "5"),
        (Kind.RATE, "18 %", "18"),
        (Kind.DATE, "25/12/2018", "2018-12-25"),
        (Kind.TIME, "2:30 pm", "14:30"),
        (Kind.CURRENCY, "Rs.", "INR"),
        (Kind.ID, "ab 12 cd", "AB12CD"),
        (Kind.TEXT, "  ACME  Ltd ", "ACME Ltd"),
        (Kind.ENUM, " monthly ", "monthly"),
        (Kind.BOOL, "Yes", "true"),
        (Kind.BOOL, "maybe", None),
        (Kind.AMOUNT, "", None),
        (Kind.AMOUNT, "n/a", None),
    ],
)
def test_given_a_kind_when_dispatching_then_matching_normaliser(
    kind: Kind, raw: str, expected: str | None
) -> None:
    assert normalize_value(kind, raw) == expected


def test_given_hints_when_dispatching_then_document_conventions_apply() -> None:
    hints = Hints(decimal_separator=",", date_order="MDY", country="CA")
    assert normalize_value(Kind.AMOUNT, "1.234", hints) == "1234.00"
    assert normalize_value(Kind.DATE, "03/05/2018", hints) == "2018-03-05"
    assert normalize_value(Kind.CURRENCY, "$", hints) == "CAD"
