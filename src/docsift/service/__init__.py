"""The docsift service: the native REST API, the KlearStack-compatible API, and the services
both call. Import ``docsift.service.app.create_app``.

Layout
- ``auth``       Auth (logins, throttling, JWT, rotating refresh tokens), Actor, change_password
- ``users``      companies and users, first-start bootstrap
- ``uploads``    collect(): sniff types, expand ZIPs safely, store originals (raises 413/415/400 errors)
- ``batches``    BatchOptions, create_batch (duplicates, sets, enqueue), progress, list_batches
- ``documents``  get_document, batch_documents, edit_fields, decide, audit_trail, pull_modified
- ``errors``     ServiceError subclasses, each with an HTTP ``status`` and a machine ``code``
- ``deps``       FastAPI dependencies: Context, DbSession, CurrentActor, TenantScope, require_roles
- ``error_handlers``  native error body; ``register_error_renderer(app, prefix, fn)`` for another shape
- ``routers/``   the native /api/v1 routers, one per resource

Another API (``docsift.service.klearstack``) plugs in by exposing ``install(app: FastAPI)``:
``create_app`` calls it when the module exists. It should go through the same services (every
query through ``actor.scope(session)``), so isolation, auditing and versioning stay in one place.
"""
