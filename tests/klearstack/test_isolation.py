"""Tenant isolation on every KlearStack endpoint: another company's batch, document, set and user
ids give 403/404 and never data; lists never include another company's documents."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.klearstack.conftest import BASE, KS, UPLOAD_FORM, small_pdf

TODAY = datetime.now(UTC).strftime("%d/%m/%Y")


@pytest.fixture(scope="module")
def victim(ks: KS) -> dict[str, Any]:
    """A processed, approved document of ``ks`` in a set, with a QuickBooks outcome."""
    up = ks.upload([("secret-ledger.pdf", small_pdf("victim"))], create_new_set="True", set_name="Secret")
    (doc,) = ks.wait(up["batch_id"])
    r = ks.post("approve_reject_doc", {"id": doc["Document_id"], "approve_reject": "approve", "comment": "x"},
                creds=False)  # fmt: skip
    assert r.status_code == 200, r.text
    qbe = {"document_id": doc["Document_id"], "QBE_status": "successful"}
    assert ks.post("updateqbestatus", {"QBE_response": json.dumps(qbe)}).status_code == 200
    tokens = ks.client.post(f"{BASE}/get_access_token", data=ks.creds("creator")).json()
    return {"b": up["batch_id"], "d": doc["Document_id"], "set": up["set_reference_number"],
            "refresh": tokens["refresh_token"], "user": ks.tenant.users["creator"], "company": ks.company,
            "version": doc["version"]}  # fmt: skip


# endpoint, body with {b} batch, {d} document, {set}, {user}, {refresh}, {company} of the victim,
# whether the intruder's credentials go in the body
ID_CALLS: list[tuple[str, dict[str, str], bool]] = [
    ("getbatchdocuments", {"batch_id": "{b}"}, True),
    ("getdocument", {"id": "{d}"}, False),
    ("getdocumentimage", {"id": "{d}"}, False),
    ("update_document", {"id": "{d}", "data": '{"Inv_Number": "PWNED"}'}, False),
    ("approve_reject_doc", {"id": "{d}", "approve_reject": "reject", "comment": "x"}, False),
    ("updateqbestatus", {"QBE_response": '{"document_id": "{d}", "QBE_status": "failed"}'}, True),
    ("getsetdocuments", {"set_reference_number": "{set}"}, True),
    ("getsetuploadstatus", {"set_reference_number": "{set}"}, True),
    ("uploadbatch", {**UPLOAD_FORM, "set_reference_number": "{set}"}, True),
    ("processdocument", {**UPLOAD_FORM, "set_reference_number": "{set}"}, True),
    ("getuserid", {"company_name": "{company}", "username": "creator"}, False),
    ("getaccesstokenfromuserid", {"user_id": "{user}"}, False),
    ("getaccesstokenfromrefreshtoken", {"refresh_token": "{refresh}"}, False),
    ("getbatchdocuments", {"company_name": "{company}", "batch_id": "{b}"}, True),
    ("getdocument", {"company_name": "{company}", "id": "{d}"}, False),
]


@pytest.mark.parametrize(
    ("name", "body", "creds"), ID_CALLS, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(ID_CALLS)]
)
def test_given_another_companys_ids_when_calling_then_403_or_404_and_no_data(
    ks: KS, other_ks: KS, victim: dict[str, Any], name: str, body: dict[str, str], creds: bool
) -> None:
    filled = {k: v.replace("{d}", victim["d"]).replace("{b}", victim["b"]).replace("{set}", victim["set"])
              .replace("{user}", str(victim["user"])).replace("{refresh}", victim["refresh"])
              .replace("{company}", victim["company"]) for k, v in body.items()}  # fmt: skip
    uploads = name in ("uploadbatch", "processdocument")
    files = [("file", ("x.pdf", small_pdf("intruder"), "application/pdf"))] if uploads else None
    r = other_ks.post(name, filled, role="admin", creds=creds, files=files)
    assert r.status_code in (403, 404), (r.status_code, r.text)
    assert set(r.json()) == {"error"}
    for secret in ("secret-ledger", victim["d"], victim["b"], "PWNED", "access_token"):
        assert secret not in r.text
    after = ks.post("getdocument", {"id": victim["d"]}, creds=False).json()["result"][0]
    assert after["version"] == victim["version"] and after["is_approved"] == 1 and after["is_rejected"] == 0


LIST_CALLS: list[tuple[str, dict[str, str]]] = [
    ("getuserdocuments", {}),
    ("getmodifiedinvoices", {}),
    ("getapproveinvoices", {"from_date": TODAY, "to_date": TODAY}),
    ("getapproveinvoices", {"from_date": TODAY, "to_date": TODAY, "QBE_status": "successful"}),
    ("getsetreferencenumbers", {}),
]


@pytest.mark.parametrize(
    ("name", "body"), LIST_CALLS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(LIST_CALLS)]
)
def test_given_lists_then_another_companys_documents_never_appear(
    other_ks: KS, victim: dict[str, Any], name: str, body: dict[str, str]
) -> None:
    for role in ("admin", "creator"):
        r = other_ks.post(name, body, role=role)
        if name == "getapproveinvoices" and role == "creator":
            assert r.status_code == 403
            continue
        assert r.status_code == 200, r.text
        assert r.json()["result"] == []
        assert "secret-ledger" not in r.text and victim["d"] not in r.text and victim["set"] not in r.text
