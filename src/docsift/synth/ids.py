"""Identifiers with valid check digits and formats: IBAN, BIC, GSTIN, PAN, EU VAT ids and more."""

from __future__ import annotations

import random
import string

DIGITS = string.digits
LETTERS = string.ascii_uppercase
ALNUM = DIGITS + LETTERS

# BBAN layout per country: "n" digit, "a" upper-case letter, "c" letter or digit.
_BBAN = {
    "DE": "n" * 18,
    "AT": "n" * 16,
    "CH": "n" * 17,
    "FR": "n" * 23,
    "ES": "n" * 20,
    "NL": "aaaa" + "n" * 10,
    "IT": "a" + "n" * 10 + "n" * 12,
    "GB": "aaaa" + "n" * 14,
    "BE": "n" * 12,
    "PT": "n" * 21,
}


def _chars(rng: random.Random, layout: str) -> str:
    pools = {"n": DIGITS, "a": LETTERS, "c": ALNUM}
    return "".join(rng.choice(pools[c]) for c in layout)


def _mod97(text: str) -> int:
    return int("".join(str(int(c, 36)) for c in text)) % 97


def iban(rng: random.Random, country: str) -> str:
    """A random IBAN for ``country`` with valid mod-97 check digits (no spaces)."""
    bban = _chars(rng, _BBAN.get(country, "n" * 18))
    check = 98 - _mod97(bban + country + "00")
    return f"{country}{check:02d}{bban}"


def iban_valid(value: str) -> bool:
    """True when ``value`` (spaces allowed) passes the IBAN mod-97 check."""
    v = value.replace(" ", "").upper()
    return len(v) > 4 and _mod97(v[4:] + v[:4]) == 1


def group4(value: str) -> str:
    """``value`` in groups of four characters separated by spaces (IBAN print form)."""
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def bic(rng: random.Random, country: str) -> str:
    """A BIC of 8 or 11 characters for ``country``."""
    code = _chars(rng, "aaaa") + country + _chars(rng, "aa" if rng.random() < 0.5 else "ac")
    return code + (_chars(rng, "ccc") if rng.random() < 0.4 else "")


_GST_CHARS = DIGITS + LETTERS


def gstin_check_char(first14: str) -> str:
    """The GSTIN check character for its first 14 characters."""
    total = 0
    for i, ch in enumerate(first14):
        product = _GST_CHARS.index(ch) * (2 if i % 2 else 1)
        total += product // 36 + product % 36
    return _GST_CHARS[(36 - total % 36) % 36]


def pan(rng: random.Random, holder: str = "C", name: str = "A") -> str:
    """An Indian PAN: 3 letters, holder type (C company, P person), name initial, 4 digits, letter."""
    initial = name[:1].upper() if name[:1].isalpha() else rng.choice(LETTERS)
    return _chars(rng, "aaa") + holder + initial + _chars(rng, "nnnn") + rng.choice(LETTERS)


def gstin(rng: random.Random, state_code: str, pan_value: str) -> str:
    """A GSTIN for a state code and PAN with a valid check character."""
    first14 = state_code + pan_value + rng.choice("123456789") + "Z"
    return first14 + gstin_check_char(first14)


def ifsc(rng: random.Random, prefix: str) -> str:
    """An IFSC: 4-letter bank code, a zero, 6 branch characters."""
    return prefix + "0" + _chars(rng, "nnnnnn" if rng.random() < 0.7 else "aaannn")


def _it_vat(rng: random.Random) -> str:
    body = _chars(rng, "n" * 10)
    total = 0
    for i, c in enumerate(body):
        d = int(c)
        if i % 2:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return "IT" + body + str((10 - total % 10) % 10)


def _fr_vat(rng: random.Random) -> str:
    siren = rng.randrange(100_000_000, 999_999_999)
    key = (12 + 3 * (siren % 97)) % 97
    return f"FR{key:02d}{siren}"


def _pt_nif(rng: random.Random) -> str:
    """A Portuguese NIF/NIPC: 9 digits, the last a mod-11 check digit; printed with or without "PT"."""
    body = rng.choice("125689") + _chars(rng, "n" * 7)
    total = sum(int(d) * (9 - i) for i, d in enumerate(body))
    check = 11 - total % 11
    nif = body + str(0 if check >= 10 else check)
    return ("PT" if rng.random() < 0.4 else "") + nif


