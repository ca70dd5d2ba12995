"""One error body everywhere: ``{"error": {"code", "message", "details"}}``.

Another API mounted under a path prefix (the KlearStack API) registers its own renderer with
``register_error_renderer``; everything else gets the native body.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from docsift.errors import DocsiftError
from docsift.service.errors import ServiceError, TooManyRequests

log = logging.getLogger("docsift.service")

# (status, code, message, details, original exception) -> Response
ErrorRenderer = Callable[[int, str, str, dict[str, Any], Exception], Response]


def register_error_renderer(app: FastAPI, prefix: str, renderer: ErrorRenderer) -> None:
    """Render errors of requests whose path starts with ``prefix`` with ``renderer``."""
    app.state.error_renderers = [*getattr(app.state, "error_renderers", []), (prefix, renderer)]


def native_error(status: int, code: str, message: str, details: dict[str, Any] | None = None) -> JSONResponse:
    """The native error response."""
    body = {"error": {"code": code, "message": message, "details": details or {}}}
    return JSONResponse(body, status_code=status)


def _render(
    request: Request, status: int, code: str, message: str, details: dict[str, Any], exc: Exception
) -> Response:
    for prefix, renderer in getattr(request.app.state, "error_renderers", []):
        if request.url.path.startswith(prefix):
            return renderer(status, code, message, details, exc)
    response = native_error(status, code, message, details)
    if isinstance(exc, TooManyRequests):
        response.headers["Retry-After"] = str(exc.retry_after)
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through the renderer for its path."""

    async def service_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ServiceError)
        return _render(request, exc.status, exc.code, exc.message, exc.details, exc)

    async def docsift_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, DocsiftError)
        return _render(request, 422, exc.code, exc.message, exc.details, exc)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]  # fmt: skip
        missing = [str(e["loc"][-1]) for e in errors if e["type"] == "missing" and e["loc"]]
        message = f"missing parameter(s): {', '.join(missing)}" if missing else "invalid request"
        return _render(request, 422, "validation_error", message, {"errors": errors}, exc)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden",
                 413: "too_large"}  # fmt: skip
        return _render(
            request, exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail), {}, exc
        )

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _render(request, 500, "internal", "internal server error", {}, exc)

    app.add_exception_handler(ServiceError, service_error)
    app.add_exception_handler(DocsiftError, docsift_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)
