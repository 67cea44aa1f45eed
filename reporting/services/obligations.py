"""Obligations: one per (requirement × reporting unit × period), generated in bulk.

Generation is set-based: one INSERT … SELECT per (requirement, period) whatever the number of
reporting units, idempotent through the unique (requirement, unit, period_key) and ON CONFLICT DO
NOTHING, so issuing to 2,000 units costs the statements issuing to 50 does.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from directives.access import ACT, Addressed, addressing_refusals
from directives.models import RECURRING, Delivery, Frequency, ReportingRequirement
from portal.audit.services import event_record
from portal.lib.params import date_in_range
from portal.org.access import scope_for
from portal.org.models import Unit
from reporting import periods
from reporting.access import REQUESTER_ROLES, can_receive
from reporting.errors import NotAllowed, RequestInvalid
from reporting.models import (
    PENDING_STATUSES,
    Obligation,
    ObligationStatus,
    RequirementPeriod,
)
from reporting.services.calendar import WorkingCalendar, deadline_for, due_at_for, start_of, working_calendar
from reporting.services.family_periods import family_periods_merge
from reporting.services.notify import notify_unit_roles
from reporting.services.policy import ReminderPolicy

log = logging.getLogger(__name__)

THUC_HIEN = "thuc_hien"  # directives.models.Purpose.THUC_HIEN


@dataclass(frozen=True)
class PeriodPlan:
    """One period of one requirement, with everything every obligation row of it shares."""

    requirement: ReportingRequirement
    period: periods.Period
    due_date: dt.date

    @property
    def due_at(self) -> dt.datetime:
        return due_at_for(self.due_date)


def periods_for(
    requirement: ReportingRequirement, *, today: dt.date, calendar: WorkingCalendar
) -> list[PeriodPlan]:
    """The periods to create now: the current and the next for a recurring requirement (each not
    beyond ends_on), the single due date for a one-off or đột xuất one (none without a due date)."""
    if requirement.frequency in RECURRING:
        current = periods.period_at(requirement.frequency, today)
        plans = []
        for period in (current, periods.next_period(current)):
            if requirement.ends_on and period.window_start and period.window_start > requirement.ends_on:
                continue
            plans.append(PeriodPlan(requirement, period, deadline_for(requirement, period, calendar)))
        return plans
    if requirement.due_date is None:  # "báo cáo đột xuất" with no date: obligations come with each request
        return []
    period = periods.one_off(requirement.due_date, adhoc=requirement.frequency == Frequency.ADHOC)
    return [PeriodPlan(requirement, period, deadline_for(requirement, period, calendar))]


def _base_units(requirement: ReportingRequirement) -> QuerySet:
    """The reporting units as the requirement names them: the document's "để thực hiện" recipients,
    or the named units. A values("unit_id") queryset, used as a sub-select."""
    if requirement.reporters == ReportingRequirement.Reporters.RECIPIENTS and requirement.document_id:
        return Delivery.objects.filter(document_id=requirement.document_id, purpose=THUC_HIEN).values(
            "unit_id"
        )
    through = ReportingRequirement.named_units.through
    return through.objects.filter(reportingrequirement_id=requirement.pk).values("unit_id")


def _insert_period(
    plan: PeriodPlan, *, unit_ids: Iterable[QuerySet], now: dt.datetime, today: dt.date
) -> int:
    """INSERT … SELECT the obligations of one period for every active unit the sub-selects name."""
    req, period = plan.requirement, plan.period
    opens_at = start_of(period.window_start) if period.window_start else now
    status = ObligationStatus.UPCOMING if opens_at > now else ObligationStatus.OPEN
    first = ReminderPolicy(req.reminder_policy).initial(plan.due_date, plan.due_at, now)
    table = Obligation._meta.db_table
    unit_table = Unit._meta.db_table
    subs: list[str] = []
    sub_params: list = []
    for qs in unit_ids:
        sql, params = qs.query.sql_with_params()
        subs.append(sql)
        sub_params.extend(params)
    columns = (
        "requirement_id",
        "unit_id",
        "to_unit_id",
        "via_unit_id",
        "period_key",
        "period_label",
        "window_start",
        "window_end",
        "opens_at",
        "due_date",
        "due_at",
        "status",
        "excused_reason",
        "next_action_at",
        "next_stage",
        "created_at",
        "updated_at",
    )
    select = "%s, u.id, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '', %s, %s, %s, %s"
    values = {
        "requirement_id": req.pk,
        "to_unit_id": req.to_unit_id,
        "via_unit_id": req.via_unit_id,
        "period_key": period.key,
        "period_label": period.label[:80],
        "window_start": period.window_start,
        "window_end": period.window_end,
        "opens_at": opens_at,
        "due_date": plan.due_date,
        "due_at": plan.due_at,
        "status": status,
        "next_action_at": first.at if first else None,
        "next_stage": first.key if first else "",
        "created_at": now,
        "updated_at": now,
    }
    # Each value as the field itself would write it (an aware datetime becomes what the backend stores).
    field_of = {f.attname: f for f in Obligation._meta.concrete_fields}
    insert_params = [
        field_of[name].get_db_prep_save(values[name], connection)
        for name in columns
        if name not in ("unit_id", "excused_reason")
    ]
    where = " OR ".join(f"u.id IN ({s})" for s in subs)
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM {unit_table} u "
        f"WHERE ({where}) AND u.id <> %s AND (u.active_to IS NULL OR u.active_to >= %s) "
        f"ON CONFLICT (requirement_id, unit_id, period_key) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*insert_params, *sub_params, req.to_unit_id, today])
        created = max(cursor.rowcount, 0)
    return created


def _mark_periods(plans: list[PeriodPlan]) -> None:
    """The periods opened, on their requirements and in the families they belong to (the dashboards' list)."""
    marked = [
        RequirementPeriod(
            requirement=p.requirement,
            period_key=p.period.key,
            period_label=p.period.label[:80],
            window_start=p.period.window_start,
            window_end=p.period.window_end,
            due_date=p.due_date,
        )
        for p in plans
    ]
    RequirementPeriod.objects.bulk_create(marked, ignore_conflicts=True)
    family_periods_merge(marked)


@transaction.atomic
def obligations_create_for_document(*, document, actor, today: dt.date | None = None) -> int:
    """Create the obligations of every reporting requirement of an issued document.

    Call inside the issuing transaction, after the Delivery rows exist. Recurring requirements get
    their current and next period (the daily job opens later ones), one-off and dated đột xuất
    requirements their single due date. Reporting units are the "để thực hiện" recipients or the
    named units, minus the receiving unit itself and units closed by today. Idempotent: calling it
    twice creates nothing more. Returns how many obligations were created. The number of statements
    depends on the number of requirements and periods, never on the number of units.
    """
    now = timezone.now()
    today = today or timezone.localdate(now)
    requirements = list(ReportingRequirement.objects.filter(document=document).order_by("order", "id"))
    if not requirements:
        return 0
    calendar = working_calendar()
    total, summary, plans = 0, [], []
    for req in requirements:
        req_plans = periods_for(req, today=today, calendar=calendar)
        created = sum(_insert_period(p, unit_ids=[_base_units(req)], now=now, today=today) for p in req_plans)
        plans += req_plans
        total += created
        summary.append(
            {"requirement": req.pk, "periods": [p.period.key for p in req_plans], "created": created}
        )
    _mark_periods(plans)
    event_record(
        actor=actor,
        action="reporting.obligations_created",
        obj=document,
        unit=getattr(document, "issuer", None),
        details={"requirements": summary, "count": total},
    )
    return total


@transaction.atomic
def obligations_open_periods(*, now: dt.datetime | None = None) -> dict:
    """The daily job (idempotent): upcoming obligations whose period has begun become open, and each
    live recurring requirement gets its current and next period — for the units named by the
    document and for any unit that took over obligations of this requirement (a successor)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    opened = Obligation.objects.filter(status=ObligationStatus.UPCOMING, opens_at__lte=now).update(
        status=ObligationStatus.OPEN, updated_at=now
    )
    live = list(
        ReportingRequirement.objects.filter(frequency__in=list(RECURRING), document__status="issued")
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .order_by("id")
    )
    calendar = working_calendar()
    wanted = {
        (req.pk, plan.period.key): plan
        for req in live
        for plan in periods_for(req, today=today, calendar=calendar)
    }
    existing = set(
        RequirementPeriod.objects.filter(
            requirement_id__in=[r.pk for r in live], period_key__in={k for (_, k) in wanted}
        ).values_list("requirement_id", "period_key")
    )
    missing = [plan for key, plan in wanted.items() if key not in existing]
    created = 0
    for plan in missing:
        req = plan.requirement
        holders = Obligation.objects.filter(requirement_id=req.pk).values("unit_id")
        n = _insert_period(plan, unit_ids=[_base_units(req), holders], now=now, today=today)
        created += n
        event_record(
            actor=None,
            action="reporting.period_opened",
            obj=req,
            unit=req.to_unit,
            details={"period": plan.period.key, "created": n},
        )
    _mark_periods(missing)
    return {"opened": opened, "periods": len(missing), "created": created}


@transaction.atomic
def adhoc_request_create(
    *,
    actor,
    from_unit: Unit,
    to_units: Iterable[Unit],
    title: str,
    due_date: dt.date,
    instructions: str = "",
    form_template: dict | None = None,
    today: dt.date | None = None,
) -> ReportingRequirement:
    """A leader asks chosen units for a report by a date (báo cáo đột xuất).

    Refuses: a requester who is not a leader (signer, unit admin) of from_unit; a unit outside the
    leader's subtree; no unit; an empty title; a due date in the past. Creates the request and one
    obligation per unit, all or nothing.
    """
    now = timezone.now()
    today = today or timezone.localdate(now)
    scope = scope_for(actor)
    if not scope.has_role(from_unit.pk, *REQUESTER_ROLES):
        raise NotAllowed("Chỉ lãnh đạo đơn vị được yêu cầu báo cáo đột xuất.")
    # One line: a CR or LF typed into the title must not reach the calendar feed or an e-mail subject.
    title = " ".join((title or "").split())
    if not title:
        raise RequestInvalid("Hãy ghi tên báo cáo cần nộp.", field="title")
    if due_date is None:
        raise RequestInvalid("Hãy chọn hạn nộp.", field="due_date")
    try:
        date_in_range(due_date, label="Hạn nộp")  # 9999-12-31 has no working day after it to compute with
    except ValidationError as exc:
        raise RequestInvalid(exc.messages[0], field="due_date") from None
    if due_date < today:
        raise RequestInvalid(
            f"Hạn nộp {due_date:%d/%m/%Y} đã qua; hãy chọn một ngày từ hôm nay trở đi.", field="due_date"
        )
    units = list({u.pk: u for u in to_units}.values())
    if not units:
        raise RequestInvalid("Hãy chọn ít nhất một đơn vị phải báo cáo.", field="to_units")
    if any(u.pk == from_unit.pk for u in units):
        raise NotAllowed(
            f"{from_unit.name} không tự yêu cầu mình báo cáo; hãy chọn các đơn vị cấp dưới.", field="to_units"
        )
    # An obligation to report is work asked of the unit: the reach rule's downward reach (directives.access).
    problems = addressing_refusals(
        from_unit, [Addressed(where=f"Đơn vị phải báo cáo «{u.name}»", unit_id=u.pk, act=ACT) for u in units]
    )
    if problems:
        raise NotAllowed(
            "Chỉ yêu cầu được các đơn vị thuộc phạm vi chỉ đạo của đơn vị mình. " + " ".join(problems[:5]),
            field="to_units",
        )
    requirement = ReportingRequirement.objects.create(
        document=None,
        title=title[:255],
        frequency=Frequency.ADHOC,
        due_date=due_date,
        reporters=ReportingRequirement.Reporters.NAMED,
        to_unit=from_unit,
        as_written=instructions.strip(),
        form_template=form_template or {},
        requested_by=actor,
        requested_at=now,
    )
    requirement.named_units.set([u.pk for u in units])
    plan = periods_for(requirement, today=today, calendar=working_calendar())[0]
    created = _insert_period(plan, unit_ids=[_base_units(requirement)], now=now, today=today)
    _mark_periods([plan])
    event_record(
        actor=actor,
        action="reporting.adhoc_requested",
        obj=requirement,
        unit=from_unit,
        details={"units": len(units), "created": created, "due_date": due_date.isoformat()},
    )
    notify_unit_roles(
        unit_ids=[u.pk for u in units],
        roles=None,
        kind="reporting.adhoc_request",
        title=f"Yêu cầu báo cáo đột xuất: {title[:150]}",
        body=f"{from_unit.name} đề nghị báo cáo trước {due_date:%d/%m/%Y}. {instructions.strip()}"[:2000],
        url=reverse("reporting:obligations"),
    )
    return requirement


@transaction.atomic
def obligation_excuse(*, actor, obligation: Obligation, reason: str) -> Obligation:
    """The receiving unit's leader excuses a unit from one obligation (miễn báo cáo). A reason is required."""
    obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    if not can_receive(scope_for(actor), obligation):
        raise NotAllowed("Chỉ lãnh đạo đơn vị nhận báo cáo được miễn nghĩa vụ báo cáo.")
    if obligation.status not in PENDING_STATUSES:
        raise RequestInvalid("Chỉ miễn được nghĩa vụ chưa nộp báo cáo.")
    reason = (reason or "").strip()
    if not reason:
        raise RequestInvalid("Hãy ghi lý do miễn báo cáo.", field="reason")
    obligation.status, obligation.excused_reason = ObligationStatus.EXCUSED, reason[:255]
    obligation.next_action_at, obligation.next_stage = None, ""
    obligation.save(update_fields=["status", "excused_reason", "next_action_at", "next_stage", "updated_at"])
    event_record(
        actor=actor,
        action="obligation.excused",
        obj=obligation,
        unit=obligation.unit,
        details={"reason": reason},
    )
    return obligation


@transaction.atomic
def obligations_cancel_for_document(*, document, actor, reason: str = "") -> int:
    """A revoked document owes no more reports: its pending obligations are excused (set-based)."""
    reason = (reason or "Văn bản đã bị thu hồi.").strip()[:255]
    count = Obligation.objects.filter(requirement__document=document, status__in=PENDING_STATUSES).update(
        status=ObligationStatus.EXCUSED,
        excused_reason=reason,
        next_action_at=None,
        next_stage="",
        updated_at=timezone.now(),
    )
    if count:
        event_record(
            actor=actor,
            action="reporting.obligations_cancelled",
            obj=document,
            unit=getattr(document, "issuer", None),
            details={"count": count, "reason": reason},
        )
    return count


@transaction.atomic
def obligations_transfer_on_unit_closed(
    *, unit: Unit, successor: Unit | None, on_date: dt.date, actor
) -> dict:
    """A unit closed: its pending obligations pass to the successor (SPEC §3, the 2025 mergers).

    Set-based: one UPDATE moves every pending obligation the successor does not already owe for the
    same requirement and period; those it does owe (a conflict) and, without a successor, all of
    them are excused. Reports addressed to or through the closed unit are re-addressed to the
    successor. One audit event records the counts.
    """
    now = timezone.now()
    pending = Obligation.objects.filter(unit=unit, status__in=PENDING_STATUSES)
    moved = excused = readdressed = 0
    if successor is not None:
        conflict = Obligation.objects.filter(
            unit=successor, requirement_id=OuterRef("requirement_id"), period_key=OuterRef("period_key")
        )
        moved = (
            pending.filter(~Exists(conflict))
            .exclude(to_unit=successor)
            .update(unit=successor, transferred_from=unit, updated_at=now)
        )
        readdressed = (
            Obligation.objects.filter(to_unit=unit, status__in=PENDING_STATUSES)
            .exclude(unit=successor)
            .update(to_unit=successor, updated_at=now)
        )
        readdressed += Obligation.objects.filter(via_unit=unit, status__in=PENDING_STATUSES).update(
            via_unit=successor, updated_at=now
        )
    reason = (f"Đơn vị đã sáp nhập vào {successor.name}." if successor else "Đơn vị đã ngừng hoạt động.")[
        :255
    ]
    excused = Obligation.objects.filter(unit=unit, status__in=PENDING_STATUSES).update(
        status=ObligationStatus.EXCUSED,
        excused_reason=reason,
        next_action_at=None,
        next_stage="",
        updated_at=now,
    )
    if moved or excused or readdressed:
        event_record(
            actor=actor,
            action="reporting.obligations_transferred",
            obj=unit,
            unit=unit,
            details={
                "successor": successor.code if successor else None,
                "on": on_date.isoformat(),
                "moved": moved,
                "excused": excused,
                "readdressed": readdressed,
            },
        )
    return {"moved": moved, "excused": excused, "readdressed": readdressed}


def on_unit_closed(sender, *, unit, successor, on_date, actor, **kwargs) -> None:
    """Receiver of portal.org.services.unit_closed (sent inside the closing transaction)."""
    obligations_transfer_on_unit_closed(unit=unit, successor=successor, on_date=on_date, actor=actor)
