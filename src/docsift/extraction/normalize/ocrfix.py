"""Repairs of OCR misreads in party names and addresses, from what such text is made of.

Only words that are not known and sit one OCR confusion (knowledge/data/ocr_confusions.yaml) away
from a known word are changed, and only where the context says which word was meant:
- a capital I between lower-case letters is an l ("WorId" -> "World");
- one word of a legal form of several words, the others read right ("SON BHD" -> "SDN BHD");
- an address word ("QFF" -> "OFF", "JLH" -> "JLN");
- in a name, a 0, 1, 5 or 8 opening a word of capitals ("1DEA" -> "IDEA").
The text as read stays in the result's ``raw``.
"""

from __future__ import annotations

import re
from functools import cache

from docsift.extraction.knowledge.files import load_labels, load_yaml

_LOWER_I = re.compile(r"(?<=[a-z])I(?=[a-z])")
_LEADING_DIGIT = re.compile(r"^([0158])([A-Z]{3,})$")
_DIGIT_LETTER = {"0": "O", "1": "I", "5": "S", "8": "B"}
_CORE = re.compile(r"^([^A-Za-z0-9]*)([A-Za-z0-9]+)([^A-Za-z0-9]*)$")


@cache
def _confusions() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a, b in load_yaml("ocr_confusions.yaml")["pairs"]:
        out.setdefault(str(a), set()).add(str(b))
        out.setdefault(str(b), set()).add(str(a))
    return out


@cache
def _vocab(address: bool = False) -> tuple[frozenset[str], list[tuple[str, ...]]]:
    """(the known single words: of addresses, or of addresses and legal forms for names; legal forms
    of several words), upper case. An address is never repaired towards a legal form ("SRI" is no
    misread "SRL")."""
    data = load_labels("parties.yaml")
    keys = ("street_words", "regions") if address else ("street_words", "regions", "legal_forms")
    words = frozenset(w.upper() for key in keys for e in data[key] for w in str(e).split())
    multi = [tuple(str(e).upper().split()) for e in data["legal_forms"] if len(str(e).split()) > 1]
    return words, multi


def _one_confusion(word: str, target: str) -> bool:
    """Whether ``word`` (upper case) becomes ``target`` by replacing one character with one it is
    confused with."""
    if len(word) != len(target) or word == target:
        return False
    diff = [(a, b) for a, b in zip(word, target, strict=True) if a != b]
    return len(diff) == 1 and diff[0][1] in _confusions().get(diff[0][0], set())


def _styled(new: str, old: str) -> str:
    if old.isupper() or not old.isalpha():
        return new.upper()
    if old[:1].isupper():
        return new.capitalize()
    return new.lower()


def _repair_word(core: str, words: frozenset[str], address: bool, name: bool) -> str:
    upper = core.upper()
    if upper in words:
        return core
    if address and len(core) >= 3:
        hits = [w for w in words if _one_confusion(upper, w)]
        if len(hits) == 1:
            return _styled(hits[0], core)
    m = _LEADING_DIGIT.match(core) if name else None
    if m:
        return _DIGIT_LETTER[m.group(1)] + m.group(2)
    return core


def _core(token: str) -> str:
    m = _CORE.match(token)
    return m.group(2) if m else token


def _legal_forms(tokens: list[str]) -> list[str]:
    """``tokens`` with one misread word of a multi-word legal form repaired."""
    _, multi = _vocab()
    cores = [_core(t).upper() for t in tokens]
    out = list(tokens)
    for form in multi:
        n = len(form)
        for i in range(len(cores) - n + 1):
            window = cores[i : i + n]
            wrong = [k for k in range(n) if window[k] != form[k]]
            if len(wrong) != 1 or len(form[wrong[0]]) < 3:
                continue
            k = wrong[0]
            got, want = window[k], form[k]
            if len(got) == len(want) and sum(a != b for a, b in zip(got, want, strict=True)) == 1:
                m = _CORE.match(out[i + k])
                if m:
                    out[i + k] = m.group(1) + _styled(want, m.group(2)) + m.group(3)
    return out


def repair_party_text(text: str, address: bool = False) -> str:
    """``text`` (a party name, or an address when ``address``) with OCR misreads repaired (see the
    module docstring). Never raises."""
    words, _ = _vocab(address)
    tokens = text.split(" ") if address else _legal_forms(text.split(" "))
    out = []
    for tok in tokens:
        m = _CORE.match(tok)
        if not m:
            out.append(_LOWER_I.sub("l", tok))
            continue
        lead, core, trail = m.groups()
        core = _LOWER_I.sub("l", core)
        out.append(lead + _repair_word(core, words, address, not address) + trail)
    return " ".join(out)
