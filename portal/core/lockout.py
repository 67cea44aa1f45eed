"""Login throttling (django-axes): the three locks, the Vietnamese lockout page, the audit row of a lockout,
and the owner's way out (a password reset lifts the account's locks).

Settings (AXES_*, portal/settings/) give the numbers. Every lock lasts AXES_COOLOFF_TIME after the last
failure it counted; an attempt refused because of a lock is not counted
(AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False), so someone guessing from behind the same office NAT
cannot keep a leader locked out by retrying: the lock ends on time, and the owner can end it at once with a
password-reset link.

- ``pair``: AXES_FAILURE_LIMIT failures for one username from one address (axes' own rule).
- ``account``: AXES_ACCOUNT_FAILURE_LIMIT failures for one username from any addresses — guessing spread over
  many IPs. It does not apply from an address the owner logged in from within AXES_KNOWN_ADDRESS_DAYS, so
  guessing from outside does not lock the leader out of the office.
- ``address``: AXES_ADDRESS_FAILURE_LIMIT failures from one address across usernames — password spraying
  (a few guesses at many accounts). It does not apply to an account that logged in from that address within
  AXES_KNOWN_ADDRESS_DAYS, so the colleagues behind the office NAT keep working.
"""

from __future__ import annotations

import datetime as dt

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt, AccessLog
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max, Sum
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

from portal.audit.services import event_record

PAIR, ACCOUNT, ADDRESS = "pair", "account", "address"


def _known_address(username: str | None, ip: str | None, now: dt.datetime) -> bool:
    """The account logged in successfully from this address recently (axes' access log)."""
    if not username or not ip or settings.AXES_KNOWN_ADDRESS_DAYS <= 0:
        return False
    since = now - dt.timedelta(days=settings.AXES_KNOWN_ADDRESS_DAYS)
    return AccessLog.objects.filter(username=username, ip_address=ip, attempt_time__gte=since).exists()


def _recent(request) -> dt.datetime:
    return (getattr(request, "axes_attempt_time", None) or timezone.now()) - (
        get_cool_off(request) or settings.AXES_COOLOFF_TIME
    )


def wide_lock(request, credentials=None) -> str | None:
    """ACCOUNT or ADDRESS when one of the wider locks holds for this request, else None."""
    username = get_client_username(request, credentials)
    ip = getattr(request, "axes_ip_address", None)
    now = getattr(request, "axes_attempt_time", None) or timezone.now()
    recent = AccessAttempt.objects.filter(attempt_time__gte=_recent(request))
    known = _known_address(username, ip, now)
    if username and not known:
        failures = recent.filter(username=username).aggregate(n=Sum("failures_since_start"))["n"] or 0
        if failures >= settings.AXES_ACCOUNT_FAILURE_LIMIT:
            return ACCOUNT
    if ip and not known:
        failures = recent.filter(ip_address=ip).aggregate(n=Sum("failures_since_start"))["n"] or 0
        if failures >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return ADDRESS
    return None


class ThrottleHandler(AxesDatabaseHandler):
    """axes' database handler with the account-wide and address-wide locks added to its username+IP lock."""

    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            request.axes_lock_kind = PAIR
            return True
        kind = wide_lock(request, credentials)
        if kind:
            request.axes_lock_kind = kind
        return kind is not None

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False) is not True:
            if request is not None:
                kind = wide_lock(request, credentials)
                if kind:
                    # This failure reached a wider limit: the lock starts now (the page says which one).
                    request.axes_locked_out = True
                    request.axes_credentials = credentials
                    request.axes_lock_kind = kind
                    user_locked_out.send(
                        "axes",
                        request=request,
                        username=get_client_username(request, credentials),
                        ip_address=request.axes_ip_address,
                    )
            return
        request.axes_lock_kind = getattr(request, "axes_lock_kind", None) or PAIR


def lock_ends_at(request, credentials, kind: str) -> dt.datetime:
    """The moment the lock ends: the cool-off after the last failure the lock counted."""
    username = get_client_username(request, credentials)
    ip = getattr(request, "axes_ip_address", None)
    rows = AccessAttempt.objects.filter(attempt_time__gte=_recent(request))
    rows = (
        rows.filter(username=username, ip_address=ip)
        if kind == PAIR
        else rows.filter(username=username)
        if kind == ACCOUNT
        else rows.filter(ip_address=ip)
    )
    last = rows.aggregate(last=Max("attempt_time"))["last"] or timezone.now()
    return last + (get_cool_off(request) or settings.AXES_COOLOFF_TIME)


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out client sees instead of the login form (HTTP 429): which lock, until when, and
    the owner's way out (a password-reset link lifts the account's locks)."""
    kind = getattr(request, "axes_lock_kind", None) or PAIR
    retry_at = timezone.localtime(
        lock_ends_at(request, credentials or getattr(request, "axes_credentials", None), kind)
    )
    cool_off = get_cool_off(request) or settings.AXES_COOLOFF_TIME
    context = {
        "kind": kind,
        "retry_at": retry_at,
        "cool_off_minutes": max(1, round(cool_off.total_seconds() / 60)),
        "failure_limit": {
            PAIR: settings.AXES_FAILURE_LIMIT,
            ACCOUNT: settings.AXES_ACCOUNT_FAILURE_LIMIT,
            ADDRESS: settings.AXES_ADDRESS_FAILURE_LIMIT,
        }[kind],
    }
    return render(request, "registration/lockout.html", context, status=429)


def lift_locks(username: str) -> int:
    """Lift every lock an account's failures hold (its owner proved who they are: a reset or change)."""
    deleted, _ = AccessAttempt.objects.filter(username=username).delete()
    return deleted


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="thongsuot-password-change-lifts-locks")
def lift_locks_on_password_change(sender, instance, update_fields=None, **kwargs):
    """A new password (reset link, /doi-mat-khau/, an administrator) ends the account's login locks.

    Compared with the stored hash rather than hooked into one view, so every way of setting a password counts.
    """
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        lift_locks(instance.get_username())


@receiver(user_locked_out, dispatch_uid="thongsuot-login-lockout-event")
def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """One audit Event when a lock starts (not on every refused retry).

    Recorded against the account when it exists (its unit's leaders read it in /nhat-ky/); an
    unknown username has no account to attach the event to and stays in axes' own attempt log.
    """
    kind = getattr(request, "axes_lock_kind", None) or PAIR
    if kind == PAIR and getattr(request, "axes_failures_since_start", None) != settings.AXES_FAILURE_LIMIT:
        return
    if kind != PAIR and getattr(request, "axes_failures_since_start", None) is None:
        return  # a refused retry during the lock (not counted): the event was recorded when the lock began
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is None:
        return
    membership = user.memberships.select_related("unit").order_by("pk").first()
    limit = {
        PAIR: settings.AXES_FAILURE_LIMIT,
        ACCOUNT: settings.AXES_ACCOUNT_FAILURE_LIMIT,
        ADDRESS: settings.AXES_ADDRESS_FAILURE_LIMIT,
    }[kind]
    event_record(
        actor=None,
        action="auth.locked_out",
        obj=user,
        unit=membership.unit if membership else None,
        details={
            "ip_address": ip_address or "",
            "failure_limit": limit,
            "lock": kind,
            "cool_off_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )
