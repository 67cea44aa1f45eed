"""Chasing tasks: the schedule a task gets, the stages the sweep sends as time passes (each once), who is told, an
extension starting the stages again — and two real Celery workers sweeping the same due tasks."""

from __future__ import annotations

import datetime as dt
import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directives.handling.models import Assignment, Chase
from directives.handling.selectors import buckets
from directives.handling.services import chase
from portal.audit.models import Event
from portal.notifications.models import Notification
from portal.org.models import Membership

D = dt.date


def at(y, m, d, h=9, mi=0):
    return timezone.make_aware(dt.datetime(y, m, d, h, mi))


def _notified(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=chase.NOTIFICATION_KIND).order_by("id"))


# --- the schedule -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("now", "stage", "action_at"),
    [
        # well ahead: the reminder three days before, at 08:00
        (at(2026, 3, 1), "before", at(2026, 3, 7, 8)),
        # assigned two days before: no «trước hạn» (the assignment told them), the day itself next
        (at(2026, 3, 8), "due", at(2026, 3, 10, 8)),
        # on the deadline day after 08:00: the «quá hạn» next morning
        (at(2026, 3, 10, 9), "overdue", at(2026, 3, 11, 8)),
        # found late: told at once
        (at(2026, 3, 12), "overdue", at(2026, 3, 11, 8)),
        # a week late: escalated at once
        (at(2026, 3, 20), "escalate", at(2026, 3, 17, 8)),
    ],
)
def test_schedule_sets_the_next_stage(cast, make_task, now, stage, action_at):
    task = make_task(department=cast.tgnc, due=D(2026, 3, 10))
    assert chase.schedule([task], now=now) == 1
    task.refresh_from_db()
    assert (task.next_stage, task.next_action_at) == (f"{stage}:20260310", action_at)


@pytest.mark.django_db
def test_schedule_clears_undated_done_and_cancelled_tasks(cast, make_task):
    undated = make_task(department=cast.vp)
    done = make_task(department=cast.vp, due=D(2026, 3, 10), state="done", completed_at=at(2026, 3, 2))
    cancelled = make_task(department=cast.vp, due=D(2026, 3, 10), state="cancelled")
    Assignment.objects.update(next_stage="due:20260310", next_action_at=at(2026, 3, 10, 8))
    assert chase.schedule(Assignment.objects.filter(pk__in=[undated.pk, done.pk, cancelled.pk])) == 0
    assert set(Assignment.objects.values_list("next_stage", "next_action_at")) == {("", None)}


@pytest.mark.django_db
def test_settings_move_the_stages(cast, make_task, settings):
    settings.TASK_REMIND_DAYS_BEFORE = 5
    settings.TASK_ESCALATE_DAYS_AFTER = 2
    settings.REPORTING_REMINDER_TIME = "07:30"
    steps = chase.steps_for(D(2026, 3, 10))
    assert [(s.stage, s.at) for s in steps] == [
        ("before", at(2026, 3, 5, 7, 30)),
        ("due", at(2026, 3, 10, 7, 30)),
        ("overdue", at(2026, 3, 11, 7, 30)),
        ("escalate", at(2026, 3, 12, 7, 30)),
    ]
    settings.TASK_REMIND_DAYS_BEFORE = 0
    assert [s.stage for s in chase.steps_for(D(2026, 3, 10))] == ["due", "overdue", "escalate"]


