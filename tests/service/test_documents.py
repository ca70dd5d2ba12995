"""Results, versioned edits, approve / reject finality, the audit trail, page images, originals,
exports, pagination, and one bad file in a batch."""

from __future__ import annotations

import csv
import io

from PIL import Image, ImageDraw

from tests.service.conftest import Tenant, small_pdf


def _processed_doc(tenant: Tenant, invoice: bytes) -> dict:
    docs = tenant.processed([("inv.pdf", invoice)], document_type="Invoices")
    assert docs[0]["status"] in ("completed", "needs_review"), docs[0]
    return dict(docs[0])


def _get(tenant: Tenant, doc_id: str, role: str = "admin") -> dict:
    r = tenant.client.get(f"/api/v1/documents/{doc_id}", headers=tenant.headers(role))
    assert r.status_code == 200, r.text
    return dict(r.json())


def _patch(tenant: Tenant, doc_id: str, body: dict, role: str = "creator"):  # type: ignore[no-untyped-def]
    return tenant.client.patch(f"/api/v1/documents/{doc_id}/fields", json=body, headers=tenant.headers(role))


def test_given_a_processed_document_then_its_native_result_and_review_state_are_served(
    tenant: Tenant, invoice: bytes
) -> None:
    doc = _get(tenant, _processed_doc(tenant, invoice)["id"])
    assert doc["version"] == 1 and doc["attempts"] == 1 and doc["pages"] == 1
    assert doc["result"]["document_id"] == doc["id"] and doc["result"]["file_name"] == "inv.pdf"
    assert doc["result"]["status"] == doc["status"] and doc["result"]["document_type"] == "invoice"
    assert doc["review"] == {"saved": False, "saved_at": None, "saved_by": None, "decision": None,
                             "decided_at": None, "decided_by": None, "comment": None}  # fmt: skip
    assert doc["started_at"] <= doc["finished_at"]


def test_given_an_edit_with_the_current_version_then_applied_versioned_and_audited(
    tenant: Tenant, invoice: bytes
) -> None:
    doc_id = _processed_doc(tenant, invoice)["id"]
    before = _get(tenant, doc_id)["result"]["fields"].get("invoice_number", {}).get("value")
    r = _patch(tenant, doc_id, {"version": 1, "fields": {"invoice_number": {"value": "INV-EDITED-1"},
                                                         "due_date": None}, "comment": "typo"})  # fmt: skip
    assert r.status_code == 200, r.text
    doc = r.json()
    assert (
        doc["version"] == 2
        and doc["review"]["saved"]
        and doc["review"]["saved_by"] == tenant.users["creator"]
    )
    field = doc["result"]["fields"]["invoice_number"]
    assert field["value"] == "INV-EDITED-1" and field["source"] == "user" and field["confidence"] == 1.0
    assert "due_date" not in doc["result"]["fields"]
    audit = tenant.client.get(f"/api/v1/documents/{doc_id}/audit", headers=tenant.headers()).json()
    assert [e["action"] for e in audit] == ["processed", "edit"]
    change = audit[1]["details"]["changes"]["invoice_number"]
    assert change == {"old": before, "new": "INV-EDITED-1"} and audit[1]["details"]["comment"] == "typo"
    assert audit[1]["version"] == 2 and audit[1]["user_id"] == tenant.users["creator"]


def test_given_a_stale_version_then_409_with_the_current_version_and_no_change(
    tenant: Tenant, invoice: bytes
) -> None:
    doc_id = _processed_doc(tenant, invoice)["id"]
    assert _patch(tenant, doc_id, {"version": 1, "fields": {"currency": {"value": "EUR"}}}).status_code == 200
    r = _patch(tenant, doc_id, {"version": 1, "fields": {"currency": {"value": "USD"}}})
    assert r.status_code == 409 and r.json()["error"]["code"] == "version_conflict"
    assert r.json()["error"]["details"]["current_version"] == 2
    assert _get(tenant, doc_id)["result"]["fields"]["currency"]["value"] == "EUR"


