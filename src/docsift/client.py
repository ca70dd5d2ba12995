"""A small typed Python client for docsift's native REST API (/api/v1).

    from docsift.client import Client

    with Client("http://127.0.0.1:8000", company="docsift", username="admin", password="…") as c:
        created = c.upload(["a.pdf", "batch.zip"], document_type="invoice")
        batch = c.wait(created.batch.id)
        for doc in c.batch_documents(batch.id):
            print(doc.file_name, doc.status, c.document(doc.id).result)

The client logs in on first use, refreshes the access token when it expires, and raises
``ApiError`` (with the status, code, message and details of the error body) for every error.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import httpx
from pydantic import BaseModel

from docsift.service.schemas import (
    AuditEntry,
    BatchCreated,
    BatchPublic,
    DocumentPublic,
    DocumentSummary,
    Page,
    TokenResponse,
    UserPublic,
)

FileLike = str | Path | tuple[str, bytes]


class ApiError(Exception):
    """An error answered by the API."""

    def __init__(self, status: int, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.details = status, code, message, details or {}


class Client:
    """The native API of one docsift server, as one user."""

    def __init__(
        self,
        base_url: str,
        *,
        company: str | None = None,
        username: str | None = None,
        password: str | None = None,
        token: str | None = None,
        timeout: float = 60.0,
        http: httpx.Client | None = None,
    ) -> None:
        """``http``: an httpx.Client to send requests through (its base URL is used as is)."""
        self._http = http or httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout)
        self._credentials = (company, username, password)
        self._access = token
        self._refresh: str | None = None

    # -- plumbing ---------------------------------------------------------------------------
    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP connections."""
        self._http.close()

    def _request(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> httpx.Response:
        if auth and self._access is None:
            self.login()
        response = self._send(method, path, auth, **kwargs)
        if auth and response.status_code == 401 and self._refresh is not None:
            self._renew()
            response = self._send(method, path, auth, **kwargs)
        if response.status_code >= 400:
            raise _api_error(response)
        return response

    def _send(self, method: str, path: str, auth: bool, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self._access}"} if auth and self._access else {}
        return self._http.request(method, f"/api/v1{path}", headers=headers, **kwargs)

    def _renew(self) -> None:
        try:
            self.refresh()
        except ApiError:
            self.login()

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._request(method, path, **kwargs).json()

    # -- auth -------------------------------------------------------------------------------
    def login(self) -> TokenResponse:
        """Log in with the client's credentials. Raises ApiError (401, 429) or ValueError when
        the client was made without credentials."""
        company, username, password = self._credentials
        if not (company and username and password):
            raise ValueError("the client needs company, username and password to log in")
        body = {"company": company, "username": username, "password": password}
        tokens = TokenResponse.model_validate(self._json("POST", "/auth/token", auth=False, json=body))
        self._access, self._refresh = tokens.access_token, tokens.refresh_token
        return tokens

    def refresh(self) -> TokenResponse:
        """Rotate the refresh token for a new pair. Raises ApiError."""
        if self._refresh is None:
            raise ValueError("no refresh token: log in first")
        data = self._json("POST", "/auth/refresh", auth=False, json={"refresh_token": self._refresh})
        tokens = TokenResponse.model_validate(data)
        self._access, self._refresh = tokens.access_token, tokens.refresh_token
        return tokens

    def me(self) -> UserPublic:
        """The logged-in user."""
        return UserPublic.model_validate(self._json("GET", "/users/me"))

    # -- batches ----------------------------------------------------------------------------
    def upload(self, files: Sequence[FileLike], **options: Any) -> BatchCreated:
        """Upload files (paths or (name, bytes)) as one batch. ``options``: document_type,
        invoice_type, processing_pref, priority, set_reference_number, set_name, create_new_set,
        application_no, additional_params (a JSON string). Raises ApiError (413, 415, 400, …)."""
        parts = []
        for f in files:
            name, data = (f[0], f[1]) if isinstance(f, tuple) else (Path(f).name, Path(f).read_bytes())
            parts.append(("files", (name, data, "application/octet-stream")))
        form = {k: _form_value(v) for k, v in options.items() if v is not None}
        return BatchCreated.model_validate(self._json("POST", "/batches", files=parts, data=form))

    def batches(self, *, limit: int = 50, offset: int = 0, **filters: Any) -> Page[BatchPublic]:
        """One page of the company's batches, newest first. ``filters``: document_type, status
        (in_progress | done), created_from, created_to, set_reference_number, user_id."""
        params = {"limit": limit, "offset": offset, **{k: v for k, v in filters.items() if v is not None}}
        return Page[BatchPublic].model_validate(self._json("GET", "/batches", params=params))

    def batch(self, batch_id: str) -> BatchPublic:
        """One batch with its progress counts."""
        return BatchPublic.model_validate(self._json("GET", f"/batches/{batch_id}"))

    def batch_documents(self, batch_id: str) -> list[DocumentSummary]:
        """The documents of a batch, in upload order."""
        return [
            DocumentSummary.model_validate(d) for d in self._json("GET", f"/batches/{batch_id}/documents")
        ]

    def wait(self, batch_id: str, *, timeout: float = 600.0, interval: float = 0.5) -> BatchPublic:
        """Poll until every document of the batch is processed. Raises TimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            batch = self.batch(batch_id)
            if batch.status == "done":
                return batch
            if time.monotonic() > deadline:
                raise TimeoutError(f"batch {batch_id} still in progress: {batch.counts}")
            time.sleep(interval)

    def export(self, batch_id: str, format: Literal["json", "csv", "xlsx"] = "json", **params: str) -> bytes:
        """A batch export as bytes (JSON, CSV or XLSX)."""
        return self._request(
            "GET", f"/batches/{batch_id}/export", params={"format": format, **params}
        ).content

    # -- documents --------------------------------------------------------------------------
    def document(self, document_id: str) -> DocumentPublic:
        """A document with its native result and review state."""
        return DocumentPublic.model_validate(self._json("GET", f"/documents/{document_id}"))

    def edit_fields(
        self,
        document_id: str,
        version: int,
        fields: dict[str, Any | None],
        *,
        line_items: list[dict[str, Any]] | None = None,
        comment: str | None = None,
    ) -> DocumentPublic:
        """Set field values (a value, or None to remove the field) on top of ``version``.
        Raises ApiError 409 ``version_conflict`` when the document moved on."""
        body: dict[str, Any] = {
            "version": version,
            "fields": {k: None if v is None else {"value": v} for k, v in fields.items()},
        }
        if line_items is not None:
            body["line_items"] = line_items
        if comment is not None:
            body["comment"] = comment
        return DocumentPublic.model_validate(
            self._json("PATCH", f"/documents/{document_id}/fields", json=body)
        )

    def approve(self, document_id: str, comment: str | None = None) -> DocumentPublic:
        """Approve a document (final). Raises ApiError 403 / 409."""
        data = self._json("POST", f"/documents/{document_id}/approve", json={"comment": comment})
        return DocumentPublic.model_validate(data)

    def reject(self, document_id: str, comment: str | None = None) -> DocumentPublic:
        """Reject a document (final). Raises ApiError 403 / 409."""
        data = self._json("POST", f"/documents/{document_id}/reject", json={"comment": comment})
        return DocumentPublic.model_validate(data)

    def audit(self, document_id: str) -> list[AuditEntry]:
        """The document's audit trail, oldest first."""
        return [AuditEntry.model_validate(e) for e in self._json("GET", f"/documents/{document_id}/audit")]

    def page_png(self, document_id: str, page: int = 1, dpi: int = 100) -> bytes:
        """Page ``page`` (1-based) of the original as PNG bytes."""
        return self._request("GET", f"/documents/{document_id}/pages/{page}.png", params={"dpi": dpi}).content

    def original(self, document_id: str) -> bytes:
        """The file as uploaded."""
        return self._request("GET", f"/documents/{document_id}/original").content


def _form_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    return str(value)


def _api_error(response: httpx.Response) -> ApiError:
    try:
        err = response.json()["error"]
        return ApiError(response.status_code, err["code"], err["message"], err.get("details"))
    except (ValueError, KeyError, TypeError):
        return ApiError(response.status_code, "http_error", response.text[:300])
