"""Engine registry, choice per preference and language, and the errors for what cannot run."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from docsift.errors import OcrUnavailable
from docsift.options import ProcessingPref, RunOptions
from docsift.reading.ocr import available_engines, engine_names, get_engine, ocr_page
from docsift.reading.ocr.preprocess import Analysis, Prepared
from docsift.reading.ocr.select import choose, for_page, rapid_reads
from docsift.reading.ocr.tesseract import installed_languages


def test_given_the_installed_stack_when_engines_are_listed_then_both_are_available():
    assert set(engine_names()) == {"rapidocr", "tesseract"}
    assert set(available_engines()) == {"rapidocr", "tesseract"}


def test_given_the_same_engine_and_languages_when_asked_twice_then_one_instance_is_reused():
    assert get_engine("tesseract", ["eng"]) is get_engine("tesseract", ["eng"])
    assert get_engine("tesseract", ["eng"]) is not get_engine("tesseract", ["eng", "deu"])


def _prepared(width: int, height: int, char_height: float) -> Prepared:
    grey = np.full((height, width), 255, dtype=np.uint8)
    return Prepared(np.dstack([grey] * 3), grey, Analysis(char_height=char_height))


def test_given_speed_when_pages_differ_in_size_then_small_ones_go_to_rapidocr_and_large_to_tesseract():
    plan = choose(RunOptions(pref=ProcessingPref.SPEED))
    receipt = for_page(plan, _prepared(700, 1500, 20.0))  # a receipt photo
    page = for_page(plan, _prepared(1700, 2200, 14.0))  # an A4 page scanned at 200 dpi
    assert (receipt.engine, receipt.fallback) == ("rapidocr", None)
    assert (page.engine, page.fallback) == ("tesseract", "rapidocr")


def test_given_accuracy_when_any_page_is_read_then_rapidocr_reads_it():
    plan = choose(RunOptions(pref=ProcessingPref.ACCURACY))
    assert for_page(plan, _prepared(1700, 2200, 14.0)).engine == "rapidocr"
    assert for_page(plan, _prepared(700, 1500, 20.0)).engine == "rapidocr"


def test_given_an_engine_option_when_chosen_then_it_overrides_the_default():
    assert choose(RunOptions(ocr_engine="tesseract", pref=ProcessingPref.ACCURACY)).engine == "tesseract"
    assert choose(RunOptions(ocr_engine="RapidOCR")).engine == "rapidocr"


def test_given_a_language_rapidocr_cannot_read_when_no_engine_is_set_then_tesseract_reads_it():
    assert not rapid_reads(["hin"]) and rapid_reads(["eng", "deu"])
    assert choose(RunOptions(ocr_languages=["hin"])).engine == "tesseract"
    with pytest.raises(OcrUnavailable, match="tesseract"):
        choose(RunOptions(ocr_engine="rapidocr", ocr_languages=["hin"]))


def test_given_an_unknown_engine_when_chosen_then_the_error_lists_the_known_ones():
    with pytest.raises(OcrUnavailable, match=r"rapidocr, tesseract|tesseract, rapidocr"):
        choose(RunOptions(ocr_engine="abbyy"))


def test_given_a_language_without_data_when_tesseract_reads_then_the_error_names_the_package():
    assert "klingon" not in installed_languages()
    page = Image.new("RGB", (200, 80), "white")
    with pytest.raises(OcrUnavailable, match="tesseract-ocr-tlh") as err:
        ocr_page(page, 1, RunOptions(ocr_engine="tesseract", ocr_languages=["eng", "tlh"]))
    assert err.value.details["missing_languages"] == ["tlh"]


def test_given_two_languages_when_tesseract_reads_then_both_models_are_loaded():
    engine = get_engine("tesseract", ["eng", "deu"])
    assert engine.languages == ("eng", "deu")
