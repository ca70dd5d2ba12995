"""Blob store for uploaded originals, keyed by the SHA-256 of the content.

``BlobStore`` is the interface; ``LocalBlobStore`` keeps files in a directory (the default, under
``DOCSIFT_DATA_DIR``, or a shared directory); ``docsift.store.blobs_s3.S3BlobStore`` keeps them in S3.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from abc import ABC, abstractmethod
from pathlib import Path

from docsift.errors import DocsiftError


class BlobError(DocsiftError):
    """A blob could not be written or read."""

    code = "blob_error"


class BlobNotFound(BlobError):
    code = "blob_not_found"


def content_hash(data: bytes) -> str:
    """The SHA-256 hex digest of ``data`` (the blob key and the duplicate-detection hash)."""
    return hashlib.sha256(data).hexdigest()


def key_path(key: str) -> str:
    """Where blob ``key`` lives below a store's root: ``ab/cd/<key>`` (every store lays keys out
    alike). Raises BlobNotFound for a key that is not a SHA-256 hex digest."""
    if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
        raise BlobNotFound(f"invalid blob key {key!r}")
    return f"{key[:2]}/{key[2:4]}/{key}"


class BlobStore(ABC):
    """Content-addressed storage: ``put`` returns the key, ``get`` returns the bytes."""

    @abstractmethod
    def put(self, data: bytes) -> str:
        """Store ``data`` durably and return its key. Raises BlobError."""

    @abstractmethod
    def get(self, key: str) -> bytes:
        """The bytes stored under ``key``. Raises BlobNotFound or BlobError."""

    @abstractmethod
    def exists(self, key: str) -> bool:
        """Whether ``key`` is stored."""

    @abstractmethod
    def health(self) -> str:
        """ "ok" or a short reason why the store cannot be used."""


class LocalBlobStore(BlobStore):
    """Files under ``root/ab/cd/<sha256>``, written atomically and fsynced before ``put`` returns."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        return self.root / key_path(key)

    def put(self, data: bytes) -> str:
        key = content_hash(data)
        path = self._path(key)
        if path.exists() and path.stat().st_size == len(data):
            return key
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as e:
            raise BlobError(f"cannot store upload: {e}") from e
        return key

    def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return path.read_bytes()
        except FileNotFoundError as e:
            raise BlobNotFound(f"blob {key} is missing") from e
        except OSError as e:
            raise BlobError(f"cannot read blob {key}: {e}") from e

    def exists(self, key: str) -> bool:
        try:
            return self._path(key).is_file()
        except BlobNotFound:
            return False

    def health(self) -> str:
        return "ok" if os.access(self.root, os.W_OK) else f"{self.root} is not writable"
