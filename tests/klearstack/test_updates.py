"""Changing documents: update_document (KlearStack and internal keys, coordinates, versions, audit),
approve_reject_doc (roles, finality), getapproveinvoices (roles, dates, users, QuickBooks status)
and updateqbestatus."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.klearstack.conftest import KS, small_pdf

TODAY = datetime.now(UTC).strftime("%d/%m/%Y")


def _doc(ks: KS, tag: str, role: str = "creator") -> dict[str, Any]:
    (doc,) = ks.processed([(f"{tag}.pdf", small_pdf(tag))], role=role)
    assert doc["status"] == "completed", doc
    return doc


def _get(ks: KS, doc_id: str) -> dict[str, Any]:
    r = ks.post("getdocument", {"id": doc_id}, creds=False)
    assert r.status_code == 200, r.text
    return dict(r.json()["result"][0])


def _audit(ks: KS, doc_id: str) -> list[dict[str, Any]]:
    r = ks.client.get(f"/api/v1/documents/{doc_id}/audit", headers={"Authorization": f"Bearer {ks.token()}"})
    assert r.status_code == 200, r.text
    return list(r.json())


@pytest.mark.parametrize("as_json", [False, True], ids=["form", "json"])
def test_given_internal_and_klearstack_keys_when_updating_then_a_new_audited_version(
    ks: KS, as_json: bool
) -> None:
    doc = _doc(ks, f"upd-{as_json}")
    data = {
        "doc_number_value": {"_value": "INV-77", "_coordinates": [100, 120, 400, 150]},
        "doc_date_value": {"_value": "02-Oct-2022", "_coordinates": [0, 0, 0, 0]},
        "Total": {"_value": "1,180.50"},
        "due_date": "15/11/2022",
        "Supplier_Email": {"_value": "ap@example.com", "_coordinates": [10, 20, 30, 40], "_page_index": 1},
    }
    body = {
        "id": doc["Document_id"],
        "collection_name": "Invoices",
        "data": data if as_json else json.dumps(data),
    }
    r = ks.post("update_document", body, role="creator", creds=False, as_json=as_json)
    assert (
        r.status_code == 200
        and r.json()["success"] == "Document updated successfully"
        and r.json()["version"] == 2
    )
    after = _get(ks, doc["Document_id"])
    assert after["version"] == 2 and after["is_saved"] == 1
    assert after["Inv_Number"] == {"value": "INV-77", "confidence": 1.0, "page_index": 1,
                                   "coordinate": [100, 120, 400, 150]}  # fmt: skip
    assert after["Inv_Date"]["value"] == "02-Oct-2022" and after["Due_Date"]["value"] == "15-Nov-2022"
    assert after["Total"]["value"] == "1180.50" and after["Supplier_Email"]["coordinate"] == [10, 20, 30, 40]
    edit = _audit(ks, doc["Document_id"])[-1]
    assert edit["action"] == "edit" and edit["version"] == 2
    assert edit["details"]["changes"]["invoice_number"]["new"] == "INV-77"


def test_given_line_items_and_a_removed_field_when_updating_then_replaced(ks: KS) -> None:
    doc = _doc(ks, "upd-lines")
    rows = [{"Description": "Paper", "Quantity": "2", "Unit_Price": {"_value": "5.00"}, "amount": "10"}]
    r = ks.post("update_document", {"id": doc["Document_id"], "data": {"Line_Items": rows, "Inv_Number": ""}},
                creds=False, as_json=True)  # fmt: skip
    assert r.status_code == 200, r.text
    after = _get(ks, doc["Document_id"])
    (row,) = after["Line_Items"]
    values = [row[key]["value"] for key in ("Description", "Quantity", "Unit_Price", "Total")]
    assert values == ["Paper", "2", "5.00", "10.00"]
    assert after["Inv_Number"]["value"] == ""


@pytest.fixture(scope="module")
def target(ks: KS) -> str:
    """One processed document for the cases that must leave it unchanged."""
    return str(_doc(ks, "upd-bad")["Document_id"])


@pytest.mark.parametrize(
    ("data", "fragment"),
    [('{"Not_A_Field": "x"}', "Unknown field"), ('{"Inv_Date": "someday"}', "cannot be read as a date"),
     ('{"Inv_Number": {"_value": "X", "_coordinates": [1, 2]}}', "four numbers"),
     ('{"Inv_Number": {"_value": "X", "_coordinates": [1, 2, 99999, 3]}}', "inside page"),
     ('{"Line_Items": [{"Colour": "red"}]}', "unknown column"), ("not json", "valid JSON"),
     ("[]", "JSON object")],
)  # fmt: skip
def test_given_bad_data_when_updating_then_400_and_nothing_changes(
    ks: KS, target: str, data: str, fragment: str
) -> None:
    doc_id = target
    r = ks.post("update_document", {"id": doc_id, "data": data}, creds=False)
    assert r.status_code == 400 and fragment in r.json()["error"], r.text
    assert _get(ks, doc_id)["version"] == 1


def test_given_update_errors_then_400_for_missing_and_404_for_unknown(ks: KS) -> None:
    r = ks.post("update_document", {"data": "{}"}, creds=False)
    assert r.status_code == 400 and r.json() == {"error": "Please provide id."}
    r = ks.post("update_document", {"id": "a" * 24}, creds=False)
    assert r.status_code == 400 and r.json() == {"error": "Please provide data."}
    r = ks.post("update_document", {"id": "a" * 24, "data": '{"Inv_Number": "1"}'}, creds=False)
    assert r.status_code == 404 and r.json() == {"error": "Document ID not found."}


def test_given_a_decision_then_it_is_final_and_the_document_frozen(ks: KS) -> None:
    doc_id = _doc(ks, "decide")["Document_id"]
    body = {"id": doc_id, "approve_reject": "approve", "comment": "checked"}
    r = ks.post("approve_reject_doc", body, role="creator", creds=False)
    assert r.status_code == 403 and "error" in r.json()
    r = ks.post("approve_reject_doc", body, role="approver", creds=False, as_json=True)
    assert r.status_code == 200 and r.json()["success"] == "Document updated successfully"
    for choice in ("approve", "reject"):
        r = ks.post("approve_reject_doc", {**body, "approve_reject": choice}, role="admin", creds=False)
        assert r.status_code == 400 and r.json() == {"error": "Document is already approved"}
    r = ks.post("update_document", {"id": doc_id, "data": '{"Inv_Number": "LATE"}'}, creds=False)
    assert r.status_code == 400 and r.json() == {"error": "Document is already approved"}
    doc = _get(ks, doc_id)
    assert doc["is_approved"] == 1 and doc["is_rejected"] == 0
    assert [e["action"] for e in _audit(ks, doc_id)] == ["processed", "approved"]


def test_given_a_rejection_then_a_second_decision_is_already_rejected(ks: KS) -> None:
    doc_id = _doc(ks, "reject")["Document_id"]
    r = ks.post(
        "approve_reject_doc", {"id": doc_id, "approve_reject": "REJECT", "comment": "blurry"}, creds=False
    )
    assert r.status_code == 200, r.text
    r = ks.post(
        "approve_reject_doc", {"id": doc_id, "approve_reject": "approve", "comment": "x"}, creds=False
    )
    assert r.status_code == 400 and r.json() == {"error": "Document is already rejected"}
    r = ks.post("approve_reject_doc", {"id": doc_id, "approve_reject": "maybe"}, creds=False)
    assert r.status_code == 400 and "approve or reject" in r.json()["error"]
    assert _get(ks, doc_id)["is_rejected"] == 1


def _approved(ks: KS, **filters: str) -> Any:
    return ks.post("getapproveinvoices", {"from_date": TODAY, "to_date": TODAY, **filters}, role="approver")


def test_given_approved_documents_then_admins_and_approvers_get_them_by_date_and_uploader(
    fresh_ks: KS,
) -> None:
    ks = fresh_ks
    by_creator, by_admin = _doc(ks, "ap-c", role="creator"), _doc(ks, "ap-a", role="admin")
    pending = _doc(ks, "ap-p")
    for doc in (by_creator, by_admin):
        decision = {"id": doc["Document_id"], "approve_reject": "approve", "comment": "ok"}
        r = ks.post("approve_reject_doc", decision, role="admin", creds=False)
        assert r.status_code == 200, r.text
    r = _approved(ks)
    assert r.status_code == 200, r.text
    got = {d["Document_id"]: d for d in r.json()["result"]}
    assert (
        set(got) == {by_creator["Document_id"], by_admin["Document_id"]} and pending["Document_id"] not in got
    )
    one = got[by_creator["Document_id"]]
    assert one["is_approved"] == 1 and one["approved_by"] == "admin" and one["approval_comment"] == "ok"
    assert one["approved_date"] == datetime.now(UTC).strftime("%a %b %d %Y") and one["QBE_status"] == ""
    assert (
        ks.post("getapproveinvoices", {"from_date": TODAY, "to_date": TODAY}, role="admin").status_code == 200
    )
    r = ks.post("getapproveinvoices", {"from_date": TODAY, "to_date": TODAY}, role="creator")
    assert r.status_code == 403 and "result" not in r.json()
    only = _approved(ks, user_list="creator").json()["result"]
    assert [d["Document_id"] for d in only] == [by_creator["Document_id"]]
    yesterday = (datetime.now(UTC) - timedelta(days=1)).strftime("%d/%m/%Y")
    assert _approved(ks, from_date=yesterday, to_date=yesterday).json()["result"] == []
    assert _approved(ks, from_date=yesterday).json()["result"] != []


@pytest.mark.parametrize(
    ("filters", "fragment"),
    [({"from_date": ""}, "Please provide from_date."), ({"to_date": "2024-01-31"}, "DD/MM/YYYY"),
     ({"from_date": "31/01/2024", "to_date": "01/01/2024"}, "before"), ({"user_list": "nobody"}, "nobody"),
     ({"QBE_status": "pending"}, "QBE_status"), ({"document_type": "Bananas"}, "document_type")],
)  # fmt: skip
def test_given_bad_approved_filters_then_400(ks: KS, filters: dict[str, str], fragment: str) -> None:
    r = _approved(ks, **filters)
    assert r.status_code == 400 and fragment in r.json()["error"], r.text


def test_given_a_quickbooks_outcome_then_it_is_recorded_and_filterable(fresh_ks: KS, other_ks: KS) -> None:
    ks = fresh_ks
    ok_doc, failed_doc = _doc(ks, "qbe-1"), _doc(ks, "qbe-2")
    for doc in (ok_doc, failed_doc):
        ks.post("approve_reject_doc", {"id": doc["Document_id"], "approve_reject": "approve", "comment": ""},
                creds=False)  # fmt: skip
    outcomes = [
        {
            "document_id": ok_doc["Document_id"],
            "QBE_status": "successful",
            "QBE_timestamp": "14/04/2021 12:32:49",
        },
        {"document_id": failed_doc["Document_id"], "QBE_status": "failed", "error_message": "ErrMsg"},
    ]
    r = ks.post("updateqbestatus", {"QBE_response": json.dumps(outcomes[0])}, role="approver")
    assert r.status_code == 200 and r.json()["success"] == "QBE status updated successfully"
    r = ks.post("updateqbestatus", {"QBE_response": outcomes[1:]}, role="admin", as_json=True)
    assert r.status_code == 200, r.text
    good = _approved(ks, QBE_status="successful").json()["result"]
    assert [d["Document_id"] for d in good] == [ok_doc["Document_id"]] and good[0][
        "QBE_timestamp"
    ] == "14/04/2021 12:32:49"
    bad = _approved(ks, QBE_status="failed").json()["result"]
    assert [d["QBE_error_message"] for d in bad] == ["ErrMsg"]
    assert "qbe_status" in [e["action"] for e in _audit(ks, ok_doc["Document_id"])]

    r = ks.post("updateqbestatus", {"QBE_response": json.dumps(outcomes[0])}, role="creator")
    assert r.status_code == 403
    pending = _doc(ks, "qbe-3")["Document_id"]
    r = ks.post("updateqbestatus", {"QBE_response": json.dumps({**outcomes[0], "document_id": pending})})
    assert r.status_code == 400 and "not approved" in r.json()["error"]
    r = other_ks.post("updateqbestatus", {"QBE_response": json.dumps(outcomes[0])})
    assert r.status_code == 404 and r.json() == {"error": "Document ID not found."}
    r = ks.post("updateqbestatus", {"QBE_response": '{"document_id": "x", "QBE_status": "done"}'})
    assert r.status_code == 400
