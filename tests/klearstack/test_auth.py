"""Authentication and user details: tokens, refresh, user ids, the Bearer token together with the
body credentials, and KlearStack's error bodies."""

from __future__ import annotations

import time

import jwt
import pytest
from fastapi.testclient import TestClient

from docsift.service.users import reset_password
from docsift.store.models import User
from tests.klearstack.conftest import BASE, KS, PASSWORD

SECRET = "test-secret-key-that-is-long-enough-0123456789"  # service_settings' key


def test_given_credentials_as_form_or_json_when_getting_a_token_then_both_tokens_and_a_version(
    ks: KS,
) -> None:
    for body in ({"data": ks.creds("creator")}, {"json": ks.creds("creator")}):
        r = ks.client.post(f"{BASE}/get_access_token", **body)
        assert r.status_code == 200, r.text
        tokens = r.json()
        assert {"access_token", "refresh_token", "release_version"} <= set(tokens)
        claims = jwt.decode(tokens["access_token"], SECRET, algorithms=["HS256"])
        assert claims["token_type"] == "access" and claims["user_id"] == ks.tenant.users["creator"]


@pytest.mark.parametrize(
    ("missing", "message"),
    [("username", "Please provide username."), ("password", "Please provide password."),
     ("company_name", "Please provide company_name.")],
)  # fmt: skip
def test_given_a_missing_credential_when_getting_a_token_then_400_naming_it(
    ks: KS, missing: str, message: str
) -> None:
    body = {k: v for k, v in ks.creds().items() if k != missing}
    r = ks.client.post(f"{BASE}/get_access_token", data=body)
    assert r.status_code == 400 and r.json() == {"error": message}


def test_given_a_wrong_password_or_company_when_getting_a_token_then_401_incorrect(ks: KS) -> None:
    for body in ({**ks.creds(), "password": "wrong-password"}, {**ks.creds(), "company_name": "no-such-co"}):
        r = ks.client.post(f"{BASE}/get_access_token", data=body)
        assert r.status_code == 401 and r.json() == {"error": "Incorrect username or password."}


def test_given_repeated_failures_when_logging_in_then_429_with_retry_after(fresh_ks: KS) -> None:
    ks = fresh_ks
    for _ in range(3):  # service_settings: 3 failures
        ks.client.post(f"{BASE}/get_access_token", data={**ks.creds("approver"), "password": "nope-nope"})
    r = ks.client.post(f"{BASE}/get_access_token", data=ks.creds("approver"))
    assert r.status_code == 429 and "error" in r.json() and int(r.headers["Retry-After"]) > 0


def test_given_no_token_or_a_bad_one_when_calling_then_401(ks: KS) -> None:
    body = {**ks.creds(), "batch_id": "x"}
    r = ks.client.post(f"{BASE}/getbatchdocuments", data=body)
    assert r.status_code == 401 and r.json()["error"].startswith("Please provide an access token")
    r = ks.client.post(f"{BASE}/getbatchdocuments", data=body, headers={"Authorization": "Bearer not-a-jwt"})
    assert r.status_code == 401 and r.json() == {"error": "The access token is invalid."}


def test_given_an_expired_access_token_when_calling_then_401_expired(ks: KS) -> None:
    now = int(time.time())
    admin = ks.tenant.users["admin"]
    claims = {"sub": str(admin), "user_id": admin, "token_type": "access", "jti": "expired-1",
              "iat": now - 1000, "exp": now - 100, "pv": 1}  # fmt: skip
    expired = jwt.encode(claims, SECRET, algorithm="HS256")
    r = ks.post("getuserdocuments", token=expired)
    assert r.status_code == 401 and "expired" in r.json()["error"]
    assert r.headers["WWW-Authenticate"] == "Bearer"


def test_given_body_credentials_of_another_user_or_company_then_403(ks: KS, other_ks: KS) -> None:
    r = ks.post("getuserdocuments", {**ks.creds("creator")}, token=ks.token("admin"))
    assert r.status_code == 403 and r.json() == {"error": "The access token belongs to another user."}
    r = other_ks.post("getuserdocuments", other_ks.creds(), token=ks.token("admin"))
    assert r.status_code == 403
    r = ks.post("getdocument", {"company_name": other_ks.company, "id": "0" * 24}, creds=False)
    assert r.status_code == 403 and r.json() == {"error": "The access token belongs to another company."}


def test_given_a_token_and_wrong_body_password_then_401(ks: KS) -> None:
    r = ks.post("getuserdocuments", {"password": "not-the-password"})
    assert r.status_code == 401 and r.json() == {"error": "Incorrect username or password."}


def test_given_a_refresh_token_when_refreshing_twice_then_new_access_tokens_and_the_same_refresh_token(
    ks: KS,
) -> None:
    tokens = ks.client.post(f"{BASE}/get_access_token", data=ks.creds()).json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    body = {"refresh_token": tokens["refresh_token"], "company_name": ks.company}
    for _ in range(2):  # KlearStack clients refresh every ~10 minutes with the same refresh token
        r = ks.client.post(f"{BASE}/getaccesstokenfromrefreshtoken", data=body, headers=headers)
        assert r.status_code == 200, r.text
        assert r.json()["refresh_token"] == tokens["refresh_token"] and r.json()["release_version"]
        fresh = r.json()["access_token"]
        assert ks.post("getuserdocuments", token=fresh).status_code == 200
    r = ks.client.post(f"{BASE}/getaccesstokenfromrefreshtoken", data={**body, "company_name": "elsewhere"})
    assert r.status_code == 403
    r = ks.client.post(f"{BASE}/getaccesstokenfromrefreshtoken", data={"company_name": ks.company})
    assert r.status_code == 400 and r.json() == {"error": "Please provide refresh_token."}
    r = ks.client.post(
        f"{BASE}/getaccesstokenfromrefreshtoken", data={**body, "refresh_token": tokens["access_token"]}
    )
    assert r.status_code == 401 and r.json() == {"error": "The refresh token is invalid."}


