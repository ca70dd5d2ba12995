"""Party name candidates and their features (see parties.py for how they are chosen).

Name candidates are segments of the first page (with a leading label such as "Name:" or
"Bill To:" cut off, the first part of "Name - Street - City", the words up to a legal form), and
pairs of stacked segments for names printed on two lines (never a document title). Features:
position, size, shape (a legal form such as GmbH or Sdn Bhd, digits, case), the party labels of
the block and the section above ("Verkäufer", "Bill To", "Ship To"), and what is printed below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from docsift.extraction.confidence.calibration import spans_confidence
from docsift.extraction.document.analysis import Analysis
from docsift.extraction.document.sections import PARTY_LABELS, section_label
from docsift.extraction.document.segments import Seg, lexicon, split_parts, sub_segment
from docsift.extraction.fields.features import class_code
from docsift.extraction.knowledge.files import load_labels
from docsift.extraction.knowledge.lexicon import Lexicon, tokens
from docsift.extraction.knowledge.registry import role_code
from docsift.extraction.models.space import NAN, FeatureSpace, Row
from docsift.extraction.parties.addresses import REGISTRATION
from docsift.reading.model import union_bbox

ROLE_LABELS = set(PARTY_LABELS)  # the label classes of party names
STRIP = ROLE_LABELS | {"name_label", "issuer_tax_id", "recipient_tax_id"}
MAX_WORDS = 14
BLOCK_STEPS = 6
NAME_SPACE = FeatureSpace(
    "names",
    (
        "role", "x0", "x1", "yc", "page_idx", "line_frac", "seg_rank", "rel_font", "font_rank", "n_words",
        "n_chars", "upper_frac", "digit_frac", "alpha_frac", "legal", "legal_end", "two_line", "stripped",
        "left_code", "left_is_r", "block_code", "block_is_r", "block_steps", "section_code", "section_is_r",
        "section_dy", "line_segs", "line_labels", "title_word", "n_occ", "domain", "next_addr", "receipt",
        "ocr", "part", "colon_end", "first_alpha", "alpha_rank", "centered", "next_reg", "ocr_min",
        "rest_reg", "own_street", "comma_end", "up_addr", "salutation", "up_salutation", "body_words",
        "right_digits",
    ),
    categorical=("role", "left_code", "block_code", "section_code"),
)  # fmt: skip
_POSTCODE = re.compile(r"\b\d{5,6}\b|\b\d{3} ?\d{3}\b|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|\b\d{4}\b")
_DOMAIN = re.compile(r"(?:www\.|@|https?://)([\w-]+)")


@dataclass(slots=True, eq=False)
class NameCand:
    """A possible party name: its segment (or two stacked ones) and its text."""

    seg: Seg
    second: Seg | None
    text: str
    stripped: str | None  # class of the label cut off its start
    part: bool  # the first part of a "Name - Street" segment
    salutation: bool = False  # a salutation ("Herrn", "Mr.", "M/s") was cut off its start
    features: Row | None = None
    score: float = 0.0

    @property
    def segs(self) -> list[Seg]:
        return [self.seg] if self.second is None else [self.seg, self.second]


@cache
def _doctype_lexicon(part: str) -> Lexicon:
    """The ``part`` words of every document type in doctypes.yaml, all types together: "title" (the
    titles documents give themselves, "Tax Invoice", "Kassenbon") or "body" (words printed in the
    body, "Thank you", "Cashier", "Bill To": a name holding them is a sentence or a label)."""
    types = load_labels("doctypes.yaml")["types"]
    return Lexicon({name: [str(t) for t in spec[part]] for name, spec in types.items()})


def _title_words() -> set[str]:
    words: set[str] = set()
    for spec in load_labels("doctypes.yaml")["types"].values():
        for title in spec["title"]:
            words.update(str(title).split())
    return words


def _strip_label(seg: Seg) -> tuple[Seg, str | None, bool]:
    """``seg`` without a leading label, the label's class, and whether the label surely is one
    (it ends with a colon); a label word without a colon may be part of the name ("Lieferant GmbH")."""
    for hit in seg.line.labels:
        a, b = seg.line.label_words(hit)
        if a == seg.w0 and b < seg.w1 and hit.classes & STRIP:
            cls = sorted(hit.classes & STRIP)[0]
            sure = seg.line.words[b - 1].text.endswith((":", "-")) or seg.line.words[b].text in (":", "-")
            start = b + 1 if seg.line.words[b].text in (":", "-") else b
            if start < seg.w1:
                return sub_segment(seg, start, seg.w1), cls, sure
    return seg, None, True


def _plausible(seg: Seg) -> bool:
    """Whether ``seg`` can be a name: letters enough, not too long, no "label:" inside ("Total incl.
    GST:RM", "Cashier: Anna"), and more than a legal form ("GmbH" left over when a label word opens
    a name is no name)."""
    letters = sum(ch.isalpha() for ch in seg.text)
    if letters < 2 or letters < 0.4 * len(seg.text.replace(" ", "")) or seg.w1 - seg.w0 > MAX_WORDS:
        return False
    if ":" in seg.text.rstrip(":"):
        return False
    return sum(h.length for h in lexicon("legal_forms").find(seg.toks)) < len(seg.toks)


def _is_title(seg: Seg, titles: Lexicon) -> bool:
    hits = titles.find(seg.toks)
    return bool(hits) and sum(h.length for h in hits) >= len(seg.toks) - 1


def name_candidates(segs: list[Seg]) -> list[NameCand]:
    """Every plausible name on a page's segments."""
    titles = _doctype_lexicon("title")
    out: list[NameCand] = []
    for seg in segs:
        base, cls, sure = _strip_label(seg)
        if not sure and _plausible(seg):
            out.append(NameCand(seg, None, seg.text, None, False))
        parts = split_parts(base)
        if len(parts) > 1 and parts[0][1] - parts[0][0] >= 1:
            first = sub_segment(base, *parts[0])
            if _plausible(first):
                out.append(NameCand(first, None, first.text, cls, True))
        bare = _strip_salutation(base)
        for name, salutation in [(base, False)] + ([(bare, True)] if bare is not None else []):
            out += _stacked_candidates(name, cls, salutation, titles)
    return out


