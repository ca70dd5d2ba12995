"""Features of a (role, value) candidate for the ranker: labels around it, position, value shape.

One row per candidate, a fixed list of numbers (``FEATURES``; NaN where a feature does not apply).
``role``, ``left_code`` and ``above_code`` are categorical (codes into ``roles()`` and
``label_classes()``). The ranker file stores the list it was trained with; loading checks it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from docsift.extraction.document.entities import Entities, Entity
from docsift.extraction.document.index import DocIndex
from docsift.extraction.fields.context import LabelRef, ValueContext, value_context
from docsift.extraction.knowledge.files import load_labels
from docsift.extraction.knowledge.lexicon import label_classes

NAN = float("nan")
_HAS_DIGIT = re.compile(r"\d")
CATEGORICAL = ("role", "left_code", "above_code")
LINE_CLASSES = (
    "invoice_total", "subtotal", "total_tax", "amount_due", "cash_tendered", "change", "rounding",
    "prepaid", "quantity_total", "unit_price", "tax_rate", "total_discount", "invoice_date", "due_date",
    "delivery_date", "order_date", "customer_number", "invoice_number", "purchase_order", "local_tax_number",
    "vendor_tax_id", "page", "vendor_phone",
)  # fmt: skip
CONTEXT = (
    "left_r", "left_spec", "left_len", "left_gap", "left_dx", "left_between", "left_same_seg", "left_code",
    "left_any", "anyleft_r", "line_r", "prev_r", "above_r", "above_spec", "above_dy", "above_lines",
    "above_dx", "above_code", "above_any",
)  # fmt: skip
POSITION = (
    "x0", "x1", "yc", "page_idx", "pages_from_end", "rel_font", "font_rank", "line_frac", "line_words",
    "words_after", "seg_words", "doc_receipt", "doc_ocr", "n_pages",
)  # fmt: skip
VALUE = (
    "log_abs", "neg", "has_dec", "has_cur", "pct", "rank_desc", "rank_frac", "is_max", "n_occ",
    "nums_in_line", "nums_after", "sum_of_two", "part_of_sum", "date_rank", "n_dates", "date_is_min",
    "date_is_max", "ambiguous", "named", "days_from_min", "days_to_max", "id_len", "digit_frac",
    "alpha_frac", "has_sep", "looks_date", "looks_amount", "pattern_strength", "pattern_valid",
    "cur_code", "cur_share", "kind_code", "after_rounding", "before_rounding", "tendered_less_change",
    "date_in_word", "date_spaced", "year_offset", "ocr_min",
)  # fmt: skip
FEATURES: tuple[str, ...] = ("role", *CONTEXT, *POSITION, *(f"line_{c}" for c in LINE_CLASSES), *VALUE)
KINDS = (
    "amount", "date", "time", "id", "currency", "iban", "gstin", "eu_vat", "pan", "ifsc", "bic", "us_ein",
    "abn", "my_tax", "email", "phone",
)  # fmt: skip


@cache
def roles() -> dict[str, dict[str, object]]:
    """Role -> its spec in labels/roles.yaml (kinds, compare, needs_label)."""
    table: dict[str, dict[str, object]] = load_labels("roles.yaml")["roles"]
    return table


@cache
def role_code(role: str) -> int:
    """The categorical code of a role (its index in roles.yaml). Raises ValueError for an unknown role."""
    return list(roles()).index(role)


@cache
def class_code(cls: str) -> int:
    """The categorical code of a label class. Raises ValueError for an unknown class."""
    return label_classes().index(cls)


def _code(ref: LabelRef | None, role: str) -> float:
    if ref is None:
        return NAN
    if role in ref.classes:
        return float(class_code(role))
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
    after_rounding: set[Decimal]  # amounts equal to another amount plus a rounding amount
    before_rounding: set[Decimal]  # amounts that a rounding amount turns into another amount
    tendered_less_change: set[Decimal]  # cash tendered minus change given


def doc_stats(index: DocIndex, ents: Entities, receipt: bool, ocr: bool) -> DocStats:
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
        self._base: dict[int, list[float]] = {}
        self._font_rank: dict[int, list[float]] = {}
        self._nums: dict[int, list[int]] = {}

    def context(self, e: Entity) -> ValueContext:
        """The labels around ``e`` (computed once per entity)."""
        key = id(e)
        if key not in self._ctx:
            self._ctx[key] = value_context(self.index, e.line, e.w0, e.w1)
        return self._ctx[key]

    def row(self, role: str, e: Entity) -> list[float]:
        """The feature row of ``e`` as a candidate for ``role`` (order of FEATURES)."""
        ctx = self.context(e)
        key = id(e)
        if key not in self._base:
            self._base[key] = self._position(e, ctx) + self._value(e)
        return [float(role_code(role)), *self._role_context(role, ctx), *self._base[key]]

    def _role_context(self, role: str, ctx: ValueContext) -> list[float]:
        left, above = ctx.left, ctx.above
        lr = left is not None and role in left.classes
        ar = above is not None and role in above.classes
        return [
            float(lr),
            (1.0 / len(left.classes)) if left is not None and lr else 0.0,
            float(left.length) if left else NAN,
            float(left.gap_words) if left else NAN,
            left.dx if left else NAN,
            float(left.values_between) if left else NAN,
            float(ctx.left_same_segment),
            _code(left, role),
            float(left is not None),
            float(role in ctx.left_classes),
            float(role in ctx.line_classes),
            float(role in ctx.prev_classes),
            float(ar),
            (1.0 / len(above.classes)) if above is not None and ar else 0.0,
            above.dy if above else NAN,
            float(above.gap_words) if above else NAN,
            above.dx if above else NAN,
            _code(above, role),
            float(above is not None),
        ]

    def _page_font_rank(self, page: int) -> list[float]:
        if page not in self._font_rank:
            lines = self.index.pages[page].lines
            fonts = sorted((li.font for li in lines), reverse=True)
            n = max(len(fonts), 1)
            self._font_rank[page] = [sum(1 for f in fonts if f > li.font + 0.1) / n for li in lines]
        return self._font_rank[page]

    def _position(self, e: Entity, ctx: ValueContext) -> list[float]:
        line = e.line
        page = self.index.pages[line.page]
        x0, y0, x1, y1 = e.bbox
        seg = line.segments[line.segment_of(e.w0)]
        return [
            x0,
            x1,
            (y0 + y1) / 2,
            float(line.page),
            float(self.index.n_pages - 1 - line.page),
            line.font / page.median_font if page.median_font else 1.0,
            self._page_font_rank(line.page)[line.pos],
            line.pos / max(len(page.lines), 1),
            float(len(line.words)),
            float(len(line.words) - e.w1),
            float(seg[1] - seg[0]),
            float(self.stats.receipt),
            float(self.stats.ocr),
            float(self.index.n_pages),
            *(1.0 if c in ctx.line_classes else 0.0 for c in LINE_CLASSES),
        ]

    def _numeric_words(self, e: Entity) -> list[int]:
        key = e.line.number
        if key not in self._nums:
            self._nums[key] = [i for i, w in enumerate(e.line.words) if _HAS_DIGIT.search(w.text)]
        return self._nums[key]

    def _value(self, e: Entity) -> list[float]:
        out = [NAN] * len(VALUE)
        st = self.stats
        nums = self._numeric_words(e)
        out[VALUE.index("nums_in_line")] = float(len(nums))
        out[VALUE.index("nums_after")] = float(sum(1 for i in nums if i >= e.w1))
        out[VALUE.index("kind_code")] = float(KINDS.index(e.kind)) if e.kind in KINDS else NAN
        out[VALUE.index("ocr_min")] = min(w.confidence for w in e.line.words[e.w0 : e.w1])
        if e.kind == "amount":
            self._amount(e, out)
        elif e.kind == "date":
            self._date(e, out)
        elif e.kind == "id":
            self._id(e, out)
        elif e.kind == "currency":
            total = sum(st.currency_votes.values()) or 1
            out[VALUE.index("cur_code")] = float(bool(e.attrs.get("is_code")))
            out[VALUE.index("cur_share")] = st.currency_votes[e.value] / total
        else:
            out[VALUE.index("pattern_strength")] = float(e.attrs.get("strength", NAN))
            valid = e.attrs.get("valid")
            out[VALUE.index("pattern_valid")] = NAN if valid is None else float(valid)
            out[VALUE.index("n_occ")] = float(sum(1 for x in self.ents.of(e.kind) if x.value == e.value))
        return out

    def _amount(self, e: Entity, out: list[float]) -> None:
        st = self.stats
        v: Decimal = e.attrs["amount"]
        a = abs(v)
        rank = st.amounts_desc.index(v) if v in st.amounts_desc else len(st.amounts_desc)
        out[VALUE.index("log_abs")] = math.log10(float(a) + 1.0)
        out[VALUE.index("neg")] = float(v < 0)
        out[VALUE.index("has_dec")] = float(bool(e.attrs.get("has_dec")))
        out[VALUE.index("has_cur")] = float(bool(e.attrs.get("currency")))
        out[VALUE.index("pct")] = float(bool(e.attrs.get("pct")))
        out[VALUE.index("rank_desc")] = float(min(rank, 30))
        out[VALUE.index("rank_frac")] = rank / max(len(st.amounts_desc), 1)
        out[VALUE.index("is_max")] = float(rank == 0)
        out[VALUE.index("n_occ")] = float(st.amount_occ[v])
        out[VALUE.index("sum_of_two")] = float(v in st.sums)
        out[VALUE.index("part_of_sum")] = float(v in st.parts)
        out[VALUE.index("after_rounding")] = float(v in st.after_rounding)
        out[VALUE.index("before_rounding")] = float(v in st.before_rounding)
        out[VALUE.index("tendered_less_change")] = float(v in st.tendered_less_change)

    def _date(self, e: Entity, out: list[float]) -> None:
        st = self.stats
        i = st.dates.index(e.value) if e.value in st.dates else 0
        first, last = e.attrs["date"], e.attrs["date"]
        if st.dates:
            from datetime import date as _date

            first, last = _date.fromisoformat(st.dates[0]), _date.fromisoformat(st.dates[-1])
        out[VALUE.index("date_rank")] = float(i)
        out[VALUE.index("n_dates")] = float(len(st.dates))
        out[VALUE.index("date_is_min")] = float(i == 0)
        out[VALUE.index("date_is_max")] = float(i == len(st.dates) - 1)
        out[VALUE.index("ambiguous")] = float(bool(e.attrs.get("ambiguous")))
        out[VALUE.index("named")] = float(bool(e.attrs.get("named")))
        out[VALUE.index("days_from_min")] = float((e.attrs["date"] - first).days)
        out[VALUE.index("days_to_max")] = float((last - e.attrs["date"]).days)
        out[VALUE.index("n_occ")] = float(st.date_occ[e.value])
        out[VALUE.index("date_in_word")] = float(bool(e.attrs.get("in_word")))
        out[VALUE.index("date_spaced")] = float(bool(e.attrs.get("spaced")))
        years = sorted(int(d[:4]) for d in st.dates)
        out[VALUE.index("year_offset")] = float(abs(e.attrs["date"].year - years[len(years) // 2]))

    def _id(self, e: Entity, out: list[float]) -> None:
        text = e.raw
        n = max(len(text), 1)
        out[VALUE.index("id_len")] = float(len(text))
        out[VALUE.index("digit_frac")] = e.attrs["digits"] / n
        out[VALUE.index("alpha_frac")] = e.attrs["letters"] / n
        out[VALUE.index("has_sep")] = float(any(ch in "-/._" for ch in text))
        out[VALUE.index("n_occ")] = float(self.stats.id_occ[e.value])
        looks_date, looks_amount = _id_shape(text)
        out[VALUE.index("looks_date")] = looks_date
        out[VALUE.index("looks_amount")] = looks_amount


@lru_cache(maxsize=4096)
def _id_shape(text: str) -> tuple[float, float]:
    """(looks like a date, looks like an amount with decimals) for an identifier's text."""
    from docsift.extraction.normalize.amounts import find_amounts
    from docsift.extraction.normalize.dates import find_dates

    return float(bool(find_dates(text))), float(any(m.has_decimals for m in find_amounts(text)))
