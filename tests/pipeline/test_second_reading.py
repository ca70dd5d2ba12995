"""The accuracy preference: when a second reading is asked for, and how two readings are voted."""

from __future__ import annotations

from docsift.pipeline.second_reading import merge, needs_second_reading, other_engine
from docsift.reading.model import Document, Page, TextSource
from docsift.result import DocumentResult, FieldValue


def _result(**fields: tuple[str, float]) -> DocumentResult:
    return DocumentResult(
        document_type="receipt", fields={k: FieldValue(value=v, confidence=c) for k, (v, c) in fields.items()}
    )


def _doc(source: TextSource, engine: str | None = None) -> Document:
    return Document(pages=[Page(number=1, width=10, height=10, source=source, ocr_engine=engine)])


def test_given_a_text_layer_document_then_no_second_reading_is_asked_for() -> None:
    assert not needs_second_reading(_doc(TextSource.TEXT_LAYER), _result())


def test_given_an_ocr_document_with_an_unsure_key_field_then_the_other_engine_reads_it_again() -> None:
    doc = _doc(TextSource.OCR, "rapidocr")
    sure = _result(
        merchant_name=("A", 0.95),
        merchant_address=("B", 0.9),
        transaction_date=("2019-01-12", 0.99),
        total=("8.70", 0.97),
    )
    assert not needs_second_reading(doc, sure)
    sure.fields["total"].confidence = 0.4
    assert needs_second_reading(doc, sure)
    assert other_engine(doc) == "tesseract"


def test_given_two_readings_when_merged_then_agreement_gains_and_disagreement_costs_confidence() -> None:
    first = _result(
        total=("8.70", 0.6), merchant_name=("KEDAI SEDAP", 0.5), transaction_date=("2019-01-12", 0.9)
    )
    second = _result(total=("8.70", 0.7), merchant_name=("KEDAI SEDAR", 0.8), receipt_number=("123", 0.6))
    merged = merge(first, second)
    assert merged.fields["total"].value == "8.70" and merged.fields["total"].confidence > 0.7
    name = merged.fields["merchant_name"]
    assert name.value == "KEDAI SEDAP" and name.confidence < 0.5
    assert merged.fields["transaction_date"].confidence == 0.9
    assert merged.fields["receipt_number"].value == "123" and merged.fields["receipt_number"].confidence < 0.6
