"""Opening the blob store a setting names: a local directory, a shared directory, or S3."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from docsift.errors import ConfigError
from docsift.store.blobs import BlobStore, LocalBlobStore


def open_blob_store(storage_url: str | None, data_dir: Path, *, s3_endpoint_url: str | None = None,
                    s3_region: str | None = None) -> BlobStore:  # fmt: skip
    """The blob store for ``DOCSIFT_STORAGE_URL`` (default: ``data_dir/blobs``): a directory
    (``file:///shared/dir`` or a plain path; shared between machines over NFS or similar) or
    ``s3://bucket/prefix`` (``docsift.store.blobs_s3``, at ``s3_endpoint_url`` when given).

    Raises ConfigError for a scheme this version does not support.
    """
    if not storage_url:
        return LocalBlobStore(data_dir / "blobs")
    parsed = urlparse(storage_url)
    if parsed.scheme in ("", "file"):
        return LocalBlobStore(Path(parsed.path if parsed.scheme else storage_url))
    if parsed.scheme == "s3":
        if not parsed.netloc:
            raise ConfigError(f"DOCSIFT_STORAGE_URL {storage_url!r} names no bucket (s3://bucket/prefix)")
        from docsift.store.blobs_s3 import S3BlobStore  # boto3 loads only when S3 is used

        return S3BlobStore(parsed.netloc, parsed.path, endpoint_url=s3_endpoint_url, region=s3_region)
    raise ConfigError(
        f"unsupported DOCSIFT_STORAGE_URL scheme {parsed.scheme!r} (use a directory, file:// or s3://)"
    )
