"""Parties: seller and buyer names and addresses from blocks, labels and legal forms."""

from __future__ import annotations

from docsift.extraction import extract
from docsift.extraction.document.analysis import analyse
from docsift.extraction.document.segments import page_segments
from docsift.extraction.parties.addresses import AddrCand, assemble
from docsift.extraction.parties.names import name_candidates
from docsift.options import DocumentType, RunOptions
from docsift.result import DocumentResult
from tests.extraction.pages import doc_of

INVOICE = [
    [(2, "Sonnenweg Druck AG"), (70, "RECHNUNG")],
    [(2, "Sonnenweg 12"), (60, "Rechnungsnummer: R-4711")],
    [(2, "80333 München"), (60, "Rechnungsdatum: 05.03.2024")],
    [],
    [(2, "Rechnungsempfänger:")],
    [(2, "Kunden AG Mitte")],
    [(2, "Kundenstraße 15")],
    [(2, "69876 Frankfurt")],
    [],
    [(40, "Nettobetrag"), (80, "100,00")],
    [(40, "USt 19%"), (80, "19,00")],
    [(40, "Gesamtbetrag"), (80, "119,00")],
]
RECEIPT = [
    [(6, "KEDAI MAKAN SEDAP SDN BHD (123456-X)")],
    [(6, "NO 12, JALAN MAWAR 3,")],
    [(6, "43300 SERI KEMBANGAN, SELANGOR")],
    [(6, "TEL: 03-1234 5678")],
    [(2, "CASH BILL")],
    [(2, "DATE: 25/01/2019")],
    [(2, "NASI LEMAK"), (24, "6.50")],
    [(2, "TOTAL"), (24, "6.50")],
    [(2, "CASH"), (24, "10.00")],
    [(2, "CHANGE"), (24, "3.50")],
]


def _extract(rows: list[list[tuple[int, str]]], doc_type: str) -> DocumentResult:
    options = RunOptions(document_type=DocumentType(doc_type), use_embedded_xml=False)
    return extract(doc_of(rows), options, DocumentResult())


def test_given_a_buyer_block_under_its_label_when_extracted_then_buyer_and_seller_are_told_apart() -> None:
    result = _extract(INVOICE, "invoice")
    assert result.value("customer_name") == "Kunden AG Mitte"
    assert result.value("vendor_name") == "Sonnenweg Druck AG"
    assert "Kundenstraße 15" in (result.value("customer_address") or "")


def test_given_a_receipt_header_when_extracted_then_the_merchant_name_stops_at_its_legal_form() -> None:
    result = _extract(RECEIPT, "receipt")
    assert result.value("merchant_name") == "KEDAI MAKAN SEDAP SDN BHD"
    address = result.value("merchant_address") or ""
    assert "JALAN MAWAR" in address and "SELANGOR" in address and "TEL" not in address
    assert result.value("total") == "6.50"


def test_given_a_name_label_word_without_colon_then_the_whole_segment_stays_a_candidate() -> None:
    analysis = analyse(doc_of([[(2, "Lieferant GmbH")], [(2, "Name: Kunde GmbH")]]), "invoice")
    texts = {c.text for c in name_candidates(page_segments(analysis.index, 0))}
    assert "Lieferant GmbH" in texts
    assert "Kunde GmbH" in texts and "Name: Kunde GmbH" not in texts


# a shop header whose address runs over four centred lines, each ending with a comma
LONG_ADDRESS = [
    [(14, "MR.D.I.Y(M)SDN BHD")],
    [(15, "Co-REG:860671-D")],
    [(8, "LOT 1851-A & 1851-B, JALAN KPB 6,")],
    [(9, "KAWASAN PERINDUSTRIAN BALAKONG,")],
    [(9, "43300 SERI KEMBANGAN, SELANGOR")],
    [(10, "(GST ID No :000306020352)")],
    [(13, "-TAX INVOICE-")],
    [(2, "TOILET BRUSH 47-2311"), (30, "15.90")],
    [(2, "TOTAL"), (30, "15.90")],
    [(2, "CASH"), (30, "20.00")],
]


