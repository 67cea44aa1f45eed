"""Chasing: time travel through a whole 6-month period, exactly-once stages, digests, escalation,
quiet hours, crashes, and two sweeps at once."""

import datetime as dt
import threading

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from portal.notifications.models import Notification
from portal.org.services import membership_grant
from reporting.models import Obligation, Reminder
from reporting.services import (
    chase_sweep_run,
    obligations_create_for_document,
    obligations_open_periods,
    report_submit,
)
from reporting.services.policy import ReminderPolicy
from tests.reporting.conftest import add_requirement, grow, local, make_document

D = dt.date
REPORT = {
    "sections": {"ket_qua_tuyen_truyen": "Đã tổ chức tuyên truyền."},
    "indicators": {"so_buoi_tuyen_truyen": "2"},
}


def _plans(cast):
    """Province → districts (6-month report to LĐLĐ tỉnh); Yên Thế → its CĐCS (due 3 days earlier)."""
    province = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
    upward = add_requirement(province, frequency="semiannual", to_unit=cast.ldld)
    obligations_create_for_document(document=province, actor=cast.hung)
    district = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
    add_requirement(district, frequency="semiannual", to_unit=cast.yenthe, parent=upward, lead_days=3)
    obligations_create_for_document(document=district, actor=cast.binh)


def _ledger(obligation):
    return sorted(
        (r.recipient.username, r.stage, r.outcome, f"{r.sent_at.astimezone():%d/%m}" if r.sent_at else "")
        for r in Reminder.objects.filter(obligation=obligation).select_related("recipient")
    )


def test_a_whole_six_month_period(cast):
    with time_machine.travel(local(2024, 1, 29, 9), tick=False):
        _plans(cast)
    cdcs = Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")
    yenthe = Obligation.objects.get(unit=cast.yenthe, period_key="2024-S1")
    assert (cdcs.due_date, yenthe.due_date) == (D(2024, 6, 14), D(2024, 6, 17))
    digests_on = {}
    day = D(2024, 1, 30)
    while day <= D(2024, 12, 20):
        with time_machine.travel(local(day.year, day.month, day.day, 0, 10), tick=False):
            obligations_open_periods()
        for hour in (8, 20):
            with time_machine.travel(local(day.year, day.month, day.day, hour, 5), tick=False):
                before = Notification.objects.filter(kind="reporting.reminder").count()
                chase_sweep_run()
                digests_on[(day, hour)] = (
                    Notification.objects.filter(kind="reporting.reminder").count() - before
                )
        if day == D(2024, 6, 16):
            assert Obligation.objects.get(pk=cdcs.pk).status == "overdue"
        if day == D(2024, 6, 20):  # the CĐCS submits six days late
            with time_machine.travel(local(2024, 6, 20, 10), tick=False):
                report_submit(actor=cast.khanh, obligation=cdcs, data=REPORT)
        if day == D(2024, 7, 10):  # the district, after the escalation and two weekly reminders
            with time_machine.travel(local(2024, 7, 10, 15), tick=False):
                report_submit(actor=cast.binh, obligation=yenthe, data=REPORT)
        day += dt.timedelta(days=1)

    cdcs.refresh_from_db()
    yenthe.refresh_from_db()
    assert cdcs.status == "submitted_late" and cdcs.report.is_late
    assert yenthe.status == "submitted_late"
    # Each stage once, on its day; the escalation reaches the CĐCS's own chairman (khanh, who signs its reports)
    # and Yên Thế's leader.
    assert _ledger(cdcs) == sorted(
        [
            ("tuan", "before_7", "sent", "07/06"),
            ("tuan", "before_1", "sent", "13/06"),
            ("tuan", "due", "sent", "14/06"),
            ("tuan", "overdue", "sent", "15/06"),
            ("khanh", "escalate", "sent", "17/06"),
            ("binh", "escalate", "sent", "17/06"),
        ]
    )
    # Yên Thế has no reporter: its leader is reminded, then the escalation reaches the parent unit's leader.
    assert _ledger(yenthe) == sorted(
        [
            ("binh", "before_7", "sent", "10/06"),
            ("binh", "before_1", "sent", "16/06"),
            ("binh", "due", "sent", "17/06"),
            ("binh", "overdue", "sent", "18/06"),
            ("binh", "escalate", "sent", "20/06"),
            ("hung", "escalate", "sent", "20/06"),
            ("binh", "weekly_1", "sent", "27/06"),
            ("binh", "weekly_2", "sent", "04/07"),
        ]
    )
    # On 17/06 Bình gets one digest for both: his own deadline and the CĐCS's escalation; Khánh one for his
    # CĐCS's escalation.
    assert digests_on[(D(2024, 6, 17), 8)] == 2
    digest = Notification.objects.get(
        recipient=cast.binh, kind="reporting.reminder", created_at__date=D(2024, 6, 17)
    )
    assert digest.title.startswith("Nhắc báo cáo: 2 báo cáo đang chờ")
    assert "Công đoàn Trường THCS Bố Hạ" in digest.body and "Liên đoàn Lao động huyện Yên Thế" in digest.body
    hung = Notification.objects.get(recipient=cast.hung, kind="reporting.reminder")
    assert "quá hạn 3 ngày" in hung.title
    # The next year's period opened on 15/12 and the one after was created.
    assert Obligation.objects.get(unit=cast.cdcs, period_key="2025-S1").status == "open"
    assert Obligation.objects.filter(unit=cast.cdcs, period_key="2026-S1", status="upcoming").exists()
    # Nothing is sent twice: no stage without its single ledger row, every ledger row in one digest.
    total_lines = sum(n.body.count("\n") + 1 for n in Notification.objects.filter(kind="reporting.reminder"))
    assert total_lines == Reminder.objects.filter(outcome="sent").count()


