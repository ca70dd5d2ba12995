"""Identifiers, names, descriptions and addresses as printed -> clean canonical text."""

from __future__ import annotations

import re
import unicodedata


def normalize_id(raw: str) -> str | None:
    """An identifier upper-case without whitespace, surrounding punctuation removed
    ("de 123 456 789" -> "DE123456789"), or None when nothing is left."""
    text = unicodedata.normalize("NFKC", raw)
    text = re.sub(r"\s+", "", text).upper().strip(":;,.#*|")
    return text or None


def clean_text(raw: str) -> str | None:
    """Names and descriptions: Unicode-normalised, whitespace collapsed, stray leading/trailing
    punctuation (":", "-", ",", "|") removed. None when nothing is left."""
    text = unicodedata.normalize("NFKC", raw)
    text = re.sub(r"\s+", " ", text).strip(" :;,|-–\t")
    return text or None


def clean_address(raw: str) -> str | None:
    """An address on one line: its lines joined with ", " and each cleaned (see clean_text)."""
    parts = [clean_text(p) for p in re.split(r"[\r\n]+", raw)]
    text = ", ".join(p.rstrip(",") for p in parts if p)
    return re.sub(r",\s*,", ",", text) or None


def compare_key(value: object) -> str:
    """Upper-case letters and digits only: two values with the same key read the same
    ("Acme Ltd." and "ACME LTD")."""
    return re.sub(r"[^0-9A-Z]", "", str(value).upper()) if value is not None else ""
