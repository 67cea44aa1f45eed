"""The chaser with real Celery workers and Redis: two worker processes and two beat ticks over the same due
obligations send each stage once; a worker killed (SIGKILL) mid-sweep and restarted leaves no stage
unsent and none sent twice."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from portal.notifications.models import Notification
from portal.org.models import Membership
from reporting.models import Obligation, Reminder
from reporting.services import obligations_create_for_document
from tests.reporting.conftest import add_requirement, grow, make_document

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.faults,  # a worker is killed with SIGKILL (issue 8)
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)"),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL"
    ),
]
ROOT = Path(__file__).resolve().parents[2]
# Reminders at midnight and no quiet hours: the stage "due" of an obligation due today is due now,
# whatever the hour the test runs at.
POLICY = {"reminder_time": "00:00", "quiet_hours": []}


def _db_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgresql://{auth}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


class Workers:
    def __init__(self, tmp_path: Path):
        self.queue = f"reporting-test-{uuid.uuid4().hex[:8]}"
        self.tmp = tmp_path
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, name: str) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": _db_url(),
            "DJANGO_SETTINGS_MODULE": "tests.reporting.worker_settings",
            "CELERY_TASK_ALWAYS_EAGER": "1",
            "PYTHONPATH": str(ROOT),
        }
        log = (self.tmp / f"{name}.log").open("ab")
        self.procs[name] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "-Q",
                self.queue,
                "--pool",
                "solo",
                "-n",
                f"{name}-{self.queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "info",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while b" ready." not in (self.tmp / f"{name}.log").read_bytes():
            assert self.procs[name].poll() is None, (self.tmp / f"{name}.log").read_text()
            assert time.monotonic() < deadline, "worker did not start"
            time.sleep(0.1)

    def tick(self) -> None:
        """What celery beat does: put one chase_sweep message on the queue."""
        from portal.celery import app

        app.send_task("reporting.chase_sweep", queue=self.queue)

    def kill(self, name: str) -> None:
        self.procs[name].send_signal(signal.SIGKILL)
        self.procs[name].wait(10)

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def workers(tmp_path):
    w = Workers(tmp_path)
    yield w
    w.stop()


def _due_today(cast, *, units: int, people: int, tag: str) -> list[int]:
    """units obligations whose "due" stage is due now, reported by `people` reporters."""
    unit_ids = grow(cast.yenthe, units, prefix=tag)
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"{tag}{i}", password="!") for i in range(people)])
    Membership.objects.bulk_create(
        [Membership(user=users[i % people], unit_id=uid, role="reporter") for i, uid in enumerate(unit_ids)]
    )
    doc = make_document(issuer=cast.yenthe, recipients=unit_ids)
    req = add_requirement(
        doc, frequency="once", to_unit=cast.yenthe, due_date=timezone.localdate(), reminder_policy=POLICY
    )
    obligations_create_for_document(document=doc, actor=cast.binh)
    return list(Obligation.objects.filter(requirement=req).values_list("pk", flat=True))


def _make_due(ids: list[int]) -> None:
    midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(0, 0)))
    Obligation.objects.filter(pk__in=ids).update(next_action_at=midnight, next_stage="due")


def _wait_until_done(ids: list[int], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        pending = Obligation.objects.filter(pk__in=ids, next_stage="due").count()
        queued = Reminder.objects.filter(obligation_id__in=ids, outcome="queued").count()
        if not pending and not queued:
            return
        assert time.monotonic() < deadline, f"{pending} obligations and {queued} reminders still waiting"
        time.sleep(0.2)


def _assert_each_stage_sent_once(ids: list[int]) -> None:
    rows = list(
        Reminder.objects.filter(obligation_id__in=ids).values_list("obligation_id", "stage", "outcome")
    )
    assert len(rows) == len(ids) and {r[0] for r in rows} == set(
        ids
    )  # one reporter each: one row per obligation
    assert {(s, o) for (_, s, o) in rows} == {("due", "sent")}
    # Nothing sent twice: every ledger row is listed in exactly one notification.
    notifications = Notification.objects.filter(
        pk__in=Reminder.objects.filter(obligation_id__in=ids).values("notification_id")
    )
    lines = sum(n.body.count("\n") + 1 for n in notifications)
    assert lines == len(ids)
    assert Notification.objects.filter(kind="reporting.reminder").count() == len(
        set(Reminder.objects.values_list("notification_id", flat=True))
    )


@pytest.mark.django_db(transaction=True)
def test_two_workers_two_ticks_then_a_killed_worker(tcast, workers):
    cast = tcast
    first = _due_today(cast, units=400, people=80, tag="a")
    second = _due_today(cast, units=3000, people=600, tag="b")
    Obligation.objects.filter(pk__in=second).update(next_action_at=None)  # held back for part two
    _make_due(first)
    workers.start("w1")
    workers.start("w2")

    # Part one: two beat ticks at once, two workers.
    workers.tick()
    workers.tick()
    _wait_until_done(first)
    _assert_each_stage_sent_once(first)

    # Part two: one tick; both workers are killed while it works through the batches.
    before = Notification.objects.count()
    _make_due(second)
    workers.tick()
    deadline = time.monotonic() + 60
    while (
        Notification.objects.count() == before
        and Reminder.objects.filter(obligation_id__in=second).count() < 600
    ):
        assert time.monotonic() < deadline, "the sweep never started"
        time.sleep(0.02)
    workers.kill("w1")
    workers.kill("w2")
    done = Reminder.objects.filter(obligation_id__in=second, outcome="sent").count()
    assert done < len(second), "the sweep finished before the kill: nothing was interrupted"
    # Restarted, the next tick finishes the work: no stage lost, none sent twice.
    workers.start("w3")
    workers.tick()
    _wait_until_done(second)
    _assert_each_stage_sent_once(second)
