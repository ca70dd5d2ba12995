"""The FastAPI application: ``create_app(settings)``.

On start it applies the migrations, creates the first company and admin on an empty database
(printing how to log in), loads the signing key and starts the queue; on stop it stops the queue.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse

from docsift import __version__
from docsift.jobs import open_queue
from docsift.service.auth import Auth, signing_key
from docsift.service.body_limit import BodyLimit
from docsift.service.context import ServiceContext
from docsift.service.deps import Context
from docsift.service.error_handlers import install_error_handlers
from docsift.service.users import Bootstrap, bootstrap
from docsift.settings import Settings, get_settings
from docsift.store.blobstores import open_blob_store
from docsift.store.db import Database
from docsift.store.migrate import migrate

log = logging.getLogger("docsift.service")


def build_context(settings: Settings) -> ServiceContext:
    """Migrate the database, bootstrap the first admin, and build the context (queue not started).

    Raises ConfigError for unsafe or invalid settings and MigrationError when migrating fails.
    """
    settings.check()
    db = Database(settings.effective_database_url, pool_size=settings.database_pool_size,
                  max_overflow=settings.database_max_overflow)  # fmt: skip
    migrate(db)
    with db.session() as session:
        created = bootstrap(session, settings)
        key = signing_key(session, settings)
    if created is not None:
        announce_bootstrap(created)
    blobs = open_blob_store(settings.storage_url, settings.data_dir, s3_endpoint_url=settings.s3_endpoint_url,
                            s3_region=settings.s3_region)  # fmt: skip
    return ServiceContext(settings, db, blobs, Auth(settings, key), open_queue(settings))


def announce_bootstrap(created: Bootstrap) -> None:
    """Print, once, how to log in as the first admin."""
    password = created.password or "(the value of DOCSIFT_ADMIN_PASSWORD)"
    print(
        "\n  docsift: first start, created company "
        f"{created.company!r} and admin user {created.username!r}\n"
        f"  password: {password}\n"
        "  log in:   POST /api/v1/auth/token "
        f'{{"company": "{created.company}", "username": "{created.username}", "password": "…"}}\n'
        "  (this password is shown only now; change it with `docsift admin reset-password`)\n",
        file=sys.stderr,
        flush=True,
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    """The docsift web application for ``settings`` (default: from the environment)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ctx = build_context(settings)
        app.state.ctx = ctx
        ctx.queue.start()
        try:
            yield
        finally:
            ctx.queue.stop()
            ctx.db.dispose()

    app = FastAPI(
        title="docsift",
        version=__version__,
        description="Document intelligence: upload documents, read extracted fields, review and approve.",
        lifespan=lifespan,
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_upload_bytes)
    install_error_handlers(app)
    _add_root_routes(app)
    from docsift.service.api import api_router

    app.include_router(api_router)
    _mount_klearstack(app)
    return app


def _mount_klearstack(app: FastAPI) -> None:
    try:
        from docsift.service.klearstack import install
    except ImportError:
        return
    install(app)


def _add_root_routes(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def landing() -> str:
        return _LANDING.replace("{version}", __version__)

    @app.get("/healthz", tags=["health"])
    def healthz(ctx: Context) -> JSONResponse:
        """Database, blob store and queue health: 200 when all are fine, 503 otherwise."""
        report: dict[str, Any] = {"version": __version__}
        try:
            ctx.db.ping()
            report["database"] = {"ok": True, "dialect": ctx.db.dialect}
        except Exception as e:
            report["database"] = {"ok": False, "error": str(e)[:300]}
        blob = ctx.blobs.health()
        report["storage"] = {"ok": blob == "ok", **({} if blob == "ok" else {"error": blob})}
        try:
            report["queue"] = ctx.queue.health()
        except Exception as e:
            report["queue"] = {"ok": False, "error": str(e)[:300]}
        ok = all(report[k]["ok"] for k in ("database", "storage", "queue"))
        report["status"] = "ok" if ok else "degraded"
        return JSONResponse(report, status_code=200 if ok else 503)


_LANDING = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>docsift</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}
code{background:#f3f3f3;padding:.1rem .3rem}</style></head>
<body><h1>docsift</h1><p>Document intelligence service, version {version}.</p>
<ul><li><a href="/docs">API documentation (OpenAPI)</a></li>
<li><a href="/healthz">Health</a></li></ul>
<p>Log in with <code>POST /api/v1/auth/token</code>, upload with <code>POST /api/v1/batches</code>.
The KlearStack-compatible API lives under <code>/access/klearstack/</code>.</p>
</body></html>
"""