def _stacked_candidates(base: Seg, cls: str | None, salutation: bool, titles: Lexicon) -> list[NameCand]:
    """``base`` as a name, the words up to its legal form, and (unless a document title is
    involved) ``base`` with the segment under it for a name printed over two lines."""
    if not _plausible(base) or _is_label(base):
        return []  # a label ("Nummer :") is no name, nor the start of one
    out = [NameCand(base, None, base.text, cls, False, salutation)]
    legal_end = _legal_form_end(base)
    if legal_end is not None:
        head = sub_segment(base, base.w0, legal_end)
        out.append(NameCand(head, None, head.text, cls, True, salutation))
    below = base.down
    if _is_title(base, titles) or below is None or _is_title(below, titles):
        return out  # a document title ("TAX INVOICE") is not part of a name
    if below.gap_up < 0.8 and below.w1 - below.w0 + base.w1 - base.w0 <= MAX_WORDS:
        ratio = below.line.font / max(base.line.font, 1e-3)
        if 0.8 <= ratio <= 1.25 and _plausible(below) and not below.labels:
            out.append(NameCand(base, below, f"{base.text} {below.text}", cls, False, salutation))
            below_end = _legal_form_end(below)
            if below_end is not None:
                tail = sub_segment(below, below.w0, below_end)
                out.append(NameCand(base, tail, f"{base.text} {tail.text}", cls, True, salutation))
    return out


def _is_label(seg: Seg) -> bool:
    """Whether ``seg`` is the label of a "label: value" pair (it ends with a colon, or the next word
    on its line is one)."""
    nxt = seg.line.words[seg.w1].text if seg.w1 < len(seg.line.words) else ""
    return seg.text.rstrip().endswith(":") or nxt.startswith(":")


def _strip_salutation(seg: Seg) -> Seg | None:
    """``seg`` without the salutation it starts with ("Herrn Max Muster" -> "Max Muster"), or None
    when it starts with none or is nothing but one."""
    hits = lexicon("salutations").find(seg.toks)
    if not hits or hits[0].start != 0:
        return None
    words = _token_words(seg)
    start = words[hits[0].end - 1] + 1
    return sub_segment(seg, start, seg.w1) if start < seg.w1 else None


def _token_words(seg: Seg) -> list[int]:
    """The word index (in its line) of each token of ``seg``."""
    return [i for i in range(seg.w0, seg.w1) for _ in tokens(seg.line.words[i].text)]


def _only_salutation(seg: Seg | None) -> float:
    """1 when ``seg`` is nothing but a salutation (a "Herrn" line over the name)."""
    if seg is None or not seg.toks:
        return 0.0
    hits = lexicon("salutations").find(seg.toks)
    return float(bool(hits) and hits[0].start == 0 and hits[0].end == len(seg.toks))


