"""Errors the service raises on purpose. Each has an HTTP status and a short machine code; the
native API renders them as ``{"error": {"code", "message", "details"}}`` and the KlearStack API
in its own documented shape."""

from __future__ import annotations

from docsift.errors import DocsiftError


class ServiceError(DocsiftError):
    """Base of the service's errors; ``status`` is the HTTP status code."""

    status = 500
    code = "internal"

    def __init__(self, message: str, *, code: str | None = None, details: dict | None = None) -> None:
        super().__init__(message, details=details)
        if code is not None:
            self.code = code


class BadRequest(ServiceError):
    status = 400
    code = "bad_request"


class Unauthorized(ServiceError):
    """Wrong credentials, or a missing, invalid, expired or revoked token."""

    status = 401
    code = "unauthorized"


class Forbidden(ServiceError):
    """Authenticated, but the role or company may not do this."""

    status = 403
    code = "forbidden"


class NotFound(ServiceError):
    """No such object in the caller's company (other companies' objects are 'not found' too)."""

    status = 404
    code = "not_found"


class Conflict(ServiceError):
    """The object is in a state that forbids the request (stale version, final decision)."""

    status = 409
    code = "conflict"


class PayloadTooLarge(ServiceError):
    status = 413
    code = "too_large"


class UnsupportedMediaType(ServiceError):
    status = 415
    code = "unsupported_type"


class Unprocessable(ServiceError):
    status = 422
    code = "validation_error"


class TooManyRequests(ServiceError):
    """Too many failed logins; ``retry_after`` seconds until the next try is accepted."""

    status = 429
    code = "too_many_attempts"

    def __init__(self, message: str, *, retry_after: int, details: dict | None = None) -> None:
        super().__init__(message, details={**(details or {}), "retry_after": retry_after})
        self.retry_after = retry_after


class ServiceUnavailable(ServiceError):
    status = 503
    code = "unavailable"
