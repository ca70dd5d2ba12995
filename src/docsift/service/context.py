"""What every request needs, built once per server process: settings, database, blob store,
auth and the queue."""

from __future__ import annotations

from dataclasses import dataclass

from docsift.jobs.base import JobQueue
from docsift.service.auth import Auth
from docsift.service.uploads import UploadLimits
from docsift.settings import Settings
from docsift.store.blobs import BlobStore
from docsift.store.db import Database


@dataclass
class ServiceContext:
    settings: Settings
    db: Database
    blobs: BlobStore
    auth: Auth
    queue: JobQueue

    @property
    def upload_limits(self) -> UploadLimits:
        s = self.settings
        return UploadLimits(s.max_file_bytes, s.max_zip_bytes, s.max_zip_ratio, s.max_files_per_batch)