def test_given_unknown_fields_or_columns_then_422(tenant: Tenant, invoice: bytes) -> None:
    doc_id = _processed_doc(tenant, invoice)["id"]
    r = _patch(tenant, doc_id, {"version": 1, "fields": {"favourite_colour": {"value": "blue"}}})
    assert r.status_code == 422 and r.json()["error"]["details"]["fields"] == ["favourite_colour"]
    r = _patch(tenant, doc_id, {"version": 1, "line_items": [{"flavour": "x"}]})
    assert r.status_code == 422
    r = _patch(tenant, doc_id, {"version": 1, "line_items": [{"description": "Widget", "amount": "10.00"}]})
    assert r.status_code == 200
    assert r.json()["result"]["line_items"] == [
        {"description": {"value": "Widget", "confidence": 1.0, "source": "user"},
         "amount": {"value": "10.00", "confidence": 1.0, "source": "user"}}
    ]  # fmt: skip


def test_given_an_approval_then_it_is_final(tenant: Tenant, invoice: bytes) -> None:
    doc_id = _processed_doc(tenant, invoice)["id"]
    r = tenant.client.post(f"/api/v1/documents/{doc_id}/approve", headers=tenant.headers("approver"),
                           json={"comment": "looks right"})  # fmt: skip
    assert r.status_code == 200
    review = r.json()["review"]
    assert review["decision"] == "approved" and review["decided_by"] == tenant.users["approver"]
    assert review["comment"] == "looks right"
    for action in ("approve", "reject"):
        r = tenant.client.post(f"/api/v1/documents/{doc_id}/{action}", headers=tenant.headers("admin"))
        assert r.status_code == 409 and r.json()["error"]["code"] == "already_approved"
    r = _patch(tenant, doc_id, {"version": 1, "fields": {"currency": {"value": "EUR"}}})
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_approved"
    audit = tenant.client.get(f"/api/v1/documents/{doc_id}/audit", headers=tenant.headers()).json()
    assert [e["action"] for e in audit] == ["processed", "approved"]


def test_given_a_creator_when_deciding_then_403(tenant: Tenant, invoice: bytes) -> None:
    doc_id = _processed_doc(tenant, invoice)["id"]
    for action in ("approve", "reject"):
        r = tenant.client.post(f"/api/v1/documents/{doc_id}/{action}", headers=tenant.headers("creator"))
        assert r.status_code == 403
    assert _get(tenant, doc_id)["review"]["decision"] is None


def test_given_one_bad_file_then_only_it_fails_with_a_reason_and_it_can_be_rejected(
    tenant: Tenant, invoice: bytes
) -> None:
    broken = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntruncated garbage"
    docs = tenant.processed([("good.pdf", invoice), ("broken.pdf", broken), ("good2.pdf", small_pdf("bf"))])
    status = {d["file_name"]: d for d in docs}
    assert status["good.pdf"]["status"] in ("completed", "needs_review")
    assert status["good2.pdf"]["status"] in ("completed", "needs_review")
    bad = status["broken.pdf"]
    assert bad["status"] == "failed" and bad["error"]["message"]
    r = tenant.client.post(f"/api/v1/documents/{bad['id']}/approve", headers=tenant.headers("approver"))
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_ready"
    r = tenant.client.post(f"/api/v1/documents/{bad['id']}/reject", headers=tenant.headers("approver"),
                           json={"comment": "unreadable"})  # fmt: skip
    assert r.status_code == 200 and r.json()["review"]["decision"] == "rejected"
    r = tenant.client.post(f"/api/v1/documents/{bad['id']}/reject", headers=tenant.headers("admin"))
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_rejected"


