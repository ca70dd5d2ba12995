"""Fetching results: getbatchdocuments (keyed shape, failed documents, filters), getuserdocuments
(tuples), getdocument and its page image (coordinates in the image's pixels), getmodifiedinvoices
(a cursor per user)."""

from __future__ import annotations

import io
import re
from typing import Any

from fastapi.testclient import TestClient
from PIL import Image

from docsift.schema import get_schema
from tests.klearstack.conftest import BASE, KS, small_pdf

ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$")
KLEARSTACK_DATE = re.compile(r"^\d{2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{4}$")
INVOICE = get_schema("invoice")


def _is_cell(cell: Any) -> bool:
    return (isinstance(cell, dict) and set(cell) == {"value", "confidence", "page_index", "coordinate"}
            and isinstance(cell["value"], str) and 0.0 <= cell["confidence"] <= 1.0
            and isinstance(cell["page_index"], int) and len(cell["coordinate"]) == 4)  # fmt: skip


def test_given_a_finished_batch_then_every_document_in_the_keyed_format(finished: dict[str, Any]) -> None:
    doc = finished["docs"]["invoice.pdf"]
    assert (
        doc["status"] == "completed"
        and doc["document_type"] == "Invoice"
        and doc["batch_id"] == finished["batch_id"]
    )
    assert re.fullmatch(r"[0-9a-f]{24}", doc["Document_id"]) and doc["is_approved"] == 0
    assert ISO_TIME.match(doc["upload_time"]) and ISO_TIME.match(doc["finished_time"])
    assert doc["upload_time"] <= doc["finished_time"] and 0 < doc["overall_confidence"] <= 1
    for spec in INVOICE.fields:  # every field of the type, under its KlearStack key
        assert _is_cell(doc[spec.klearstack]), spec.klearstack
    found = [doc[s.klearstack] for s in INVOICE.fields if doc[s.klearstack]["value"]]
    assert found and all(c["page_index"] == 1 and c["coordinate"] != [0, 0, 0, 0] for c in found)
    assert all(not c["value"] and c["page_index"] == 0 for s in INVOICE.fields
               if not (c := doc[s.klearstack])["value"])  # fmt: skip
    if doc["Inv_Date"]["value"]:
        assert KLEARSTACK_DATE.match(doc["Inv_Date"]["value"]), doc["Inv_Date"]
    assert isinstance(doc["Line_Items"], list) and doc["Line_Items"], "the invoice has three lines"
    for row in doc["Line_Items"]:
        assert set(row) == {c.klearstack for c in INVOICE.line_columns} and all(
            _is_cell(c) for c in row.values()
        )


def test_given_a_broken_file_in_the_batch_then_it_is_failed_with_a_reason_and_the_rest_completed(
    finished: dict[str, Any],
) -> None:
    broken = finished["docs"]["broken.pdf"]
    assert broken["status"] == "failed" and broken["reason"] and broken["error_code"]
    assert "Inv_Number" not in broken and "Line_Items" not in broken
    assert finished["docs"]["note.pdf"]["status"] == "completed"


def test_given_a_listed_batch_when_a_document_is_edited_then_the_next_listing_shows_the_new_version(
    ks: KS,
) -> None:
    files = [("keep.pdf", small_pdf("list-keep")), ("edit.pdf", small_pdf("list-edit"))]
    batch_id = ks.upload(files)["batch_id"]
    before = {d["file_name"]: d for d in ks.wait(batch_id)}
    assert ks.wait(batch_id) == list(before.values())  # listed again: the same documents
    edited = before["edit.pdf"]["Document_id"]
    data = '{"Inv_Number": {"_value": "LIST-2", "_coordinates": [10, 20, 300, 60]}}'
    assert ks.post("update_document", {"id": edited, "data": data}, creds=False).status_code == 200

    after = {d["file_name"]: d for d in ks.wait(batch_id)}
    assert after["edit.pdf"]["version"] == 2 and after["edit.pdf"]["is_saved"] == 1
    assert after["edit.pdf"]["Inv_Number"] == {"value": "LIST-2", "confidence": 1.0, "page_index": 1,
                                               "coordinate": [10, 20, 300, 60]}  # fmt: skip
    assert after["keep.pdf"] == before["keep.pdf"]


