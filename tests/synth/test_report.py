"""The coverage report of ``docsift synth --report``: per kind, axis values, families and minimums,
from plans alone (nothing is drawn)."""

from __future__ import annotations

from typer.testing import CliRunner

from docsift.synth import make
from docsift.synth.report import coverage, format_report

SEED = 3


def test_given_both_kinds_when_reporting_then_each_kind_counts_its_documents_and_families() -> None:
    cov = coverage(300, SEED)
    assert sum(cov.kinds.values()) == 300
    for kind in ("invoice", "receipt"):
        kc = cov.per_kind[kind]
        assert kc.n == cov.kinds[kind] > 0
        assert sum(kc.families.values()) == kc.n
        assert all(sum(counts.values()) == kc.n for counts in kc.axes.values())
    assert set(cov.per_kind["receipt"].axes) >= {"region", "trade", "format", "header", "items", "payment"}
    assert "locale" in cov.per_kind["invoice"].axes


def test_given_a_run_when_reporting_then_the_families_are_those_the_documents_get() -> None:
    cov = coverage(8, SEED)
    made: dict[str, set[str]] = {"invoice": set(), "receipt": set()}
    for index in range(8):
        doc = make(SEED, index, ["invoice", "receipt"])
        made[doc.kind].add(doc.truth["family"])
    assert {kind: set(kc.families) for kind, kc in cov.per_kind.items()} == made


def test_given_enough_documents_when_formatting_then_each_kind_says_its_minimum_is_met() -> None:
    text = format_report(coverage(600, SEED), families_shown=3)
    assert "== invoice:" in text and "== receipt:" in text
    assert "invoice families: " in text and "minimum 40: met" in text
    assert "receipt families: " in text and "minimum 20: met" in text
    assert text.splitlines()[-1].startswith("minimums met: invoice ")


def test_given_few_documents_when_formatting_then_the_report_says_the_minimums_are_not_met() -> None:
    text = format_report(coverage(10, SEED, ("receipt",)))
    assert "minimum 20: NOT met" in text
    assert text.splitlines()[-1].startswith("minimums NOT met: receipt ")
    assert "== invoice:" not in text


def test_given_the_cli_report_option_when_run_per_kind_then_it_prints_that_kind_without_writing() -> None:
    from docsift.cli.app import app

    for kind, family_axis in (("invoice", "header (family)"), ("receipt", "format (family)")):
        result = CliRunner().invoke(app, ["synth", "--report", "--n", "60", "--seed", "3", "--kind", kind])
        assert result.exit_code == 0, result.output
        assert f"== {kind}: 60 documents ==" in result.output and family_axis in result.output
        assert f"{kind} families: " in result.output and "minimums " in result.output
