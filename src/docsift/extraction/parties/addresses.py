"""Addresses: the lines of a party's block under (or beside) its name that make up its address.

From the chosen name, the block is walked downwards segment by segment (and the rest of the name's
line, for "Name - Street - City" headers). A LightGBM model (``models/addresses.lgb``) scores
each segment as part of the address from its shape (house numbers, postcodes, street words,
commas), its distance from the name, and the labels on it (a phone, tax or registration number is
not address). The address is the run of accepted segments, joined with ", ".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from docsift.extraction.document.analysis import Analysis
from docsift.extraction.document.segments import Seg, lexicon, split_parts, sub_segment

ADDRESS_ROLES = ("vendor_address", "customer_address", "shipping_address")
MAX_LINES = 8
MAX_SKIP = 3
POSTCODE_REACH = 2  # steps after an accepted run searched for the postcode line that ends it
POSTCODE_FLOOR = 0.02  # the least score of the lines taken up to that postcode line
NOT_ADDRESS = {
    "vendor_phone", "vendor_email", "vendor_tax_id", "customer_tax_id", "local_tax_number", "fax", "website",
    "invoice_number", "invoice_date", "due_date", "customer_number", "page", "cashier", "iban", "bic",
    "vendor_pan", "purchase_order", "delivery_date", "time_context", "transaction_time",
}  # fmt: skip
ADDRESS_FEATURES: tuple[str, ...] = (
    "role", "step", "dy", "dx", "same_line", "rel_font", "n_words", "n_chars", "digit_frac", "alpha_frac",
    "upper_frac", "postcode", "street", "region", "commas", "ends_comma", "prev_ends_comma", "other_labels",
    "address_label", "legal", "has_amount", "has_date", "receipt", "ocr", "gap_up", "paren", "starts_digit",
    "registration", "has_digit", "words_before_digit", "ocr_min", "postcode_ahead", "postcode_behind",
)  # fmt: skip
# a company registration number standing alone or at the end: "(001610235-P)", "1030214K", "No. 373665-A"
REGISTRATION = re.compile(r"^\W*\(?\s*[A-Z]{0,3}\d{4,}[-\s]?[A-Z]\s*\)?\W*$|\b\d{5,}-[A-Z]\b")
_POSTCODE = re.compile(r"\b\d{5,6}\b|\b\d{3} \d{3}\b|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|\b\d{4}\b")
_STRICT_POSTCODE = re.compile(r"(?<![\d-])\d{5,6}(?![\d-])|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
_AMOUNT = re.compile(r"\d[.,]\d{2}\b")
_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")


@dataclass(slots=True, eq=False)
class AddrCand:
    """A segment that may belong to an address, with its place in the walk from the name."""

    seg: Seg
    step: int  # 0 for the rest of the name's line, 1 for the segment under the name, ...
    prev: Seg | None
    row: list[float] | None = None
    score: float = 0.0


def address_candidates(name_segs: list[Seg], name_w1: int) -> list[AddrCand]:
    """Segments after a name (given by its segments and the end word of its first one)."""
    out: list[AddrCand] = []
    first = name_segs[0]
    line = first.line
    rest_start = name_w1
    rest_end = max(b for a, b in line.segments if a <= first.w0 < b) if line.segments else first.w1
    if rest_start < rest_end:
        whole = sub_segment(first, rest_start, rest_end)
        for a, b in split_parts(whole):
            out.append(AddrCand(sub_segment(first, a, b), 0, first))
    prev = name_segs[-1]
    cur = prev.down
    step = 1
    while cur is not None and step <= MAX_LINES:
        out.append(AddrCand(cur, step, prev))
        prev, cur, step = cur, cur.down, step + 1
    return out


def postcode_steps(cands: list[AddrCand]) -> list[int]:
    """The walk steps of the candidates that hold a postcode (five or six digits, or a UK/CA form)."""
    return [c.step for c in cands if _STRICT_POSTCODE.search(c.seg.text)]


def address_row(
    role: str, c: AddrCand, anchor: Seg, analysis: Analysis, postcodes: Sequence[int] = ()
) -> list[float]:
    """The feature row (ADDRESS_FEATURES) of ``c`` as part of the address of ``role``; ``postcodes``
    are the steps of the walk that hold a postcode (see postcode_steps)."""
    seg = c.seg
    text = seg.text
    compact = text.replace(" ", "")
    n = max(len(compact), 1)
    prev_text = c.prev.text if c.prev is not None else ""
    others = [cls for cls in seg.labels if cls in NOT_ADDRESS]
    return [
        float(ADDRESS_ROLES.index(role)),
        float(c.step),
        (seg.bbox[1] - anchor.bbox[1]) / anchor.height,
        seg.bbox[0] - anchor.bbox[0],
        float(seg.line is anchor.line),
        seg.line.font / max(anchor.line.font, 1e-3),
        float(seg.w1 - seg.w0),
        float(len(compact)),
        sum(ch.isdigit() for ch in compact) / n,
        sum(ch.isalpha() for ch in compact) / n,
        sum(ch.isupper() for ch in compact) / n,
        float(bool(_POSTCODE.search(text))),
        float(bool(lexicon("street_words").find(seg.toks))),
        float(bool(lexicon("regions").find(seg.toks))),
        float(text.count(",")),
        float(text.rstrip().endswith(",")),
        float(prev_text.rstrip().endswith(",")),
        float(len(others)),
        float("address_label" in seg.labels),
        float(bool(lexicon("legal_forms").find(seg.toks))),
        float(bool(_AMOUNT.search(text))),
        float(bool(_DATE.search(text))),
        float(analysis.doc_type == "receipt"),
        float(analysis.stats.ocr),
        seg.gap_up,
        float("(" in text),
        float(text[:1].isdigit()),
        float(bool(REGISTRATION.search(text))),
        float(any(ch.isdigit() for ch in text)),
        float(next((i for i, w in enumerate(text.split()) if any(ch.isdigit() for ch in w)), 20)),
        min(w.confidence for w in seg.line.words[seg.w0 : seg.w1]),
        float(any(0 < s - c.step <= 3 for s in postcodes)),  # the address goes on below this line
        float(any(s < c.step for s in postcodes)),  # the address ended above this line
    ]


def assemble(cands: list[AddrCand], threshold: float = 0.5) -> list[AddrCand]:
    """The accepted run: segments scoring at least ``threshold``, in walk order, from the first
    accepted one (up to MAX_SKIP rejected segments, such as a registration number, may precede it)
    up to the first rejected one after it; then, when a postcode line follows within
    POSTCODE_REACH steps and scores at least POSTCODE_FLOOR, the run goes on to it (an address ends
    at its postcode line; a misread town name there scores low on its own)."""
    walk = sorted(cands, key=lambda c: (c.step, c.seg.bbox[0]))
    chosen: list[AddrCand] = []
    skipped = 0
    end = len(walk)
    for i, c in enumerate(walk):
        if c.score >= threshold:
            chosen.append(c)
        elif chosen and c.step > 0:
            end = i
            break
        elif c.step > 0:
            skipped += 1
            if skipped > MAX_SKIP:
                return chosen
    if chosen and end < len(walk):
        last = chosen[-1].step
        rest = [c for c in walk[end:] if c.step <= last + POSTCODE_REACH]
        tail = max((i for i, c in enumerate(rest) if _STRICT_POSTCODE.search(c.seg.text)), default=None)
        if tail is not None and all(c.score >= POSTCODE_FLOOR for c in rest[: tail + 1]):
            chosen += rest[: tail + 1]
    return chosen
