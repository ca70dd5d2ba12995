"""The line-item table: column choice, wrapped descriptions, rules, and pagination with carry-over rows."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from docsift.synth.invoice.extras import shown
from docsift.synth.knowledge import pick
from docsift.synth.model import Content, Item
from docsift.synth.style import Pen

NUMERIC = {"quantity", "unit_price", "discount", "tax_rate", "tax_amount", "amount", "position", "qty_unit"}
MONEY = ("unit_price", "tax_amount", "amount")


@dataclass
class Column:
    """One printed column: its key, header text, width (points) and alignment."""

    key: str
    header: str
    width: float = 0.0
    align: str = "left"


@dataclass
class TablePlan:
    """How the item table looks: columns, rules, header fill, zebra rows, carry-over labels."""

    columns: list[Column]
    ruled: str  # grid, rows, header, none
    header_fill: bool
    zebra: bool
    carried: str
    brought: str
    padding: float = 3.0
    row_keys: list[list[str]] = field(default_factory=list)
    currency_header: str | None = None  # "{h} ({c})": money columns name the currency in their header


def plan_table(rng: random.Random, c: Content, lab: dict) -> TablePlan:
    """Chooses the columns and look of the item table for ``c``."""
    cols = lab["columns"]
    keys = ["description", "quantity", "unit_price", "amount"]
    if rng.random() < 0.5:
        keys.insert(0, "position")
    if c.regime == "gst":
        keys.insert(keys.index("description") + 1, "hsn")
    elif rng.random() < 0.35:
        keys.insert(keys.index("description") + (0 if rng.random() < 0.5 else 1), "product_code")
    if rng.random() < 0.4:
        if rng.random() < 0.3:
            keys[keys.index("quantity")] = "qty_unit"
        else:
            keys.insert(keys.index("quantity") + 1, "unit")
    if c.extra.get("line_discount"):
        keys.insert(keys.index("amount"), "discount")
    multi = len({i.tax_rate for i in c.items}) > 1
    if c.regime != "sales" and (multi or c.regime == "gst" or rng.random() < 0.2):
        keys.insert(keys.index("amount"), "tax_rate")
        if c.regime == "gst" and rng.random() < 0.4:
            keys.insert(keys.index("amount"), "tax_amount")
    headers = {k: pick(rng, cols["quantity" if k == "qty_unit" else k]) for k in keys}
    columns = [Column(k, headers[k], align="right" if k in NUMERIC else "left") for k in keys]
    totals = lab["totals"]
    return TablePlan(
        columns=columns,
        ruled=rng.choice(["grid", "rows", "header", "none"]),
        header_fill=rng.random() < 0.6,
        zebra=rng.random() < 0.2,
        carried=pick(rng, totals["carried"]),
        brought=pick(rng, totals["brought"]),
    )


def cell_text(c: Content, item: Item, index: int, key: str) -> str:
    """What a column prints for one item."""
    f = c.formats
    texts = {
        "position": lambda: str(index + 1),
        "description": lambda: item.description,
        "product_code": lambda: item.product_code or "",
        "hsn": lambda: item.product_code or "",
        "quantity": lambda: f.qty(item.quantity),
        "qty_unit": lambda: f"{f.qty(item.quantity)} {item.unit}",
        "unit": lambda: item.unit or "",
        "unit_price": lambda: f.amount(item.unit_price),
        "discount": lambda: f.amount(item.discount) if item.discount else "-",
        "tax_rate": lambda: f"{f.rate(item.tax_rate)}%",
        "tax_amount": lambda: f.amount(shown(c, item.tax_amount)),
        "amount": lambda: f.amount(shown(c, item.amount)),
    }
    return texts[key]()


class TableWriter:
    """Draws the item table across pages; ``page_break`` finishes the page and returns the next top y."""

    def __init__(
        self,
        pen: Pen,
        c: Content,
        plan: TablePlan,
        x: float,
        width: float,
        bottom: float,
        page_break: Callable[[], float],
    ) -> None:
        self.pen, self.c, self.plan = pen, c, plan
        self.x, self.width, self.bottom, self.page_break = x, width, bottom, page_break
        self.size = pen.s.size
        self._fit_columns()

    @property
    def line_h(self) -> float:
        """Height of one table text line."""
        return self.size * self.pen.s.leading

    def _fit_columns(self) -> None:
        """Column widths from their texts; a table wider than the page is set in a smaller size
        (down to 75%) before every column is narrowed in proportion."""
        pen, pad = self.pen, self.plan.padding
        desc = next(col for col in self.plan.columns if col.key == "description")
        for _ in range(4):
            for col in self.plan.columns:
                if col.key == "description":
                    continue
                cells = [cell_text(self.c, it, i, col.key) for i, it in enumerate(self.c.items)]
                header = self._header_text(col)[0]
                texts = [pen.width(header, True, self.size), *(pen.width(t, size=self.size) for t in cells)]
                col.width = max(texts) + 2 * pad + 2
            fixed = sum(col.width for col in self.plan.columns if col.key != "description")
            words = {w for it in self.c.items for w in it.description.split()}
            longest = max(pen.width(w, size=self.size) for w in words) if words else 0.0
            least = max(90.0 * self.size / self.pen.s.size, pen.width(desc.header, True, self.size), longest)
            least += 2 * pad + 4
            desc.width = max(self.width - fixed, least)
            if fixed + desc.width <= self.width or self.size < self.pen.s.size * 0.8:
                break
            self.size *= max(0.9, self.width / (fixed + desc.width))
        if fixed + desc.width > self.width:  # still too wide: narrow every column in proportion
            factor = self.width / (fixed + desc.width)
            for col in self.plan.columns:
                col.width *= factor

    def _wrap(self, text: str) -> list[str]:
        """A description in lines that fit its column; a word longer than the column is cut."""
        width = self._desc_width()
        lines: list[str] = []
        for line in self.pen.wrap(text, width, size=self.size):
            while self.pen.width(line, size=self.size) > width and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and self.pen.width(line[:cut], size=self.size) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
            lines.append(line)
        return lines

    def draw(self, y: float) -> float:
        """Draws header, rows and carry-over rows from ``y``; returns the y below the table."""
        top = y
        y = self._header(y)
        running = Decimal("0.00")
        for i, item in enumerate(self.c.items):
            lines = self._wrap(item.description)
            h = len(lines) * self.line_h + 2 * self.plan.padding
            if y + h + self.line_h * 2 > self.bottom:
                self._carry_row(y, running, self.plan.carried, last=True)
                self._region(top, y + self.line_h + 2 * self.plan.padding)
                top = y = self.page_break()
                y = self._header(y)
                y = self._carry_row(y, running, self.plan.brought, last=False)
            y = self._row(y, i, item, lines, h)
            running += item.amount
        self._region(top, y)
        return y

    def _desc_width(self) -> float:
        col = next(c for c in self.plan.columns if c.key == "description")
        return col.width - 2 * self.plan.padding

    def _region(self, top: float, bottom: float) -> None:
        self.pen.p.record("table_region", (self.x, top, self.x + self.width, bottom), "")

    def _header(self, y: float) -> float:
        pen, plan = self.pen, self.plan
        h = self.line_h + 2 * plan.padding
        if plan.header_fill:
            pen.p.rect(self.x, y, self.width, h, fill=pen.s.fill, stroke=None)
        x = self.x
        for col in plan.columns:
            tx = x + col.width - plan.padding if col.align == "right" else x + plan.padding
            text, spans = self._header_text(col)
            pen.text(
                tx,
                y + plan.padding,
                text,
                bold=True,
                size=self.size,
                align=col.align,
                key=f"header:{col.key}",
                spans=spans,
            )
            x += col.width
        if plan.ruled != "none" or plan.header_fill:
            pen.p.line(self.x, y + h, self.x + self.width, y + h, 0.8, pen.s.accent)
        if plan.ruled == "grid":
            pen.p.line(self.x, y, self.x + self.width, y, 0.8, pen.s.accent)
        return y + h

    def _header_text(self, col: Column) -> tuple[str, tuple[tuple[str, int, int], ...]]:
        """A column's header, with the currency mark on money columns when the plan says so."""
        pattern, mark = self.plan.currency_header, self.c.formats.money.mark
        if not pattern or not mark or col.key not in MONEY:
            return col.header, ()
        text = pattern.replace("{h}", col.header).replace("{c}", mark)
        start = text.rindex(mark)
        return text, (("currency", start, start + len(mark)),)

    def _row(self, y: float, index: int, item: Item, lines: list[str], h: float) -> float:
        pen, plan = self.pen, self.plan
        if plan.zebra and index % 2:
            pen.p.rect(self.x, y, self.width, h, fill=(0.95, 0.95, 0.95), stroke=None)
        x = self.x
        for col in plan.columns:
            key = f"li:{index}:{col.key}"
            if col.key == "description":
                for k, line in enumerate(lines):
                    pen.text(
                        x + plan.padding, y + plan.padding + k * self.line_h, line, size=self.size, key=key
                    )
            else:
                text = cell_text(self.c, item, index, col.key)
                tx = x + col.width - plan.padding if col.align == "right" else x + plan.padding
                if col.key == "qty_unit":
                    n = len(text) - len(item.unit or "") - 1
                    pen.text(
                        tx,
                        y + plan.padding,
                        text,
                        size=self.size,
                        align="right",
                        spans=((f"li:{index}:quantity", 0, n), (f"li:{index}:unit", n + 1, len(text))),
                    )
                else:
                    pen.text(tx, y + plan.padding, text, size=self.size, align=col.align, key=key)
            x += col.width
        self._rules(y, h)
        return y + h

    def _rules(self, y: float, h: float) -> None:
        pen, plan = self.pen, self.plan
        if plan.ruled in ("grid", "rows"):
            pen.p.line(self.x, y + h, self.x + self.width, y + h, 0.3, (0.5, 0.5, 0.5))
        if plan.ruled == "grid":
            x = self.x
            for col in plan.columns:
                pen.p.line(x, y, x, y + h, 0.3, (0.5, 0.5, 0.5))
                x += col.width
            pen.p.line(x, y, x, y + h, 0.3, (0.5, 0.5, 0.5))

    def _carry_row(self, y: float, running: Decimal, label: str, last: bool) -> float:
        pen, plan = self.pen, self.plan
        page = pen.p.page
        text = label.replace("{n}", str(page + 1)).replace("{p}", str(page - 1))
        pen.text(
            self.x + plan.padding, y + plan.padding, text, bold=True, size=self.size, key=f"x_carry:{page}"
        )
        pen.text(
            self.x + self.width - plan.padding,
            y + plan.padding,
            self.c.formats.amount(shown(self.c, running)),
            bold=True,
            size=self.size,
            align="right",
        )
        h = self.line_h + 2 * plan.padding
        pen.p.line(
            self.x, y + (h if last else 0), self.x + self.width, y + (h if last else 0), 0.6, pen.s.accent
        )
        return y + h
