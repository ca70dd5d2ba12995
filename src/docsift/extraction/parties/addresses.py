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
from docsift.extraction.knowledge.registry import role_code
from docsift.extraction.models.space import FeatureSpace, Row

MAX_LINES = 8
MAX_SKIP = 3
POSTCODE_REACH = 2  # steps after an accepted run searched for the postcode line that ends it
POSTCODE_FLOOR = 0.02  # the least score of the lines taken up to that postcode line
NOT_ADDRESS = {
    "issuer_phone", "issuer_email", "issuer_tax_id", "recipient_tax_id", "local_tax_number", "fax", "website",
    "document_number", "document_date", "due_date", "customer_number", "page", "cashier", "iban", "bic",
    "issuer_pan", "order_reference", "delivery_date", "time_context", "time", "contact_person",
}  # fmt: skip
ADDRESS_SPACE = FeatureSpace(
    "addresses",
    (
        "role", "step", "dy", "dx", "same_line", "rel_font", "n_words", "n_chars", "digit_frac", "alpha_frac",
        "upper_frac", "postcode", "street", "region", "commas", "ends_comma", "prev_ends_comma",
        "other_labels", "address_label", "legal", "has_amount", "has_date", "receipt", "ocr", "gap_up",
        "paren", "starts_digit", "registration", "has_digit", "words_before_digit", "ocr_min",
        "postcode_ahead", "postcode_behind",
    ),
    categorical=("role",),
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
    features: Row | None = None
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
) -> Row:
    """The features of ``c`` as part of the address of ``role`` (an address role such as
    "issuer_address"); ``postcodes`` are the steps of the walk that hold a postcode (see
    postcode_steps)."""
    seg = c.seg
    text = seg.text
    compact = text.replace(" ", "")
    n = max(len(compact), 1)
    prev_text = c.prev.text if c.prev is not None else ""
    words = text.split()
    row = ADDRESS_SPACE.row()
    row["role"] = float(role_code(role))
    row["step"] = float(c.step)
    row["dy"] = (seg.bbox[1] - anchor.bbox[1]) / anchor.height
    row["dx"] = seg.bbox[0] - anchor.bbox[0]
    row["same_line"] = float(seg.line is anchor.line)
    row["rel_font"] = seg.line.font / max(anchor.line.font, 1e-3)
    row["n_words"] = float(seg.w1 - seg.w0)
    row["n_chars"] = float(len(compact))
    row["digit_frac"] = sum(ch.isdigit() for ch in compact) / n
    row["alpha_frac"] = sum(ch.isalpha() for ch in compact) / n
    row["upper_frac"] = sum(ch.isupper() for ch in compact) / n
    row["postcode"] = float(bool(_POSTCODE.search(text)))
    row["street"] = float(bool(lexicon("street_words").find(seg.toks)))
    row["region"] = float(bool(lexicon("regions").find(seg.toks)))
    row["commas"] = float(text.count(","))
    row["ends_comma"] = float(text.rstrip().endswith(","))
    row["prev_ends_comma"] = float(prev_text.rstrip().endswith(","))
    row["other_labels"] = float(sum(1 for cls in seg.labels if cls in NOT_ADDRESS))
    row["address_label"] = float("address_label" in seg.labels)
    row["legal"] = float(bool(lexicon("legal_forms").find(seg.toks)))
    row["has_amount"] = float(bool(_AMOUNT.search(text)))
    row["has_date"] = float(bool(_DATE.search(text)))
    row["receipt"] = float(analysis.doc_type == "receipt")
    row["ocr"] = float(analysis.ocr)
    row["gap_up"] = seg.gap_up
    row["paren"] = float("(" in text)
    row["starts_digit"] = float(text[:1].isdigit())
    row["registration"] = float(bool(REGISTRATION.search(text)))
    row["has_digit"] = float(any(ch.isdigit() for ch in text))
    row["words_before_digit"] = float(
        next((i for i, w in enumerate(words) if any(ch.isdigit() for ch in w)), 20)
    )
    row["ocr_min"] = min(w.confidence for w in seg.line.words[seg.w0 : seg.w1])
    row["postcode_ahead"] = float(any(0 < s - c.step <= 3 for s in postcodes))  # the address goes on below
    row["postcode_behind"] = float(any(s < c.step for s in postcodes))  # the address ended above this line
    return row


# "Careline: 1800 88 1231", "Tel : +60 3-1234 5678": a label and a phone-like number
_NUMBER_ENTRY = re.compile(r"^[^:\d]{2,30}:\s*[+(]?\d[\d\s()+/-]{6,}$")


def _never_address(seg: Seg) -> bool:
    """Whether ``seg`` can be no address line: a "label: number" entry, or a bare label of a field
    that is no address ("GST Reg. No")."""
    text = seg.text.strip()
    if _NUMBER_ENTRY.match(text):
        return True
    bare = not any(ch.isdigit() for ch in text) and len(text.split()) <= 4
    return bare and any(cls in NOT_ADDRESS for cls in seg.labels)


def address_text(lines: Sequence[Seg]) -> str:
    """The lines of an address as one text, joined with ", " (a comma ending a line is not doubled)."""
    return ", ".join(s.text.rstrip(", ") for s in lines)


def assemble(cands: list[AddrCand], threshold: float = 0.5) -> list[AddrCand]:
    """The accepted run: segments scoring at least ``threshold``, in walk order, from the first
    accepted one (up to MAX_SKIP rejected segments, such as a registration number, may precede it)
    up to the first rejected one after it; then, when a postcode line follows within
    POSTCODE_REACH steps and scores at least POSTCODE_FLOOR, the run goes on to it (an address ends
    at its postcode line; a misread town name there scores low on its own)."""
    walk = sorted(cands, key=lambda c: (c.step, c.seg.bbox[0]))
    for c in walk:
        if _never_address(c.seg):
            c.score = 0.0
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