def _legal_form_end(seg: Seg) -> int | None:
    """The word after a legal form ("GmbH", "Sdn Bhd") that is followed by more words, or None."""
    line = seg.line
    toks: list[str] = []
    tok_word: list[int] = []
    for i in range(seg.w0, seg.w1):
        for t in tokens(line.words[i].text):
            toks.append(t)
            tok_word.append(i)
    hits = lexicon("legal_forms").find(toks)
    if not hits:
        return None
    end_word = tok_word[hits[-1].end - 1] + 1
    return end_word if seg.w0 < end_word < seg.w1 else None


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


@dataclass
class NameContext:
    """Document-wide facts for name features."""

    occurrences: dict[str, int]
    domains: list[str]
    titles: set[str]
    font_rank: dict[int, float]  # line number -> share of lines printed larger
    alpha_rank: dict[int, int]  # line number -> rank among lines holding a plausible name
    center: float  # horizontal centre of the page's text (in shares of the text's extent)
    extent: tuple[float, float, float, float]  # the box of the page's text (a slip on a large scan)

    def rel_x(self, x: float) -> float:
        """``x`` (page widths) as a share of the text's width from its left edge."""
        return (x - self.extent[0]) / max(self.extent[2] - self.extent[0], 1e-3)


def name_context(analysis: Analysis, segs: list[Seg]) -> NameContext:
    """The NameContext of a document whose first-page segments are ``segs``."""
    occ: dict[str, int] = {}
    for line in analysis.index.lines:
        for a, b in line.segments:
            key = _norm(" ".join(w.text for w in line.words[a:b]))
            if len(key) >= 3:
                occ[key] = occ.get(key, 0) + 1
    domains = []
    for line in analysis.index.lines:
        domains += [m.group(1).lower().replace("-", "") for m in _DOMAIN.finditer(line.text)]
    fonts = sorted({s.line.font for s in segs}, reverse=True)
    rank = {s.line.number: fonts.index(s.line.font) / max(len(fonts), 1) for s in segs}
    lines = sorted({s.line.number: s.line for s in segs if _plausible(s)}.values(), key=lambda li: li.bbox[1])
    alpha = {li.number: i for i, li in enumerate(lines)}
    extent = _text_extent(segs)
    width = max(extent[2] - extent[0], 1e-3)
    centers = sorted(((s.bbox[0] + s.bbox[2]) / 2 - extent[0]) / width for s in segs) or [0.5]
    return NameContext(occ, domains, _title_words(), rank, alpha, centers[len(centers) // 2], extent)


def _text_extent(segs: list[Seg]) -> tuple[float, float, float, float]:
    """The box of the segments holding at least three letters or digits (specks and stray marks
    left out); the whole page when there are none."""
    boxes = [s.bbox for s in segs if sum(ch.isalnum() for ch in s.text) >= 3]
    return union_bbox(boxes) if boxes else (0.0, 0.0, 1.0, 1.0)


def _rest_registration(seg: Seg) -> float:
    """1 when the words after ``seg`` on its line read like a company registration number
    ("THE NAME SDN BHD (123456-X)")."""
    rest = seg.line.words[seg.w1 : seg.w1 + 4]
    return float(bool(rest) and bool(REGISTRATION.search(" ".join(w.text for w in rest))))


def _block_label(seg: Seg) -> tuple[str | None, int]:
    cur, steps = seg.up, 1
    while cur is not None and steps <= BLOCK_STEPS:
        roles = [c for c in cur.labels if c in ROLE_LABELS]
        if roles:
            return roles[0], steps
        cur, steps = cur.up, steps + 1
    return None, 0


def _left_label(seg: Seg) -> str | None:
    best = None
    for hit in seg.line.labels:
        _, b = seg.line.label_words(hit)
        if b <= seg.w0:
            best = hit
    if best is None:
        return None
    roles = sorted(best.classes & ROLE_LABELS)
    return roles[0] if roles else sorted(best.classes)[0]


def _right_digits(seg: Seg) -> float:
    """The share of digits in the segment right of ``seg`` on its line (a key's value: "Nummer
    GE2020211" read without its colon), NaN when nothing stands there."""
    for a, b in seg.line.segments:
        if a >= seg.w1:
            return _digit_share("".join(w.text for w in seg.line.words[a:b]))
    return NAN


def _digit_share(compact: str) -> float:
    """The share of digits among the characters of ``compact`` (text without spaces)."""
    return sum(ch.isdigit() for ch in compact) / max(len(compact), 1)


def _registration_like(seg: Seg | None) -> float:
    """1 when ``seg`` reads like a company registration or tax number line."""
    if seg is None:
        return 0.0
    if any(c in ("local_tax_number", "issuer_tax_id") for c in seg.labels):
        return 1.0
    return float(bool(REGISTRATION.search(seg.text)))


def _address_like(seg: Seg | None) -> float:
    if seg is None:
        return 0.0
    street = bool(lexicon("street_words").find(seg.toks))
    digits = any(ch.isdigit() for ch in seg.text)
    return float(digits and (street or bool(_POSTCODE.search(seg.text))))


def for_role(role: str, base: Row, labels: tuple[str | None, str | None, str | None]) -> Row:
    """A name row computed without a role (see name_base) turned into the row of ``role`` (the
    label class of a party name role, such as "recipient_name")."""
    row = dict(base)
    left, block, section = labels
    row["role"] = float(role_code(role))
    row["left_is_r"] = float(left == role)
    row["block_is_r"] = float(block == role)
    row["section_is_r"] = float(section == role)
    return row


def _shape(text: str, toks: list[str], row: Row) -> None:
    """Words, characters, shares of capitals / digits / letters, legal form anywhere and at the end."""
    compact = text.replace(" ", "")
    n = max(len(compact), 1)
    legal = lexicon("legal_forms").find(toks)
    row["n_words"] = float(len(text.split()))
    row["n_chars"] = float(len(compact))
    row["upper_frac"] = sum(ch.isupper() for ch in compact) / n
    row["digit_frac"] = _digit_share(compact)
    row["alpha_frac"] = sum(ch.isalpha() for ch in compact) / n
    row["legal"] = float(bool(legal))
    row["legal_end"] = float(bool(legal) and legal[-1].end >= len(toks) - 1)


def name_base(
    c: NameCand, ctx: NameContext, analysis: Analysis
) -> tuple[Row, tuple[str | None, str | None, str | None]]:
    """The role-independent features of ``c`` and its (left, block, section) party labels;
    ``for_role`` turns them into the row of one role."""
    seg, last = c.seg, c.second or c.seg
    text = c.text
    line = seg.line
    page = analysis.index.pages[line.page]
    toks = [t for s in c.segs for t in s.toks]
    left = c.stripped or _left_label(seg)
    block, steps = _block_label(seg)
    section, section_dy = section_label(analysis.index, seg.page, seg.bbox)
    core = _norm(" ".join(t for t in toks if not lexicon("legal_forms").contains([t])))
    x1 = max(seg.bbox[2], last.bbox[2])
    row = NAME_SPACE.row()
    row["x0"], row["x1"], row["yc"] = seg.bbox[0], x1, (seg.bbox[1] + last.bbox[3]) / 2
    row["page_idx"] = float(line.page)
    row["line_frac"] = line.pos / max(len(page.lines), 1)
    row["seg_rank"] = float(min(seg.index, 40))
    row["rel_font"] = line.font / page.median_font if page.median_font else 1.0
    row["font_rank"] = ctx.font_rank.get(line.number, NAN)
    _shape(text, toks, row)
    row["two_line"] = float(c.second is not None)
    row["stripped"] = float(c.stripped is not None)
    row["left_code"] = float(class_code(left)) if left else NAN
    row["block_code"] = float(class_code(block)) if block else NAN
    row["block_steps"] = float(steps)
    row["section_code"] = float(class_code(section)) if section else NAN
    row["section_dy"] = section_dy
    row["line_segs"] = float(len(line.segments))
    row["line_labels"] = float(len(line.labels))
    row["title_word"] = float(any(t in ctx.titles for t in toks))
    row["body_words"] = float(sum(h.length for h in _doctype_lexicon("body").find(toks)))
    row["n_occ"] = float(ctx.occurrences.get(_norm(text), 0))
    row["domain"] = float(
        any(len(core) >= 4 and (core in d or d in core) for d in ctx.domains if len(d) >= 4)
    )
    row["next_addr"] = _address_like(last.down)
    row["receipt"] = float(analysis.doc_type == "receipt")
    row["ocr"] = float(analysis.ocr)
    row["part"] = float(c.part)
    row["colon_end"] = float(text.rstrip().endswith(":"))
    row["first_alpha"] = float(text[:1].isalpha())
    row["alpha_rank"] = float(min(ctx.alpha_rank.get(line.number, 40), 40))
    row["centered"] = abs(ctx.rel_x((seg.bbox[0] + x1) / 2) - ctx.center)
    row["next_reg"] = _registration_like(last.down)
    row["ocr_min"] = spans_confidence(c.segs)
    row["rest_reg"] = _rest_registration(last)
    row["own_street"] = float(bool(lexicon("street_words").find(toks)))
    row["comma_end"] = float(text.rstrip().endswith(","))
    row["right_digits"] = _right_digits(seg)
    row["up_addr"] = max(
        _address_like(seg.up), float(seg.up is not None and seg.up.text.rstrip().endswith(","))
    )
    return row, (left, block, section)
