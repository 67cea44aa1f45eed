"""Publishing Celery tasks without letting a broker outage reach the user.

Every task the web side starts goes through `enqueue` (usually from `transaction.on_commit`). The
data is already committed when it runs, so a broker that is down or hung must not turn the
request into a 500 or keep the user waiting: the connect and socket timeouts and the short publish
retry policy (settings, "Celery") bound the wait, and a message that still cannot be published is
logged and dropped. Nothing is lost by that: the work is recorded in the database (a notification
not yet e-mailed, a render batch still queued) and the outbox sweeps that beat runs
(`notifications.outbox_sweep`, `directives.render_batch_sweep`) enqueue it again once the broker
is back. Tasks are idempotent (each claims its row), so a message published twice does no harm.
"""

from __future__ import annotations

import logging
import socket

from django.db import transaction
from kombu.exceptions import KombuError

log = logging.getLogger(__name__)

try:  # the Redis transport raises redis-py's errors when a connection drops mid-publish
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - the file-system broker has no redis-py
    RedisError = OSError  # type: ignore[assignment,misc]

BROKER_ERRORS: tuple[type[BaseException], ...] = (KombuError, RedisError, OSError, socket.timeout)


def enqueue(task, *args, queue: str | None = None, **kwargs) -> bool:
    """Publish task(*args, **kwargs); returns False (and logs) when the broker cannot take it."""
    try:
        task.apply_async(args, kwargs, queue=queue)
    except BROKER_ERRORS as exc:
        log.warning(
            "broker unavailable, %s%r not enqueued (the outbox sweep will retry it): %s", task.name, args, exc
        )
        return False
    return True


def enqueue_on_commit(task, *args, queue: str | None = None, **kwargs) -> None:
    """`enqueue` once the current transaction commits (at once in autocommit); never after a rollback."""
    transaction.on_commit(lambda: enqueue(task, *args, queue=queue, **kwargs))
