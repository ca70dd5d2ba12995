"""Company and person names, addresses, phones and e-mails per locale (Faker plus our word lists)."""

from __future__ import annotations

import random
import re
import unicodedata
from functools import cache

from faker import Faker

from docsift.synth import ids
from docsift.synth.knowledge import load, pick
from docsift.synth.model import Party

TLD = {
    "US": "com",
    "GB": "co.uk",
    "IN": "in",
    "DE": "de",
    "AT": "at",
    "CH": "ch",
    "FR": "fr",
    "ES": "es",
    "NL": "nl",
    "IT": "it",
    "PT": "pt",
    "BR": "com.br",
    "MY": "com.my",
    "SG": "com.sg",
}


# Faker lists built from a set, whose order (and so what a seed draws) changes with Python's string
# hashing from one process to the next: sorted once, by locale and provider attribute.
SET_ORDERED = {"it_IT": ("cities",)}


@cache
def faker(locale: str) -> Faker:
    """A Faker for ``locale`` (cached; reseed it before every use) whose draws do not depend on the
    process's hash seed."""
    f = Faker(locale)
    for attribute in SET_ORDERED.get(locale, ()):
        for provider in f.providers:
            values = getattr(provider, attribute, None)
            if isinstance(values, list):
                setattr(provider, attribute, sorted(values))
    return f


def seeded(rng: random.Random, locale: str) -> Faker:
    """The locale's Faker reseeded from ``rng`` so its output is determined by the document seed."""
    f = faker(locale)
    f.seed_instance(rng.getrandbits(48))
    return f


def company_name(rng: random.Random, loc: dict, code: str) -> str:
    """A company name for the locale: Faker's, or surname + industry + legal suffix."""
    f = seeded(rng, loc["faker"])
    parts = load("words")["company"][code]
    if code in ("en_IN", "ms_MY", "en_SG") or rng.random() < 0.5:
        if code == "ms_MY":
            base = pick(
                rng,
                [
                    "TAN",
                    "LIM",
                    "CHONG",
                    "WONG",
                    "LEE",
                    "ONG",
                    "NG",
                    "KHOO",
                    "AH HOCK",
                    "SIN CHEW",
                    "MAJU",
                    "JAYA",
                    "BERSATU",
                    "PERMATA",
                    "SRI",
                    "GOLDEN",
                    "MEGA",
                    "UNITED",
                ],
            )
        else:
            base = f.last_name()
        name = f"{base} {pick(rng, parts['industries'])} {pick(rng, parts['suffixes'])}"
    else:
        name = f.company()
    return name.upper() if code in ("ms_MY", "en_SG") else name


def _clean(text: str) -> str:
    return " ".join(text.split())


def address(rng: random.Random, loc: dict, code: str, state: tuple[str, str] | None = None) -> list[str]:
    """Printed address lines (2 to 4) for the locale; ``state`` is (code, name) for India."""
    f = seeded(rng, loc["faker"])
    street = [_clean(s) for s in f.street_address().split("\n") if s.strip()]
    country = loc["country"]
    if country == "US":
        return [*street, f"{f.city()}, {f.state_abbr()} {f.zipcode()}"]
    if country == "IN":
        scode, sname = state or ("29", "Karnataka")
        cities = load("india")["state_cities"].get(scode) or [f.city()]
        pin = f"{rng.randrange(11, 86)}{rng.randrange(0, 9999):04d}"
        tail = pick(
            rng,
            [
                f"{pick(rng, cities)} - {pin}",
                f"{pick(rng, cities)}, {sname} - {pin}",
                f"{pick(rng, cities)} {pin}",
            ],
        )
        lines = [*street, tail]
        if rng.random() < 0.4 and sname not in tail:
            lines.append(sname)
        return lines
    if country == "GB":
        return (
            [*street, f.city(), f.postcode()]
            if rng.random() < 0.5
            else [*street, f"{f.city()} {f.postcode()}"]
        )
    if country == "BR":
        return [*street, f"{f.city()} - {f.estado_sigla()}", f"CEP {f.postcode()}"]
    if country in ("MY", "SG"):
        full = [_clean(s) for s in re.split(r",\s*|\n", f.address()) if s.strip()]
        return _wrap_parts(full, rng.randrange(2, 5))
    line = f"{f.postcode()} {f.city()}"
    if country == "IT" and rng.random() < 0.5:
        line += f" ({''.join(rng.choice(ids.LETTERS) for _ in range(2))})"
    return [*street, line]


def _wrap_parts(parts: list[str], n_lines: int) -> list[str]:
    """Comma-separated address parts joined into ``n_lines`` printed lines."""
    n_lines = max(1, min(n_lines, len(parts)))
    per = -(-len(parts) // n_lines)
    return [
        ", ".join(parts[i : i + per]) + ("," if i + per < len(parts) else "")
        for i in range(0, len(parts), per)
    ]


def slug(text: str) -> str:
    """A lower-case ASCII slug of ``text`` for e-mail domains."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "".join(words[:2]) or "mail"


def company(rng: random.Random, loc: dict, code: str, state: tuple[str, str] | None = None) -> Party:
    """A company party with name, address, phone and e-mail."""
    name = company_name(rng, loc, code)
    f = seeded(rng, loc["faker"])
    phone = f.phone_number()
    email = (
        f"{pick(rng, ['info', 'billing', 'accounts', 'sales', 'office', 'invoice'])}@{slug(name)}."
        f"{TLD.get(loc['country'], 'com')}"
    )
    party = Party(name=name, address=address(rng, loc, code, state), phone=phone, email=email)
    if state:
        party.state_code, party.state = state
    return party


def person(
    rng: random.Random, loc: dict, code: str, state: tuple[str, str] | None = None, gender: str = "male"
) -> Party:
    """A private person (first and last name, no title) as a customer; ``gender`` is male or female."""
    f = seeded(rng, loc["faker"])
    first = f.first_name_female() if gender == "female" else f.first_name_male()
    party = Party(name=_clean(f"{first} {f.last_name()}"), address=address(rng, loc, code, state))
    if state:
        party.state_code, party.state = state
    return party