def test_given_coordinates_then_they_are_pixels_of_the_served_page_image(
    ks: KS, finished: dict[str, Any]
) -> None:
    doc = finished["docs"]["invoice.pdf"]
    r = ks.post("getdocumentimage", {"id": doc["Document_id"]}, creds=False)
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(r.content)).convert("L")
    assert image.size[0] > 1000  # an A4 page at 200 dpi is 1654 pixels wide
    for spec in INVOICE.fields:
        cell = doc[spec.klearstack]
        if not cell["value"]:
            continue
        x0, y0, x1, y1 = cell["coordinate"]
        assert 0 <= x0 < x1 <= image.size[0] and 0 <= y0 < y1 <= image.size[1], (spec.name, cell)
        ink = image.crop((x0, y0, x1, y1)).point(lambda v: 255 if v < 128 else 0).getbbox()
        assert ink is not None, f"{spec.klearstack}: no printed text inside {cell['coordinate']}"
    r = ks.post("getdocumentimage", {"id": doc["Document_id"], "page_index": "2"}, creds=False)
    assert r.status_code == 404 and "error" in r.json()


def test_given_a_document_id_then_getdocument_gives_it_with_ocr_id(ks: KS, finished: dict[str, Any]) -> None:
    doc = finished["docs"]["invoice.pdf"]
    for as_json in (False, True):
        r = ks.post("getdocument", {"id": doc["Document_id"], "collection_name": "Invoices"}, creds=False,
                    as_json=as_json)  # fmt: skip
        assert r.status_code == 200, r.text
        (one,) = r.json()["result"]
        assert (
            one["ocr_id"] == one["Document_id"] == doc["Document_id"]
            and one["Inv_Number"] == doc["Inv_Number"]
        )
    r = ks.post("getdocument", {"id": "f" * 24}, creds=False)
    assert r.status_code == 404 and r.json() == {"error": "Document ID not found."}
    r = ks.post("getdocument", {"id": doc["Document_id"], "collection_name": "Bananas"}, creds=False)
    assert r.status_code == 400


def test_given_getbatchdocuments_errors_then_documented_statuses(ks: KS, finished: dict[str, Any]) -> None:
    r = ks.post("getbatchdocuments", {})
    assert r.status_code == 400 and r.json() == {"error": "Please provide batch_id."}
    r = ks.post("getbatchdocuments", {"batch_id": "169a4df0-52c4-4835-8bb4-10296c8e5e3a"})
    assert r.status_code == 404 and r.json() == {"error": "Batch ID not found."}
    r = ks.post("getbatchdocuments", {"batch_id": finished["batch_id"], "document_type": "Bananas"})
    assert r.status_code == 400 and "document_type" in r.json()["error"]
    r = ks.post("getbatchdocuments", {"batch_id": finished["batch_id"], "approve_flag": "maybe"})
    assert r.status_code == 400


def test_given_a_user_then_getuserdocuments_gives_their_uploads_as_tuples(
    ks: KS, finished: dict[str, Any]
) -> None:
    mine = ks.post("getuserdocuments", role="creator", as_json=True)
    assert mine.status_code == 200, mine.text
    docs = {next(v for v, k, *_ in d if k == "Document_id"): d for d in mine.json()["result"]}
    wanted = {d["Document_id"] for d in finished["docs"].values()}
    assert wanted <= set(docs)
    invoice = docs[finished["docs"]["invoice.pdf"]["Document_id"]]
    keys = [entry[1] for entry in invoice]
    assert keys[:3] == ["Document_id", "Is_Approved", "overall_confidence"] and keys.count("Is_Approved") == 1
    fields = [e for e in invoice if len(e) == 5]
    assert fields and all(isinstance(v, str) and isinstance(c, float) and set(p) == {"page_index"}
                          and len(box) == 4 for v, _k, c, p, box in fields)  # fmt: skip
    assert any(k == "Line_Items" and isinstance(v, list) for v, k, *_ in invoice)
    assert ks.post("getuserdocuments", role="approver").json()["result"] == []  # approver uploaded nothing
    assert (
        ks.post("getuserdocuments", {"limit": "1"}, role="creator").json()["result"]
        == mine.json()["result"][:1]
    )
    assert ks.post("getuserdocuments", {"approve_flag": "true"}, role="creator").json()["result"] == []


