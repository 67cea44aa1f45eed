"""Reads for the reporting pages. Each answers in a fixed number of queries, whatever the number of units."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from portal.lib.tokens import secret_hash, stamp_matches
from portal.org.access import scope_for
from portal.org.models import Unit
from portal.signing.selectors import PdfCheck, recorded_check
from reporting.models import (
    DONE_STATUSES,
    PENDING_STATUSES,
    CalendarToken,
    Obligation,
    ObligationStatus,
    Report,
    ReportAttachment,
    ReportState,
    RequirementPeriod,
)

LIST_RELATED = ("requirement", "requirement__document", "to_unit", "via_unit", "unit", "report")


def reporting_units_for(user) -> list[Unit]:
    """The units the user belongs to (the units they report for or receive for), in tree order."""
    return list(Unit.objects.filter(pk__in=list(scope_for(user).own_unit_ids)).order_by("path"))


def obligations_of_unit(unit: Unit, *, now: dt.datetime | None = None, limit: int = 100) -> dict[str, list]:
    """A unit's obligations in five lists: returned (a report sent back for revision — work to do again),
    signing (prepared and handed to the unit's leader, «Chờ lãnh đạo ký»: the leader's move, not the reporter's),
    due (still in time), overdue, done (submitted and not returned, or excused; most recent first)."""
    now = now or timezone.now()
    base = Obligation.objects.filter(unit=unit).select_related(*LIST_RELATED)
    signing = Q(report__state=ReportState.SIGNING)
    pending = base.filter(status__in=PENDING_STATUSES)
    returned = Q(report__state=ReportState.RETURNED)
    return {
        "returned": list(base.filter(returned).order_by("due_at")[:limit]),
        "signing": list(pending.filter(signing).order_by("due_at")[:limit]),
        "due": list(
            pending.filter(due_at__gte=now)
            .exclude(status=ObligationStatus.OVERDUE)
            .exclude(signing)
            .order_by("due_at")[:limit]
        ),
        "overdue": list(
            pending.filter(Q(due_at__lt=now) | Q(status=ObligationStatus.OVERDUE))
            .exclude(signing)
            .order_by("due_at")[:limit]
        ),
        "done": list(
            base.filter(Q(status__in=DONE_STATUSES) & (Q(report__isnull=True) | ~returned)).order_by(
                "-due_at"
            )[:limit]
        ),
    }


def obligation_counts(unit: Unit, *, now: dt.datetime | None = None) -> dict[str, int]:
    """The counts of obligations_of_unit's lists, one query. A returned report counts as work to do."""
    now = now or timezone.now()
    signing = Q(status__in=PENDING_STATUSES, report__state=ReportState.SIGNING)
    overdue = (
        Q(status__in=PENDING_STATUSES) & (Q(due_at__lt=now) | Q(status=ObligationStatus.OVERDUE)) & ~signing
    )
    returned = Q(report__state=ReportState.RETURNED)
    return Obligation.objects.filter(unit=unit).aggregate(
        returned=Count("id", filter=returned),
        signing=Count("id", filter=signing),
        due=Count("id", filter=Q(status__in=PENDING_STATUSES) & ~overdue & ~signing),
        overdue=Count("id", filter=overdue),
        done=Count("id", filter=Q(status__in=DONE_STATUSES) & (Q(report__isnull=True) | ~returned)),
    )


def received_periods(unit: Unit, *, limit: int = 200) -> list[RequirementPeriod]:
    """Requirement periods whose reports come to this unit (directly or through it), newest first."""
    return list(
        RequirementPeriod.objects.filter(Q(requirement__to_unit=unit) | Q(requirement__via_unit=unit))
        .select_related("requirement", "requirement__document")
        .order_by("-due_date", "-id")[:limit]
    )


def received_obligations(
    unit: Unit, *, requirement_id: int | None = None, period_key: str = "", state: str = ""
) -> QuerySet[Obligation]:
    """Obligations reporting to this unit (or through it), for the receiving unit's list."""
    qs = Obligation.objects.filter(Q(to_unit=unit) | Q(via_unit=unit)).select_related(*LIST_RELATED)
    if requirement_id:
        qs = qs.filter(requirement_id=requirement_id)
    if period_key:
        qs = qs.filter(period_key=period_key)
    if state == "cho_tiep_nhan":
        qs = qs.filter(report__state=ReportState.SUBMITTED)
    elif state == "chua_nop":
        qs = qs.filter(status__in=PENDING_STATUSES)
    elif state == "da_tiep_nhan":
        qs = qs.filter(report__state=ReportState.ACCEPTED)
    return qs.order_by("-due_at", "requirement_id", "unit__path")


def received_summary(
    unit: Unit, *, requirement_id: int | None = None, period_key: str = ""
) -> dict[str, int]:
    now = timezone.now()
    qs = received_obligations(unit, requirement_id=requirement_id, period_key=period_key)
    overdue = Q(status__in=PENDING_STATUSES) & (Q(due_at__lt=now) | Q(status=ObligationStatus.OVERDUE))
    return qs.order_by().aggregate(
        expected=Count("id"),
        on_time=Count("id", filter=Q(status=ObligationStatus.SUBMITTED_ON_TIME)),
        late=Count("id", filter=Q(status=ObligationStatus.SUBMITTED_LATE)),
        overdue=Count("id", filter=overdue),
        waiting=Count("id", filter=Q(report__state=ReportState.SUBMITTED)),
        accepted=Count("id", filter=Q(report__state=ReportState.ACCEPTED)),
        excused=Count("id", filter=Q(status=ObligationStatus.EXCUSED)),
    )


def report_of(obligation: Obligation) -> Report | None:
    return (
        Report.objects.filter(obligation=obligation)
        .select_related("submitted_by", "returned_by", "accepted_by")
        .first()
    )


def report_history(report: Report | None) -> tuple[list, list]:
    """(versions newest first, attachments) of a report, two queries."""
    if report is None:
        return [], []
    return (
        list(report.versions.select_related("submitted_by").order_by("-number")),
        list(report.attachments.order_by("created_at", "id")),
    )


def attachment_checks(attachments: list[ReportAttachment]) -> dict[int, PdfCheck | None]:
    """The check of each attachment's digital signatures made on upload, by id (None: not a PDF, nothing was
    checked); read from what was recorded, no query and no file opened. A submitted version's files are looked
    up here by the ids its snapshot keeps."""
    return {a.pk: recorded_check(a.signature_report) for a in attachments}


def calendar_obligations(unit: Unit, *, since_days: int = 120) -> list[Obligation]:
    """The unit's deadlines for the calendar feed: everything pending, and what fell due recently."""
    since = timezone.now() - dt.timedelta(days=since_days)
    return list(
        Obligation.objects.filter(unit=unit)
        .filter(Q(status__in=PENDING_STATUSES) | Q(due_at__gte=since))
        .select_related("requirement", "to_unit")
        .order_by("due_at")[:1000]
    )


def calendar_token_for(user) -> CalendarToken | None:
    """The user's calendar secret (its dates; the secret itself is not kept), if one was issued."""
    return CalendarToken.objects.filter(user=user).first()


def user_for_calendar_token(secret: str):
    """The owner of a calendar secret that still holds: known hash, not expired, the owner's password unchanged
    since it was made, the owner active. None otherwise (the feed answers 404 either way)."""
    if not secret or len(secret) < 20 or len(secret) > 200:
        return None
    row = CalendarToken.objects.select_related("user").filter(key_hash=secret_hash(secret)).first()
    if row is None or row.expires_at <= timezone.now() or not row.user.is_active:
        return None
    return row.user if stamp_matches(row.password_stamp, row.user) else None
