"""Persistence: database models and sessions, migrations, tenant scoping and the blob store."""

from docsift.store.blobs import BlobStore
from docsift.store.blobstores import open_blob_store
from docsift.store.db import Database
from docsift.store.migrate import migrate
from docsift.store.scope import Scope

__all__ = ["BlobStore", "Database", "Scope", "migrate", "open_blob_store"]
