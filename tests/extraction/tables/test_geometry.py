"""Table building blocks: label matching, visual lines, header columns, number cells, tax lines."""

from __future__ import annotations

from docsift.extraction.document.index import build_index
from docsift.extraction.document.lines import ILine
from docsift.extraction.tables.body import is_number, split_unit
from docsift.extraction.tables.header import find_headers
from docsift.extraction.tables.items import decimal_separator
from docsift.extraction.tables.labels import labels
from docsift.extraction.tables.tax import line_taxes
from docsift.reading.model import Document, Line, Page, Word


def _page(rows: list[list[tuple[str, float]]], y0: float = 0.2, pitch: float = 0.02) -> Page:
    """A page whose words are given per line as (text, x0); each word 0.006 wide per character."""
    lines = []
    for n, row in enumerate(rows):
        y = y0 + n * pitch
        lines.append(Line(words=[Word(text=t, bbox=(x, y, x + 0.006 * len(t), y + 0.011)) for t, x in row]))
    return Page(number=1, width=595, height=842, lines=lines)


def test_given_a_header_with_a_tax_group_when_found_then_its_sub_columns_are_tax_rate_and_amount() -> None:
    page = _page(
        [
            [("CGST", 0.595)],
            [
                ("Description", 0.10),
                ("Qty", 0.40),
                ("Price", 0.50),
                ("Rate", 0.58),
                ("Amount", 0.615),
                ("Total", 0.85),
            ],
            [("Bolts", 0.10), ("4", 0.40), ("2.50", 0.50), ("9%", 0.58), ("0.90", 0.62), ("10.00", 0.85)],
        ],
        pitch=0.015,
    )

    headers = find_headers(page_lines(page), labels())

    assert len(headers) == 1
    cols = [(c.kind, c.group) for c in headers[0].columns]
    assert cols == [
        ("description", None),
        ("quantity", None),
        ("unit_price", None),
        ("tax_rate", "CGST"),
        ("tax_amount", "CGST"),
        ("amount", None),
    ]


def test_given_a_line_of_values_when_headers_are_searched_then_it_is_not_a_header() -> None:
    page = _page([[("Total", 0.1), ("Amount", 0.3), ("12.00", 0.6)]])

    assert find_headers(page_lines(page), labels()) == []


def test_given_cells_when_typed_then_numbers_with_units_or_currency_count_and_labels_do_not() -> None:
    assert is_number("1.234,50 €", ",")
    assert is_number("20 Stk", ",")
    assert is_number("RM 12.90", ".")
    assert is_number("19 %", ",")
    assert not is_number("VAT 20%", ".")
    assert not is_number("Flyer DIN A5", ".")
    assert split_unit("3m²", ",") is not None
    assert split_unit("Stk", ",") is None


def test_given_amounts_with_two_decimals_when_voted_then_the_decimal_mark_is_found() -> None:
    page = _page([[("1.234,50", 0.1), ("19,00", 0.3), ("7,50", 0.5)], [("2024", 0.1)]])

    assert decimal_separator([page_lines(page)]) == ","


def test_given_tax_lines_when_read_then_rate_basis_and_amount_are_told_apart() -> None:
    page = _page(
        [
            [
                ("zzgl.", 0.5),
                ("MwSt.", 0.56),
                ("19%", 0.62),
                ("auf", 0.66),
                ("612,50", 0.7),
                ("116,38", 0.85),
            ],
            [("BTW", 0.5), ("hoog", 0.55), ("(21%)", 0.6), ("781,34", 0.85)],
            [("Skonto", 0.5), ("3%", 0.6), ("18,38", 0.85)],
        ]
    )
    lines = page_lines(page)

    rows = line_taxes(lines, set(), labels(), ",")

    got = [{k: r[k].value if k in r else None for k in ("tax_type", "rate", "basis", "amount")} for r in rows]
    assert got == [
        {"tax_type": "VAT", "rate": "19", "basis": "612.50", "amount": "116.38"},
        {"tax_type": "VAT", "rate": "21", "basis": None, "amount": "781.34"},
    ]


def test_given_a_rotated_margin_note_when_lines_are_built_then_its_letters_are_dropped() -> None:
    letters = [[(ch, 0.02)] for ch in "ZUGFERD"]
    page = _page([*letters, [("Item", 0.1), ("Amount", 0.8)]], pitch=0.008)

    texts = [line.text for line in page_lines(page)]

    assert texts == ["Item Amount"]


def page_lines(page: Page) -> list[ILine]:
    """The lines extraction builds for ``page``."""
    return build_index(Document(pages=[page])).pages[0].lines
