"""Identifier validators: GSTIN (format, state code, checksum), PAN, IFSC, MICR, IBAN (mod 97),
BIC and VAT ids (format per country). Each returns None for a valid value or a short reason.

Pure functions over strings; the tables live in ``data/identifiers.yaml`` and
``data/gst_states.yaml``.
"""

from __future__ import annotations

import re
from typing import Any

from docsift.extraction.knowledge.files import load_yaml

__all__ = [
    "bic_problem",
    "gstin_check_char",
    "gstin_problem",
    "iban_problem",
    "ifsc_problem",
    "kind_of_tax_id",
    "micr_problem",
    "pan_problem",
    "state_code_of",
    "vat_problem",
]

_GSTIN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _table() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("identifiers.yaml")
    return data


def _compact(value: str) -> str:
    return re.sub(r"[\s.\-/]", "", value).upper()


def _format_ok(kind: str, value: str) -> bool:
    return re.fullmatch(_table()["formats"][kind], value) is not None


def gstin_check_char(first14: str) -> str:
    """The GSTIN check character for its first 14 characters (base-36 Luhn variant).

    Raises ValueError for characters outside 0-9 A-Z."""
    total = 0
    for i, ch in enumerate(first14.upper()):
        product = _GSTIN_CHARS.index(ch) * (2 if i % 2 else 1)
        total += product // 36 + product % 36
    return _GSTIN_CHARS[(36 - total % 36) % 36]


def gstin_problem(value: str) -> str | None:
    """None for a valid GSTIN, else why not: format, unknown state code, or check character."""
    gstin = _compact(value)
    if not _format_ok("gstin", gstin):
        return f"{gstin!r} is not in GSTIN format (2 digits, PAN, entity code, Z, check character)"
    if gstin[:2] not in load_yaml("gst_states.yaml"):
        return f"{gstin[:2]!r} is not a GST state code"
    expected = gstin_check_char(gstin[:14])
    if gstin[14] != expected:
        return f"check character is {gstin[14]!r}, expected {expected!r}"
    return None


def state_code_of(gstin: str) -> str | None:
    """The two-digit state code of a GSTIN, or None when it has none."""
    code = _compact(gstin)[:2]
    return code if code.isdigit() and code in load_yaml("gst_states.yaml") else None


def pan_problem(value: str) -> str | None:
    """None for a well-formed PAN (AAAAA9999A with a known holder type), else why not."""
    pan = _compact(value)
    if not _format_ok("pan", pan):
        return f"{pan!r} is not in PAN format (5 letters, 4 digits, 1 letter)"
    if pan[3] not in _table()["pan_holder_types"]:
        return f"{pan[3]!r} is not a PAN holder type"
    return None


def ifsc_problem(value: str) -> str | None:
    """None for a well-formed IFSC (4 letters, 0, 6 letters or digits), else why not."""
    ifsc = _compact(value)
    return None if _format_ok("ifsc", ifsc) else f"{ifsc!r} is not in IFSC format (AAAA0XXXXXX)"


def micr_problem(value: str) -> str | None:
    """None for a well-formed MICR code (9 digits), else why not."""
    micr = _compact(value)
    return None if _format_ok("micr", micr) else f"{micr!r} is not a MICR code (9 digits)"


def bic_problem(value: str) -> str | None:
    """None for a well-formed BIC / SWIFT code (8 or 11 characters), else why not."""
    bic = _compact(value)
    return None if _format_ok("bic", bic) else f"{bic!r} is not in BIC format (8 or 11 characters)"


def iban_problem(value: str) -> str | None:
    """None for a valid IBAN (format, length for its country, ISO 7064 mod 97 = 1), else why not."""
    iban = _compact(value)
    if not _format_ok("iban", iban):
        return f"{iban!r} is not in IBAN format"
    length = _table()["iban_lengths"].get(iban[:2])
    if length is not None and len(iban) != length:
        return f"an IBAN from {iban[:2]} has {length} characters, this one {len(iban)}"
    digits = "".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])
    if int(digits) % 97 != 1:
        return "IBAN check digits do not match (mod 97)"
    return None


def iban_length(country: str) -> int | None:
    """The length of an IBAN of ``country`` (ISO 3166 alpha-2), None when unknown."""
    length = _table()["iban_lengths"].get(country.upper())
    return int(length) if length is not None else None


def _vat_prefix(vat: str) -> str | None:
    patterns = _table()["vat_patterns"]
    for prefix in sorted(patterns, key=len, reverse=True):
        if vat.startswith(prefix):
            return str(prefix)
    return None


def vat_problem(value: str) -> str | None:
    """None for a VAT id in the format of its country prefix (EU states, XI, GB, CHE), else why
    not. A value without a known prefix is reported as such."""
    vat = _compact(value)
    prefix = _vat_prefix(vat)
    if prefix is None:
        return f"{vat!r} has no known VAT country prefix"
    pattern = _table()["vat_patterns"][prefix]
    if re.fullmatch(f"(?:{pattern})", vat[len(prefix) :]) is None:
        return f"{vat!r} is not in the {prefix} VAT format"
    return None


def kind_of_tax_id(value: str) -> str | None:
    """ "gstin" for a value shaped like an Indian GSTIN, "vat" for one starting with a VAT country
    prefix and at least 8 more letters or digits (at least one a digit), else None (other tax
    numbers, such as national tax numbers without a prefix, are not checked)."""
    compact = _compact(value)
    if len(compact) == 15 and compact[:2].isdigit() and compact[2:7].isalpha():
        return "gstin"
    prefix = _vat_prefix(compact)
    rest = compact[len(prefix) :] if prefix else ""
    if len(rest) >= 8 and rest.isalnum() and any(ch.isdigit() for ch in rest[:3]):
        return "vat"
    return None