def test_given_approve_and_save_flags_then_only_approved_or_saved_documents(ks: KS) -> None:
    docs = ks.processed([(f"f{i}.pdf", small_pdf(f"flags-{i}")) for i in range(3)])
    batch_id = docs[0]["batch_id"]
    saved, approved, plain = (d["Document_id"] for d in docs)
    r = ks.post("update_document", {"id": saved, "data": '{"Inv_Number": {"_value": "S-1"}}'}, creds=False)
    assert r.status_code == 200, r.text
    r = ks.post(
        "approve_reject_doc", {"id": approved, "approve_reject": "approve", "comment": ""}, creds=False
    )
    assert r.status_code == 200, r.text

    def ids(**flags: str) -> set[str]:
        r = ks.post("getbatchdocuments", {"batch_id": batch_id, **flags})
        assert r.status_code == 200 and r.json()["status"] == "completed"
        return {d["Document_id"] for d in r.json()["result"]}

    assert ids() == {saved, approved, plain}
    assert ids(approve_flag="true") == {approved}
    assert ids(save_flag="true") == {saved}
    assert ids(approve_flag="false", save_flag="false") == {saved, approved, plain}


def test_given_pulls_when_documents_change_then_each_user_gets_changes_since_their_last_pull(
    fresh_ks: KS,
) -> None:
    ks = fresh_ks
    docs = ks.processed([("m1.pdf", small_pdf("mod-1")), ("m2.pdf", small_pdf("mod-2"))])
    first = ks.post("getmodifiedinvoices", role="admin").json()["result"]
    assert sorted(d["Document_id"] for d in first) == sorted(d["Document_id"] for d in docs)
    assert ks.post("getmodifiedinvoices", role="admin").json()["result"] == []  # nothing new since
    r = ks.post("update_document", {"id": docs[1]["Document_id"], "data": {"Inv_Number": "M-2"}}, creds=False,
                as_json=True)  # fmt: skip
    assert r.status_code == 200, r.text
    again = ks.post("getmodifiedinvoices", role="admin").json()["result"]
    assert [d["Document_id"] for d in again] == [docs[1]["Document_id"]] and again[0]["Inv_Number"][
        "value"
    ] == "M-2"
    approver = ks.post("getmodifiedinvoices", role="approver").json()["result"]  # a cursor of its own
    assert sorted(d["Document_id"] for d in approver) == sorted(d["Document_id"] for d in docs)
    assert (
        ks.post("getmodifiedinvoices", {"document_type": "Receipts"}, role="creator").json()["result"] == []
    )


def test_given_a_running_batch_then_in_progress_shape_and_no_edits_yet(idle_app: TestClient) -> None:
    login = {"company_name": "docsift", "username": "admin", "password": "bootstrap-admin-pass"}
    token = idle_app.post(f"{BASE}/get_access_token", data=login).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    files = [("file", ("a.pdf", small_pdf("idle-a"))), ("file", ("b.pdf", small_pdf("idle-b")))]
    form = {**login, "document_type": "Invoices", "processing_pref": "Accuracy", "invoice_type": "B2C",
            "create_new_set": "True", "set_name": "March"}  # fmt: skip
    up = idle_app.post(f"{BASE}/uploadbatch", data=form, files=files, headers=headers).json()
    r = idle_app.post(
        f"{BASE}/getbatchdocuments", data={**login, "batch_id": up["batch_id"]}, headers=headers
    )
    assert r.status_code == 200 and r.json() == {
        "result": [
            {"file_name": "a.pdf", "status": "in_progress"},
            {"file_name": "b.pdf", "status": "in_progress"},
        ],
        "status": "in_progress",
    }
    doc_id = up["documents"][0]["Document_id"]
    r = idle_app.post(
        f"{BASE}/update_document",
        headers=headers,
        data={"company_name": "docsift", "id": doc_id, "data": '{"Inv_Number": "X"}'},
    )
    assert r.status_code == 400 and "processed" in r.json()["error"]
    r = idle_app.post(
        f"{BASE}/approve_reject_doc",
        headers=headers,
        data={"company_name": "docsift", "id": doc_id, "approve_reject": "approve", "comment": "c"},
    )
    assert r.status_code == 400
    status = idle_app.post(
        f"{BASE}/getsetuploadstatus",
        headers=headers,
        data={**login, "set_reference_number": up["set_reference_number"]},
    ).json()
    assert (
        status["status"] == "in_progress"
        and status["counts"]["in_progress"] == 2
        and status["set_name"] == "March"
    )
    assert idle_app.post(f"{BASE}/getmodifiedinvoices", data=login, headers=headers).json()["result"] == []
