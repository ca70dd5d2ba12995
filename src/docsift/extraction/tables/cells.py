"""Table rows to schema rows: each cell's text normalised per its column's kind, with confidence,
page and box; wrapped descriptions joined; arithmetic (quantity x unit price = amount) checked.
"""

from __future__ import annotations

from decimal import Decimal

from docsift.extraction.document.lines import Chunk
from docsift.extraction.knowledge.lexicon import tokens
from docsift.extraction.normalize.amounts import find_amounts, format_amount, format_number, normalize_rate
from docsift.extraction.normalize.text import clean_text, normalize_id
from docsift.extraction.tables.body import NUMERIC_KINDS, BodyLine, RawRow, is_number, split_unit
from docsift.extraction.tables.header import Column
from docsift.extraction.tables.labels import Labels
from docsift.reading.model import union_bbox
from docsift.result import FieldValue, Row

AMOUNT_KINDS = frozenset({"unit_price", "amount", "tax_amount", "discount", "basis"})
BASE_CONFIDENCE = 0.85


def cell_value(kind: str, text: str, decimal_separator: str | None) -> tuple[str | None, dict[str, object]]:
    """The normalised value of one cell of a column of ``kind`` plus extra attributes (a unit
    printed beside a quantity, a percent discount); (None, {}) when the text holds no such value."""
    extra: dict[str, object] = {}
    if kind in ("description", "unit"):
        return clean_text(text), extra
    if kind == "product_code":
        return normalize_id(text), extra
    if kind in ("tax_rate", "rate"):
        return normalize_rate(text.replace("%", " %")), extra
    found = find_amounts(text, decimal_separator, allow_space_groups=decimal_separator == ",")
    if not found:
        glued = split_unit(text, decimal_separator)
        if glued is None or kind != "quantity":
            return None, extra
        extra["unit"] = glued[1]
        return format_number(glued[0]), extra
    m = found[0]
    if kind == "quantity":
        rest = text.replace(m.raw, " ").strip()
        if rest and not _DIGITS_IN(rest):
            extra["unit"] = rest
        return format_number(m.value), extra
    if kind in AMOUNT_KINDS:
        if m.is_percent:
            extra["percent"] = True
            return format_number(m.value), extra
        return format_amount(m.value), extra
    return None, extra