def test_given_an_address_line_ending_with_a_comma_when_extracted_then_it_is_no_merchant_name() -> None:
    result = _extract(LONG_ADDRESS, "receipt")
    assert result.value("merchant_name") == "MR.D.I.Y(M)SDN BHD"
    address = result.value("merchant_address") or ""
    assert address.startswith("LOT 1851-A") and address.endswith("SELANGOR")


def _walk(rows: list[list[tuple[int, str]]], scores: list[float]) -> list[AddrCand]:
    """Address candidates for the segments after the first (the name), one per step, scored."""
    segs = page_segments(analyse(doc_of(rows), "receipt").index, 0)
    pairs = zip(segs[1:], scores, strict=True)
    return [AddrCand(seg, step, None, score=sc) for step, (seg, sc) in enumerate(pairs, 1)]


SHOP = [
    [(6, "PREMIO STATIONERY SDN BHD")],
    [(6, "F-G-01 JALAN SS 6/5B")],
    [(6, "Dataran Glomac. Kelana Jaya")],
    [(6, "47301 Petaling Jaya, Selangor")],
    [(6, "03-7880 5750")],
]


def test_given_a_postcode_line_soon_after_an_accepted_run_then_the_address_ends_with_it() -> None:
    lines = assemble(_walk(SHOP, [0.9, 0.07, 0.13, 0.002]), 0.3)
    assert [c.seg.text for c in lines] == ["F-G-01 JALAN SS 6/5B", "Dataran Glomac. Kelana Jaya",
                                           "47301 Petaling Jaya, Selangor"]  # fmt: skip


def test_given_a_line_the_model_rejects_outright_before_the_postcode_then_the_run_stops_there() -> None:
    lines = assemble(_walk(SHOP, [0.9, 0.001, 0.13, 0.002]), 0.3)
    assert [c.seg.text for c in lines] == ["F-G-01 JALAN SS 6/5B"]


def test_given_id_rows_between_a_party_heading_and_its_name_then_their_labels_are_no_names() -> None:
    rows = [[(2, "Seller:")], [(2, "Number :"), (12, "549910")], [(2, "Nummer: 77")]]
    rows.append([(2, "Acme Trading Ltd")])
    analysis = analyse(doc_of(rows), "invoice")
    texts = {c.text for c in name_candidates(page_segments(analysis.index, 0))}
    assert "Acme Trading Ltd" in texts
    assert not {"Number", "Number :", "Nummer", "Nummer:"} & texts


def test_given_lines_with_a_label_inside_then_they_are_no_names() -> None:
    rows = [[(2, "MAWAR TRADING SDN BHD")], [(2, "Cashier: : Anna Lim")], [(2, "Total Incl. GST:RM")]]
    analysis = analyse(doc_of(rows), "receipt")
    texts = {c.text for c in name_candidates(page_segments(analysis.index, 0))}
    assert "MAWAR TRADING SDN BHD" in texts
    assert not [t for t in texts if ":" in t]


def test_given_a_phone_entry_or_a_bare_id_label_by_the_address_then_it_is_left_out() -> None:
    rows = [
        [(6, "KEDAI MAWAR SDN BHD")],
        [(6, "GST Reg. No")],
        [(6, "NO 12, JALAN MAWAR 3,")],
        [(6, "43300 SERI KEMBANGAN, SELANGOR")],
        [(6, "Careline: 1800 88 1231")],
        [(2, "NASI LEMAK"), (24, "6.50")],
        [(2, "TOTAL"), (24, "6.50")],
    ]
    address = _extract(rows, "receipt").value("merchant_address") or ""
    assert address.startswith("NO 12, JALAN MAWAR 3") and address.endswith("SELANGOR"), address