def test_given_a_pdf_and_an_image_then_pages_render_as_png_and_originals_round_trip(
    tenant: Tenant, invoice: bytes
) -> None:
    img = Image.new("RGB", (600, 400), "white")
    ImageDraw.Draw(img).text((40, 40), "Receipt 42 Total 9.99", fill="black")
    png = io.BytesIO()
    img.save(png, format="PNG")
    body = tenant.upload_ok([("inv.pdf", invoice), ("photo.png", png.getvalue())])
    pdf_id, img_id = (d["id"] for d in body["documents"])
    h = tenant.headers("creator")
    for doc_id, size in ((pdf_id, None), (img_id, (600, 400))):
        r = tenant.client.get(f"/api/v1/documents/{doc_id}/pages/1.png?dpi=50", headers=h)
        assert r.status_code == 200 and r.headers["content-type"] == "image/png"
        page = Image.open(io.BytesIO(r.content))
        assert page.format == "PNG" and (size is None or page.size == size)
        assert tenant.client.get(f"/api/v1/documents/{doc_id}/pages/2.png", headers=h).status_code == 404
    r = tenant.client.get(f"/api/v1/documents/{pdf_id}/original", headers=h)
    assert r.status_code == 200 and r.content == invoice and r.headers["content-type"] == "application/pdf"
    assert "inv.pdf" in r.headers["content-disposition"]


def test_given_a_batch_then_exports_in_json_csv_and_xlsx(tenant: Tenant, invoice: bytes) -> None:
    batch = tenant.upload_ok([("inv.pdf", invoice), ("other.pdf", small_pdf("exp"))])["batch"]
    tenant.wait(batch["id"])
    base = f"/api/v1/batches/{batch['id']}/export"
    h = tenant.headers()
    data = tenant.client.get(base, headers=h).json()
    assert [d["file_name"] for d in data["documents"]] == ["inv.pdf", "other.pdf"]
    assert all(d["result"] for d in data["documents"])
    r = tenant.client.get(f"{base}?format=csv", headers=h)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["file_name"] for row in rows] == ["inv.pdf", "other.pdf"]
    r = tenant.client.get(f"{base}?format=xlsx", headers=h)
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert tenant.client.get(f"{base}?format=pdf", headers=h).status_code == 422


def test_given_many_batches_then_listing_pages_through_them_newest_first(tenant: Tenant) -> None:
    ids = [tenant.upload_ok([(f"p{i}.pdf", small_pdf(f"page-{i}"))])["batch"]["id"] for i in range(5)]
    h = tenant.headers()
    seen: list[str] = []
    for offset in (0, 2, 4):
        page = tenant.client.get(f"/api/v1/batches?limit=2&offset={offset}", headers=h).json()
        assert page["total"] == 5 and page["limit"] == 2 and page["offset"] == offset
        seen += [b["id"] for b in page["items"]]
    assert seen == list(reversed(ids))
    assert tenant.client.get("/api/v1/batches?limit=0", headers=h).status_code == 422
    assert tenant.client.get("/api/v1/batches?limit=500", headers=h).status_code == 422
    for batch_id in ids:
        tenant.wait(batch_id)
    done = tenant.client.get("/api/v1/batches?status=done&document_type=auto", headers=h).json()
    assert done["total"] == 5
    assert tenant.client.get("/api/v1/batches?document_type=receipt", headers=h).json()["total"] == 0
    mine = tenant.client.get(f"/api/v1/batches?user_id={tenant.users['admin']}", headers=h).json()
    assert mine["total"] == 0
    future = tenant.client.get("/api/v1/batches?created_from=2999-01-01T00:00:00", headers=h).json()
    past = tenant.client.get("/api/v1/batches?created_to=2000-01-01T00:00:00%2B05:30", headers=h).json()
    assert future["total"] == past["total"] == 0
    span = "created_from=2000-01-01T00:00:00Z&created_to=2999-01-01T00:00:00"
    assert tenant.client.get(f"/api/v1/batches?{span}", headers=h).json()["total"] == 5