# --- the sweep through time -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_task_passes_its_deadline_each_stage_once(cast, make_task):
    """TG&NC (Mai) leads a task due 10/03/2026 that Hùng assigned; nobody completes it."""
    with time_machine.travel(at(2026, 3, 1), tick=False):
        task = make_task(department=cast.tgnc, due=D(2026, 3, 10), assigned_by=cast.hung)
        chase.schedule([task])
        assert chase.task_chase_sweep() == 0  # nothing due yet
        assert buckets.subtree_counts(cast.ldld, timezone.localdate()).open_in_time == 1

    sent = []
    for day, stage in [(7, "before"), (10, "due"), (11, "overdue"), (17, "escalate")]:
        with time_machine.travel(at(2026, 3, day), tick=False):
            assert chase.task_chase_sweep() == 1, stage
            assert chase.task_chase_sweep() == 0, f"{stage} sent twice"
            sent.append(stage)
            assert [chase.stage_of(c.stage) for c in Chase.objects.filter(assignment=task)] == sent
            if stage == "overdue":
                # the dashboards' figure moved with the deadline
                counts = buckets.subtree_counts(cast.ldld, timezone.localdate())
                assert (counts.open_in_time, counts.open_overdue) == (0, 1)

    # Mai (the department's member) got all four; Hùng (the assigner, the unit's leader) only the escalation.
    titles = [n.title for n in _notified(cast.mai)]
    assert len(titles) == 4
    assert titles[0] == "Nhắc nhiệm vụ: Tổ chức tuyên truyền Nghị quyết (còn 3 ngày đến hạn)"
    assert titles[1].endswith("(hạn là hôm nay)")
    assert titles[2].endswith("(quá hạn 1 ngày)")
    assert titles[3] == "Báo cáo nhiệm vụ quá hạn: Tổ chức tuyên truyền Nghị quyết (quá hạn 7 ngày)"
    assert "hạn 10/03/2026" in _notified(cast.mai)[0].body
    assert [n.title for n in _notified(cast.hung)] == [titles[3]]
    for outsider in (cast.thu, cast.son, cast.charlie, cast.hanh):
        assert _notified(outsider) == []
    # every chase is a typed «nhắc nhở» with no author, audited once
    assert set(Chase.objects.values_list("kind", "by")) == {("remind", None)}
    assert Event.objects.filter(action="task.reminded").count() == 4
    task.refresh_from_db()
    assert (task.next_stage, task.next_action_at) == ("", None)
    with time_machine.travel(at(2026, 4, 30), tick=False):
        assert chase.task_chase_sweep() == 0


@pytest.mark.django_db
def test_a_sweep_down_for_days_sends_only_the_latest_stage(cast, make_task):
    task = make_task(person=cast.mai, due=D(2026, 3, 10))
    chase.schedule([task], now=at(2026, 3, 1))
    assert chase.task_chase_sweep(now=at(2026, 3, 12)) == 1
    assert [c.stage for c in Chase.objects.filter(assignment=task)] == ["overdue:20260310"]
    assert [n.title for n in _notified(cast.mai)] == [
        "Nhắc nhiệm vụ: Tổ chức tuyên truyền Nghị quyết (quá hạn 2 ngày)"
    ]
    task.refresh_from_db()
    assert task.next_stage == "escalate:20260310"


@pytest.mark.django_db
def test_done_task_is_not_chased(cast, make_task):
    task = make_task(person=cast.mai, due=D(2026, 3, 10))
    chase.schedule([task], now=at(2026, 3, 1))
    Assignment.objects.filter(pk=task.pk).update(state="done", completed_at=at(2026, 3, 5))
    assert chase.task_chase_sweep(now=at(2026, 3, 20)) == 0
    assert not Chase.objects.exists()


@pytest.mark.django_db
def test_extension_starts_the_stages_again(cast, make_task):
    task = make_task(person=cast.mai, due=D(2026, 3, 10))
    chase.schedule([task], now=at(2026, 3, 1))
    assert chase.task_chase_sweep(now=at(2026, 3, 11)) == 1  # overdue:20260310
    # the assigner approves more time (helper C's extension_decide does this, then schedule())
    Assignment.objects.filter(pk=task.pk).update(due_date=D(2026, 3, 25))
    task.refresh_from_db()
    chase.schedule([task], now=at(2026, 3, 11, 10))
    assert task.next_stage == "before:20260325"
    assert buckets.subtree_counts(cast.ldld, D(2026, 3, 11)).open_overdue == 0
    assert chase.task_chase_sweep(now=at(2026, 3, 22)) == 1
    assert chase.task_chase_sweep(now=at(2026, 3, 25)) == 1
    assert [c.stage for c in Chase.objects.filter(assignment=task)] == [
        "overdue:20260310",
        "before:20260325",
        "due:20260325",
    ]
    assert [chase.stage_label(c.stage) for c in Chase.objects.filter(assignment=task)] == [
        "Nhắc quá hạn",
        "Nhắc trước hạn",
        "Nhắc đến hạn",
    ]


