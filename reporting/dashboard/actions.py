"""Acting from the dashboard (STYLE: services — keyword-only, atomic, an audit event per change).

A leader ticks units on a requirement page (grassroots unions, or whole child subtrees) and either
reminds every unit of the selection that has not reported for the period, or drafts one công văn đôn
đốc to every one of them that is overdue. Both refuse a dashboard the actor does not lead, or units
outside its subtree, with NotAllowed, and an empty result with RequestInvalid, changing nothing.

Reminders go through the chaser's ledger (Reminder, unique per obligation × person × stage) with one
stage per day, "tong-hop-YYYYMMDD": two clicks on the same day — or two leaders at once, the
obligations are locked first — remind each person of each obligation once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from directives.access import DRAFTING_ROLES
from directives.cascade import requirement_family_ids
from directives.models import ReportingRequirement
from portal.audit.services import events_record_bulk
from portal.notifications.services import notify
from portal.org.access import scope_for
from portal.org.models import Membership, Role, Unit
from reporting.dashboard.selectors import subtree_q
from reporting.errors import NotAllowed, RequestInvalid
from reporting.models import PENDING_STATUSES, Obligation, Reminder, ReminderOutcome
from reporting.services.chase_letter import chase_letter_draft
from reporting.services.notify import reminder_message


def _chosen(*, actor, unit: Unit, unit_ids) -> list[Unit]:
    if not scope_for(actor).leads(unit):
        raise NotAllowed("Bạn không phụ trách đơn vị này.")
    ids = {int(i) for i in unit_ids if str(i).isdigit()}
    if not ids:
        raise RequestInvalid("Hãy chọn ít nhất một đơn vị.", field="don_vi")
    chosen = list(Unit.objects.filter(subtree_q(unit, ""), pk__in=ids))
    if len(chosen) != len(ids):
        raise NotAllowed("Có đơn vị ngoài phạm vi bảng tổng hợp này.")
    return chosen


def _pending(
    *,
    chosen: list[Unit],
    requirement: ReportingRequirement,
    period_key: str,
    today: dt.date,
    overdue_at: dt.datetime | None = None,
) -> list[Obligation]:
    """Pending obligations of the family and period in the chosen subtrees, of units still open, locked."""
    within = Q(pk__in=[])
    for u in chosen:
        within |= subtree_q(u)
    qs = Obligation.objects.filter(
        within,
        requirement_id__in=requirement_family_ids(requirement),
        period_key=period_key,
        status__in=PENDING_STATUSES,
    ).filter(Q(unit__active_to__isnull=True) | Q(unit__active_to__gte=today))
    if overdue_at is not None:
        qs = qs.filter(due_at__lt=overdue_at)
    if connection.features.has_select_for_update:
        qs = qs.select_for_update(of=("self",))
    return list(
        qs.select_related("unit", "requirement", "requirement__document").order_by("unit__path", "due_at")
    )


def _state(ob: Obligation, today: dt.date) -> str:
    late = (today - ob.due_date).days
    return f"quá hạn {late} ngày" if late > 0 else ("hạn hôm nay" if late == 0 else f"còn {-late} ngày")


@transaction.atomic
def dashboard_reminders_send(
    *,
    actor,
    unit: Unit,
    requirement: ReportingRequirement,
    period_key: str,
    unit_ids,
    now: dt.datetime | None = None,
) -> dict[str, int]:
    """Remind the reporters (else the leaders) of every chosen unit that has not reported for the period.

    Each person gets one notification listing their units' pending reports; the ledger records one row
    per obligation and person for today's stage, so a second click today reminds nobody twice. One
    audit event per reminded obligation. Returns the counts: obligations, units, people, already.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    chosen = _chosen(actor=actor, unit=unit, unit_ids=unit_ids)
    obligations = _pending(chosen=chosen, requirement=requirement, period_key=period_key, today=today)
    if not obligations:
        raise RequestInvalid("Các đơn vị đã chọn không còn báo cáo nào chưa nộp trong kỳ này.")
    stage = f"tong-hop-{today:%Y%m%d}"
    by_role: dict[tuple[int, str], set[int]] = defaultdict(set)
    for unit_id, role, user_id in Membership.objects.filter(
        unit_id__in={ob.unit_id for ob in obligations},
        user__is_active=True,
        role__in=[Role.REPORTER, Role.SIGNER, Role.UNIT_ADMIN],
    ).values_list("unit_id", "role", "user_id"):
        by_role[(unit_id, role)].add(user_id)
    done = set(
        Reminder.objects.filter(obligation__in=obligations, stage=stage).values_list(
            "obligation_id", "recipient_id"
        )
    )
    todo: dict[int, list[Obligation]] = defaultdict(list)
    already, nobody = 0, set()
    for ob in obligations:
        people = (
            by_role[(ob.unit_id, Role.REPORTER)]
            or by_role[(ob.unit_id, Role.SIGNER)]
            or by_role[(ob.unit_id, Role.UNIT_ADMIN)]
        )
        if not people:
            nobody.add(ob.unit_id)
        for person in people:
            if (ob.pk, person) in done:
                already += 1
            else:
                todo[person].append(ob)
    # People with the same list get the same notification: one notify() per distinct message.
    messages: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for person, obs in todo.items():
        message = reminder_message(
            [(ob, _state(ob, today)) for ob in obs],
            today=today,
            signed=f"{unit.name} nhắc qua bảng tổng hợp.",
        )
        messages[message].append(person)
    ledger = []
    for (title, body, url), people in messages.items():
        people.sort()
        ids = notify(user_ids=people, kind="reporting.reminder", title=title, body=body, url=url)
        for person, notification_id in zip(people, ids, strict=False):
            ledger += [
                Reminder(
                    obligation=ob,
                    recipient_id=person,
                    stage=stage,
                    sent_at=now,
                    attempts=1,
                    outcome=ReminderOutcome.SENT,
                    notification_id=notification_id,
                )
                for ob in todo[person]
            ]
    Reminder.objects.bulk_create(ledger, ignore_conflicts=True)
    reminded = sorted({r.obligation.pk for r in ledger})
    by_pk = {ob.pk: ob for ob in obligations}
    events_record_bulk(
        actor=actor,
        action="reporting.reminder_sent",
        items=[(by_pk[i], by_pk[i].unit) for i in reminded],
        details={"stage": stage, "from_unit": unit.code, "period": period_key},
    )
    return {
        "obligations": len(reminded),
        "units": len({by_pk[i].unit_id for i in reminded}),
        "people": len(todo),
        "already": already,
        "without_recipient": len(nobody),
    }


