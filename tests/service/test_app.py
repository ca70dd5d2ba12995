"""The app around the API: landing page, OpenAPI, health, migrations, first-start bootstrap and
the one error body."""

from __future__ import annotations

from docsift.service.users import bootstrap
from docsift.store.migrate import current_revision, head_revision
from tests.service.conftest import Service


def test_given_the_root_then_a_landing_page_links_to_the_api_docs(service: Service) -> None:
    r = service.client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'href="/docs"' in r.text
    assert service.client.get("/docs").status_code == 200
    paths = service.client.get("/openapi.json").json()["paths"]
    expected = [
        "/api/v1/auth/token",
        "/api/v1/batches",
        "/api/v1/documents/{document_id}/fields",
        "/api/v1/batches/{batch_id}/export",
        "/api/v1/documents/{document_id}/pages/{page}.png",
    ]
    assert set(expected) <= set(paths)


def test_given_a_running_service_then_healthz_reports_database_storage_and_queue(service: Service) -> None:
    health = service.client.get("/healthz").json()
    assert health["status"] == "ok"
    assert health["database"]["ok"] and health["storage"]["ok"]
    assert health["queue"]["ok"] and health["queue"]["kind"] == "inline" and health["queue"]["alive"] == 2


def test_given_a_started_service_then_the_database_is_at_the_newest_migration(service: Service) -> None:
    assert current_revision(service.ctx.db) == head_revision() is not None


def test_given_first_start_then_the_admin_from_the_environment_can_log_in_and_no_second_bootstrap(
    service: Service,
) -> None:
    body = {"company": "docsift", "username": "admin", "password": "bootstrap-admin-pass"}
    r = service.client.post("/api/v1/auth/token", json=body)
    assert r.status_code == 200
    me = service.client.get(
        "/api/v1/users/me", headers={"Authorization": f"Bearer {r.json()['access_token']}"}
    )
    assert me.json()["role"] == "admin"
    with service.ctx.db.session() as s:
        assert bootstrap(s, service.ctx.settings) is None


def test_given_errors_of_any_kind_then_one_error_body(service: Service) -> None:
    bad_json = {"content": b"{not json", "headers": {"content-type": "application/json"}}
    for r, status in [
        (service.client.get("/api/v1/nowhere"), 404),
        (service.client.delete("/api/v1/auth/token"), 405),
        (service.client.post("/api/v1/auth/token", json={"company": "x"}), 422),
        (service.client.post("/api/v1/auth/token", **bad_json), 422),
        (service.client.get("/api/v1/batches"), 401),
    ]:
        assert r.status_code == status, r.text
        body = r.json()
        assert list(body) == ["error"] and list(body["error"]) == ["code", "message", "details"], body
    missing = service.client.post("/api/v1/auth/token", json={"company": "x"}).json()["error"]
    assert "username" in missing["message"] and "password" in missing["message"]


def test_given_the_settings_then_every_docsift_variable_is_documented() -> None:
    from pathlib import Path

    from docsift.settings import Settings

    doc = (Path(__file__).resolve().parents[2] / "docs" / "configuration.md").read_text()
    missing = [
        f"DOCSIFT_{name.upper()}" for name in Settings.model_fields if f"DOCSIFT_{name.upper()}" not in doc
    ]
    assert missing == [], f"add these to docs/configuration.md: {missing}"