def test_a_late_sweep_sends_only_the_latest_stage_but_never_skips_escalation(cast):
    with time_machine.travel(local(2024, 1, 29, 9), tick=False):
        _plans(cast)
    yenthe = Obligation.objects.get(unit=cast.yenthe, period_key="2024-S1")
    with time_machine.travel(local(2024, 6, 28, 9), tick=False):  # beat was down from 1/6 to 28/6
        chase_sweep_run()
    assert sorted(Reminder.objects.filter(obligation=yenthe).values_list("stage", "recipient__username")) == [
        ("escalate", "binh"),
        ("escalate", "hung"),
        ("weekly_1", "binh"),
    ]
    yenthe.refresh_from_db()
    assert yenthe.status == "overdue" and yenthe.next_stage == "weekly_2"


def test_an_obligation_created_after_its_deadline_is_chased_at_once(cast):
    with time_machine.travel(local(2024, 6, 20, 9), tick=False):
        doc = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
        add_requirement(doc, frequency="once", to_unit=cast.ldld, due_date=D(2024, 6, 18))
        obligations_create_for_document(document=doc, actor=cast.hung)
        result = chase_sweep_run()
    assert result.obligations == 1
    assert Obligation.objects.get().status == "overdue"


def test_quiet_hours_push_reminders_out(settings):
    settings.REPORTING_QUIET_HOURS = ["21:00", "07:00"]
    policy = ReminderPolicy({"reminder_time": "22:30"})
    stage = policy.next_after(D(2024, 6, 17), local(2024, 6, 1))
    assert stage.key == "before_7" and stage.at == local(2024, 6, 11, 7, 0)
    policy = ReminderPolicy({"reminder_time": "06:00", "before_days": [3]})
    assert policy.next_after(D(2024, 6, 17), local(2024, 6, 1)).at == local(2024, 6, 14, 7, 0)


def test_a_requirement_overrides_the_policy(cast):
    with time_machine.travel(local(2024, 1, 29, 9), tick=False):
        doc = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
        add_requirement(
            doc,
            frequency="semiannual",
            to_unit=cast.ldld,
            reminder_policy={"before_days": [10], "on_due_day": False, "repeat_every_days": 0},
        )
        obligations_create_for_document(document=doc, actor=cast.hung)
    ob = Obligation.objects.get(period_key="2024-S1")
    keys = [s.key for s in ReminderPolicy(ob.requirement.reminder_policy).stages(ob.due_date)]
    assert keys == ["before_10", "overdue", "escalate"]
    assert ob.next_stage == "before_10"