def _DIGITS_IN(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _field(
    kind: str, chunks: list[Chunk], decimal_separator: str | None, confidence: float
) -> tuple[FieldValue | None, dict[str, object]]:
    if not chunks:
        return None, {}
    raw = " ".join(c.text for c in chunks)
    value, extra = cell_value(kind, raw, decimal_separator)
    if value is None:
        return None, {}
    word_conf = min(c.confidence for c in chunks)
    fv = FieldValue(
        value=value,
        raw=raw,
        confidence=round(confidence * min(1.0, 0.5 + 0.5 * word_conf), 3),
        page=chunks[0].page,
        bbox=union_bbox(c.bbox for c in chunks),
    )
    if extra.get("percent"):
        fv.percent = True  # type: ignore[attr-defined]  # FieldValue allows extra attributes
    return fv, extra


def description_chunks(row: RawRow, columns: list[Column], labels: Labels, right_limit: float) -> list[Chunk]:
    """The chunks of a row's description: the anchor lines' text, text lines above them, and
    wrapped lines below up to the first note (a label-value line, an attribute such as "GTIN:",
    or a line running past the description column)."""
    desc = [k for k, c in enumerate(columns) if c.kind == "description"]
    if not desc:
        return []
    first_anchor = row.lines.index(row.anchors[0]) if row.anchors[0] in row.lines else 0
    last_anchor = row.lines.index(row.anchors[-1]) if row.anchors[-1] in row.lines else first_anchor
    out: list[Chunk] = []
    for n, bl in enumerate(row.lines):
        chunks = [c for k in desc for c in bl.cells.get(k, [])]
        if first_anchor <= n <= last_anchor:
            out += chunks
            continue
        if n > last_anchor and _gap(row.lines[n - 1], bl) > 1.0:
            break  # wrapped lines are set tight; a gap ends the description
        if _is_note(bl, chunks, labels, right_limit, [c.kind for c in columns]):
            if n > last_anchor:
                break
            continue
        out += chunks
    return out


def _gap(a: BodyLine, b: BodyLine) -> float:
    return max(0.0, b.line.y0 - a.line.y1) / max(min(a.line.height, b.line.height), 1e-6)


def _is_note(
    bl: BodyLine, chunks: list[Chunk], labels: Labels, right_limit: float, kinds: list[str | None]
) -> bool:
    """Whether a line of a row is a note or attribute rather than a wrapped description."""
    if bl.kind != "data":
        return True
    desc_cols = {k for k, kind in enumerate(kinds) if kind == "description"}
    if ":" in bl.line.text:
        return True
    if any(
        not is_number(c.text, None)
        for k, cs in bl.cells.items()
        if k not in desc_cols
        for c in cs
        if kinds[k] in NUMERIC_KINDS
    ):
        return True  # free text running under the numeric columns
    if not chunks:
        return False
    first = tokens(" ".join(c.text for c in chunks))[:1]
    if first and first[0] in labels.note:
        return True
    return max(c.x1 for c in chunks) > right_limit


def map_row(
    row: RawRow, columns: list[Column], labels: Labels, decimal_separator: str | None, right_limit: float
) -> Row:
    """One schema row (column name -> FieldValue) from a raw table row."""
    out: Row = {}
    extras: dict[str, object] = {}
    for k, col in enumerate(columns):
        if col.kind is None or col.kind in ("position", "description"):
            continue
        chunks = [c for bl in row.anchors for c in bl.cells.get(k, [])]
        if not chunks and col.kind in ("product_code", "unit"):
            chunks = next((bl.cells[k] for bl in row.lines if bl.cells.get(k)), [])
        if col.kind == "product_code":
            chunks = chunks[:1]
        if col.kind in NUMERIC_KINDS:
            chunks = [c for c in chunks if is_number(c.text, decimal_separator)][:1] or chunks
        fv, extra = _field(col.kind, chunks, decimal_separator, BASE_CONFIDENCE)
        if fv is None:
            continue
        if col.kind in ("tax_rate", "tax_amount") and col.kind in out:
            out[col.kind] = _add(out[col.kind], fv)  # CGST + SGST columns of one row
        else:
            out.setdefault(col.kind, fv)
        extras.update(extra)
    desc = description_chunks(row, columns, labels, right_limit)
    fv, _ = _field("description", desc, decimal_separator, BASE_CONFIDENCE)
    if fv is not None:
        out["description"] = fv
    if "unit" not in out and isinstance(extras.get("unit"), str) and "quantity" in out:
        q = out["quantity"]
        out["unit"] = FieldValue(
            value=clean_text(str(extras["unit"])),
            raw=str(extras["unit"]),
            confidence=q.confidence,
            page=q.page,
            bbox=q.bbox,
        )
    return out


def _add(a: FieldValue, b: FieldValue) -> FieldValue:
    """Two per-tax cells of one row (CGST and SGST) summed into one."""
    try:
        total = Decimal(str(a.value)) + Decimal(str(b.value))
    except ArithmeticError:
        return a
    value = format_number(total) if "." not in str(a.value) else format_amount(total)
    return FieldValue(
        value=value,
        raw=f"{a.raw} + {b.raw}",
        confidence=min(a.confidence, b.confidence),
        page=a.page,
        bbox=union_bbox([a.bbox or b.bbox, b.bbox or a.bbox]),
    )


def right_limit(rows: list[RawRow], columns: list[Column], decimal_separator: str | None) -> float:
    """Where the description column ends: the left edge of the nearest content to its right on the
    anchor lines (or of the next column's label)."""
    desc = [k for k, c in enumerate(columns) if c.kind == "description"]
    if not desc:
        return 1.0
    right_of = [k for k in range(max(desc) + 1, len(columns))]
    xs = [c.x0 for r in rows for bl in r.anchors for k in right_of for c in bl.cells.get(k, [])]
    label_x = [columns[k].x0 for k in right_of]
    candidates = xs + label_x
    return min(candidates) + 0.005 if candidates else 1.0


def check_arithmetic(rows: list[Row]) -> None:
    """Raise or lower confidence of quantity, unit price and amount by whether quantity x unit
    price matches the amount (within rounding, allowing a discount column)."""
    for r in rows:
        q, p, a = (_dec(r.get(k)) for k in ("quantity", "unit_price", "amount"))
        if q is None or p is None or a is None:
            continue
        disc = _dec(r.get("discount"))
        ok = _close(q * p, a) or (
            disc is not None
            and not getattr(r.get("discount"), "percent", False)
            and _close(q * p - abs(disc), a)
        )
        if not ok and disc is not None and getattr(r.get("discount"), "percent", False):
            ok = _close(q * p * (1 - disc / 100), a)
        for k in ("quantity", "unit_price", "amount"):
            fv = r[k]
            fv.confidence = round(min(0.99, fv.confidence + 0.1) if ok else fv.confidence * 0.7, 3)


def _dec(fv: FieldValue | None) -> Decimal | None:
    if fv is None or fv.value is None:
        return None
    try:
        return Decimal(str(fv.value))
    except ArithmeticError:
        return None


def _close(x: Decimal, y: Decimal) -> bool:
    return abs(x - y) <= max(Decimal("0.011"), abs(y) * Decimal("0.0005"))


__all__ = ["cell_value", "check_arithmetic", "description_chunks", "is_number", "map_row", "right_limit"]
