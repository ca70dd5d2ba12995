"""The same queue on RabbitMQ: DOCSIFT_BROKER_URL=amqp://… instead of redis://…, nothing else
changes. Runs in a virtual host of its own, so other runs on the same broker are untouched."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator

import pytest

from tests.scale.conftest import Cluster, small_pdf
from tests.servers import port_open

pytestmark = [pytest.mark.services, pytest.mark.xdist_group("scale")]


def _ctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", *args], check=True, capture_output=True, timeout=60)


@pytest.fixture
def amqp_url() -> Iterator[str]:
    """A fresh RabbitMQ virtual host (deleted afterwards); skips when RabbitMQ is not running."""
    if not port_open(5672) or shutil.which("rabbitmqctl") is None:
        pytest.skip("RabbitMQ is not running on 127.0.0.1:5672 (or rabbitmqctl is missing)")
    vhost = f"docsift_test_{uuid.uuid4().hex[:8]}"
    try:
        _ctl("add_vhost", vhost)
        _ctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        pytest.skip(f"cannot create a RabbitMQ virtual host: {e}")
    yield f"amqp://guest:guest@127.0.0.1:5672/{vhost}"
    _ctl("delete_vhost", vhost)


def test_given_a_rabbitmq_broker_then_a_batch_is_processed_once_with_priority_documents_too(
    cluster: Cluster, amqp_url: str
) -> None:
    cluster.values["broker_url"] = amqp_url
    api = cluster.api()
    cluster.workers_ready(2)
    normal = api.upload([(f"n{i}.pdf", small_pdf(f"amqp{i}")) for i in range(5)])
    urgent = api.upload([("p.pdf", small_pdf("amqp-prio"))], priority="true")
    api.wait(normal)
    api.wait(urgent)
    cluster.assert_processed_once(normal, 5)
    cluster.assert_processed_once(urgent, 1)
    cluster.no_duplicate_deliveries()
