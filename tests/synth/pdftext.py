"""Reading generated PDFs' text layer for the synth tests: text inside a truth box, whole-page text."""

from __future__ import annotations

import re
from typing import Any

import pypdfium2 as pdfium


def alnum(text: str) -> str:
    """``text`` upper-cased with everything but letters and digits removed."""
    return re.sub(r"[\W_]+", "", text).upper()


def text_in(page: pdfium.PdfPage, bbox: list[float]) -> str:
    """The text layer inside ``bbox`` (relative, top-left origin) of ``page``, half a point of slack."""
    w, h = page.get_size()
    x0, y0, x1, y1 = bbox
    pad = 0.5
    return page.get_textpage().get_text_bounded(
        left=x0 * w - pad, bottom=(1 - y1) * h - pad, right=x1 * w + pad, top=(1 - y0) * h + pad
    )


def page_texts(pdf_bytes: bytes) -> list[str]:
    """The text layer of every page."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def box_problems(pdf: pdfium.PdfDocument, truth: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field, raw, text found) for every field or description whose box does not hold its printed text."""
    problems = []
    for name, where in truth["boxes"].items():
        inside = text_in(pdf[where["page"] - 1], where["bbox"])
        if alnum(truth["raw"][name]) not in alnum(inside):
            problems.append((name, truth["raw"][name], inside))
    for row, boxes in zip(truth["line_items"], truth["line_item_boxes"], strict=True):
        where = boxes.get("description")
        if where and alnum(row["description"]) not in alnum(text_in(pdf[where["page"] - 1], where["bbox"])):
            problems.append(("description", row["description"], ""))
    return problems


def overlapping_chars(pdf_bytes: bytes) -> list[tuple[int, str, str]]:
    """(page, char, char) for every pair of characters of different text runs drawn over each other
    (more than 30 % of the smaller one's area)."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    found: list[tuple[int, str, str]] = []
    try:
        for number in range(len(pdf)):
            found += [(number + 1, a, b) for a, b in _overlaps(pdf[number].get_textpage())]
    finally:
        pdf.close()
    return found


def _overlaps(textpage: pdfium.PdfTextPage) -> list[tuple[str, str]]:
    boxes = []
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        left, bottom, right, top = textpage.get_charbox(i)
        if ch.strip() and right - left > 0.5 and top - bottom > 0.5:
            boxes.append((i, ch, left, bottom, right, top))
    grid: dict[tuple[int, int], list[int]] = {}
    for k, (_, _, left, bottom, right, top) in enumerate(boxes):
        for gx in range(int(left // 20), int(right // 20) + 1):
            for gy in range(int(bottom // 20), int(top // 20) + 1):
                grid.setdefault((gx, gy), []).append(k)
    pairs = set()
    for cell in grid.values():
        for a in range(len(cell)):
            for b in range(a + 1, len(cell)):
                p, q = boxes[cell[a]], boxes[cell[b]]
                if abs(p[0] - q[0]) > 1 and _covered(p[2:], q[2:]) > 0.3:
                    pairs.add((p[1], q[1]))
    return sorted(pairs)


def _covered(p: tuple[float, ...], q: tuple[float, ...]) -> float:
    w = min(p[2], q[2]) - max(p[0], q[0])
    h = min(p[3], q[3]) - max(p[1], q[1])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / min((p[2] - p[0]) * (p[3] - p[1]), (q[2] - q[0]) * (q[3] - q[1]))
