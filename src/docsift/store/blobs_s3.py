"""Blob store on S3 or any S3-compatible server (MinIO, Ceph, SeaweedFS, …), through boto3.

``DOCSIFT_STORAGE_URL=s3://bucket/prefix``; the endpoint comes from ``DOCSIFT_S3_ENDPOINT_URL``
(else boto3's own ``AWS_ENDPOINT_URL`` or AWS), credentials from boto3's usual chain (environment,
shared config, instance role). Objects are keyed like the local store: ``prefix/ab/cd/<sha256>``.

A missing object is ``BlobNotFound`` (permanent); every other failure (connection refused, a
timeout, a 5xx) is ``BlobError``, which the workers treat as transient and retry.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from docsift.store.blobs import BlobError, BlobNotFound, BlobStore, content_hash, key_path

_MISSING = {"NoSuchKey", "404", "NotFound"}


class S3BlobStore(BlobStore):
    """Content-addressed objects in one bucket under ``prefix``."""

    def __init__(self, bucket: str, prefix: str = "", *, endpoint_url: str | None = None,
                 region: str | None = None) -> None:  # fmt: skip
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.endpoint_url = endpoint_url
        self.region = region
        self._clients: dict[int, Any] = {}
        self._lock = threading.Lock()

    @property
    def client(self) -> Any:
        """A boto3 S3 client for this process (clients are not shared across a fork)."""
        pid = os.getpid()
        with self._lock:
            if pid not in self._clients:
                self._clients = {pid: self._make_client()}
            return self._clients[pid]

    def _make_client(self) -> Any:
        import boto3
        from botocore.config import Config

        config = Config(
            retries={"max_attempts": 3, "mode": "standard"},
            connect_timeout=5,
            read_timeout=60,
            s3={"addressing_style": "path"} if self.endpoint_url else {},
        )
        session = boto3.session.Session()
        return session.client("s3", endpoint_url=self.endpoint_url, region_name=self.region, config=config)

    def object_key(self, key: str) -> str:
        """The S3 object key of blob ``key``. Raises BlobNotFound for a malformed key."""
        tail = key_path(key)
        return f"{self.prefix}/{tail}" if self.prefix else tail

    def put(self, data: bytes) -> str:
        key = content_hash(data)
        try:
            self.client.put_object(Bucket=self.bucket, Key=self.object_key(key), Body=data)
        except Exception as e:
            raise BlobError(f"cannot store upload in s3://{self.bucket}: {_reason(e)}") from e
        return key

    def get(self, key: str) -> bytes:
        name = self.object_key(key)
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=name)
            data: bytes = response["Body"].read()
        except Exception as e:
            if _error_code(e) in _MISSING:
                raise BlobNotFound(f"blob {key} is missing") from e
            raise BlobError(f"cannot read blob {key} from s3://{self.bucket}: {_reason(e)}") from e
        return data

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.object_key(key))
        except BlobNotFound:
            return False
        except Exception as e:
            if _error_code(e) in _MISSING:
                return False
            raise BlobError(f"cannot reach s3://{self.bucket}: {_reason(e)}") from e
        return True

    def health(self) -> str:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except Exception as e:
            return f"s3://{self.bucket} is not usable: {_reason(e)}"
        return "ok"


def _error_code(e: Exception) -> str:
    response = getattr(e, "response", None)
    if isinstance(response, dict):
        return str(response.get("Error", {}).get("Code", ""))
    return ""


def _reason(e: Exception) -> str:
    return (_error_code(e) + " " + str(e)).strip()[:300]
