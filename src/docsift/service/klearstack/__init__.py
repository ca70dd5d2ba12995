"""The KlearStack-compatible API under /access/klearstack/ (docs/klearstack-compat.md).

Every endpoint is POST and takes form data or a JSON object; it runs through the same services as
the native API (``actor.scope(session)`` for every query, ``edit_fields`` / ``decide`` for
changes), so isolation, versioning and the audit trail stay in one place.

Layout
- ``params``     form / JSON parameters, "Please provide X." errors, OpenAPI bodies
- ``access``     Bearer token plus body credentials (cached argon2 checks)
- ``base``       router, endpoint specs, shared lookups and filters
- ``shapes``     KlearStack's keyed and tuple result shapes; ``keys`` the key mapping (keys.yaml)
- ``geometry``   pixel coordinates on the served page image
- ``errors``     ``{"error": "..."}`` bodies (messages.yaml)
- endpoints: ``tokens`` (§2), ``upload`` (§3), ``fetch`` (§4), ``approved`` (§4.5, §5.2),
  ``updates`` (§5.1, §5.3), ``sets`` (§8)
"""

from __future__ import annotations

from fastapi import FastAPI

from docsift.service.error_handlers import register_error_renderer


def install(app: FastAPI) -> None:
    """Mount the KlearStack-compatible endpoints and their error shape on ``app``."""
    from docsift.service.klearstack import approved, fetch, sets, tokens, updates, upload  # noqa: F401
    from docsift.service.klearstack.base import PREFIX, router
    from docsift.service.klearstack.errors import klearstack_error

    app.include_router(router)
    register_error_renderer(app, PREFIX, klearstack_error)
