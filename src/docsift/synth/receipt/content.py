"""What a receipt says: merchant, items (or fuel, parking, a stay, a trip), money, tender and references.

The axes (``receipt.axes``) are drawn first from their own stream; the content follows them: the region
sets words, formats, taxes and addresses, the trade what is sold, the payment style which totals
are printed and how the bill was paid.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from docsift.synth import parties
from docsift.synth.common import currency_mark, issue_date, make_formats, price
from docsift.synth.fmt import canon_amount, money
from docsift.synth.knowledge import labels, load, locale, pick, weighted
from docsift.synth.model import Content, Item
from docsift.synth.receipt.axes import ReceiptAxes
from docsift.synth.receipt.merchant import FAKER_OF, legal_name, merchant
from docsift.synth.receipt.money import receipt_totals, tender
from docsift.synth.receipt.words import code, digits, price_factor, region_words, trade_info, trade_list

INCONSISTENT_RATE = 0.04
MAX_ITEMS = {"thermal58": 20, "thermal80": 22, "page": 12, "email": 8, "app": 6, "folio": 6}


def receipt_content(rng: random.Random, ax: ReceiptAxes) -> Content:
    """A complete receipt following ``ax`` with consistent arithmetic (a few percent deliberately not)."""
    code_ = load("receipt_axes")["regions"][ax.region]["locale"]
    loc = locale(code_)
    currency, mark = currency_mark(rng, loc, unicode_ok=rng.random() < 0.4)
    c = Content(
        "receipt", code_, loc["language"], currency, make_formats(rng, loc, labels(loc["language"]), mark)
    )
    c.regime = loc["tax"]
    c.extra["style"] = ax.region
    when = issue_date(rng)
    party, extra = merchant(rng, ax, loc, when)
    c.parties["merchant"] = party
    c.extra.update(extra)
    ITEMS.get(ax.trade, _goods)(rng, c, ax)
    receipt_totals(rng, c, ax, when)
    tender(rng, c, ax, region_words(ax.region))
    _references(rng, c, ax, when)
    if rng.random() < INCONSISTENT_RATE and c.items:
        item = max(c.items, key=lambda i: i.quantity)
        item.amount += Decimal("1.00") * rng.choice([1, -1])
        c.inconsistencies.append("line_amount: quantity x unit_price != amount")
    _fields(c)
    return c


QTY = [1, 1, 1, 1, 2, 2, 3, 4, 5, 6, 10]


def _count(rng: random.Random, ax: ReceiptAxes) -> int:
    n = weighted(rng, [(rng.randrange(1, 4), 0.4), (rng.randrange(4, 9), 0.4), (rng.randrange(9, 21), 0.2)])
    return min(n, MAX_ITEMS[ax.format], trade_info(ax.trade).get("max_items", 99))


def _price(rng: random.Random, ax: ReceiptAxes, trade: str) -> Decimal:
    """A price of the trade's range: per region when the trade says so, else scaled by the region."""
    spec = trade_info(trade)["price"]
    if isinstance(spec, dict):
        low, high = spec[ax.region]
        return price(rng, low, high)
    f = price_factor(ax.region)
    return price(rng, spec[0] * f, spec[1] * f)


def _goods(rng: random.Random, c: Content, ax: ReceiptAxes) -> None:
    """Items of a shop, restaurant or delivery order: names of the trade, prices of its range."""
    trade = "restaurant" if ax.trade == "delivery" else ax.trade
    names = trade_list(trade, "items", ax.region)
    for _ in range(_count(rng, ax)):
        qty = Decimal(rng.choice(trade_info(trade).get("qty", QTY)))
        unit = _price(rng, ax, trade)
        code_ = _barcode(rng) if ax.items == "code_line" else None
        c.items.append(Item(pick(rng, names), qty, unit, money(qty * unit), product_code=code_))
    if ax.trade == "delivery":
        _fees(rng, c, ax, ["delivery_fee", "service_fee"])


