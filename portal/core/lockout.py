"""Login throttling (django-axes): the Vietnamese lockout page and the audit row of a lockout.

The lock itself is configured in settings (AXES_*): AXES_FAILURE_LIMIT wrong passwords for one
username from one IP lock that pair for AXES_COOLOFF_TIME. Every attempt while locked starts the
cool-off again (axes' default), so "retry at" is always now + cool-off.
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out client sees instead of the login form (HTTP 429)."""
    cool_off = get_cool_off(request) or settings.AXES_COOLOFF_TIME
    context = {
        "retry_at": timezone.localtime(timezone.now() + cool_off),
        "cool_off_minutes": max(1, round(cool_off.total_seconds() / 60)),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "registration/lockout.html", context, status=429)


@receiver(user_locked_out, dispatch_uid="thongsuot-login-lockout-event")
def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """One audit Event when a username+IP pair becomes locked (not on every refused retry).

    Recorded against the account when it exists (its unit's leaders read it in /nhat-ky/); an
    unknown username has no account to attach the event to and stays in axes' own attempt log.
    """
    if getattr(request, "axes_failures_since_start", None) != settings.AXES_FAILURE_LIMIT:
        return
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is None:
        return
    from portal.audit.services import event_record

    membership = user.memberships.select_related("unit").order_by("pk").first()
    event_record(actor=None, action="auth.locked_out", obj=user, unit=membership.unit if membership else None,
                 details={"ip_address": ip_address or "", "failure_limit": settings.AXES_FAILURE_LIMIT,
                          "cool_off_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)})