@pytest.mark.django_db
def test_who_is_told(cast, make_task):
    """A unit-wide task reaches the unit's members; a person's task only the person; escalation of Yên Thế's task
    reaches Bình (its leader) and Hùng (who assigned it), not LĐLĐ's other people."""
    unit_wide = make_task(unit=cast.ldld, due=D(2026, 3, 10))
    yenthe = make_task(unit=cast.yenthe, due=D(2026, 3, 10), assigned_by=cast.hung)
    chase.schedule([unit_wide, yenthe], now=at(2026, 3, 1))
    chase.task_chase_sweep(now=at(2026, 3, 7))
    told = set(
        Notification.objects.filter(kind=chase.NOTIFICATION_KIND).values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"mai", "hung", "thu", "son", "binh"}
    # one notification per person for the batch, even with two tasks in it
    mai = _notified(cast.mai)
    assert len(mai) == 1
    Notification.objects.all().delete()
    chase.task_chase_sweep(now=at(2026, 3, 17))  # escalation of both
    told = set(
        Notification.objects.filter(kind=chase.NOTIFICATION_KIND).values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"mai", "hung", "thu", "son", "binh"}
    binh = _notified(cast.binh)
    assert len(binh) == 1 and binh[0].title.startswith("Báo cáo nhiệm vụ quá hạn")


@pytest.mark.django_db
def test_a_stage_written_meanwhile_is_not_sent_again(cast, make_task):
    """The unique constraint is the backstop: a stage another worker wrote is skipped without a notification."""
    task = make_task(person=cast.mai, due=D(2026, 3, 10))
    chase.schedule([task], now=at(2026, 3, 1))
    Chase.objects.create(assignment=task, kind="remind", stage="before:20260310")
    assert chase.task_chase_sweep(now=at(2026, 3, 7)) == 0
    assert _notified(cast.mai) == []
    task.refresh_from_db()
    assert task.next_stage == "due:20260310"  # moved on all the same


@pytest.mark.django_db
def test_sweep_cost_follows_the_tasks_due_not_the_tasks_stored(cast, make_task):
    def measure(n_due: int) -> int:
        Chase.objects.all().delete()
        Notification.objects.all().delete()
        Assignment.objects.all().update(next_stage="", next_action_at=None)
        due = list(Assignment.objects.order_by("id")[:n_due])
        chase.schedule(due, now=at(2026, 3, 1))
        with CaptureQueriesContext(connection) as ctx:
            assert chase.task_chase_sweep(now=at(2026, 3, 7)) == n_due
        return len(ctx.captured_queries)

    people = [cast.mai, cast.hung, cast.son]
    for i in range(60):
        make_task(person=people[i % 3], due=D(2026, 3, 10))
    assert measure(3) == measure(60)


# --- two real workers -------------------------------------------------------------------------------------------


@pytest.mark.celery_worker
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)")
@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_two_ticks_each_stage_once(tcast, tmake_task, tmp_path):
    from portal.celery import app
    from tests.reporting.test_worker import Workers

    cast = tcast
    User = get_user_model()
    people = User.objects.bulk_create([User(username=f"cv{i}", password="!") for i in range(40)])
    Membership.objects.bulk_create([Membership(user=u, unit=cast.ldld, role="drafter") for u in people])
    due = timezone.localdate() - dt.timedelta(days=3)  # overdue whatever the hour; escalation still days away
    tasks = [tmake_task(person=people[i % 40], due=due) for i in range(400)]
    chase.schedule(tasks)
    assert {t.next_stage for t in tasks} == {f"overdue:{due:%Y%m%d}"}

    workers = Workers(tmp_path)
    try:
        with ThreadPoolExecutor(
            2
        ) as pool:  # both start at once: a worker's start is most of this test's time
            list(pool.map(workers.start, ["w1", "w2"]))
        for _ in range(2):  # two beats ticking at once, small batches so the workers interleave
            app.send_task("handling.task_chase_sweep", kwargs={"batch_size": 25}, queue=workers.queue)
            app.send_task("handling.task_chase_sweep", kwargs={"batch_size": 25}, queue=workers.queue)
        deadline = time.monotonic() + 120
        while (
            Assignment.objects.filter(pk__in=[t.pk for t in tasks])
            .exclude(next_stage__startswith="esc")
            .exists()
        ):
            assert time.monotonic() < deadline, "the sweep did not finish"
            time.sleep(0.2)
    finally:
        workers.stop()
    rows = list(Chase.objects.values_list("assignment_id", "stage"))
    assert len(rows) == 400 and len(set(rows)) == 400
    assert {s for _, s in rows} == {f"overdue:{due:%Y%m%d}"}
    notes = Notification.objects.filter(kind=chase.NOTIFICATION_KIND)
    # each person's tasks are spread over the batches, but no task is in two notifications
    lines = sum(n.body.count("\n") + 1 for n in notes)
    assert lines == 400
    assert Event.objects.filter(action="task.reminded").count() == 400
    logs = "".join(p.read_text() for p in tmp_path.glob("w*.log"))
    assert logs.count("handling.task_chase_sweep") >= 4
