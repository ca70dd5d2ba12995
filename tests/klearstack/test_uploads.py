"""Uploads (processdocument, uploadbatch) and document sets (getsetreferencenumbers,
getsetdocuments, getsetuploadstatus)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.klearstack.conftest import KS, UPLOAD_FORM, small_pdf
from tests.service.conftest import make_zip


def _file(name: str, data: bytes) -> list[Any]:
    return [("file", (name, data, "application/octet-stream"))]


def test_given_one_pdf_when_processdocument_then_ocr_ref_no_is_the_batch_id(ks: KS) -> None:
    form = {"processing_pref": "accuracy", "invoice_type": "b2c", "priority_flag": "true",
            "source_name": "API", "additional_params": '{"account_number": "1"}', "user_id": "7"}  # fmt: skip
    r = ks.post("processdocument", form, role="creator", files=_file("one.pdf", small_pdf("process-1")))
    assert r.status_code == 200, r.text
    body = r.json()
    assert (
        body["OCR_ref_no"] == body["batch_id"] and body["file_name"] == "one.pdf" and body["release_version"]
    )
    docs = ks.wait(body["OCR_ref_no"])  # the id works as getbatchdocuments' batch_id
    assert [d["Document_id"] for d in docs] == [body["Document_id"]] and docs[0]["document_type"] == "Invoice"


def test_given_a_zip_when_uploadbatch_then_the_documented_key_holds_the_batch_id(ks: KS) -> None:
    archive = make_zip(
        {"march/a.pdf": small_pdf("zip-a"), "march/b.pdf": small_pdf("zip-b"), "notes.txt": b"hi"}
    )
    r = ks.post("uploadbatch", UPLOAD_FORM, role="creator", files=_file("march.zip", archive))
    assert r.status_code == 200, r.text
    body = r.json()
    assert (
        body["Function successfully executed!"] == body["batch_id"] and body["set_reference_number"] is None
    )
    assert [d["file_name"] for d in body["documents"]] == ["march/a.pdf", "march/b.pdf"]
    assert [s["member"] for s in body["skipped"]] == ["notes.txt"]
    assert sorted(d["file_name"] for d in ks.wait(body["batch_id"])) == ["march/a.pdf", "march/b.pdf"]


@pytest.mark.parametrize(
    ("name", "form", "files", "status", "fragment"),
    [
        ("uploadbatch", {"processing_pref": ""}, "pdf", 400, "Please provide processing_pref."),
        ("uploadbatch", {"document_type": ""}, "pdf", 400, "Please provide document_type."),
        ("uploadbatch", {"invoice_type": "B2X"}, "pdf", 400, "B2B or B2C"),
        ("uploadbatch", {"processing_pref": "Fast"}, "pdf", 400, "Speed or Accuracy"),
        ("uploadbatch", {"document_type": "Poems"}, "pdf", 400, "document_type"),
        ("uploadbatch", {"additional_params": "{oops"}, "pdf", 400, "valid JSON"),
        ("uploadbatch", {"priority_flag": "soon"}, "pdf", 400, "true or false"),
        ("uploadbatch", {}, None, 400, "Please provide file."),
        ("uploadbatch", {}, "text", 415, "Unsupported file type"),
        ("uploadbatch", {}, "huge", 413, "larger than"),
        ("uploadbatch", {}, "unsafe_zip", 400, "path traversal"),
        ("uploadbatch", {"set_reference_number": "999"}, "pdf", 404, "Set reference number not found."),
        ("processdocument", {}, "zip", 415, "uploadbatch"),
        ("processdocument", {}, "two", 400, "one file"),
        ("processdocument", {"invoice_type": ""}, "pdf", 400, "Please provide invoice_type."),
    ],
)  # fmt: skip
def test_given_a_bad_upload_then_the_documented_status_and_nothing_stored(
    ks: KS, name: str, form: dict[str, str], files: str | None, status: int, fragment: str
) -> None:
    parts = {
        None: None,
        "pdf": _file("a.pdf", small_pdf("bad-upload")),
        "text": _file("a.pdf", b"just some text, not a document"),
        "huge": _file("big.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)),
        "unsafe_zip": _file("x.zip", make_zip({"../evil.pdf": small_pdf("evil")})),
        "zip": _file("x.zip", make_zip({"a.pdf": small_pdf("zipped")})),
        "two": _file("a.pdf", small_pdf("two-a")) + _file("b.pdf", small_pdf("two-b")),
    }[files]
    before = len(ks.post("getuserdocuments", role="creator").json()["result"])
    r = ks.post(name, {**UPLOAD_FORM, **form}, role="creator", files=parts)
    assert r.status_code == status and set(r.json()) == {"error"} and fragment in r.json()["error"], r.text
    assert len(ks.post("getuserdocuments", role="creator").json()["result"]) == before


def test_given_uploads_into_a_set_then_the_set_endpoints_list_and_gather_them(fresh_ks: KS) -> None:
    ks = fresh_ks
    first = ks.upload([("s1.pdf", small_pdf("set-1"))], create_new_set="True", set_name="April")
    ref = first["set_reference_number"]
    assert ref and ref.isdigit()
    second = ks.post("processdocument", {**UPLOAD_FORM, "set_reference_number": ref}, role="creator",
                     files=_file("s2.pdf", small_pdf("set-2"))).json()  # fmt: skip
    assert second["set_reference_number"] == ref
    ks.upload([("outside.pdf", small_pdf("set-out"))])
    for batch_id in (first["batch_id"], second["batch_id"]):
        ks.wait(batch_id)

    listed = ks.post("getsetreferencenumbers").json()["result"]
    assert [(s["set_reference_number"], s["set_name"], s["documents"]) for s in listed] == [(ref, "April", 2)]
    docs = ks.post("getsetdocuments", {"set_reference_number": ref}).json()
    assert docs["set_name"] == "April" and [d["file_name"] for d in docs["result"]] == ["s1.pdf", "s2.pdf"]
    assert all(d["status"] == "completed" and "Inv_Number" in d for d in docs["result"])
    status = ks.post("getsetuploadstatus", {"set_reference_number": ref}, as_json=True).json()
    assert status["status"] == "completed" and status["total"] == 2
    assert status["counts"] == {"in_progress": 0, "completed": 2, "failed": 0}
    assert (
        ks.post("getsetdocuments", {"set_reference_number": ref, "approve_flag": "true"}).json()["result"]
        == []
    )
    r = ks.post("getsetuploadstatus", {"set_reference_number": "1"})
    assert r.status_code == 404 and r.json() == {"error": "Set reference number not found."}
    r = ks.post("getsetdocuments", {})
    assert r.status_code == 400 and r.json() == {"error": "Please provide set_reference_number."}
