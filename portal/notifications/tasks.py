"""Sending notification e-mail. Thin and idempotent: the service claims each row before sending it."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings

from portal.lib.queue import enqueue
from portal.notifications.models import Notification
from portal.notifications.services import notification_emails_requeue, notification_emails_send


class EmailNotSent(Exception):
    pass


@shared_task(
    bind=True,
    autoretry_for=(EmailNotSent,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=settings.NOTIFICATION_EMAIL_MAX_RETRIES,
)
def send_notification_emails(self, notification_ids: list[int]) -> int:
    """E-mail each notification at most once (the service claims each row); failures are retried with backoff."""
    sent, failed = notification_emails_send(notification_ids=notification_ids)
    if failed:
        raise EmailNotSent(f"{len(failed)} e-mail chưa gửi được")
    return sent


@shared_task
def send_notification_batch(batch: str, chunk: int = 500) -> int:
    """E-mail a fan-out batch in chunks, each chunk a separate task so one failure retries only it."""
    ids = list(
        Notification.objects.filter(batch=batch, wants_email=True, emailed_at__isnull=True).values_list(
            "id", flat=True
        )
    )
    for start in range(0, len(ids), chunk):
        # A chunk the broker cannot take now stays unsent on its rows: the outbox sweep enqueues it later.
        enqueue(send_notification_emails, ids[start : start + chunk])
    return len(ids)


@shared_task(name="notifications.outbox_sweep", acks_late=True)
def outbox_sweep() -> int:
    """Beat, every OUTBOX_SWEEP_SECONDS: enqueue again the e-mails whose message never reached a worker."""
    return notification_emails_requeue(older_than=timedelta(seconds=settings.OUTBOX_GRACE_SECONDS))
