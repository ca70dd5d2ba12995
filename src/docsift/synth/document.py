"""What every generated document shares, whatever its kind: its random streams, the font check and
the ``Generated`` record the makers return."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from docsift.synth.model import Content
from docsift.synth.painter import SynthError, can_draw, families
from docsift.synth.style import Style


@dataclass
class Generated:
    """A rendered document: its id, PDF bytes and truth; ``screen`` documents (phone screenshots) are
    written as images."""

    doc_id: str
    kind: str
    pdf: bytes
    truth: dict[str, Any]
    screen: bool = False


def doc_rng(seed: int, index: int, purpose: str = "content") -> random.Random:
    """The random stream of one document for one purpose (content, kind, scan, receipt-axes)."""
    return random.Random(f"docsift-synth:{purpose}:{seed}:{index}")


def _texts(c: Content) -> str:
    parts = [
        c.formats.money.mark,
        *c.fields.values(),
        *(i.description for i in c.items),
        *(i.unit or "" for i in c.items),
    ]
    for p in c.parties.values():
        parts += [p.name, *p.address, p.phone or "", p.email or ""]
    return "".join(parts)


def fit_font(style: Style, c: Content) -> None:
    """Switches ``style`` to a font that can draw every character of the content (base-14 fonts lack
    many), keeping it monospace or proportional; returns nothing. Raises SynthError when no installed
    font can."""
    text = _texts(c)
    if can_draw(style.family, text):
        return
    for fam in families():
        if fam.mono == style.family.mono and can_draw(fam, text):
            style.family = fam
            return
    raise SynthError("no installed font can draw this document's text")