# --- crashes and concurrency ----------------------------------------------------------------------------


def _many_due(cast, units=60, people=12):
    """units obligations due on one day, reported by `people` reporters (several units each)."""
    unit_ids = grow(cast.yenthe, units)
    User = get_user_model()
    users = [User.objects.create_user(f"r{i}") for i in range(people)]
    from portal.org.models import Unit

    for i, uid in enumerate(unit_ids):
        membership_grant(actor=None, user=users[i % people], unit=Unit.objects.get(pk=uid), role="reporter")
    with time_machine.travel(local(2024, 1, 29, 9), tick=False):
        doc = make_document(issuer=cast.yenthe, recipients=unit_ids)
        add_requirement(doc, frequency="semiannual", to_unit=cast.yenthe)
        obligations_create_for_document(document=doc, actor=cast.binh)
    return users


def test_a_crash_mid_sweep_leaves_no_stage_unsent_and_none_twice(cast, monkeypatch):
    users = _many_due(cast)
    import reporting.services.chase as chase

    real_notify = chase.notify_each

    def dying_notify(**kwargs):  # the digest batch's one INSERT of notifications: the worker dies there
        raise SystemExit("worker killed")

    monkeypatch.setattr(chase, "notify_each", dying_notify)
    with time_machine.travel(local(2024, 6, 10, 8, 5), tick=False), pytest.raises(SystemExit):
        chase_sweep_run(batch_size=25)
    # The advance step committed (ledger rows queued); the digest batch that died rolled back entirely.
    assert Reminder.objects.filter(stage="before_7").count() == 60
    assert Notification.objects.filter(kind="reporting.reminder").count() == 0
    monkeypatch.setattr(chase, "notify_each", real_notify)
    with time_machine.travel(local(2024, 6, 10, 8, 7), tick=False):
        again = chase_sweep_run(batch_size=25)
    assert again.obligations == 0 and again.digests == 12 and again.reminders_sent == 60
    assert Reminder.objects.filter(outcome="sent").count() == 60
    for user in users:  # one digest each, listing their five units
        (n,) = Notification.objects.filter(recipient=user, kind="reporting.reminder")
        assert n.body.count("\n") == 4


def test_a_crash_while_advancing_rolls_the_batch_back(cast, monkeypatch):
    _many_due(cast)
    import reporting.services.chase as chase

    real = chase.bulk_set
    state = {"calls": 0}

    def dying(*args, **kwargs):
        state["calls"] += 1
        if state["calls"] == 2:
            raise SystemExit("worker killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(chase, "bulk_set", dying)
    with time_machine.travel(local(2024, 6, 10, 8, 5), tick=False), pytest.raises(SystemExit):
        chase_sweep_run(batch_size=25)
    assert Reminder.objects.count() == 25  # the first batch only; the second vanished with its transaction
    monkeypatch.undo()
    with time_machine.travel(local(2024, 6, 10, 8, 6), tick=False):
        chase_sweep_run(batch_size=25)
    assert Reminder.objects.filter(stage="before_7", outcome="sent").count() == 60
    assert Reminder.objects.count() == 60


def test_the_sweep_costs_queries_by_what_is_due_not_by_what_is_stored(cast):
    _many_due(cast, units=30, people=6)
    with time_machine.travel(local(2024, 3, 1, 9), tick=False), CaptureQueriesContext(connection) as idle:
        chase_sweep_run()
    assert len(idle) <= 6  # nothing due: one look at the index, one at the ledger


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not __import__("os").environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="row locks (SKIP LOCKED) are PostgreSQL's; SQLite serialises writers instead",
)
def test_two_sweeps_at_once_send_each_stage_once(tcast):
    cast = tcast
    users = _many_due(cast, units=120, people=20)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def sweep():
        try:
            barrier.wait()
            with time_machine.travel(local(2024, 6, 10, 8, 5), tick=False):
                results.append(chase_sweep_run(batch_size=10))
        except Exception as exc:  # noqa: BLE001 — surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sum(r.obligations for r in results) == 120  # each obligation advanced by exactly one sweep
    assert sum(r.reminders_sent for r in results) == 120
    assert Reminder.objects.filter(outcome="sent").count() == 120
    lines = sum(n.body.count("\n") + 1 for n in Notification.objects.filter(kind="reporting.reminder"))
    assert lines == 120
    assert {n.recipient_id for n in Notification.objects.filter(kind="reporting.reminder")} == {
        u.pk for u in users
    }


