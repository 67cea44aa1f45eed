"""Settings of the directives app, each with its default (portal/settings/ may set any of them)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings


def batch_stale_after() -> timedelta:
    """How long a running ZIP batch may go without a heartbeat before another worker may take it over."""
    return timedelta(seconds=getattr(settings, "PDF_BATCH_STALE_SECONDS", 120))


def batch_max_documents() -> int:
    """The largest cascade one «Tải toàn bộ văn bản triển khai» may collect."""
    return getattr(settings, "PDF_BATCH_MAX_DOCUMENTS", 2000)


def batch_assistants() -> int:
    """Extra `render_batch_assist` messages per batch: with N workers, N − 1 lets them all share the work."""
    return getattr(settings, "PDF_BATCH_ASSISTANTS", 1)


def batch_queue() -> str | None:
    """The Celery queue of the batch tasks (None: the default queue)."""
    return getattr(settings, "PDF_BATCH_QUEUE", None)
