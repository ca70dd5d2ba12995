"""Typed values on the lines of a document: identifiers read as printed, checked, never dropped."""

from __future__ import annotations

from docsift.extraction.document.analysis import analyse
from tests.extraction.pages import doc_of


def test_given_a_printed_iban_whose_check_digits_fail_then_it_is_read_as_printed_and_marked_invalid() -> None:
    rows = [[(2, "IBAN: DE88 3704 0044 0532 0130 00 BIC COBADEFFXXX")]]
    (iban,) = analyse(doc_of(rows), "invoice").ents.of("iban")
    assert iban.value == "DE88370400440532013000" and iban.attrs["valid"] is False


def test_given_a_valid_iban_followed_by_more_groups_then_the_groups_that_pass_mod_97_are_kept() -> None:
    rows = [[(2, "IBAN DE89 3704 0044 0532 0130 00 1234")]]
    (iban,) = analyse(doc_of(rows), "invoice").ents.of("iban")
    assert iban.value == "DE89370400440532013000" and iban.attrs["valid"] is True