def _br_cnpj(rng: random.Random) -> str:
    """A Brazilian CNPJ with both check digits, printed "12.345.678/0001-95"."""
    digits = [int(d) for d in _chars(rng, "n" * 8)] + [0, 0, 0, rng.choice([1, 1, 1, 2])]
    for weights in ([5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]):
        rest = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        digits.append(0 if rest < 2 else 11 - rest)
    s = "".join(map(str, digits))
    return f"{s[:2]}.{s[2:5]}.{s[5:8]}/{s[8:12]}-{s[12:]}"


def cnpj_valid(value: str) -> bool:
    """True when the 14 digits of ``value`` carry valid CNPJ check digits."""
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) != 14:
        return False
    for n, weights in (
        (12, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]),
        (13, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]),
    ):
        rest = sum(d * w for d, w in zip(digits[:n], weights, strict=True)) % 11
        if digits[n] != (0 if rest < 2 else 11 - rest):
            return False
    return True


def sort_code(rng: random.Random, country: str) -> str:
    """A bank routing code as printed: UK sort code "12-34-56", German BLZ "370 501 98", else 5 digits."""
    if country == "GB":
        return "-".join(_chars(rng, "nn") for _ in range(3))
    if country == "DE":
        return " ".join(_chars(rng, "nnn") for _ in range(2)) + " " + _chars(rng, "nn")
    return _chars(rng, "nnnnn")


def vat_id(rng: random.Random, kind: str) -> str:
    """A tax id in the format named by ``kind`` (de_vat, fr_vat, gb_vat, us_ein, ch_vat, ...)."""
    makers = {
        "de_vat": lambda: "DE" + _chars(rng, "n" * 9),
        "at_vat": lambda: "ATU" + _chars(rng, "n" * 8),
        "gb_vat": lambda: "GB" + _chars(rng, "n" * 9),
        "nl_vat": lambda: "NL" + _chars(rng, "n" * 9) + "B" + f"{rng.randrange(1, 20):02d}",
        "es_vat": lambda: "ES" + rng.choice("ABCDEFGHJ") + _chars(rng, "n" * 8),
        "it_vat": lambda: _it_vat(rng),
        "fr_vat": lambda: _fr_vat(rng),
        "be_vat": lambda: "BE0" + _chars(rng, "n" * 9),
        "pt_vat": lambda: _pt_nif(rng),
        "br_cnpj": lambda: _br_cnpj(rng),
        "ch_vat": lambda: "CHE-{}.{}.{} MWST".format(*(_chars(rng, "nnn") for _ in range(3))),
        "us_ein": lambda: _chars(rng, "nn") + "-" + _chars(rng, "n" * 7),
        "my_gst": lambda: "0" + _chars(rng, "n" * 11),
        "my_sst": lambda: (
            rng.choice("BWJ") + _chars(rng, "nn") + "-" + _chars(rng, "nnnn") + "-" + _chars(rng, "n" * 8)
        ),
        "sg_gst": lambda: (
            rng.choice("MT") + _chars(rng, "nn") + "-" + _chars(rng, "n" * 7) + "-" + rng.choice(LETTERS)
        ),
    }
    return makers[kind]()


def spaced_vat(value: str, rng: random.Random) -> str:
    """A VAT id as sometimes printed with spaces after the country prefix ("DE 123 456 789")."""
    if not value[:2].isalpha() or not value[2:].isdigit() or rng.random() < 0.7:
        return value
    body = value[2:]
    return value[:2] + " " + " ".join(body[i : i + 3] for i in range(0, len(body), 3))


def account_number(rng: random.Random, digits: int) -> str:
    """A bank account number of ``digits`` digits, not starting with zero."""
    return rng.choice("123456789") + _chars(rng, "n" * (digits - 1))


def hsn(rng: random.Random, service: bool) -> str:
    """An HSN (goods, 4-8 digits) or SAC (services, 99xxxx) code."""
    if service:
        return "99" + _chars(rng, "nnnn")
    return rng.choice("123456789") + _chars(rng, "n" * (rng.choice([3, 5, 7])))


def sku(rng: random.Random) -> str:
    """A product code in one of several shapes (SKU-12345, AB-1234-X, 100234)."""
    shapes = ["aa-nnnn", "nnnnnn", "aaa-nnnnn", "annnn-aa", "nnnn.nnn", "aannnnn"]
    return "".join(_chars(rng, c) if c in "na" else c for c in rng.choice(shapes))
