"""Training-time variations keep the truth readable: a wrapped name still reads as the name."""

from __future__ import annotations

import random

from docsift.extraction.document.analysis import analyse
from docsift.extraction.document.segments import page_segments
from docsift.extraction.parties.names import name_candidates
from docsift.training.augment import branch_line, brand_line, vary, wrap_name
from tests.extraction.pages import doc_of

ROWS = [[(6, "KEDAI MAKAN SEDAP SDN BHD")], [(6, "NO 12, JALAN MAWAR 3,")], [(6, "TEL 03-1234 5678")]]


def test_given_a_wrapped_name_then_the_two_stacked_lines_are_a_name_candidate_equal_to_the_truth() -> None:
    doc = doc_of(ROWS)
    assert wrap_name(doc, "KEDAI MAKAN SEDAP SDN BHD", random.Random(3))
    assert len(doc.pages[0].lines) == 4
    segs = page_segments(analyse(doc, "receipt").index, 0)
    assert "KEDAI MAKAN SEDAP SDN BHD" in {" ".join(c.text.split()) for c in name_candidates(segs)}


def test_given_a_brand_line_then_it_is_printed_larger_above_the_name() -> None:
    doc = doc_of(ROWS)
    assert brand_line(doc, "KEDAI MAKAN SEDAP SDN BHD", random.Random(0))
    brand, name = doc.pages[0].lines[0], doc.pages[0].lines[1]
    assert brand.words[0].y1 <= name.words[0].y0 + 1e-9
    assert (brand.words[0].y1 - brand.words[0].y0) > (name.words[0].y1 - name.words[0].y0)


def test_given_the_same_key_and_seed_then_the_same_variation_is_chosen() -> None:
    done = [vary(doc_of(ROWS), {"issuer_name": "KEDAI MAKAN SEDAP SDN BHD"}, f"doc{i}", 0) for i in range(40)]
    again = [
        vary(doc_of(ROWS), {"issuer_name": "KEDAI MAKAN SEDAP SDN BHD"}, f"doc{i}", 0) for i in range(40)
    ]
    assert done == again and any(done) and not all(done)


def test_given_a_branch_line_then_it_sits_between_the_name_and_the_address() -> None:
    doc = doc_of(ROWS)
    assert branch_line(doc, "KEDAI MAKAN SEDAP SDN BHD", "NO 12, JALAN MAWAR 3, 43300 SERI KEMBANGAN")
    texts = [line.text for line in doc.pages[0].lines]
    assert texts[:3] == ["KEDAI MAKAN SEDAP SDN BHD", "KEDAI KEMBANGAN", "NO 12, JALAN MAWAR 3,"]
