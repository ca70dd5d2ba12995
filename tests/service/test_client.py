"""docsift.client.Client against the running app: the whole review flow, typed."""

from __future__ import annotations

import pytest

from docsift.client import ApiError, Client
from tests.service.conftest import PASSWORD, Tenant, small_pdf


def _client(tenant: Tenant, role: str) -> Client:
    return Client("", company=tenant.company, username=role, password=PASSWORD, http=tenant.client)


def test_given_the_client_then_upload_wait_read_edit_approve_and_export_work(
    tenant: Tenant, invoice: bytes
) -> None:
    creator, approver = _client(tenant, "creator"), _client(tenant, "approver")
    assert creator.me().role == "creator"
    created = creator.upload([("inv.pdf", invoice), ("b.pdf", small_pdf("client"))], document_type="invoice")
    assert len(created.documents) == 2
    batch = creator.wait(created.batch.id, interval=0.2)
    assert batch.status == "done" and batch.documents == 2
    assert creator.batches(limit=1).items[0].id == batch.id
    doc = creator.document(created.documents[0].id)
    assert doc.result is not None and doc.result["document_id"] == doc.id
    assert doc.status in ("completed", "needs_review")
    edited = creator.edit_fields(doc.id, doc.version, {"invoice_number": "C-1"}, comment="fix")
    assert edited.version == doc.version + 1
    with pytest.raises(ApiError) as stale:
        creator.edit_fields(doc.id, doc.version, {"invoice_number": "C-2"})
    assert stale.value.status == 409 and stale.value.code == "version_conflict"
    with pytest.raises(ApiError) as forbidden:
        creator.approve(doc.id)
    assert forbidden.value.status == 403
    assert approver.approve(doc.id, "ok").review.decision == "approved"
    with pytest.raises(ApiError) as again:
        approver.approve(doc.id)
    assert again.value.status == 409
    assert [e.action for e in creator.audit(doc.id)] == ["processed", "edit", "approved"]
    assert creator.original(doc.id) == invoice
    assert creator.page_png(doc.id, dpi=40)[:8] == b"\x89PNG\r\n\x1a\n"
    assert creator.export(batch.id, "csv").startswith(b"file_name")


def test_given_an_expired_access_token_then_the_client_refreshes_by_itself(tenant: Tenant) -> None:
    client = _client(tenant, "creator")
    client.login()
    client._access = "expired.or.garbage"  # as if the access token had run out
    assert client.me().username == "creator"


def test_given_wrong_credentials_then_api_error_401(tenant: Tenant) -> None:
    client = Client("", company=tenant.company, username="creator", password="wrong-one", http=tenant.client)
    with pytest.raises(ApiError) as err:
        client.me()
    assert err.value.status == 401 and err.value.code == "bad_credentials"