def test_given_a_password_change_when_refreshing_then_401(fresh_ks: KS) -> None:
    ks = fresh_ks
    tokens = ks.client.post(f"{BASE}/get_access_token", data=ks.creds("approver")).json()
    with ks.tenant.service.ctx.db.session() as session:
        user = session.get(User, ks.tenant.users["approver"])
        assert user is not None
        reset_password(session, user, "another-password-1")
        session.commit()
    body = {"refresh_token": tokens["refresh_token"], "company_name": ks.company}
    assert ks.client.post(f"{BASE}/getaccesstokenfromrefreshtoken", data=body).status_code == 401
    r = ks.post(
        "getuserdocuments", {**ks.creds("approver"), "password": PASSWORD}, token=tokens["access_token"]
    )
    assert r.status_code == 401


def test_given_a_username_when_asking_its_id_then_the_id_for_this_company_only(ks: KS, other_ks: KS) -> None:
    r = ks.post("getuserid", {"username": "approver"}, role="creator", creds=False, as_json=True)
    assert r.status_code == 200 and r.json()["user_id"] == ks.tenant.users["approver"]
    assert r.json()["role"] == "approver"
    r = ks.post("getuserid", {"username": "nobody"}, creds=False)
    assert r.status_code == 404 and r.json() == {"error": "User not found."}
    r = ks.post("getuserid", {"company_name": other_ks.company, "username": "admin"}, creds=False)
    assert r.status_code == 403 and str(other_ks.tenant.users["admin"]) not in r.text


def test_given_the_default_setting_when_getting_a_token_from_a_user_id_then_only_an_admin_of_the_company_may(
    ks: KS, other_ks: KS
) -> None:
    body = {"user_id": str(ks.tenant.users["creator"]), "company_name": ks.company}
    r = ks.client.post(f"{BASE}/getaccesstokenfromuserid", data=body)
    assert r.status_code == 403 and "DOCSIFT_ALLOW_TOKEN_FROM_USERID" in r.json()["error"]
    r = ks.client.post(f"{BASE}/getaccesstokenfromuserid", data=body,
                       headers={"Authorization": f"Bearer {ks.token('approver')}"})  # fmt: skip
    assert r.status_code == 403
    r = ks.client.post(f"{BASE}/getaccesstokenfromuserid", data=body,
                       headers={"Authorization": f"Bearer {other_ks.token('admin')}"})  # fmt: skip
    assert r.status_code == 403
    r = ks.client.post(f"{BASE}/getaccesstokenfromuserid", data=body,
                       headers={"Authorization": f"Bearer {ks.token('admin')}"})  # fmt: skip
    assert r.status_code == 200, r.text
    claims = jwt.decode(r.json()["access_token"], SECRET, algorithms=["HS256"])
    assert claims["user_id"] == ks.tenant.users["creator"]
    foreign = {"user_id": str(other_ks.tenant.users["creator"]), "company_name": ks.company}
    r = ks.client.post(f"{BASE}/getaccesstokenfromuserid", data=foreign,
                       headers={"Authorization": f"Bearer {ks.token('admin')}"})  # fmt: skip
    assert r.status_code == 404 and "access_token" not in r.text


def test_given_the_setting_on_when_getting_a_token_from_a_user_id_then_no_password_is_needed(
    idle_app: TestClient,
) -> None:
    login = {"company_name": "docsift", "username": "admin", "password": "bootstrap-admin-pass"}
    user_id = idle_app.post(f"{BASE}/get_access_token", data=login).json()["user_id"]
    r = idle_app.post(
        f"{BASE}/getaccesstokenfromuserid", data={"user_id": user_id, "company_name": "docsift"}
    )
    assert r.status_code == 200 and r.json()["user_id"] == user_id
    r = idle_app.post(f"{BASE}/getaccesstokenfromuserid", data={"user_id": user_id, "company_name": "other"})
    assert r.status_code == 404
    r = idle_app.post(f"{BASE}/getaccesstokenfromuserid", data={"user_id": "abc", "company_name": "docsift"})
    assert r.status_code == 400


def test_given_a_bad_request_then_klearstack_error_bodies(ks: KS) -> None:
    headers = {"Authorization": f"Bearer {ks.token()}"}
    r = ks.client.post(f"{BASE}/no_such_endpoint", data=ks.creds(), headers=headers)
    assert r.status_code == 404 and set(r.json()) == {"error"}
    r = ks.client.get(f"{BASE}/getbatchdocuments", headers=headers)
    assert r.status_code == 405 and set(r.json()) == {"error"}
    r = ks.client.post(f"{BASE}/getbatchdocuments", content=b"{not json", headers={**headers,
                       "Content-Type": "application/json"})  # fmt: skip
    assert r.status_code == 400 and r.json() == {"error": "The request body is not valid JSON."}
    r = ks.client.post(f"{BASE}/getbatchdocuments", json=[1, 2], headers=headers)
    assert r.status_code == 400