def _barcode(rng: random.Random) -> str:
    return pick(rng, [digits(rng, 13), digits(rng, 8), f"{code(rng, 4)}-{digits(rng, 3)}", digits(rng, 7)])


def _fees(rng: random.Random, c: Content, ax: ReceiptAxes, names: list[str]) -> None:
    f = Decimal(str(price_factor(ax.region)))
    for name in names:
        if rng.random() < 0.8:
            c.amounts[f"fee:{name}"] = money(Decimal(rng.randrange(50, 500)) / 100 * f)
    if rng.random() < 0.3:
        c.amounts["discount"] = money(Decimal(rng.randrange(100, 800)) / 100 * f)


def _fuel(rng: random.Random, c: Content, ax: ReceiptAxes) -> None:
    """One fuel line (litres x price per litre), sometimes a shop item or two."""
    per_litre = money(_price(rng, ax, "fuel"))
    if rng.random() < 0.5:  # pre-paid round amount: the litres follow
        rough = per_litre * rng.randrange(5, 40)
        amount = money(max(Decimal(10), (rough / 10).to_integral_value() * 10))
        litres = (amount / per_litre).quantize(Decimal("0.001"))
    else:
        litres = Decimal(rng.randrange(3000, 60000)) / 1000
    product = pick(rng, trade_list("fuel", "products", ax.region))
    c.items.append(Item(product, litres, per_litre, money(litres * per_litre), unit="L"))
    c.extra["pump"] = str(rng.randrange(1, 17))
    for _ in range(rng.choice([0, 0, 1, 2])):
        unit = _price(rng, ax, "grocery")
        c.items.append(Item(pick(rng, trade_list("fuel", "shop_items", ax.region)), Decimal(1), unit, unit))