def issuer_for(actor, unit: Unit) -> Unit:
    """The unit the actor writes for that is nearest above (or at) the dashboard's unit."""
    scope = scope_for(actor)
    own = scope.unit_ids_with_role(*DRAFTING_ROLES)
    issuer = (
        Unit.objects.filter(path__in=[*unit.ancestor_paths(), unit.path], pk__in=own)
        .order_by("-depth")
        .first()
    )
    if issuer is None:
        raise NotAllowed("Bạn không có quyền soạn văn bản cho đơn vị nào phụ trách các đơn vị này.")
    return issuer


@transaction.atomic
def dashboard_chase_letter_create(
    *,
    actor,
    unit: Unit,
    requirement: ReportingRequirement,
    period_key: str,
    unit_ids,
    reply_within_working_days: int = 3,
    now: dt.datetime | None = None,
):
    """Draft a công văn đôn đốc to the chosen units that are overdue with the period's report.

    The issuer is the actor's own unit nearest above the dashboard's unit (a provincial leader drilled
    into a district writes as the province). The draft goes through the directives compose services,
    so their refusals apply (the actor drafts for the issuer; the addressees are within its reach).
    The wording follows reporting.services.chase_letter. Returns the draft Document.
    """

    now = now or timezone.now()
    today = timezone.localdate(now)
    chosen = _chosen(actor=actor, unit=unit, unit_ids=unit_ids)
    issuer = issuer_for(actor, unit)
    overdue = _pending(
        chosen=chosen, requirement=requirement, period_key=period_key, today=today, overdue_at=now
    )
    if not overdue:
        raise RequestInvalid("Không có đơn vị nào trong số đã chọn quá hạn báo cáo để đôn đốc.")
    first = overdue[0]
    what = f"{first.requirement.title[:1].lower()}{first.requirement.title[1:]} {first.period_label}"
    return chase_letter_draft(
        actor=actor,
        issuer=issuer,
        overdue=overdue,
        what=what,
        today=today,
        reply_within_working_days=reply_within_working_days,
        details={"from": "dashboard", "dashboard_unit": unit.code, "period": period_key},
    )