def test_the_first_repeat_a_person_receives_is_numbered_one_whatever_the_schedule(cast):
    """An obligation created long after its deadline starts its schedule deep in the weekly repeats
    (weekly_20 here); the reminders say how many the person actually received (issue 13: "lần 101")."""
    with time_machine.travel(local(2024, 11, 20, 9), tick=False):
        doc = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
        add_requirement(doc, frequency="once", to_unit=cast.ldld, due_date=D(2024, 6, 18))
        obligations_create_for_document(document=doc, actor=cast.hung)
        chase_sweep_run()
    ob = Obligation.objects.get()
    first = Notification.objects.get(recipient=cast.binh, kind="reporting.reminder")
    (stage,) = Reminder.objects.filter(
        obligation=ob, recipient=cast.binh, stage__startswith="weekly_"
    ).values_list("stage", flat=True)
    assert int(stage.split("_")[1]) > 10  # deep in the schedule …
    assert "nhắc lại lần 1: vẫn chưa nộp" in first.body and "lần " + stage.split("_")[1] not in first.body
    with time_machine.travel(ob.next_action_at + dt.timedelta(minutes=5), tick=False):
        chase_sweep_run()
    second = Notification.objects.filter(recipient=cast.binh, kind="reporting.reminder").latest("id")
    assert second.pk != first.pk and "nhắc lại lần 2: vẫn chưa nộp" in second.title


def _overdue_batch(cast, reporters, units: int, prefix: str):
    """`units` new CĐCS under Yên Thế, each owing a one-off report due 18/06/2024 that nobody has sent, reported
    by the same few reporters (so the digests, one per person, do not grow with the units)."""
    from portal.org.models import Unit

    unit_ids = grow(cast.yenthe, units, prefix=prefix)
    for i, uid in enumerate(unit_ids):
        membership_grant(
            actor=None, user=reporters[i % len(reporters)], unit=Unit.objects.get(pk=uid), role="reporter"
        )
    with time_machine.travel(local(2024, 6, 20, 9), tick=False):
        doc = make_document(issuer=cast.yenthe, recipients=unit_ids)
        add_requirement(doc, frequency="once", to_unit=cast.yenthe, due_date=D(2024, 6, 18))
        obligations_create_for_document(document=doc, actor=cast.binh)
    return unit_ids


def test_the_sweep_records_one_event_per_obligation_it_turns_overdue_in_constant_statements(cast):
    """The move to overdue is a state change: each gets its event row, written set-based — a sweep over
    twelve overdue obligations issues as many statements as a sweep over three."""
    from portal.audit.models import Event

    User = get_user_model()
    reporters = [User.objects.create_user(f"bc{i}") for i in range(3)]
    counts = {}
    for n, prefix in ((3, "a"), (12, "b")):
        unit_ids = _overdue_batch(cast, reporters, n, prefix)
        with (
            time_machine.travel(local(2024, 6, 20, 10), tick=False),
            CaptureQueriesContext(connection) as queries,
        ):
            result = chase_sweep_run()
        assert result.obligations == n
        counts[n] = len(queries)
        overdue = Obligation.objects.filter(unit_id__in=unit_ids)
        assert set(overdue.values_list("status", flat=True)) == {"overdue"}
        events = Event.objects.filter(
            action="obligation.overdue",
            object_type="reporting.obligation",
            object_id__in=[str(pk) for pk in overdue.values_list("pk", flat=True)],
        )
        assert events.count() == n
        assert {e.unit_id for e in events} == set(unit_ids)
        assert all(e.actor_id is None and e.details["due_date"] == "2024-06-18" for e in events)
        assert {e.details["from"] for e in events} <= {"upcoming", "open"}
    assert counts[12] == counts[3]
    # A second sweep with nothing newly overdue records nothing more.
    with time_machine.travel(local(2024, 6, 20, 11), tick=False):
        chase_sweep_run()
    assert Event.objects.filter(action="obligation.overdue").count() == 15
