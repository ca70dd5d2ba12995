"""Delivery semantics of the Celery queue: duplicates are no-ops, priority batches go first, the
per-document time limit fails only the document that overran."""

from __future__ import annotations

import pytest

from docsift.jobs.celery_app import make_celery, publish
from tests.scale.conftest import Api, Cluster, scanned_pdf, small_pdf

pytestmark = [pytest.mark.services, pytest.mark.xdist_group("scale")]


def test_given_every_document_published_three_times_then_each_is_processed_once(
    cluster: Cluster, api: Api
) -> None:
    batch_id = api.upload([(f"s{i}.pdf", small_pdf(f"dup{i}")) for i in range(5)])
    app = make_celery(cluster.settings())
    for doc in cluster.docs(batch_id):
        publish(app, doc.id, 0)
        publish(app, doc.id, 1)  # once more, on the other queue
    app.close()
    cluster.worker(concurrency=2)

    api.wait(batch_id)
    docs = cluster.assert_processed_once(batch_id, 5)
    assert all(d.attempts == 1 for d in docs)


def test_given_a_document_published_again_while_it_runs_then_the_duplicate_leaves_it_alone(
    cluster: Cluster, api: Api
) -> None:
    node = cluster.worker(concurrency=2)
    batch_id = api.upload([("scan.pdf", scanned_pdf())])
    doc_id = cluster.wait_processing(batch_id, "scan.pdf")
    app = make_celery(cluster.settings())
    publish(app, doc_id, 0)  # the second pool process gets it while the first one works
    app.close()

    api.wait(batch_id)
    docs = cluster.assert_processed_once(batch_id, 1)
    assert docs[0].attempts == 1
    assert "busy, nothing to do" in node.text


def test_given_a_backlog_when_a_priority_batch_arrives_then_its_documents_are_processed_first(
    cluster: Cluster, api: Api
) -> None:
    normal = api.upload([(f"n{i}.pdf", small_pdf(f"norm{i}")) for i in range(6)])
    urgent = api.upload([(f"p{i}.pdf", small_pdf(f"prio{i}")) for i in range(2)], priority="true")
    cluster.worker(concurrency=1)  # one document at a time, so the order is the queue's order

    api.wait(normal)
    api.wait(urgent)
    first_normal = min(d.finished_at for d in cluster.assert_processed_once(normal, 6) if d.finished_at)
    last_urgent = max(d.finished_at for d in cluster.assert_processed_once(urgent, 2) if d.finished_at)
    assert last_urgent < first_normal


def test_given_a_document_over_the_time_limit_then_it_fails_with_that_reason_and_the_rest_complete(
    cluster: Cluster, api: Api
) -> None:
    cluster.worker(concurrency=1, document_time_limit_s="1")
    batch_id = api.upload(
        [("long.pdf", scanned_pdf(pages=4)), *[(f"s{i}.pdf", small_pdf(f"tl{i}")) for i in range(3)]]
    )

    api.wait(batch_id)
    docs = {d.file_name: d for d in cluster.docs(batch_id)}
    assert docs["long.pdf"].status == "failed" and docs["long.pdf"].error_code == "time_limit"
    assert "longer than the limit of 1 s" in (docs["long.pdf"].error_message or "")
    for name in ("s0.pdf", "s1.pdf", "s2.pdf"):
        assert docs[name].status in ("completed", "needs_review"), (name, docs[name].error_message)
    events = cluster.processed_events(batch_id)
    assert set(events.values()) == {1}