def _parking(rng: random.Random, c: Content, ax: ReceiptAxes) -> None:
    """A parking fee: hours between entry and exit at an hourly rate."""
    minutes = rng.randrange(20, 600)
    rate = money(_price(rng, ax, "parking"))
    hours = Decimal(-(-minutes // 60))
    c.items.append(Item(pick(rng, region_words(ax.region)["parking_fee"]), hours, rate, money(hours * rate)))
    c.extra["parked_minutes"] = str(minutes)
    c.extra["plate"] = f"{code(rng, 3)} {digits(rng, 4)}"


def _hotel(rng: random.Random, c: Content, ax: ReceiptAxes) -> None:
    """Room nights (one line per night) and a few extras; taxes and service are posted by the layout."""
    words = region_words(ax.region)
    nights = rng.randrange(1, 5)
    rate = money(_price(rng, ax, "hotel"))
    label = pick(rng, words["room_charge"])
    for night in range(nights):
        c.items.append(Item(label, Decimal(1), rate, rate))
        c.extra[f"day:{len(c.items) - 1}"] = str(night)
    for _ in range(rng.randrange(0, 3)):
        amount = _price(rng, ax, "restaurant") * rng.randrange(1, 4)
        c.items.append(Item(pick(rng, trade_list("hotel", "extras", ax.region)), Decimal(1), amount, amount))
        c.extra[f"day:{len(c.items) - 1}"] = str(rng.randrange(nights))
    f = parties.seeded(rng, FAKER_OF[ax.region])
    c.extra.update(guest=f.name(), room=str(rng.randrange(101, 2400)), nights=str(nights))
    if ax.region in ("MY", "DE", "UK") and rng.random() < 0.5:  # tourism / city tax per night
        c.amounts["fee:tourism_tax"] = money(Decimal(nights * rng.choice([2, 3, 5, 10])))


def _ride(rng: random.Random, c: Content, ax: ReceiptAxes) -> None:
    """Fare components of a trip, and where it went."""
    words = region_words(ax.region)
    for label in rng.sample(words["ride_fare"], rng.randrange(1, len(words["ride_fare"]) + 1)):
        amount = _price(rng, ax, "ride") / rng.choice([1, 2, 4])
        c.items.append(Item(label, Decimal(1), money(amount), money(amount)))
    f = parties.seeded(rng, FAKER_OF[ax.region])
    c.extra.update(
        pickup=f.street_address().replace("\n", ", "),
        dropoff=f.street_address().replace("\n", ", "),
        distance=f"{rng.randrange(12, 400) / 10:.1f} km",
        driver=f.first_name(),
        plate=f"{code(rng, 3)} {digits(rng, 4)}",
    )
    if rng.random() < 0.3:
        c.amounts["discount"] = money(Decimal(rng.randrange(100, 500)) / 100)


ITEMS: dict[str, Callable[[random.Random, Content, ReceiptAxes], None]] = {
    "fuel": _fuel,
    "parking": _parking,
    "hotel": _hotel,
    "ride": _ride,
}


def _receipt_number(rng: random.Random, ax: ReceiptAxes) -> str:
    shapes = [
        lambda: f"R{rng.randrange(1, 99999999):08d}",
        lambda: str(rng.randrange(100000, 9999999)),
        lambda: f"CS{rng.randrange(1, 999999):06d}",
        lambda: f"{rng.randrange(1, 99):02d}-{rng.randrange(1, 99999):05d}",
        lambda: f"T{rng.randrange(1, 9)}R{rng.randrange(1, 9999999):07d}",
        lambda: f"{code(rng, 2)}{rng.randrange(1, 999999):06d}",
        lambda: f"{rng.randrange(1, 9999):04d}",
    ]
    if ax.format in ("app", "email"):
        shapes = [
            lambda: f"{code(rng, 1)}-{digits(rng, 8)}",
            lambda: f"{code(rng, 3)}{digits(rng, 7)}",
            lambda: digits(rng, rng.choice([6, 9, 12])),
        ]
    return pick(rng, shapes)()


def _references(rng: random.Random, c: Content, ax: ReceiptAxes, when: date) -> None:
    seconds = rng.randrange(7 * 3600, 23 * 3600)
    stamp = datetime.combine(when, time()) + timedelta(seconds=seconds)
    if ax.trade == "hotel":
        nights = int(c.extra["nights"])
        c.dates["arrival"] = when - timedelta(days=nights)
    if ax.trade == "parking":
        entry = stamp - timedelta(minutes=int(c.extra["parked_minutes"]))
        c.dates["entry"], c.times["entry"] = entry.date(), entry.time()
    c.dates["transaction_date"], c.times["transaction_time"] = stamp.date(), stamp.time()
    c.extra["receipt_no"] = _receipt_number(rng, ax)
    f = parties.seeded(rng, FAKER_OF[ax.region])
    c.extra["cashier"] = f.first_name().upper() if ax.region in ("MY", "SG") else f.first_name()
    c.extra["customer"] = f.name() if rng.random() < 0.5 else legal_name(rng, ax)[0]
    c.extra["customer_line"] = f.street_address().replace("\n", ", ")
    c.extra["terminal"] = str(rng.randrange(1, 30))
    c.extra["member_no"] = digits(rng, rng.choice([10, 12, 16]))


def _fields(c: Content) -> None:
    m = c.parties["merchant"]
    f = c.fields
    f["merchant_name"] = m.name
    f["merchant_address"] = " ".join(m.address)
    if m.phone:
        f["merchant_phone"] = m.phone
    if m.tax_id:
        f["merchant_tax_id"] = m.tax_id.replace(" ", "").upper()
    f["receipt_number"] = c.extra["receipt_no"]
    f["transaction_date"] = c.dates["transaction_date"].isoformat()
    f["transaction_time"] = c.times["transaction_time"].strftime("%H:%M")
    f["currency"] = c.currency
    f["payment_method"] = c.extra["payment_method"]
    for key in ("subtotal", "total_tax", "tip", "total"):
        if key in c.amounts:
            f[key] = canon_amount(c.amounts[key])
