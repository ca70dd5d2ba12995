"""Nothing is lost: a worker process or a whole worker node killed with SIGKILL in the middle of a
document, Redis restarted (losing every message) mid-batch, the API killed and restarted mid-batch.
Each batch still ends with every document processed exactly once."""

from __future__ import annotations

import os
import signal

import httpx
import pytest

from tests.scale.conftest import Api, Cluster, scanned_pdf, small_pdf

pytestmark = [pytest.mark.services, pytest.mark.xdist_group("scale")]


def test_given_a_pool_process_killed_mid_document_then_its_message_comes_back_and_the_batch_finishes_once(
    cluster: Cluster, api: Api
) -> None:
    cluster.workers_ready(2)
    files = [("scan.pdf", scanned_pdf()), *[(f"s{i}.pdf", small_pdf(f"pk{i}")) for i in range(5)]]
    batch_id = api.upload(files)
    doc_id = cluster.wait_processing(batch_id, "scan.pdf")
    node = cluster.holder(doc_id)
    children = node.pool_children()
    assert len(children) == 1, children
    os.kill(children[0], signal.SIGKILL)

    api.wait(batch_id)
    cluster.assert_processed_once(batch_id, 6)
    assert cluster.attempts(batch_id)["scan.pdf"] == 2  # interrupted once, then redone


def test_given_a_worker_node_killed_mid_document_then_another_node_finishes_it_and_every_document_once(
    cluster: Cluster, api: Api
) -> None:
    cluster.workers_ready(2)
    files = [("scan.pdf", scanned_pdf()), *[(f"s{i}.pdf", small_pdf(f"nk{i}")) for i in range(7)]]
    batch_id = api.upload(files)
    doc_id = cluster.wait_processing(batch_id, "scan.pdf")
    doomed = cluster.holder(doc_id)
    doomed.kill_group()  # node, pool and sweeper: as if the machine died

    # while the batch runs, each document's status is visible through the API
    statuses = {d["file_name"]: d["status"] for d in api.documents(batch_id)}
    assert statuses["scan.pdf"] in ("processing", "queued"), statuses
    assert set(statuses.values()) <= {"queued", "processing", "completed", "needs_review"}, statuses

    api.wait(batch_id)
    cluster.assert_processed_once(batch_id, 8)
    assert cluster.attempts(batch_id)["scan.pdf"] == 2
    survivor = next(w for w in cluster.workers if w is not doomed)
    assert survivor.alive()
    final = cluster.status_of(doc_id)
    assert f"document {doc_id}: {final} (" in survivor.text  # the other node stored the result


def test_given_redis_restarted_mid_batch_then_the_lost_messages_are_published_again_and_the_batch_finishes(
    cluster: Cluster, api: Api
) -> None:
    cluster.workers_ready(2)
    scans = [(f"scan{i}.pdf", scanned_pdf(pages=1, seed=10 * i)) for i in range(2)]
    files = [*scans, *[(f"s{i}.pdf", small_pdf(f"rr{i}")) for i in range(8)]]
    batch_id = api.upload(files)
    for name, _ in scans:  # both nodes busy: the small documents wait in Redis
        cluster.wait_processing(batch_id, name)
    cluster.redis.restart()  # nothing persisted: every waiting message is gone

    api.wait(batch_id)
    cluster.assert_processed_once(batch_id, 10)
    assert all(w.alive() for w in cluster.workers)


def test_given_the_broker_down_during_an_upload_then_the_upload_succeeds_and_the_batch_finishes_later(
    cluster: Cluster, api: Api
) -> None:
    cluster.worker()
    cluster.redis.stop()
    batch_id = api.upload([(f"s{i}.pdf", small_pdf(f"bd{i}")) for i in range(4)])  # stored, not published
    assert api.batch(batch_id)["counts"]["queued"] == 4
    cluster.redis.start()

    api.wait(batch_id)
    cluster.assert_processed_once(batch_id, 4)


def test_given_the_api_killed_and_restarted_mid_batch_then_nothing_is_lost(cluster: Cluster) -> None:
    cluster.workers_ready(2)
    server = cluster.serve()
    with httpx.Client(base_url=server.url, timeout=60) as client:
        api = Api(client)
        files = [("scan.pdf", scanned_pdf()), *[(f"s{i}.pdf", small_pdf(f"ak{i}")) for i in range(7)]]
        batch_id = api.upload(files)
        cluster.wait_processing(batch_id, "scan.pdf")
        server.kill_group()
        assert any(d.status in ("queued", "processing") for d in cluster.docs(batch_id))

    server.start()
    server.wait_ready()
    with httpx.Client(base_url=server.url, timeout=60) as client:
        api = Api(client)
        api.login()
        api.wait(batch_id)
        health = client.get("/healthz").json()
    cluster.assert_processed_once(batch_id, 8)
    assert health["queue"]["kind"] == "celery" and health["queue"]["ok"], health
