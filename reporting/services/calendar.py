"""Deadlines: the working-day calendar (holidays kept as data) and the cut-off time of a deadline day."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from directives.models import ReportingRequirement
from portal.audit.services import event_record
from portal.lib.tokens import expires_in, password_stamp, secret_hash
from reporting import conf
from reporting.models import CalendarToken, Holiday
from reporting.periods import Period, add_working_days, is_working_day


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    working_weekends: frozenset[dt.date] = field(default_factory=frozenset)

    def add(self, day: dt.date, n: int) -> dt.date:
        return add_working_days(day, n, self.holidays, self.working_weekends)

    def is_working_day(self, day: dt.date) -> bool:
        return is_working_day(day, self.holidays, self.working_weekends)

    def on_or_before(self, day: dt.date) -> dt.date:
        """The day itself if it is a working day, else the last working day before it."""
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day


def working_calendar() -> WorkingCalendar:
    """The holiday calendar in one query (a few dozen rows a year)."""
    off: set[dt.date] = set()
    on: set[dt.date] = set()
    for day, is_day_off in Holiday.objects.values_list("date", "is_day_off"):
        (off if is_day_off else on).add(day)
    return WorkingCalendar(frozenset(off), frozenset(on))


def deadline_for(requirement: ReportingRequirement, period: Period, calendar: WorkingCalendar) -> dt.date:
    """The deadline date of one period of a requirement (STANDARDS.md §6).

    Periodic: N working days after the window closes (N from the requirement, else the setting;
    NĐ 09/2019 asks for at least one), then lead_days earlier for a requirement carried down the
    cascade — lower levels report first so the level above can roll up — landing on a working day.
    One-off and đột xuất: the requirement's own due date (the cascade already moved it earlier).
    """
    if period.window_end is None:
        assert requirement.due_date is not None
        return requirement.due_date
    n = requirement.deadline_working_days or conf.deadline_working_days()
    due = calendar.add(period.window_end, max(1, n))
    if requirement.lead_days:
        due = calendar.on_or_before(due - dt.timedelta(days=requirement.lead_days))
    return due


def cutoff_time() -> dt.time:
    hours, minutes = (int(x) for x in conf.deadline_cutoff().split(":"))
    return dt.time(hours, minutes, 59 if minutes == 59 else 0)


def due_at_for(day: dt.date) -> dt.datetime:
    """The deadline moment: the deadline day at the cut-off time, local (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(dt.datetime.combine(day, cutoff_time()))


def start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def calendar_token_issue(*, user) -> str:
    """A new secret for the user's calendar-feed URLs (calendar apps cannot log in); any earlier one stops
    working. Returned once: only its hash is kept. Expires after CALENDAR_TOKEN_TTL_DAYS; a password change
    ends it (portal/lib/tokens.py)."""
    secret = secrets.token_urlsafe(32)
    renewed = CalendarToken.objects.filter(user=user).exists()
    CalendarToken.objects.update_or_create(
        user=user,
        defaults={
            "key_hash": secret_hash(secret),
            "password_stamp": password_stamp(user),
            "expires_at": expires_in(settings.CALENDAR_TOKEN_TTL_DAYS),
        },
    )
    event_record(actor=user, action="reporting.calendar_token_issued", obj=user, details={"renewed": renewed})
    return secret


def calendar_token_revoke(*, user) -> bool:
    """End the user's calendar secret at once (the calendar apps using it get 404 from then on)."""
    deleted, _ = CalendarToken.objects.filter(user=user).delete()
    if deleted:
        event_record(actor=user, action="reporting.calendar_token_revoked", obj=user)
    return bool(deleted)
