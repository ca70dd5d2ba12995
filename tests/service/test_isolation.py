"""Tenant isolation: every endpoint, given another company's ids, answers 404 and never data."""

from __future__ import annotations

from typing import Any

import pytest

from tests.service.conftest import Service, Tenant, make_tenant, small_pdf

# (method, path template, json body); {b} = batch id, {d} = document id
ENDPOINTS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/api/v1/batches/{b}", None),
    ("GET", "/api/v1/batches/{b}/documents", None),
    ("GET", "/api/v1/batches/{b}/export", None),
    ("GET", "/api/v1/batches/{b}/export?format=csv", None),
    ("GET", "/api/v1/batches/{b}/export?format=xlsx", None),
    ("GET", "/api/v1/sets/{set}", None),
    ("GET", "/api/v1/documents/{d}", None),
    ("GET", "/api/v1/documents/{d}/audit", None),
    ("GET", "/api/v1/documents/{d}/pages/1.png", None),
    ("GET", "/api/v1/documents/{d}/original", None),
    ("PATCH", "/api/v1/documents/{d}/fields", {"version": 1, "fields": {"currency": {"value": "XXX"}}}),
    ("POST", "/api/v1/documents/{d}/approve", {"comment": "not mine"}),
    ("POST", "/api/v1/documents/{d}/reject", {"comment": "not mine"}),
]


@pytest.fixture(scope="module")
def owner(service: Service) -> Tenant:
    return make_tenant(service)


@pytest.fixture(scope="module")
def intruder(service: Service) -> Tenant:
    return make_tenant(service)


@pytest.fixture(scope="module")
def victim(owner: Tenant) -> dict[str, str]:
    """A processed batch of ``owner`` in a set: its ids and what must never leak."""
    body = owner.upload_ok([("secret-ledger.pdf", small_pdf("victim"))], create_new_set="true", set_name="Q1")
    owner.wait(body["batch"]["id"])
    return {"b": body["batch"]["id"], "d": body["documents"][0]["id"],
            "set": body["batch"]["set_reference_number"]}  # fmt: skip


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS, ids=[f"{m} {p}" for m, p, _ in ENDPOINTS])
def test_given_another_companys_ids_when_calling_then_404_and_no_data(
    owner: Tenant, intruder: Tenant, victim: dict[str, str], method: str, path: str, body: Any
) -> None:
    url = path.format(**victim)
    for role in ("admin", "approver", "creator"):
        r = intruder.client.request(method, url, json=body, headers=intruder.headers(role))
        # a creator may not decide at all: 403 before any lookup; everything else: not found
        decides = path.endswith(("/approve", "/reject")) and role == "creator"
        assert r.status_code == (403 if decides else 404), (role, r.status_code, r.text)
        assert "secret-ledger" not in r.text and owner.company not in r.text
        assert set(r.json()) == {"error"}
    # the owner still sees it, unchanged
    mine = owner.client.get(f"/api/v1/documents/{victim['d']}", headers=owner.headers()).json()
    assert (
        mine["version"] == 1
        and mine["review"]["decision"] is None
        and mine["file_name"] == "secret-ledger.pdf"
    )


def test_given_another_company_when_listing_then_only_its_own_rows(
    other_tenant: Tenant, victim: dict[str, str]
) -> None:
    own = other_tenant.upload_ok([("mine.pdf", small_pdf("own"))])["batch"]["id"]
    listed = other_tenant.client.get("/api/v1/batches", headers=other_tenant.headers()).json()
    assert [b["id"] for b in listed["items"]] == [own] and listed["total"] == 1
    users = other_tenant.client.get("/api/v1/users", headers=other_tenant.headers()).json()
    assert {u["company"] for u in users} == {other_tenant.company}
    r = other_tenant.client.get(f"/api/v1/batches?set_reference_number={victim['set']}",
                                headers=other_tenant.headers())  # fmt: skip
    assert r.json()["total"] == 0
    assert other_tenant.client.get("/api/v1/sets", headers=other_tenant.headers()).json() == []


def test_given_another_companys_set_when_uploading_into_it_then_404(
    other_tenant: Tenant, victim: dict[str, str]
) -> None:
    r = other_tenant.upload([("x.pdf", small_pdf("intruder"))], set_reference_number=victim["set"])
    assert r.status_code == 404


def test_given_a_token_of_another_company_then_credentials_cannot_cross(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    r = tenant.client.post("/api/v1/auth/token", json={"company": other_tenant.company, "username": "admin",
                                                       "password": "wrong-for-sure"})  # fmt: skip
    assert r.status_code == 401
