"""Sending notification e-mail. Thin and idempotent: each row is claimed before sending."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.utils import timezone

from portal.lib.queue import enqueue
from portal.notifications.models import Notification
from portal.notifications.services import email_link, notification_emails_requeue

log = logging.getLogger(__name__)
CLAIM_TIMEOUT = timedelta(minutes=10)


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
    """E-mail each notification at most once; failures are retried with backoff."""
    sent, failed = 0, []
    now = timezone.now()
    rows = Notification.objects.filter(pk__in=notification_ids, wants_email=True, emailed_at__isnull=True)
    for n in rows.select_related("recipient"):
        # Claim: only one worker wins this conditional UPDATE; a stale claim (dead worker) may be retaken.
        claimed = (
            Notification.objects.filter(pk=n.pk, emailed_at__isnull=True)
            .filter(email_claimed_at__isnull=True)
            .update(email_claimed_at=now, email_attempts=F("email_attempts") + 1)
            or Notification.objects.filter(
                pk=n.pk, emailed_at__isnull=True, email_claimed_at__lt=now - CLAIM_TIMEOUT
            ).update(email_claimed_at=now, email_attempts=F("email_attempts") + 1)
        )
        if not claimed:
            continue
        if not n.recipient.email:
            Notification.objects.filter(pk=n.pk).update(emailed_at=now, email_error="Người nhận không có thư điện tử.")
            continue
        try:
            send_mail(
                subject=f"[Thông Suốt] {n.title}",
                message=f"{n.body}\n\n{email_link(n.url)}".strip(),
                from_email=None,
                recipient_list=[n.recipient.email],
            )
        except Exception as exc:  # SMTP down, refused, timeout: release the claim and retry later
            log.warning("notification %s e-mail failed: %s", n.pk, exc)
            Notification.objects.filter(pk=n.pk).update(email_claimed_at=None, email_error=str(exc)[:500])
            failed.append(n.pk)
            continue
        Notification.objects.filter(pk=n.pk).update(emailed_at=timezone.now(), email_error="")
        sent += 1
    if failed:
        raise EmailNotSent(f"{len(failed)} e-mail chưa gửi được")
    return sent


@shared_task
def send_notification_batch(batch: str, chunk: int = 500) -> int:
    """E-mail a fan-out batch in chunks, each chunk a separate task so one failure retries only it."""
    ids = list(Notification.objects.filter(batch=batch, wants_email=True, emailed_at__isnull=True)
               .values_list("id", flat=True))
    for start in range(0, len(ids), chunk):
        # A chunk the broker cannot take now stays unsent on its rows: the outbox sweep enqueues it later.
        enqueue(send_notification_emails, ids[start:start + chunk])
    return len(ids)


@shared_task(name="notifications.outbox_sweep", acks_late=True)
def outbox_sweep() -> int:
    """Beat, every OUTBOX_SWEEP_SECONDS: enqueue again the e-mails whose message never reached a worker."""
    return notification_emails_requeue(older_than=timedelta(seconds=settings.OUTBOX_GRACE_SECONDS))
