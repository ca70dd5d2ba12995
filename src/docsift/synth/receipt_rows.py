"""The rows of a receipt: merchant header, references, items, totals and tender."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from docsift.synth.knowledge import pick
from docsift.synth.model import Content
from docsift.synth.receipt_header import wrap_text

if TYPE_CHECKING:
    from docsift.synth.layout_receipt import ReceiptPlan, Seg

TIME_FORMATS = [("%H:%M", False), ("%H:%M:%S", True), ("%I:%M %p", False), ("%I:%M:%S %p", True)]


def _seg(*args: object, **kw: object) -> Seg:
    from docsift.synth.layout_receipt import Seg

    return Seg(*args, **kw)  # type: ignore[arg-type]


def _fill(words: dict, key: str, value: str, rng: random.Random, field: str) -> Seg:
    template = pick(rng, words[key])
    start = template.index("{")
    text = template[:start] + value + template[template.index("}") + 1 :]
    return _seg(text, "center", spans=((field, start, start + len(value)), (f"label:{field}", 0, start)))


def header_rows(rng: random.Random, c: Content, words: dict, plan: ReceiptPlan) -> list[list[Seg]]:
    """Merchant name, registration, address, phone, tax id, title, references, date and time."""
    from docsift.synth.receipt_header import merchant_rows

    m = c.parties["merchant"]
    rows = merchant_rows(rng, c, words, plan)
    if m.phone and rng.random() < 0.85:
        rows.append([_fill(words, "phone", m.phone, rng, "merchant_phone")])
    if m.tax_id:
        rows.append([_fill(words, "tax_id", m.tax_id, rng, "merchant_tax_id")])
    rows.append([_seg("")])
    if rng.random() < 0.7:
        rows.append([_seg(pick(rng, words["titles"]), "center", bold=True)])
    return rows + _reference_rows(rng, c, words, plan)


def _reference_rows(rng: random.Random, c: Content, words: dict, plan: ReceiptPlan) -> list[list[Seg]]:
    from docsift.synth.layout_receipt import labelled

    d, t = c.dates["transaction_date"], c.times["transaction_time"]
    date_text = c.formats.date(d)
    fmt, _ = pick(rng, TIME_FORMATS)
    time_text = t.strftime(fmt)
    c.fields["transaction_time"] = t.strftime("%H:%M:%S" if "%S" in fmt else "%H:%M")
    number = labelled(
        pick(rng, words["receipt_no"]),
        c.fields["receipt_number"],
        "receipt_number",
        sep=pick(rng, [": ", " : ", " "]),
    )
    rows: list[list[Seg]] = [[number]]
    style = rng.random()
    if style < 0.4:
        rows.append([labelled(pick(rng, words["date"]), date_text, "transaction_date")])
        rows.append([labelled(pick(rng, words["time"]), time_text, "transaction_time")])
    elif style < 0.75:
        dl, tl = pick(rng, words["date"]), pick(rng, words["time"])
        text = f"{dl}: {date_text}  {tl}: {time_text}"
        ds = len(dl) + 2
        ts = text.index(time_text, ds + len(date_text))
        rows.append(
            [
                _seg(
                    text,
                    spans=(
                        ("transaction_date", ds, ds + len(date_text)),
                        ("transaction_time", ts, ts + len(time_text)),
                        ("label:transaction_date", 0, len(dl)),
                    ),
                )
            ]
        )
    else:
        text = f"{date_text} {time_text}"
        rows.append(
            [
                _seg(
                    text,
                    spans=(
                        ("transaction_date", 0, len(date_text)),
                        ("transaction_time", len(date_text) + 1, len(text)),
                    ),
                )
            ]
        )
    if rng.random() < 0.5:
        rng.shuffle(rows)
    if rng.random() < 0.6:
        rows.append([_seg(f"{pick(rng, words['cashier'])}: {c.extra['cashier']}")])
    return rows


def _sep(rng: random.Random, plan: ReceiptPlan) -> list[Seg]:
    return [_seg(pick(rng, ["-", "=", "*", "."]) * plan.chars, "left")]


def body_rows(rng: random.Random, c: Content, words: dict, plan: ReceiptPlan) -> list[list[Seg]]:
    """The item lines in one of three shapes, between separators."""
    f = c.formats
    sep = _sep(rng, plan)
    rows = [sep]
    if rng.random() < 0.5:
        rows += [[_seg(pick(rng, words["items_header"]))], sep]
    shape = rng.choice(["two_line", "one_line", "qty_first"])
    for i, item in enumerate(c.items):
        amount = _seg(f.amount(item.amount), "right", key=f"li:{i}:amount")
        qty, unit = f.qty(item.quantity), f.amount(item.unit_price)
        too_long = len(item.description) + 12 > plan.chars
        if shape == "two_line" or (shape == "one_line" and (too_long or item.quantity != 1)):
            rows.append([_seg(item.description, key=f"li:{i}:description")])
            text = f"  {qty} x {unit}" if rng.random() < 0.7 else f"  {qty} @ {unit}"
            rows.append(
                [
                    _seg(
                        text,
                        spans=(
                            (f"li:{i}:quantity", 2, 2 + len(qty)),
                            (f"li:{i}:unit_price", len(text) - len(unit), len(text)),
                        ),
                    ),
                    amount,
                ]
            )
        elif shape == "qty_first" and not too_long:
            text = f"{qty} {item.description}"
            rows.append(
                [
                    _seg(
                        text,
                        spans=(
                            (f"li:{i}:quantity", 0, len(qty)),
                            (f"li:{i}:description", len(qty) + 1, len(text)),
                        ),
                    ),
                    amount,
                ]
            )
        else:
            rows.append([_seg(item.description, key=f"li:{i}:description"), amount])
    rows.append(sep)
    if rng.random() < 0.4:
        q = sum((i.quantity for i in c.items), Decimal(0))
        text = pick(rng, words["count"]).replace("{n}", str(len(c.items))).replace("{q}", f.qty(q))
        rows += [[_seg(text)], sep]
    return rows


def total_rows(rng: random.Random, c: Content, words: dict, plan: ReceiptPlan) -> list[list[Seg]]:
    """Subtotal, tax, tip, rounding, total, tender, change and the closing lines."""
    f, a = c.formats, c.amounts
    mark_all = rng.random() < 0.3

    def row(label: str, value: str, key: str | None, bold: bool = False) -> list[Seg]:
        return [
            _seg(label, key=f"label:{key}" if key else None, bold=bold),
            _seg(value, "right", key=key, bold=bold),
        ]

    rows: list[list[Seg]] = []
    if "total_tax" in a or "tip" in a or rng.random() < 0.5:
        rows.append(row(pick(rng, words["subtotal"]), f.amount(a["subtotal"], mark_all), "subtotal"))
    if "total_tax" in a:
        label = pick(rng, words["tax"]).replace("{rate}", f.rate(c.taxes[0].rate))
        rows.append(row(label, f.amount(a["total_tax"], mark_all), "total_tax"))
    if "tip" in a:
        rows.append(row(pick(rng, words["tip"]), f.amount(a["tip"], mark_all), "tip"))
    if "rounding" in a:
        rows.append(row(pick(rng, words["rounding"]), f.amount(a["rounding"], mark_all), None))
    total_text = f.amount(a["total"], mark=rng.random() < 0.6 or mark_all)
    total = row(pick(rng, words["total"]), total_text, "total", bold=True)
    mark = f.money.mark
    if mark and mark in total_text:
        start = total_text.index(mark)
        total[1].spans = (("currency", start, start + len(mark)),)
    rows.append(total)
    rows += _tender_rows(rng, c, words, row)
    rows.append(_sep(rng, plan))
    for _ in range(rng.randrange(1, 3)):
        rows += [[_seg(line, "center")] for line in wrap_text(pick(rng, words["thanks"]), plan.chars)]
    return rows


def _tender_rows(
    rng: random.Random, c: Content, words: dict, row: Callable[..., list[Seg]]
) -> list[list[Seg]]:
    f, a = c.formats, c.amounts
    word = c.extra["payment_word"]
    if "cash" in a:
        rows = [row(word, f.amount(a["cash"]), "payment_method_amount")]
        rows[0][0].key = "payment_method"
        rows.append(row(pick(rng, words["change"]), f.amount(a["change"]), None))
        return rows
    text = f"{word} ****{c.extra['card_tail']}" if c.extra["payment_method"] == "card" else word
    seg_row = row(text, f.amount(a["card"]), None)
    seg_row[0].spans = (("payment_method", 0, len(word)),)
    return [seg_row]
