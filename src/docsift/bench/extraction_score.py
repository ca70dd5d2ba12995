"""Scoring extraction results against labelled sets, the same way ../shared/tools/score.py does.

The rules (which fields count, how values compare, how line items are matched) follow the
reference scorer exactly, so that ``docsift bench`` and score.py agree on the same predictions;
tests/extraction/test_bench_score.py runs both and compares. Values compare after normalising:
amounts as decimals to the cent, dates as calendar dates (day-first or month-first accepted for the
prediction), text upper-case letters and digits only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

_MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES)}
Truth = dict[str, tuple[str, Any]]
Lines = list[dict[str, Any]] | None
LINE_COLS = [("description", "text"), ("quantity", "amount"), ("unit_price", "amount"), ("amount", "amount")]


def norm_text(s: Any) -> str | None:
    """Upper-case letters and digits only; None for None."""
    return re.sub(r"[^0-9A-Z]", "", str(s).upper()) if s is not None else None


def norm_amount(s: Any) -> Decimal | None:
    """An amount to the cent, any thousands/decimal convention; None when unreadable."""
    if s is None:
        return None
    if isinstance(s, (int, float, Decimal)):
        return Decimal(str(s)).quantize(Decimal("0.01"))
    t = re.sub(r"[^0-9,.\-]", "", str(s))
    if not t or not re.search(r"\d", t):
        return None
    if "," in t and "." in t:
        t = t.replace(",", "") if t.rfind(".") > t.rfind(",") else t.replace(".", "").replace(",", ".")
    elif "," in t:
        head, _, tail = t.rpartition(",")
        t = head.replace(",", "") + ("." + tail if len(tail) != 3 else tail)
    try:
        return Decimal(t).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def norm_date(s: Any, dayfirst: bool = True) -> date | None:
    """A calendar date from ISO, named-month or numeric spellings; None when unreadable."""
    if s is None:
        return None
    t = str(s).strip().upper()
    try:
        m = re.search(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", t)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = re.search(r"(\d{1,2})[-/. ]+([A-Z]{3})[A-Z]*[-/., ]+(\d{2,4})", t)
        if m and m[2] in _MONTHS:
            return date(_year(m[3]), _MONTHS[m[2]], int(m[1]))
        m = re.search(r"([A-Z]{3})[A-Z]*[-/. ]+(\d{1,2})[-/., ]+(\d{2,4})", t)
        if m and m[1] in _MONTHS:
            return date(_year(m[3]), _MONTHS[m[1]], int(m[2]))
        m = re.search(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})", t)
        if m:
            a, b, y = int(m[1]), int(m[2]), _year(m[3])
            d, mo = (a, b) if dayfirst else (b, a)
            return date(y, mo, d)
    except ValueError:
        return None
    return None


def same(kind: str, truth: Any, pred: Any) -> bool:
    """Whether ``pred`` equals ``truth`` for a value of ``kind`` (date, amount or text)."""
    if kind == "date":
        t = norm_date(truth)
        return (t is not None and t == norm_date(pred, dayfirst=False)) or t == norm_date(pred)
    if kind == "amount":
        a, b = norm_amount(truth), norm_amount(pred)
    else:
        a, b = norm_text(truth), norm_text(pred)  # type: ignore[assignment]
    return a is not None and a == b


def value_of(f: Any) -> Any:
    """The value of a result field (a {"value": ...} object or a bare value)."""
    return f.get("value") if isinstance(f, dict) else f


# ---------------------------------------------------------------------------- truth per set


def truth_sroie(lab: dict[str, Any]) -> tuple[Truth, Lines]:
    """Scored fields of a SROIE key file."""
    return {
        "merchant_name": ("text", lab.get("company")),
        "transaction_date": ("date", lab.get("date")),
        "merchant_address": ("text", lab.get("address")),
        "total": ("amount", lab.get("total")),
    }, None


def truth_zugferd(g: dict[str, Any]) -> tuple[Truth, Lines]:
    """Scored fields and line items of a zugferd gt file."""
    seller, buyer = g.get("seller") or {}, g.get("buyer") or {}
    totals, payment = g.get("totals") or {}, g.get("payment") or {}
    t: Truth = {
        "invoice_number": ("text", g.get("invoice_number")),
        "invoice_date": ("date", g.get("issue_date")),
        "due_date": ("date", g.get("due_date")),
        "currency": ("text", g.get("currency")),
        "purchase_order": ("text", g.get("order_reference")),
        "vendor_name": ("text", seller.get("name")),
        "vendor_tax_id": ("text", seller.get("vat_id")),
        "customer_name": ("text", buyer.get("name")),
        "subtotal": ("amount", totals.get("tax_basis_total")),
        "total_tax": ("amount", totals.get("tax_total")),
        "invoice_total": ("amount", totals.get("grand_total")),
        "iban": ("text", payment.get("iban")),
    }
    lines = None
    if g.get("line_items_in_xml"):
        lines = [
            {"description": li.get("name"), "quantity": li.get("quantity"),
             "unit_price": li.get("net_unit_price"), "amount": li.get("line_total")}
            for li in g.get("line_items") or [] if li.get("kind", "item") == "item"
        ]  # fmt: skip
    return t, lines


_I2D = {
    "invoice_number": ("text", "invoice_number"), "invoice_date": ("date", "date"),
    "due_date": ("date", "date_due"), "invoice_total": ("amount", "amount"),
    "subtotal": ("amount", "amount_untaxed"), "total_tax": ("amount", "amount_tax"),
    "currency": ("text", "currency"), "vendor_tax_id": ("text", "vat"), "iban": ("text", "iban"),
}  # fmt: skip


def truth_invoice2data(lab: Any) -> tuple[Truth, Lines]:
    """Scored fields of an invoice2data expected file."""
    lab = lab[0] if isinstance(lab, list) else lab
    return {k: (kind, lab.get(src)) for k, (kind, src) in _I2D.items()}, None


DATE_NAMES = {"date", "dob", "period_from", "period_to", "valid_from", "valid_to"}
AMOUNT_WORDS = ("amount", "total", "premium", "emi", "fee", "tax", "price", "discount", "sum_insured", "cess",
                "tip", "rate", "quantity")  # fmt: skip
_TEXT_ENDINGS = ("_in_words", "_id", "_number", "_code", "_type", "_name", "_pan")


def canonical_kind(name: str) -> str:
    """date, amount or text for a canonical field or line-item column name (as score.py decides)."""
    if name.endswith("_date") or name in DATE_NAMES:
        return "date"
    if name.endswith(_TEXT_ENDINGS):
        return "text"
    return "amount" if any(w in name for w in AMOUNT_WORDS) else "text"


def truth_canonical(g: dict[str, Any]) -> tuple[Truth, Lines]:
    """Scored fields and line items of a canonical truth file ({"fields": {...}, "line_items": [...]},
    as docsift synth writes)."""
    fields = g.get("fields") or {}
    t = {k: (canonical_kind(k), v) for k, v in fields.items() if not isinstance(v, (list, dict))}
    return t, g.get("line_items") or None


def line_cols(truth: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The columns a canonical line-item truth has, with their kinds, in order of appearance."""
    names: list[str] = []
    for row in truth:
        names += [k for k in row if k not in names]
    return [(c, canonical_kind(c)) for c in names]


