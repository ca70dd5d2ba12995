"""Repairs of OCR misreads in party names and addresses: only unknown words one confusion away from a
known word, where the context tells which word was meant."""

from __future__ import annotations

import pytest

from docsift.extraction.normalize.ocrfix import repair_party_text


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("Kedai Makan Sedap WorId", "Kedai Makan Sedap World"),
        ("BINTANG TIMUR SON BHD", "BINTANG TIMUR SDN BHD"),
        ("BINTANG TIMUR SDN 8HD", "BINTANG TIMUR SDN BHD"),
        ("HARAPAN 1DEAL TRADING", "HARAPAN IDEAL TRADING"),
    ],
)
def test_given_a_misread_name_when_repaired_then_the_known_words_come_back(read: str, meant: str) -> None:
    assert repair_party_text(read) == meant


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("12, JALAN MAWAR, QFF JALAN KENARI", "12, JALAN MAWAR, OFF JALAN KENARI"),
        ("NO 3, JLH PJS 7/21", "NO 3, JLN PJS 7/21"),
    ],
)
def test_given_a_misread_address_word_when_repaired_then_it_reads_right(read: str, meant: str) -> None:
    assert repair_party_text(read, address=True) == meant


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("JOHNSON & SON", False),
        ("SEKSYEN U5, PJU6A, 47400 PETALING JAYA", True),
        ("Unit 8, 21ST FLOOR", True),
        ("3M MALAYSIA SDN BHD", False),
        ("12, JALAN MAWAR 3, TAMAN SRI INDAH", True),  # not the legal form "SRL"
    ],
)
def test_given_text_read_right_when_repaired_then_nothing_changes(text: str, address: bool) -> None:
    assert repair_party_text(text, address=address) == text
