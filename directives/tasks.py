"""Background work of the directives app. Thin and idempotent: each task takes an id and calls a service.

With acks_late (settings) a worker killed mid-batch leaves the message for another worker; the
rerun claims the batch once its heartbeat is stale and never re-renders a PDF already stored.
"""

from __future__ import annotations

from celery import shared_task

from directives import conf
from directives.services import batch as batches


@shared_task(bind=True, max_retries=50)
def render_batch(self, batch_id: int) -> str:
    """Produce the ZIP of a RenderBatch (claims it first; a batch already done is left alone)."""
    outcome = batches.render_batch_run(batch_id=batch_id)
    if outcome == "busy":
        # A worker that looks alive holds the batch: look again once its heartbeat could be stale.
        raise self.retry(countdown=conf.batch_stale_after().total_seconds())
    return outcome


@shared_task
def render_batch_assist(batch_id: int) -> int:
    """Help another worker with a batch: render its documents that nobody holds yet."""
    return batches.render_batch_assist(batch_id=batch_id)


@shared_task(name="directives.render_batch_sweep", acks_late=True)
def render_batch_sweep() -> int:
    """Beat, every OUTBOX_SWEEP_SECONDS: publish again the batches whose message never reached a worker."""
    return batches.render_batch_requeue_abandoned()
