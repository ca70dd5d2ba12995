"""Reading order from word boxes: rows, table rows kept whole, prose columns kept apart."""

from __future__ import annotations

from docsift.reading.layout import Box, order_boxes

LINE = 12.0  # line height in points


def _row(y: float, cells: list[tuple[float, str]], char: float = 6.0) -> list[tuple[Box, str]]:
    """Words of one text line: each cell starts at x and its words are one space apart."""
    out = []
    for x, text in cells:
        for word in text.split():
            out.append((Box(x, y, x + char * len(word), y + LINE * 0.8, 0), word))
            x += char * (len(word) + 1)
    return out


def _read(rows: list[list[tuple[Box, str]]]) -> list[str]:
    flat = [item for row in rows for item in row]
    boxes = []
    for i, (b, _) in enumerate(flat):
        b.index = i
        boxes.append(b)
    return [" ".join(flat[i][1] for i in line) for line in order_boxes(boxes)]


def test_given_no_words_when_ordered_then_no_lines() -> None:
    assert order_boxes([]) == []


def test_given_a_wide_table_when_ordered_then_each_row_is_one_line() -> None:
    cols = [50, 250, 300, 350, 400, 450, 500]
    rows = [
        _row(
            100,
            list(zip(cols, ["Description", "Qty", "Unit", "Price", "Tax", "Rate", "Amount"], strict=True)),
        )
    ]
    for i in range(8):
        cells = [f"Item number {i} with long words", "2", "pcs", "10.00", "1.90", "19%", "11.90"]
        rows.append(_row(100 + (i + 1) * 16, list(zip(cols, cells, strict=True))))
    lines = _read(rows)
    assert lines[0] == "Description Qty Unit Price Tax Rate Amount"
    assert lines[1] == "Item number 0 with long words 2 pcs 10.00 1.90 19% 11.90"
    assert len(lines) == 9


def test_given_labels_and_values_in_two_columns_when_ordered_then_each_pair_stays_on_its_line() -> None:
    pairs = [
        ("Customer name", "Fabrikam Retail Group Ltd"),
        ("Invoice number", "INV-2231"),
        ("Due date", "2024-03-01"),
    ]
    pairs *= 2
    rows = [_row(100 + i * 16, [(50, label), (250, value)]) for i, (label, value) in enumerate(pairs)]
    assert _read(rows)[0] == "Customer name Fabrikam Retail Group Ltd"


def test_given_three_prose_columns_when_ordered_then_each_column_is_read_whole_in_turn() -> None:
    rows = []
    for i in range(6):
        rows.append(
            _row(
                100 + i * 14,
                [
                    (40, f"a{i} one two three four"),
                    (230, f"b{i} one two three four"),
                    (420, f"c{i} one two three four"),
                ],
            )
        )
    lines = _read(rows)
    assert [line.split()[0] for line in lines] == [f"{c}{i}" for c in "abc" for i in range(6)]


def test_given_columns_with_offset_baselines_when_ordered_then_they_still_do_not_interleave() -> None:
    rows = []
    for i in range(6):
        rows.append(_row(100 + i * 14, [(40, f"left{i} alpha beta gamma delta")]))
        rows.append(_row(107 + i * 15, [(300, f"right{i} alpha beta gamma delta")]))
    lines = _read(rows)
    assert [line.split()[0] for line in lines] == [f"left{i}" for i in range(6)] + [
        f"right{i}" for i in range(6)
    ]


def test_given_a_full_width_heading_between_column_blocks_when_ordered_then_blocks_stay_in_page_order() -> (
    None
):
    rows = [
        _row(100 + i * 14, [(40, f"p{i} one two three four"), (300, f"q{i} one two three four")])
        for i in range(4)
    ]
    rows.append(_row(170, [(40, "A heading that runs across the whole page from left to the right edge")]))
    rows += [
        _row(190 + i * 14, [(40, f"r{i} one two three four"), (300, f"s{i} one two three four")])
        for i in range(4)
    ]
    firsts = [line.split()[0] for line in _read(rows)]
    expected = [f"p{i}" for i in range(4)] + [f"q{i}" for i in range(4)] + ["A"]
    expected += [f"r{i}" for i in range(4)] + [f"s{i}" for i in range(4)]
    assert firsts == expected


def test_given_words_out_of_order_when_ordered_then_lines_read_top_to_bottom_left_to_right() -> None:
    rows = [_row(200, [(50, "second line")]), _row(100, [(300, "world"), (50, "hello")])]
    assert _read(rows) == ["hello world", "second line"]


def test_given_table_rows_then_an_empty_band_then_columns_when_ordered_then_each_part_reads_its_way() -> None:
    rows = [_row(100 + i * 14, [(40, f"Charge{i}"), (300, f"{i}.00")]) for i in range(5)]
    rows += [
        _row(200 + i * 14, [(40, f"n{i} a note that runs on and on"), (300, f"m{i} block line of words")])
        for i in range(4)
    ]
    lines = _read(rows)
    assert lines[:5] == [f"Charge{i} {i}.00" for i in range(5)]
    assert [line.split()[0] for line in lines[5:]] == [f"n{i}" for i in range(4)] + [
        f"m{i}" for i in range(4)
    ]
