"""The one notification service every feature calls.

Rows are written in bulk inside the caller's transaction; the e-mail task is
enqueued only after commit, so a rolled-back action never sends mail.

The notification row is the outbox of its e-mail: `emailed_at` stays empty until the mail is
sent. When the broker is down at commit the message is not published (portal.lib.queue), and
`notification_emails_requeue` — run by beat — enqueues every such row again once it is back.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from portal.lib.queue import enqueue, enqueue_on_commit
from portal.notifications.models import Notification
from portal.org.models import Membership

log = logging.getLogger(__name__)
#: A claim older than this belongs to a worker that died while sending: the row may be claimed again.
CLAIM_TIMEOUT = dt.timedelta(minutes=10)


def email_link(url: str) -> str:
    """A notification's link as an e-mail must carry it: absolute, on settings.PORTAL_BASE_URL. Notifications
    store the portal's own path ("/bao-cao/nghia-vu/12/"), which the web inbox follows as it is but a mail
    client cannot."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}/{url.lstrip('/')}"


def _email_after_commit(notification_ids: list[int]) -> None:
    from portal.notifications.tasks import send_notification_emails  # the task calls this module's sender

    enqueue_on_commit(send_notification_emails, notification_ids)


def notify(
    *,
    user_ids: Iterable[int],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> list[int]:
    """Create one notification per user and e-mail them after commit. Returns the new ids."""
    ids = sorted(set(user_ids))
    if not ids:
        return []
    rows = [
        Notification(recipient_id=uid, kind=kind, title=title[:255], body=body, url=url, wants_email=email)
        for uid in ids
    ]
    created = Notification.objects.bulk_create(rows, batch_size=2000)
    new_ids = [n.pk for n in created]
    if not all(new_ids):  # backends without RETURNING on bulk insert
        new_ids = list(
            Notification.objects.filter(recipient_id__in=ids, kind=kind, title=title[:255], emailed_at=None)
            .order_by("-id")
            .values_list("id", flat=True)[: len(ids)]
        )
    if email:
        _email_after_commit(new_ids)
    return new_ids


def notify_each(*, kind: str, items: list[tuple[int, str, str, str]], email: bool = True) -> list[int]:
    """One personal notification per (user id, title, body, url) — a digest each — in one INSERT for the
    whole list (notify makes one per call: a sweep of thousands of digests paid a statement per person).
    E-mailed after commit like notify's. Returns the new ids in the order of `items`."""
    if not items:
        return []
    if not connection.features.can_return_rows_from_bulk_insert:  # no ids back from one INSERT: one each
        return [
            notify(user_ids=[uid], kind=kind, title=title, body=body, url=url, email=email)[0]
            for uid, title, body, url in items
        ]
    rows = [
        Notification(recipient_id=uid, kind=kind, title=title[:255], body=body, url=url, wants_email=email)
        for uid, title, body, url in items
    ]
    new_ids = [n.pk for n in Notification.objects.bulk_create(rows, batch_size=2000)]
    if email:
        _email_after_commit(new_ids)
    return new_ids


def notify_members(
    *,
    unit_ids: QuerySet,
    roles: Iterable[str] | None,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> str:
    """Notify every member (optionally only some roles) of the units selected by unit_ids.

    One INSERT … SELECT whatever the number of units, so fan-out to thousands of recipient
    units costs the same statements as to one. unit_ids is a values_list("…id") queryset.
    Returns the batch key the e-mail task works through.
    """
    batch = uuid.uuid4().hex
    sub_sql, sub_params = unit_ids.query.sql_with_params()
    role_list = list(roles or [])
    role_sql = f" AND m.role IN ({', '.join(['%s'] * len(role_list))})" if role_list else ""
    table = Notification._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (recipient_id, kind, title, body, url, created_at, wants_email, batch, "
            f"email_attempts, email_error) "
            f"SELECT DISTINCT m.user_id, %s, %s, %s, %s, %s, %s, %s, 0, '' "
            f"FROM {Membership._meta.db_table} m WHERE m.unit_id IN ({sub_sql}){role_sql}",
            [kind, title[:255], body, url, timezone.now(), email, batch, *sub_params, *role_list],
        )
    if email:
        from portal.notifications.tasks import send_notification_batch  # the task calls this module's sender

        enqueue_on_commit(send_notification_batch, batch)
    return batch


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one notification (or all) of this user as read; returns how many changed."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())


def notification_emails_send(*, notification_ids: list[int]) -> tuple[int, list[int]]:
    """E-mail each listed notification at most once; returns (how many were sent, the ids that failed).

    Each row is claimed first with a conditional UPDATE, so of two workers holding the same ids only one sends;
    a claim older than CLAIM_TIMEOUT (a dead worker's) may be retaken. A recipient without an address is marked
    done with the reason. A failed send releases its claim and records the error, so a retry sends it."""
    sent, failed = 0, []
    now = timezone.now()
    rows = Notification.objects.filter(pk__in=notification_ids, wants_email=True, emailed_at__isnull=True)
    for n in rows.select_related("recipient"):
        claimed = Notification.objects.filter(pk=n.pk, emailed_at__isnull=True).filter(
            email_claimed_at__isnull=True
        ).update(email_claimed_at=now, email_attempts=F("email_attempts") + 1) or Notification.objects.filter(
            pk=n.pk, emailed_at__isnull=True, email_claimed_at__lt=now - CLAIM_TIMEOUT
        ).update(email_claimed_at=now, email_attempts=F("email_attempts") + 1)
        if not claimed:
            continue
        if not n.recipient.email:
            Notification.objects.filter(pk=n.pk).update(
                emailed_at=now, email_error="Người nhận không có thư điện tử."
            )
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
    return sent, failed


def users_with_email(user_ids: Iterable[int]):
    return get_user_model().objects.filter(pk__in=list(user_ids)).exclude(email="")


def notification_emails_requeue(*, older_than: dt.timedelta, limit: int = 20000, chunk: int = 500) -> int:
    """Enqueue again the e-mail of every notification still unsent older_than after it was written.

    Picks rows that want e-mail, were never sent, are not held by a live claim (a claim older than
    CLAIM_TIMEOUT is a dead worker's), and have retries left. Rows younger than
    older_than are left to the message published at commit. Sending claims each row first, so a
    row enqueued twice (its first message was only delayed) is still mailed once. Returns how
    many rows were enqueued.
    """
    from portal.notifications.tasks import send_notification_emails  # the task calls this module's sender

    now = timezone.now()
    ids = list(
        Notification.objects.filter(
            wants_email=True,
            emailed_at__isnull=True,
            created_at__lt=now - older_than,
            email_attempts__lte=settings.NOTIFICATION_EMAIL_MAX_RETRIES,
        )
        .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - CLAIM_TIMEOUT))
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    queued = 0
    for start in range(0, len(ids), chunk):
        if not enqueue(send_notification_emails, ids[start : start + chunk]):
            break  # the broker is still down: the next sweep tries again
        queued += len(ids[start : start + chunk])
    if ids:
        log.info("notification outbox: %s of %s unsent e-mails enqueued again", queued, len(ids))
    return queued
