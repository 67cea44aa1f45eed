"""Chasing tasks (SPEC.md §12): a reminder before the deadline, one on the day, one when it has passed, then the
escalation to the unit's leaders and to whoever assigned the task — each stage exactly once per task and due date,
with several workers and after a crash.

- ``schedule(assignments)`` sets each open task's next stage and when it is due (``next_stage``/``next_action_at``);
  the instruction (helper B), the directive's issue and an approved extension (helper C) call it. A task with no due
  date, done or cancelled has no next stage, so the partial index ``assignment_chase_due`` does not hold it.
- ``task_chase_sweep(now=…)`` claims a batch of tasks whose next action is due (SELECT … FOR UPDATE SKIP LOCKED: two
  workers never take the same row), writes one ``Chase(kind=REMIND, stage=…)`` per task for the most advanced stage now
  due (``INSERT … ON CONFLICT DO NOTHING RETURNING``: the unique constraint ``chase_once_per_stage`` is the backstop),
  notifies — in the same transaction — only the tasks whose row was actually written, one notification per person
  listing their tasks, and moves the task to its next stage. A worker killed mid-batch rolls the whole batch back and
  the next sweep redoes it. The cost of a sweep follows the number of tasks due, not the number stored.

A stage's key carries the due date it was computed for (``overdue:20260306``), so an extension starts the stages
again for the new date while the old reminders stay in the trail.

Times are local (Asia/Ho_Chi_Minh): reminders go out at the reminder time the reporting chase uses
(``REPORTING_REMINDER_TIME``, 08:00); a task is late once the deadline day's cut-off (``REPORT_DEADLINE_CUTOFF``,
23:59) has passed, so the «quá hạn» stage is the next morning. This module sits below reporting (import floors), so it
reads those two settings itself rather than importing reporting.conf.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from directives.handling.models import Assignment, AssignmentState, Chase, ChaseKind
from portal.audit.services import events_record_bulk
from portal.notifications.services import notify
from portal.org.models import Membership, Role

log = logging.getLogger(__name__)

#: The stages in their order, with the label a person reads in the reminder and on the task's trail.
BEFORE, DUE, OVERDUE, ESCALATE = "before", "due", "overdue", "escalate"
STAGES = (BEFORE, DUE, OVERDUE, ESCALATE)
STAGE_LABELS = {
    BEFORE: "Nhắc trước hạn",
    DUE: "Nhắc đến hạn",
    OVERDUE: "Nhắc quá hạn",
    ESCALATE: "Báo cáo lãnh đạo (quá hạn kéo dài)",
}
NOTIFICATION_KIND = "handling.reminder"


# --- settings -------------------------------------------------------------------------------------------------------


def remind_days_before() -> int:
    return max(0, int(getattr(settings, "TASK_REMIND_DAYS_BEFORE", 3)))


def escalate_days_after() -> int:
    return max(1, int(getattr(settings, "TASK_ESCALATE_DAYS_AFTER", 7)))


def batch_size() -> int:
    return max(1, int(getattr(settings, "TASK_CHASE_BATCH_SIZE", 200)))


def _hhmm(value: str) -> dt.time:
    hours, minutes = (int(x) for x in value.split(":"))
    return dt.time(hours, minutes)


def reminder_time() -> dt.time:
    """The local time reminders go out on a stage's day — the reporting chase's (REPORTING_REMINDER_TIME)."""
    return _hhmm(str(getattr(settings, "REPORTING_REMINDER_TIME", "08:00")))


def cutoff_time() -> dt.time:
    """The deadline day's cut-off — the reporting chase's (REPORT_DEADLINE_CUTOFF): past it, the task is late."""
    hours, minutes = (int(x) for x in str(getattr(settings, "REPORT_DEADLINE_CUTOFF", "23:59")).split(":"))
    return dt.time(hours, minutes, 59 if minutes == 59 else 0)


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


# --- stage keys -----------------------------------------------------------------------------------------------------


def stage_key(stage: str, due: dt.date) -> str:
    """The Chase.stage of a stage for one due date: ``before:20260303``."""
    return f"{stage}:{due:%Y%m%d}"


def stage_of(key: str) -> str:
    """The stage of a key (``overdue:20260306`` → ``overdue``); a key without a date is returned as it is."""
    return key.split(":", 1)[0]


def stage_label(key: str) -> str:
    """What a person reads for a sweep's chase: «Nhắc quá hạn»; a person's chase (no stage) reads as its kind."""
    return STAGE_LABELS.get(stage_of(key), key)


@dataclass(frozen=True)
class Step:
    stage: str
    at: dt.datetime


def steps_for(due: dt.date) -> list[Step]:
    """The stages of one due date with their local times, in order."""
    before = remind_days_before()
    out = []
    if before:
        out.append(Step(BEFORE, _at(due - dt.timedelta(days=before), reminder_time())))
    out.append(Step(DUE, _at(due, reminder_time())))
    # Late once the cut-off of the deadline day has passed: the next morning at the reminder time, or right after
    # the cut-off if the reminder time comes earlier than that (a cut-off set in the morning).
    overdue_at = max(_at(due + dt.timedelta(days=1), reminder_time()), _at(due, cutoff_time()))
    out.append(Step(OVERDUE, overdue_at))
    out.append(Step(ESCALATE, _at(due + dt.timedelta(days=escalate_days_after()), reminder_time())))
    return out


def next_step(due: dt.date, now: dt.datetime, *, after: str = "") -> Step | None:
    """The step a task of this due date waits for at `now`.

    Before the deadline: the first stage still to come (a task assigned two days before its deadline skips «nhắc
    trước hạn», the assignment's own notification told them). Once late: the latest stage already reached, due at
    once — a task found late is told so, and a stage missed while the sweep was down is sent late rather than never.
    `after` (a stage) excludes it and the stages before it: the sweep moving on."""
    steps = steps_for(due)
    if after:
        order = STAGES.index(after)
        steps = [s for s in steps if STAGES.index(s.stage) > order]
    reached = [s for s in steps if s.at <= now]
    if reached and STAGES.index(reached[-1].stage) >= STAGES.index(OVERDUE):
        return reached[-1]
    future = [s for s in steps if s.at > now]
    return future[0] if future else None


# --- schedule -------------------------------------------------------------------------------------------------------


def _plan(assignment: Assignment, now: dt.datetime) -> tuple[str, dt.datetime | None]:
    if assignment.state != AssignmentState.OPEN or assignment.due_date is None:
        return "", None
    step = next_step(assignment.due_date, now)
    if step is None:
        return "", None
    return stage_key(step.stage, assignment.due_date), step.at


def schedule(assignments: Iterable[Assignment], *, now: dt.datetime | None = None) -> int:
    """Set next_stage/next_action_at of the given tasks from their state and due date (saved, one UPDATE per
    distinct plan — a directive's fan-out to hundreds of units has a handful). Done, cancelled and undated tasks are
    cleared. Call it after creating tasks and after their due date changes; the instances are updated too.
    Returns the number of tasks that now wait for a stage."""
    now = now or timezone.now()
    by_plan: dict[tuple[str, dt.datetime | None], list[int]] = defaultdict(list)
    for a in assignments:
        if a.pk is None:
            raise ValueError("schedule() needs saved assignments")
        a.next_stage, a.next_action_at = _plan(a, now)
        by_plan[(a.next_stage, a.next_action_at)].append(a.pk)
    waiting = 0
    for (stage, at), ids in by_plan.items():
        Assignment.objects.filter(pk__in=ids).update(next_stage=stage, next_action_at=at)
        if stage:
            waiting += len(ids)
    return waiting


def unschedule(assignments: Iterable[Assignment]) -> None:
    """Clear the next stage (a task done, cancelled or replaced)."""
    ids = [a.pk for a in assignments]
    for a in assignments:
        a.next_stage, a.next_action_at = "", None
    Assignment.objects.filter(pk__in=ids).update(next_stage="", next_action_at=None)


# --- the sweep ------------------------------------------------------------------------------------------------------


@dataclass
class TaskSweepResult:
    batches: int = 0
    tasks: int = 0
    chases: int = 0
    notifications: int = 0
    without_recipient: int = 0


def _claim(qs):
    """Lock the selected rows, skipping rows another worker holds (SQLite serialises writers instead)."""
    if connection.features.has_select_for_update_skip_locked:
        return qs.select_for_update(skip_locked=True, of=("self",))
    return qs


def _insert_chases(rows: list[tuple[int, str, str]], now: dt.datetime) -> set[int]:
    """INSERT the (assignment, stage, text) rows, skipping a stage already written; the ids of the tasks whose row
    was written (a stage another worker wrote meanwhile is not notified again)."""
    if not rows:
        return set()
    table = Chase._meta.db_table
    values = ", ".join(["(%s, %s, %s, %s, NULL, %s)"] * len(rows))
    params: list = []
    for assignment_id, stage, text in rows:
        params += [assignment_id, ChaseKind.REMIND.value, stage, text, now]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (assignment_id, kind, stage, text, by_id, created_at) VALUES {values} "
            f"ON CONFLICT DO NOTHING RETURNING assignment_id",
            params,
        )
        return {row[0] for row in cursor.fetchall()}


def _recipients(tasks: list[Assignment], escalating: set[int]) -> dict[int, set[int]]:
    """{task id: user ids}: the assignee (the person; else the department's members; else the unit's members), and
    for an escalation also the unit's leaders and whoever assigned the task. Two queries for the batch."""
    unit_ids = {a.unit_id for a in tasks if a.person_id is None} | {
        a.unit_id for a in tasks if a.pk in escalating
    }
    dept_ids = {a.department_id for a in tasks if a.person_id is None and a.department_id}
    members: dict[int, set[int]] = defaultdict(set)
    leaders: dict[int, set[int]] = defaultdict(set)
    admins: dict[int, set[int]] = defaultdict(set)
    by_dept: dict[int, set[int]] = defaultdict(set)
    if unit_ids or dept_ids:
        for unit_id, role, user_id, dept_id in Membership.objects.filter(
            Q(unit_id__in=unit_ids) | Q(department_id__in=dept_ids), user__is_active=True
        ).values_list("unit_id", "role", "user_id", "department_id"):
            members[unit_id].add(user_id)
            if role == Role.SIGNER:
                leaders[unit_id].add(user_id)
            elif role == Role.UNIT_ADMIN:
                admins[unit_id].add(user_id)
            if dept_id:
                by_dept[dept_id].add(user_id)
    out: dict[int, set[int]] = {}
    for a in tasks:
        if a.person_id:
            people = {a.person_id}
        elif a.department_id:
            people = set(by_dept[a.department_id])
        else:
            people = set(members[a.unit_id])
        if a.pk in escalating:
            people |= leaders[a.unit_id] or admins[a.unit_id]
            if a.assigned_by_id:
                people.add(a.assigned_by_id)
        out[a.pk] = people
    return out


def _state_words(a: Assignment, stage: str, today: dt.date) -> str:
    assert a.due_date is not None
    days = (a.due_date - today).days
    if stage == BEFORE:
        return f"còn {days} ngày đến hạn" if days > 0 else "sắp đến hạn"
    if stage == DUE:
        return "hạn là hôm nay" if days == 0 else ("quá hạn" if days < 0 else f"còn {days} ngày")
    late = max(1, -days)
    return f"quá hạn {late} ngày"


def reminder_text(a: Assignment, stage: str, today: dt.date) -> str:
    assert a.due_date is not None
    return f"{a.title} — hạn {a.due_date:%d/%m/%Y} ({_state_words(a, stage, today)})"


def _message(items: list[tuple[Assignment, str]], today: dt.date) -> tuple[str, str, str]:
    lines = [f"- {a.unit.name}: {reminder_text(a, stage, today)}" for a, stage in items]
    escalated = [a for a, stage in items if stage == ESCALATE]
    if len(items) == 1:
        a, stage = items[0]
        head = "Báo cáo nhiệm vụ quá hạn" if stage == ESCALATE else "Nhắc nhiệm vụ"
        title = f"{head}: {a.title} ({_state_words(a, stage, today)})"
        url = a.get_absolute_url()
    else:
        late = sum(1 for a, _ in items if a.due_date is not None and a.due_date < today)
        title = f"Nhắc nhiệm vụ: {len(items)} nhiệm vụ cần xử lý" + (f", {late} quá hạn" if late else "")
        if escalated:
            title += f" ({len(escalated)} đã báo cáo lãnh đạo)"
        url = reverse("handling:tasks")
    return title, "\n".join(lines), url


def _advance_batch(*, now: dt.datetime, size: int, result: TaskSweepResult) -> int:
    today = timezone.localdate(now)
    with transaction.atomic():
        tasks = list(
            _claim(
                Assignment.objects.filter(state=AssignmentState.OPEN, next_action_at__lte=now)
                .exclude(next_stage="")
                .select_related("unit")
                .order_by("next_action_at", "id")
            )[:size]
        )
        if not tasks:
            return 0
        due_stage: dict[int, str] = {}  # task id → the stage sent now
        rows: list[tuple[int, str, str]] = []
        for a in tasks:
            if a.due_date is None:  # the date was cleared without a reschedule
                a.next_stage, a.next_action_at = "", None
                continue
            scheduled = stage_of(a.next_stage)
            step = next_step(a.due_date, now)  # the most advanced stage reached (or the coming one)
            if step is not None and step.at <= now and STAGES.index(step.stage) >= STAGES.index(scheduled):
                stage = step.stage
            else:
                stage = scheduled
            due_stage[a.pk] = stage
            rows.append((a.pk, stage_key(stage, a.due_date), reminder_text(a, stage, today)))
            following = next_step(a.due_date, now, after=stage)
            following = following if following is not None and following.at > now else None
            a.next_stage = stage_key(following.stage, a.due_date) if following else ""
            a.next_action_at = following.at if following else None
        written = _insert_chases(rows, now)
        sent = [a for a in tasks if a.pk in written]
        people = _recipients(sent, {a.pk for a in sent if due_stage[a.pk] == ESCALATE})
        by_person: dict[int, list[tuple[Assignment, str]]] = defaultdict(list)
        for a in sent:
            if not people[a.pk]:
                result.without_recipient += 1
                log.warning("task %s stage %s: nobody to remind", a.pk, due_stage[a.pk])
            for user_id in sorted(people[a.pk]):
                by_person[user_id].append((a, due_stage[a.pk]))
        for user_id, items in by_person.items():
            title, body, url = _message(items, today)
            notify(user_ids=[user_id], kind=NOTIFICATION_KIND, title=title, body=body, url=url)
            result.notifications += 1
        for (stage, at), ids in _group_plans(tasks).items():
            Assignment.objects.filter(pk__in=ids).update(next_stage=stage, next_action_at=at)
        # One event row per chase written, in one INSERT and in the same transaction (a crash loses both).
        events_record_bulk(
            actor=None,
            action="task.reminded",
            items=[(a, a.unit) for a in sent],
            details_of=lambda a: {
                "stage": due_stage[a.pk],
                "due_date": a.due_date.isoformat() if a.due_date else None,
                "recipients": len(people[a.pk]),
            },
        )
        result.tasks += len(tasks)
        result.chases += len(sent)
        return len(tasks)


def _group_plans(tasks: list[Assignment]) -> dict[tuple[str, dt.datetime | None], list[int]]:
    plans: dict[tuple[str, dt.datetime | None], list[int]] = defaultdict(list)
    for a in tasks:
        plans[(a.next_stage, a.next_action_at)].append(a.pk)
    return plans


def task_chase_sweep(
    *, now: dt.datetime | None = None, batch_size_override: int | None = None, max_batches: int | None = None
) -> int:
    """Send every task reminder stage now due, each exactly once. Returns the number of chases written."""
    return task_chase_sweep_run(now=now, size=batch_size_override, max_batches=max_batches).chases


def task_chase_sweep_run(
    *, now: dt.datetime | None = None, size: int | None = None, max_batches: int | None = None
) -> TaskSweepResult:
    now = now or timezone.now()
    size = size or batch_size()
    result = TaskSweepResult()
    while max_batches is None or result.batches < max_batches:
        if not _advance_batch(now=now, size=size, result=result):
            break
        result.batches += 1
    if result.tasks:
        log.info("task chase sweep: %s", result)
    return result
