"""S3 storage against a locally started S3-compatible server (moto's server mode, standing in for
AWS S3 / MinIO): the store itself, a whole batch through it, and the workers' retries when the
store is unreachable (transient errors) until it comes back, or until they give up."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from docsift.jobs.worker_task import is_transient
from docsift.store.blobs import BlobError, BlobNotFound, content_hash
from docsift.store.blobs_s3 import S3BlobStore
from docsift.store.blobstores import open_blob_store
from tests.scale.conftest import Cluster, small_pdf
from tests.servers import free_port, wait_until

pytestmark = [pytest.mark.services, pytest.mark.xdist_group("scale")]
BUCKET = "docsift-test"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@dataclass
class S3Server:
    """moto's S3 in a thread of this process; its data survives a stop/start (same process)."""

    port: int
    server: object | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        from moto.server import ThreadedMotoServer

        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()  # type: ignore[attr-defined]

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()  # type: ignore[attr-defined]
            self.server = None


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch) -> Iterator[S3Server]:
    """A running S3 stand-in with an empty bucket."""
    pytest.importorskip("moto.server", reason="moto[server] is a dev dependency")
    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = S3Server(free_port())
    server.start()
    import boto3

    boto3.client("s3", endpoint_url=server.url, region_name="us-east-1").create_bucket(Bucket=BUCKET)
    yield server
    server.stop()


def test_given_an_s3_url_then_uploads_round_trip_under_the_prefix(s3: S3Server, tmp_path: Path) -> None:
    store = open_blob_store(f"s3://{BUCKET}/tenant-a/originals", tmp_path, s3_endpoint_url=s3.url)
    assert isinstance(store, S3BlobStore) and store.health() == "ok"
    data = small_pdf("s3-roundtrip")
    key = store.put(data)
    assert key == content_hash(data) and store.put(data) == key  # content-addressed: same key again
    assert store.get(key) == data and store.exists(key)
    assert store.object_key(key).startswith("tenant-a/originals/")
    other = content_hash(b"never stored")
    assert not store.exists(other)
    with pytest.raises(BlobNotFound):
        store.get(other)


def test_given_s3_unreachable_then_reads_fail_as_transient_and_a_missing_bucket_is_unhealthy(
    s3: S3Server,
) -> None:
    store = S3BlobStore(BUCKET, "p", endpoint_url=s3.url)
    key = store.put(b"%PDF-1.4 stored before the outage")
    assert "not usable" in S3BlobStore("no-such-bucket", endpoint_url=s3.url).health()
    s3.stop()
    with pytest.raises(BlobError) as caught:
        store.get(key)
    assert not isinstance(caught.value, BlobNotFound) and is_transient(caught.value)
    assert store.health() != "ok"


def _use_s3(cluster: Cluster, s3: S3Server) -> None:
    """Point the cluster's API and workers at the bucket (credentials come from the environment)."""
    cluster.values.update(storage_url=f"s3://{BUCKET}/originals", s3_endpoint_url=s3.url)


def test_given_s3_storage_then_a_batch_is_stored_there_and_processed_once(
    s3: S3Server, cluster: Cluster
) -> None:
    _use_s3(cluster, s3)
    api = cluster.api()
    cluster.workers_ready(2)
    batch_id = api.upload([(f"s{i}.pdf", small_pdf(f"s3b{i}")) for i in range(4)])
    api.wait(batch_id)
    docs = cluster.assert_processed_once(batch_id, 4)
    store = S3BlobStore(BUCKET, "originals", endpoint_url=s3.url)
    assert all(store.exists(d.blob_key) for d in docs)
    assert not (cluster.tmp / "data" / "blobs").exists()  # nothing went to the local default


def test_given_the_store_down_when_a_worker_starts_then_it_retries_with_backoff_until_it_is_back(
    s3: S3Server, cluster: Cluster
) -> None:
    _use_s3(cluster, s3)
    api = cluster.api()
    batch_id = api.upload([("a.pdf", small_pdf("s3-retry"))])
    s3.stop()
    node = cluster.worker(task_retries="8")
    wait_until(lambda: "retry 2 in" in node.text, 120, "two retries")
    s3.start()

    api.wait(batch_id)
    docs = cluster.assert_processed_once(batch_id, 1)
    assert docs[0].attempts == 1  # retries after transient errors are not counted as crashed starts


def test_given_the_store_down_for_good_then_the_document_fails_with_the_reason_after_the_last_try(
    s3: S3Server, cluster: Cluster
) -> None:
    _use_s3(cluster, s3)
    api = cluster.api()
    batch_id = api.upload([("a.pdf", small_pdf("s3-gone"))])
    s3.stop()
    cluster.worker(task_retries="2")

    api.wait(batch_id)
    (doc,) = cluster.docs(batch_id)
    assert doc.status == "failed" and doc.error_code == "transient_error"
    assert "gave up after 3 tries" in (doc.error_message or "") and "BlobError" in (doc.error_message or "")
    assert set(cluster.processed_events(batch_id).values()) == {1}
