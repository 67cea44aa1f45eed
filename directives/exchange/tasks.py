"""Background work of the exchange: thin tasks over the outbox and the inbox (beat runs both every
EXCHANGE_SWEEP_SECONDS; the outbox's flush is also published when a packet is queued)."""

from __future__ import annotations

from celery import shared_task

from directives.exchange import inbox, outbox


@shared_task(name="exchange.outbox_flush", acks_late=True)
def outbox_flush(batch_size: int | None = None) -> int:
    """Send the due queued packets; returns how many were handled (sent, retried later or failed)."""
    return outbox.outbox_flush_run(batch_size=batch_size).handled


@shared_task(name="exchange.inbox_poll", acks_late=True)
def inbox_poll() -> int:
    """Fetch what the hub (or the gateway's folder) holds for us, receive each packet, ack it."""
    return inbox.inbox_poll_run().received
