"""A tiny, namespace-blind path language over ElementTree elements.

E-invoice syntaxes name the same part differently across versions (ZUGFeRD 1 says
``ApplicableSupplyChainTradeAgreement`` where 2.x says ``ApplicableHeaderTradeAgreement``), so the
mapping tables (``cii.yaml``, ``ubl.yaml``) use local element names with shell wildcards:

    *SupplyChainTradeTransaction/Applicable*TradeAgreement/SellerTradeParty/Name
    SpecifiedTaxRegistration/ID[@schemeID=VA]        attribute predicate
    PartyTaxScheme[TaxScheme/ID=VAT]/CompanyID       child-text predicate
    BilledQuantity/@unitCode                         an attribute as the value
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from functools import cache
from xml.etree.ElementTree import Element

_STEP_RE = re.compile(r"^(?P<name>[^\[\]@]+)(?:\[(?P<pred>[^\]]+)\])?$")


def local_name(tag: str) -> str:
    """``{namespace}Name`` -> ``Name``."""
    return tag.rsplit("}", 1)[-1]


@cache
def _split(path: str) -> tuple[tuple[str, str | None], ...]:
    steps: list[tuple[str, str | None]] = []
    for raw in _split_outside_brackets(path):
        m = _STEP_RE.match(raw)
        if m is None:
            raise ValueError(f"bad path step {raw!r} in {path!r}")
        steps.append((m["name"], m["pred"]))
    return tuple(steps)


def _split_outside_brackets(path: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in path:
        if ch == "/" and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += ch == "["
        depth -= ch == "]"
        current += ch
    parts.append(current)
    return [p for p in parts if p]


def _matches(el: Element, name: str, pred: str | None) -> bool:
    if not fnmatchcase(local_name(el.tag), name):
        return False
    if pred is None:
        return True
    key, _, wanted = pred.partition("=")
    if key.startswith("@"):
        return (el.get(key[1:]) or "").strip() == wanted
    return any((t or "").strip() == wanted for t in texts(el, key))


def find_all(el: Element, path: str) -> list[Element]:
    """Every element reached from ``el`` by ``path`` (children only, in document order).

    Raises ValueError for a malformed path (a bug in a mapping table, not in the input)."""
    current = [el]
    for name, pred in _split(path):
        if name.startswith("@"):
            raise ValueError(f"attribute step in element path {path!r}")
        current = [c for parent in current for c in parent if _matches(c, name, pred)]
        if not current:
            break
    return current


def find(el: Element | None, path: str) -> Element | None:
    """The first element reached by ``path``, or None."""
    if el is None:
        return None
    found = find_all(el, path)
    return found[0] if found else None


def texts(el: Element, path: str) -> list[str]:
    """The stripped, non-empty texts (or attribute values for a final ``@attr`` step) at ``path``."""
    head, _, attr = path.rpartition("/@") if "/@" in path else (path, "", "")
    if path.startswith("@"):
        head, attr = "", path[1:]
    nodes = find_all(el, head) if head else [el]
    values = [n.get(attr) for n in nodes] if attr else ["".join(n.itertext()) for n in nodes]
    return [v.strip() for v in values if v is not None and v.strip()]


def first_text(el: Element | None, paths: str | list[str]) -> str | None:
    """The first non-empty text found by the first path (of ``paths``) that yields one, or None."""
    if el is None:
        return None
    for path in [paths] if isinstance(paths, str) else paths:
        found = texts(el, path)
        if found:
            return found[0]
    return None
