"""Logins, token lifetimes, refresh rotation, revocation, throttling and roles."""

from __future__ import annotations

from datetime import timedelta

from docsift.service.auth import Auth
from docsift.store.models import User
from tests.service.conftest import PASSWORD, Tenant


def _error(r) -> dict:  # type: ignore[no-untyped-def]
    body = r.json()
    assert set(body) == {"error"} and {"code", "message", "details"} <= set(body["error"]), body
    return dict(body["error"])


def test_given_right_credentials_when_logging_in_then_tokens_work_on_the_api(tenant: Tenant) -> None:
    tokens = tenant.login("creator")
    assert tokens["token_type"] == "bearer" and tokens["expires_in"] == 15 * 60
    assert tokens["refresh_expires_in"] == 24 * 60 * 60
    me = tenant.client.get("/api/v1/users/me", headers=tenant.headers("creator")).json()
    assert me["username"] == "creator" and me["company"] == tenant.company and me["role"] == "creator"


def test_given_wrong_password_or_company_when_logging_in_then_401_with_error_body(tenant: Tenant) -> None:
    for company, user, pw in [
        (tenant.company, "admin", "nope-nope"),
        ("no-such-co", "admin", PASSWORD),
        (tenant.company, "ghost", PASSWORD),
    ]:
        body = {"company": company, "username": user, "password": pw}
        r = tenant.client.post("/api/v1/auth/token", json=body)
        assert r.status_code == 401
        assert _error(r)["code"] == "bad_credentials"


def test_given_no_or_garbage_token_when_calling_then_401(tenant: Tenant) -> None:
    assert tenant.client.get("/api/v1/batches").status_code == 401
    r = tenant.client.get("/api/v1/batches", headers={"Authorization": "Bearer not.a.jwt"})
    assert r.status_code == 401 and _error(r)["code"] == "token_invalid"


def test_given_an_expired_access_token_when_calling_then_401_token_expired(tenant: Tenant) -> None:
    ctx = tenant.service.ctx
    expired = Auth(ctx.settings.model_copy(update={"access_token_minutes": -1}), ctx.auth.key)
    with ctx.db.session() as s:
        pair = expired.issue(s, s.get(User, tenant.users["admin"]))
    r = tenant.client.get("/api/v1/batches", headers={"Authorization": f"Bearer {pair.access_token}"})
    assert r.status_code == 401 and _error(r)["code"] == "token_expired"


def test_given_an_expired_refresh_token_when_refreshing_then_401(tenant: Tenant) -> None:
    ctx = tenant.service.ctx
    short = Auth(ctx.settings.model_copy(update={"refresh_token_minutes": -1}), ctx.auth.key)
    with ctx.db.session() as s:
        pair = short.issue(s, s.get(User, tenant.users["admin"]))
    r = tenant.client.post("/api/v1/auth/refresh", json={"refresh_token": pair.refresh_token})
    assert r.status_code == 401 and _error(r)["code"] == "token_expired"
    assert short.refresh_ttl == timedelta(minutes=-1)


def test_given_a_refresh_token_when_used_then_it_rotates_and_reuse_revokes_the_family(tenant: Tenant) -> None:
    first = tenant.login("approver")
    r = tenant.client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 200
    second = r.json()
    assert second["refresh_token"] != first["refresh_token"]
    auth = {"Authorization": f"Bearer {second['access_token']}"}
    assert tenant.client.get("/api/v1/users/me", headers=auth).status_code == 200
    # the spent token again: refused, and the whole login family is revoked
    r = tenant.client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 401 and _error(r)["code"] == "token_revoked"
    r = tenant.client.post("/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert r.status_code == 401


def test_given_token_kinds_mixed_up_when_used_then_401(tenant: Tenant) -> None:
    tokens = tenant.login("creator")
    r = tenant.client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {tokens['refresh_token']}"})
    assert r.status_code == 401
    r = tenant.client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["access_token"]})
    assert r.status_code == 401


def test_given_a_password_change_then_every_old_token_stops_working(tenant: Tenant) -> None:
    old = tenant.login("creator")
    other_session = tenant.login("creator")
    headers = {"Authorization": f"Bearer {old['access_token']}"}
    r = tenant.client.post(
        "/api/v1/users/me/password",
        headers=headers,
        json={"current_password": PASSWORD, "new_password": "a-new-password-9"},
    )
    assert r.status_code == 204
    for access in (old["access_token"], other_session["access_token"]):
        r = tenant.client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {access}"})
        assert r.status_code == 401 and _error(r)["code"] == "token_revoked"
    r = tenant.client.post("/api/v1/auth/refresh", json={"refresh_token": other_session["refresh_token"]})
    assert r.status_code == 401
    assert tenant.login("creator", "a-new-password-9")["access_token"]


def test_given_a_wrong_current_password_when_changing_then_401_and_no_change(tenant: Tenant) -> None:
    r = tenant.client.post(
        "/api/v1/users/me/password",
        headers=tenant.headers("creator"),
        json={"current_password": "wrong-one", "new_password": "whatever-123"},
    )
    assert r.status_code == 401
    assert tenant.client.get("/api/v1/users/me", headers=tenant.headers("creator")).status_code == 200


def test_given_repeated_failed_logins_then_throttled_even_with_the_right_password(tenant: Tenant) -> None:
    body = {"company": tenant.company, "username": "approver", "password": "wrong-pass"}
    codes = [tenant.client.post("/api/v1/auth/token", json=body).status_code for _ in range(3)]
    assert codes == [401, 401, 401]
    r = tenant.client.post("/api/v1/auth/token", json={**body, "password": PASSWORD})
    assert r.status_code == 429 and _error(r)["code"] == "too_many_attempts"
    assert int(r.headers["Retry-After"]) > 0
    # another user of the same company is not affected
    assert tenant.login("creator")["access_token"]


def test_given_roles_when_calling_admin_and_approver_endpoints_then_enforced(tenant: Tenant) -> None:
    for role, expected in [("creator", 403), ("approver", 403), ("admin", 200)]:
        assert tenant.client.get("/api/v1/users", headers=tenant.headers(role)).status_code == expected
    r = tenant.client.post(
        "/api/v1/users",
        headers=tenant.headers("admin"),
        json={"username": "newbie", "password": "long-enough-1", "role": "approver"},
    )
    assert r.status_code == 201 and r.json()["role"] == "approver"
    r = tenant.client.post(
        "/api/v1/users",
        headers=tenant.headers("admin"),
        json={"username": "newbie", "password": "long-enough-1"},
    )
    assert r.status_code == 409 and _error(r)["code"] == "user_exists"
    r = tenant.client.post(
        "/api/v1/users",
        headers=tenant.headers("creator"),
        json={"username": "sneaky", "password": "long-enough-1", "role": "admin"},
    )
    assert r.status_code == 403
