"""The Celery application shared by the API (which only publishes) and ``docsift worker``.

One task, ``docsift.process_document(document_id)``, on two queues: ``docsift.high`` for batches
sent with ``priority_flag`` and ``docsift`` for the rest; workers consume both, the high one
first (Redis: strict queue order; RabbitMQ: both at once, see docs/deploy.md for dedicated
high-priority workers). Delivery is at least once: tasks are acknowledged late and a message
whose worker process dies is put back (``task_reject_on_worker_lost``); ``docsift.jobs.claims``
turns that into exactly one stored result. There is no result backend: status lives in the
database.
"""

from __future__ import annotations

from typing import Any

from celery import Celery
from kombu import Exchange, Queue

from docsift.jobs.base import TASK
from docsift.settings import Settings

QUEUE = "docsift"
HIGH_QUEUE = "docsift.high"
QUEUES = (HIGH_QUEUE, QUEUE)
PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 1.0}


def queue_for(priority: int) -> str:
    """The queue a document of ``priority`` goes to (1: priority_flag, 0: normal)."""
    return HIGH_QUEUE if priority > 0 else QUEUE


def celery_config(settings: Settings) -> dict[str, Any]:
    """Celery settings for ``settings``: late acks, one message per process at a time, a hard
    time limit per document, broker options that survive a broker restart."""
    limit = max(1, int(settings.document_time_limit_s))
    transport: dict[str, Any] = {
        # a message a dead worker held comes back after this (the sweep is usually faster)
        "visibility_timeout": limit + 600,
        "queue_order_strategy": "priority",
        "socket_connect_timeout": 5,
        "socket_timeout": 30,
        "health_check_interval": 10,
    }
    return {
        "broker_url": settings.broker_url,
        "broker_transport_options": transport,
        "broker_connection_retry_on_startup": True,
        "broker_connection_max_retries": None,
        "broker_heartbeat": 20,
        # one direct exchange per queue, routing key = queue name: a message lands in one queue only
        "task_queues": [Queue(name, Exchange(name, type="direct"), routing_key=name) for name in QUEUES],
        "task_default_queue": QUEUE,
        "task_default_exchange": QUEUE,
        "task_default_routing_key": QUEUE,
        "task_serializer": "json",
        "accept_content": ["json"],
        "task_ignore_result": True,
        "task_store_errors_even_if_ignored": False,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "task_acks_on_failure_or_timeout": True,
        "task_time_limit": limit,
        "task_publish_retry": True,
        "task_publish_retry_policy": PUBLISH_RETRY,
        "worker_prefetch_multiplier": 1,
        "worker_proc_alive_timeout": 120,  # each pool process loads the models first (warm_up)
        "worker_send_task_events": False,
        "worker_cancel_long_running_tasks_on_connection_loss": False,
        "broker_connection_timeout": 5,
    }


def make_celery(settings: Settings, *, worker: bool = False) -> Celery:
    """A Celery app for ``settings``; with ``worker`` the task is registered on it too."""
    app = Celery("docsift", set_as_current=False)
    app.conf.update(celery_config(settings))
    if worker:
        from docsift.jobs.worker_task import register

        register(app, settings)
    return app


def publish(app: Celery, document_id: str, priority: int) -> None:
    """Publish one document id. Raises kombu/redis connection errors when the broker cannot be
    reached after a short retry (the document stays queued; the sweep publishes it later)."""
    app.send_task(TASK, args=[document_id], queue=queue_for(priority))


def queue_depths(app: Celery) -> dict[str, int]:
    """Messages waiting in each docsift queue (not counting those a worker has reserved).
    Raises connection errors when the broker cannot be reached."""
    depths: dict[str, int] = {}
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=5)
        channel = conn.default_channel
        for name in QUEUES:
            try:
                depths[name] = int(channel.queue_declare(queue=name, passive=True).message_count)
            except conn.channel_errors:  # never declared yet: nothing waiting
                depths[name] = 0
                channel = conn.channel()
    return depths


def redact_url(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for logs and /healthz)."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else f"{scheme}://{user}@{host}"