TRUTH = {"sroie": truth_sroie, "zugferd": truth_zugferd, "invoice2data": truth_invoice2data,
         "canonical": truth_canonical}  # fmt: skip


# ---------------------------------------------------------------------------- scoring


def score_lines(
    truth: list[dict[str, Any]], pred: list[Any] | None, cols: list[tuple[str, str]] | None = None
) -> tuple[int, int, int]:
    """Greedy one-to-one row match on ``cols`` (default: description, quantity, unit price, amount);
    returns (correct cells of matched rows, truth cells, predicted cells)."""
    cols = cols or LINE_COLS
    rows = [{k: value_of(v) for k, v in (p or {}).items()} for p in (pred or [])]
    used: set[int] = set()
    good = 0
    tcells = sum(1 for t in truth for c, _ in cols if t.get(c) is not None)
    pcells = sum(1 for p in rows for c, _ in cols if p.get(c) not in (None, ""))
    for t in truth:
        best, best_n = None, 0
        for j, p in enumerate(rows):
            if j in used:
                continue
            n = sum(1 for c, k in cols if t.get(c) is not None and same(k, t[c], p.get(c)))
            if n > best_n:
                best, best_n = j, n
        if best is not None:
            used.add(best)
            good += best_n
    return good, tcells, pcells


def f1(correct: int, wrong: int, missing: int) -> float:
    """F1 with precision = correct / predicted and recall = correct / truth."""
    p = correct / (correct + wrong) if correct + wrong else 0.0
    r = correct / (correct + wrong + missing) if correct + wrong + missing else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class SetScore:
    """Counts per field (correct, wrong, missing) and line-item cells for one set."""

    name: str
    documents: int = 0
    no_result: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)
    lines: list[int] = field(default_factory=lambda: [0, 0, 0])
    outcomes: list[tuple[str, str, str]] = field(default_factory=list)  # (doc, field, correct|wrong|missing)

    def add(self, doc_id: str, truth: Truth, tlines: Lines, result: dict[str, Any]) -> None:
        """Score one document's result (the native JSON dict; {} when there is none)."""
        self.documents += 1
        if not result:
            self.no_result += 1
        fields = result.get("fields") or {}
        for name, (kind, tv) in truth.items():
            if tv in (None, ""):
                continue
            c = self.fields.setdefault(name, [0, 0, 0])
            pv = value_of(fields.get(name))
            outcome = "missing" if pv in (None, "") else "correct" if same(kind, tv, pv) else "wrong"
            c[("correct", "wrong", "missing").index(outcome)] += 1
            self.outcomes.append((doc_id, name, outcome))
        if tlines:
            cols = line_cols(tlines) if self.name == "canonical" else None
            g, t, q = score_lines(tlines, result.get("line_items"), cols)
            self.lines = [self.lines[0] + g, self.lines[1] + t, self.lines[2] + q]

    def report(self) -> dict[str, Any]:
        """The same numbers as score.py --json."""
        tot = [sum(v[i] for v in self.fields.values()) for i in range(3)]
        out: dict[str, Any] = {
            "set": self.name,
            "documents": self.documents,
            "no_result": self.no_result,
            "fields": {
                k: {"correct": v[0], "wrong": v[1], "missing": v[2], "f1": round(f1(*v), 4)}
                for k, v in sorted(self.fields.items())
            },
            "overall_f1": round(f1(*tot), 4),
            "overall": {"correct": tot[0], "wrong": tot[1], "missing": tot[2]},
        }
        if self.lines[1]:
            g, t, q = self.lines
            p, r = (g / q if q else 0.0), g / t
            cells_f1 = round(2 * p * r / (p + r) if p + r else 0.0, 4)
            out["line_cells"] = {"correct": g, "truth": t, "predicted": q, "f1": cells_f1}
        return out
