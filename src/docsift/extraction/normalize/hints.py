"""What a document tells about its conventions (decimal mark, date order, currency, country,
language), handed to the normalisers so that nothing guesses it blindly."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hints:
    """What the document tells about its conventions; every item optional.

    decimal_separator: "." or ","; date_order: "DMY" or "MDY"; currency: ISO code;
    country: ISO 3166 alpha-2; language: ISO 639-1.
    """

    decimal_separator: str | None = None
    date_order: str | None = None
    currency: str | None = None
    country: str | None = None
    language: str | None = None


NO_HINTS = Hints()
