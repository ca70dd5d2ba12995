"""Celery mode end to end: the API stores and publishes, ``docsift worker`` nodes process."""

from __future__ import annotations

import pytest

from tests.scale.conftest import Api, Cluster, small_pdf

pytestmark = pytest.mark.services


def test_given_two_worker_nodes_when_a_batch_is_uploaded_then_every_document_is_processed_once(
    cluster: Cluster, api: Api
) -> None:
    cluster.workers_ready(2)
    files = [(f"doc-{i}.pdf", small_pdf(f"basic{i}")) for i in range(8)]
    batch_id = api.upload(files)
    batch = api.wait(batch_id)
    assert batch["documents"] == 8
    cluster.assert_processed_once(batch_id, 8)
    cluster.no_duplicate_deliveries()
