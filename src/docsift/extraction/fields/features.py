"""Features of a (role, value) candidate for the field ranker: labels around it, position, value shape.

One row per candidate, built by name in ``FIELD_SPACE`` (NaN where a feature does not apply).
``role``, ``left_code`` and ``above_code`` are categorical: codes of the role (knowledge.registry)
and of label classes (labels/fields.yaml). The model file stores the names it was trained with;
loading checks them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from docsift.extraction.document.entities import Entities, Entity
from docsift.extraction.document.index import DocIndex
from docsift.extraction.document.sections import PARTY_LABELS, section_label
from docsift.extraction.fields.context import LabelRef, ValueContext, value_context
from docsift.extraction.knowledge.registry import Role, label_classes, role_code
from docsift.extraction.models.space import NAN, FeatureSpace, Row, SharedRow
from docsift.extraction.normalize.amounts import find_amounts
from docsift.extraction.normalize.dates import find_dates

_HAS_DIGIT = re.compile(r"\d")
LINE_CLASSES = (
    "total", "subtotal", "total_tax", "amount_due", "cash_tendered", "change", "rounding",
    "prepaid", "quantity_total", "unit_price", "tax_rate", "total_discount", "document_date", "due_date",
    "delivery_date", "order_date", "customer_number", "document_number", "order_reference",
    "local_tax_number", "issuer_tax_id", "page", "issuer_phone", "previous_balance",
)  # fmt: skip
CONTEXT = (
    "left_r", "left_spec", "left_len", "left_gap", "left_dx", "left_between", "left_same_seg", "left_code",
    "left_any", "anyleft_r", "line_r", "prev_r", "above_r", "above_spec", "above_dy", "above_lines",
    "above_dx", "above_code", "above_any", "section_match",
)  # fmt: skip
POSITION = (
    "x0", "x1", "yc", "page_idx", "pages_from_end", "rel_font", "font_rank", "line_frac", "line_words",
    "words_after", "seg_words", "doc_receipt", "doc_ocr", "doc_credit", "n_pages", "section_code",
    "section_dy",
)  # fmt: skip
VALUE = (
    "log_abs", "neg", "has_dec", "has_cur", "pct", "rank_desc", "rank_frac", "is_max", "n_occ",
    "nums_in_line", "nums_after", "sum_of_two", "part_of_sum", "date_rank", "n_dates", "date_is_min",
    "date_is_max", "ambiguous", "named", "days_from_min", "days_to_max", "id_len", "digit_frac",
    "alpha_frac", "has_sep", "looks_date", "looks_amount", "pattern_strength", "pattern_valid",
    "cur_code", "cur_share", "kind_code", "after_rounding", "before_rounding", "tendered_less_change",
    "date_in_word", "date_spaced", "year_offset", "ocr_min", "printed_negative",
)  # fmt: skip
FIELD_SPACE = FeatureSpace(
    "fields",
    ("role", *CONTEXT, *POSITION, *(f"line_{c}" for c in LINE_CLASSES), *VALUE),
    categorical=("role", "left_code", "above_code", "section_code"),
)
KINDS = (
    "amount", "date", "time", "id", "currency", "iban", "gstin", "eu_vat", "pan", "ifsc", "bic", "us_ein",
    "abn", "my_tax", "email", "phone",
)  # fmt: skip


@lru_cache(maxsize=256)
def class_code(cls: str) -> int:
    """The categorical code of a label class. Raises ValueError for an unknown class."""
    return label_classes().index(cls)


def _code(ref: LabelRef | None, cls: str) -> float:
    if ref is None:
        return NAN
    if cls in ref.classes:
        return float(class_code(cls))
    return float(min(class_code(c) for c in ref.classes))


@dataclass
class DocStats:
    """Document-wide facts the value features compare against."""

    amounts_desc: list[Decimal]
    amount_occ: Counter[Decimal]
    sums: set[Decimal]
    parts: set[Decimal]
    dates: list[str]
    date_occ: Counter[str]
    id_occ: Counter[str]
    currency_votes: Counter[str]
    receipt: bool
    ocr: bool
    credit: bool  # a credit note (its amounts made positive)
    after_rounding: set[Decimal]  # amounts equal to another amount plus a rounding amount
    before_rounding: set[Decimal]  # amounts that a rounding amount turns into another amount
    tendered_less_change: set[Decimal]  # cash tendered minus change given


def doc_stats(index: DocIndex, ents: Entities, receipt: bool, ocr: bool, credit: bool = False) -> DocStats:
    """The DocStats of a document."""
    values = [e.attrs["amount"] for e in ents.of("amount") if not e.attrs.get("pct")]
    positive = sorted({v for v in values if v > 0}, reverse=True)
    top = positive[:40]
    sums: set[Decimal] = set()
    parts: set[Decimal] = set()
    present = set(top)
    for i, a in enumerate(top):
        for b in top[i + 1 :]:
            if a + b in present:
                sums.add(a + b)
                parts.update((a, b))
    dates = sorted({e.value for e in ents.of("date")})
    after, before, tendered = _payment_relations(ents, set(values), _implied_roundings(index, ents))
    votes: Counter[str] = Counter()
    for e in ents.of("currency"):
        votes[e.value] += 2 if e.attrs.get("is_code") else 1
    return DocStats(
        amounts_desc=positive,
        amount_occ=Counter(values),
        sums=sums,
        parts=parts,
        dates=dates,
        date_occ=Counter(e.value for e in ents.of("date")),
        id_occ=Counter(e.value for e in ents.of("id")),
        currency_votes=votes,
        receipt=receipt,
        ocr=ocr,
        credit=credit,
        after_rounding=after,
        before_rounding=before,
        tendered_less_change=tendered,
    )


def _line_amounts(ents: Entities, cls: str) -> list[Decimal]:
    out = []
    for e in ents.of("amount"):
        if any(cls in h.classes for h in e.line.labels):
            out.append(e.attrs["amount"])
    return out


def _implied_roundings(index: DocIndex, ents: Entities) -> list[Decimal]:
    """The rounding a rounding line whose amount was not read implies: the amount on the nearest
    line below it minus the amount on the nearest line above it ("Grand Total 87.08", "Rounding
    Adj", "Net Total 87.10"), when the two differ by a rounding step."""
    by_line: dict[int, list[Decimal]] = {}
    for e in ents.of("amount"):
        if not e.attrs.get("pct"):
            by_line.setdefault(e.line.number, []).append(e.attrs["amount"])
    out = []
    for line in index.lines:
        if line.number in by_line or not any("rounding" in h.classes for h in line.labels):
            continue
        above = [n for n in by_line if n < line.number and line.number - n <= 2]
        below = [n for n in by_line if n > line.number and n - line.number <= 2]
        if above and below:
            diff = by_line[min(below)][-1] - by_line[max(above)][-1]
            if 0 < abs(diff) <= Decimal("0.10"):
                out.append(diff)
    return out


def _payment_relations(
    ents: Entities, values: set[Decimal], implied: list[Decimal]
) -> tuple[set[Decimal], set[Decimal], set[Decimal]]:
    """(amounts after rounding, amounts before rounding, cash tendered minus change); ``implied``:
    roundings whose own amount was not read."""
    roundings = [r for r in _line_amounts(ents, "rounding") if 0 < abs(r) <= Decimal("0.10")] + implied
    after = {v for v in values for r in roundings if v - r in values and v - r != v}
    before = {v for v in values for r in roundings if v + r in values and v + r != v}
    cash = [c for c in _line_amounts(ents, "cash_tendered") if c > 0]
    change = [c for c in _line_amounts(ents, "change") if c >= 0]
    tendered = {c - ch for c in cash for ch in change if c - ch > 0}
    return after, before, tendered


class FeatureBuilder:
    """Computes candidate rows for one document; per-value parts are computed once and reused."""

    def __init__(self, index: DocIndex, ents: Entities, stats: DocStats) -> None:
        self.index = index
        self.ents = ents
        self.stats = stats
        self._ctx: dict[int, ValueContext] = {}
        self._base: dict[int, Row] = {}
        self._font_rank: dict[int, list[float]] = {}
        self._nums: dict[int, list[int]] = {}
        self._sections: dict[int, tuple[str | None, float]] = {}

    def context(self, e: Entity) -> ValueContext:
        """The labels around ``e`` (computed once per entity)."""
        key = id(e)
        if key not in self._ctx:
            self._ctx[key] = value_context(self.index, e.line, e.w0, e.w1)
        return self._ctx[key]

    def row(self, role: Role, e: Entity) -> SharedRow:
        """The feature row of ``e`` as a candidate for ``role``: the value's features, shared by its
        candidates of every role, and the features of its relation to the role's labels."""
        ctx = self.context(e)
        key = id(e)
        base = self._base.get(key)
        if base is None:
            base = self._base[key] = FIELD_SPACE.row()
            self._position(e, ctx, base)
            self._value(e, base)
        own: Row = {"role": float(role_code(role.name))}
        self._role_context(role.label_class, ctx, own)
        party = PARTY_LABELS.get(self._section(e)[0] or "")
        own["section_match"] = NAN if role.party is None or party is None else float(role.party == party)
        return SharedRow(base, own)

    def _section(self, e: Entity) -> tuple[str | None, float]:
        key = id(e)
        if key not in self._sections:
            self._sections[key] = section_label(self.index, e.page, e.bbox)
        return self._sections[key]

    def _role_context(self, cls: str, ctx: ValueContext, row: Row) -> None:
        left, above = ctx.left, ctx.above
        lr = left is not None and cls in left.classes
        ar = above is not None and cls in above.classes
        row["left_r"] = float(lr)
        row["left_spec"] = (1.0 / len(left.classes)) if left is not None and lr else 0.0
        row["left_any"] = float(left is not None)
        row["left_len"] = float(left.length) if left is not None else NAN
        row["left_gap"] = float(left.gap_words) if left is not None else NAN
        row["left_dx"] = left.dx if left is not None else NAN
        row["left_between"] = float(left.values_between) if left is not None else NAN
        row["left_same_seg"] = float(ctx.left_same_segment)
        row["left_code"] = _code(left, cls)
        row["anyleft_r"] = float(cls in ctx.left_classes)
        row["line_r"] = float(cls in ctx.line_classes)
        row["prev_r"] = float(cls in ctx.prev_classes)
        row["above_r"] = float(ar)
        row["above_spec"] = (1.0 / len(above.classes)) if above is not None and ar else 0.0
        row["above_any"] = float(above is not None)
        row["above_dy"] = above.dy if above is not None else NAN
        row["above_lines"] = float(above.gap_words) if above is not None else NAN
        row["above_dx"] = above.dx if above is not None else NAN
        row["above_code"] = _code(above, cls)

    def _page_font_rank(self, page: int) -> list[float]:
        if page not in self._font_rank:
            lines = self.index.pages[page].lines
            fonts = sorted((li.font for li in lines), reverse=True)
            n = max(len(fonts), 1)
            self._font_rank[page] = [sum(1 for f in fonts if f > li.font + 0.1) / n for li in lines]
        return self._font_rank[page]

    def _position(self, e: Entity, ctx: ValueContext, row: Row) -> None:
        line = e.line
        page = self.index.pages[line.page]
        x0, y0, x1, y1 = e.bbox
        seg = line.segments[line.segment_of(e.w0)]
        row["x0"], row["x1"], row["yc"] = x0, x1, (y0 + y1) / 2
        row["page_idx"] = float(line.page)
        row["pages_from_end"] = float(self.index.n_pages - 1 - line.page)
        row["rel_font"] = line.font / page.median_font if page.median_font else 1.0
        row["font_rank"] = self._page_font_rank(line.page)[line.pos]
        row["line_frac"] = line.pos / max(len(page.lines), 1)
        row["line_words"] = float(len(line.words))
        row["words_after"] = float(len(line.words) - e.w1)
        row["seg_words"] = float(seg[1] - seg[0])
        row["doc_receipt"] = float(self.stats.receipt)
        row["doc_ocr"] = float(self.stats.ocr)
        row["doc_credit"] = float(self.stats.credit)
        row["n_pages"] = float(self.index.n_pages)
        section, dy = self._section(e)
        row["section_code"] = float(class_code(section)) if section else NAN
        row["section_dy"] = dy
        for c in LINE_CLASSES:
            row[f"line_{c}"] = 1.0 if c in ctx.line_classes else 0.0

    def _numeric_words(self, e: Entity) -> list[int]:
        key = e.line.number
        if key not in self._nums:
            self._nums[key] = [i for i, w in enumerate(e.line.words) if _HAS_DIGIT.search(w.text)]
        return self._nums[key]

    def _value(self, e: Entity, row: Row) -> None:
        st = self.stats
        nums = self._numeric_words(e)
        row["nums_in_line"] = float(len(nums))
        row["nums_after"] = float(sum(1 for i in nums if i >= e.w1))
        row["kind_code"] = float(KINDS.index(e.kind)) if e.kind in KINDS else NAN
        row["ocr_min"] = min(w.confidence for w in e.line.words[e.w0 : e.w1])
        if e.kind == "amount":
            self._amount(e, row)
        elif e.kind == "date":
            self._date(e, row)
        elif e.kind == "id":
            self._id(e, row)
        elif e.kind == "currency":
            total = sum(st.currency_votes.values()) or 1
            row["cur_code"] = float(bool(e.attrs.get("is_code")))
            row["cur_share"] = st.currency_votes[e.value] / total
        else:
            row["pattern_strength"] = float(e.attrs.get("strength", NAN))
            valid = e.attrs.get("valid")
            row["pattern_valid"] = NAN if valid is None else float(valid)
            row["n_occ"] = float(sum(1 for x in self.ents.of(e.kind) if x.value == e.value))

    def _amount(self, e: Entity, row: Row) -> None:
        st = self.stats
        v: Decimal = e.attrs["amount"]
        rank = st.amounts_desc.index(v) if v in st.amounts_desc else len(st.amounts_desc)
        row["log_abs"] = math.log10(float(abs(v)) + 1.0)
        row["neg"] = float(v < 0)
        row["printed_negative"] = float(bool(e.attrs.get("printed_negative")))
        row["has_dec"] = float(bool(e.attrs.get("has_dec")))
        row["has_cur"] = float(bool(e.attrs.get("currency")))
        row["pct"] = float(bool(e.attrs.get("pct")))
        row["rank_desc"] = float(min(rank, 30))
        row["rank_frac"] = rank / max(len(st.amounts_desc), 1)
        row["is_max"] = float(rank == 0)
        row["n_occ"] = float(st.amount_occ[v])
        row["sum_of_two"] = float(v in st.sums)
        row["part_of_sum"] = float(v in st.parts)
        row["after_rounding"] = float(v in st.after_rounding)
        row["before_rounding"] = float(v in st.before_rounding)
        row["tendered_less_change"] = float(v in st.tendered_less_change)

    def _date(self, e: Entity, row: Row) -> None:
        st = self.stats
        i = st.dates.index(e.value) if e.value in st.dates else 0
        first = last = e.attrs["date"]
        if st.dates:
            first, last = date.fromisoformat(st.dates[0]), date.fromisoformat(st.dates[-1])
        row["date_rank"] = float(i)
        row["n_dates"] = float(len(st.dates))
        row["date_is_min"] = float(i == 0)
        row["date_is_max"] = float(i == len(st.dates) - 1)
        row["ambiguous"] = float(bool(e.attrs.get("ambiguous")))
        row["named"] = float(bool(e.attrs.get("named")))
        row["days_from_min"] = float((e.attrs["date"] - first).days)
        row["days_to_max"] = float((last - e.attrs["date"]).days)
        row["n_occ"] = float(st.date_occ[e.value])
        row["date_in_word"] = float(bool(e.attrs.get("in_word")))
        row["date_spaced"] = float(bool(e.attrs.get("spaced")))
        years = sorted(int(d[:4]) for d in st.dates)
        row["year_offset"] = float(abs(e.attrs["date"].year - years[len(years) // 2]))

    def _id(self, e: Entity, row: Row) -> None:
        text = e.raw
        n = max(len(text), 1)
        row["id_len"] = float(len(text))
        row["digit_frac"] = e.attrs["digits"] / n
        row["alpha_frac"] = e.attrs["letters"] / n
        row["has_sep"] = float(any(ch in "-/._" for ch in text))
        row["n_occ"] = float(self.stats.id_occ[e.value])
        row["looks_date"], row["looks_amount"] = _id_shape(text)


@lru_cache(maxsize=4096)
def _id_shape(text: str) -> tuple[float, float]:
    """(looks like a date, looks like an amount with decimals) for an identifier's text."""
    return float(bool(find_dates(text))), float(any(m.has_decimals for m in find_amounts(text)))
