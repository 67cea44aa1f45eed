"""Two beat schedulers running at once (issue 8): no duplicate reminders.

Two real `celery beat` processes (DatabaseScheduler, each with its own schedule file and pidfile) publish the
chase sweep and the notification outbox sweep every two seconds to a private Redis; two real workers run them
on the test database and mail through the file backend. Obligations become due in waves while both beats tick,
so sweeps of the two beats run side by side on the two workers, each in several batches.

Each wave's units owe two reports: one due today (stage "due", to the unit's reporter) and one ten days late
(stages "escalate", to the leader above — Bình — and "weekly_1", to the reporter). At the end every
(obligation, recipient, stage) is in the ledger exactly once and sent, every notification was mailed once, and
every e-mail line — read back from the mail files — names each (recipient, obligation, stage) exactly once.
Both beats must have published sweeps, and every sweep either beat published must have run on a worker.

The reminder time of the policy is set twelve hours before now, so no stage boundary falls during the run,
whatever the hour (a "due today" obligation never turns "overdue" half-way through).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.notifications.models import Notification
from portal.notifications.services import email_link
from portal.org.models import Membership
from reporting.models import Obligation, Reminder
from reporting.services import obligations_create_for_document
from tests.faults.conftest import captured_mail, wait_for
from tests.reporting.conftest import add_requirement, grow, make_document

pytestmark = [
    pytest.mark.faults,
    pytest.mark.celery_worker,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL (the beats, the workers and the test share the database)",
    ),
]

WAVES = 4
UNITS_PER_WAVE = 150  # two obligations each: 300 per wave, two chase batches (200) per sweep
REPORTERS = 40  # each reporter answers for several units of every wave: digests of many lines
# Both beats: chase and outbox sweeps every two seconds. No grace for the outbox: every e-mail not yet sent is
# taken for lost, so the outbox sweeps of both beats may enqueue again e-mails whose own message is still queued
# behind a digest's — a second and third message for the same row, which must still be mailed once.
SWEEPS = {"CHASE_SWEEP_SECONDS": "2", "OUTBOX_SWEEP_SECONDS": "2", "OUTBOX_GRACE_SECONDS": "0"}
SENT = r"reporting\.chase_sweep sent\. id->([0-9a-f-]{36})"
RAN = r"Task reporting\.chase_sweep\[([0-9a-f-]{36})\] succeeded"
OUTBOX_SENT = r"notifications\.outbox_sweep sent\. id->"
LINE = re.compile(r"^- (?P<unit>.+?): (?P<title>.+?) — .+, hạn nộp \d\d/\d\d/\d{4} \((?P<label>.+)\)$")


@dataclass
class Wave:
    due: list[int]  # obligations due today
    late: list[int]  # obligations ten days late
    expected: set[tuple[int, int, str]]  # (obligation, recipient, stage)
    lines: set[tuple[str, str, str, str]]  # (recipient e-mail, unit name, requirement title, stage)


def _stage(label: str) -> str:
    """The stage key of a digest line's Vietnamese label (reporting.services.policy.stage_label)."""
    if label == "đến hạn hôm nay":
        return "due"
    if label.endswith("báo cáo lãnh đạo"):
        return "escalate"
    if label.startswith("nhắc lại lần 1:"):
        return "weekly_1"
    raise AssertionError(f"unexpected stage label {label!r}")


def _lines(email: str, body: str) -> list[tuple[str, str, str, str]]:
    """(recipient e-mail, unit name, requirement title, stage) of every line of a reminder digest."""
    out = []
    for line in body.splitlines():
        match = LINE.match(line)
        assert match, line
        out.append((email, match["unit"], match["title"], _stage(match["label"])))
    return out


def _world(cast) -> tuple[list[Wave], dt.date, str]:
    """WAVES groups of grassroots units under Yên Thế, each unit with a reporter and two obligations, all held
    back (next_action_at empty) until the test releases them."""
    anchor = timezone.localtime() - dt.timedelta(hours=12)
    reminder_time = f"{anchor:%H:%M}"
    due_day = anchor.date()
    policy = {"reminder_time": reminder_time, "quiet_hours": []}
    User = get_user_model()
    reporters = User.objects.bulk_create(
        [User(username=f"nb{i}", email=f"nb{i}@thongsuot.test", password="!") for i in range(REPORTERS)]
    )
    waves = []
    for w in range(WAVES):
        unit_ids = grow(cast.yenthe, UNITS_PER_WAVE, prefix=f"nb{w}-")
        reporter_of = {uid: reporters[(w * 7 + i) % REPORTERS] for i, uid in enumerate(unit_ids)}
        Membership.objects.bulk_create(
            [Membership(user=u, unit_id=uid, role="reporter") for uid, u in reporter_of.items()]
        )
        doc = make_document(issuer=cast.yenthe, recipients=unit_ids)
        on_time = add_requirement(
            doc,
            frequency="once",
            to_unit=cast.yenthe,
            due_date=due_day,
            reminder_policy=policy,
            title=f"Báo cáo đợt {w + 1}: kết quả tuyên truyền",
        )
        late = add_requirement(
            doc,
            frequency="once",
            to_unit=cast.yenthe,
            due_date=due_day - dt.timedelta(days=10),
            reminder_policy=policy,
            title=f"Báo cáo đợt {w + 1}: sơ kết quý",
        )
        obligations_create_for_document(document=doc, actor=cast.binh)
        obs = list(Obligation.objects.filter(requirement__document=doc).select_related("unit", "requirement"))
        assert len(obs) == 2 * UNITS_PER_WAVE
        expected, lines = set(), set()
        for ob in obs:
            reporter = reporter_of[ob.unit_id]
            stages = (
                [("due", reporter)]
                if ob.requirement_id == on_time.pk
                else [("weekly_1", reporter), ("escalate", cast.binh)]
            )
            for stage, person in stages:
                expected.add((ob.pk, person.pk, stage))
                lines.add((person.email, ob.unit.name, ob.requirement.title, stage))
        waves.append(
            Wave(
                due=[ob.pk for ob in obs if ob.requirement_id == on_time.pk],
                late=[ob.pk for ob in obs if ob.requirement_id == late.pk],
                expected=expected,
                lines=lines,
            )
        )
    Obligation.objects.filter(requirement__document__issuer=cast.yenthe).update(
        next_action_at=None, next_stage=""
    )
    return waves, due_day, reminder_time


def _release(wave: Wave, due_day: dt.date, reminder_time: str) -> None:
    """The wave's stages fall due: "due" today; "escalate" (seven days ago) and "weekly_1" (today) for the late
    report — a sweep owes both, and to_send keeps both (the escalation is never skipped)."""
    at = dt.time.fromisoformat(reminder_time)
    today = timezone.make_aware(dt.datetime.combine(due_day, at))
    Obligation.objects.filter(pk__in=wave.due).update(next_action_at=today, next_stage="due")
    Obligation.objects.filter(pk__in=wave.late).update(
        next_action_at=today - dt.timedelta(days=7), next_stage="escalate"
    )


@pytest.mark.django_db(transaction=True)
def test_two_beats_send_each_reminder_stage_once(tcast, eager_here, processes):
    cast = tcast
    waves, due_day, reminder_time = _world(cast)
    all_obligations = [pk for w in waves for pk in w.due + w.late]
    watermark = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert not Reminder.objects.exists()

    # Two workers and two beats, started side by side (each boots Django: starting them in turn would take long).
    with ThreadPoolExecutor(4) as pool:
        started = [
            pool.submit(processes.worker, "worker1", **SWEEPS),
            pool.submit(processes.worker, "worker2", **SWEEPS),
            pool.submit(processes.beat, "beat1", **SWEEPS),
            pool.submit(processes.beat, "beat2", **SWEEPS),
        ]
        for future in started:
            future.result()

    def published(beat: str) -> list[str]:
        return re.findall(SENT, processes.log(beat))

    def ran() -> set[str]:
        return set(re.findall(RAN, processes.log("worker1"))) | set(re.findall(RAN, processes.log("worker2")))

    def logs() -> str:
        return "".join(
            f"\n--- {name} ---\n{processes.log(name)[-4000:]}"
            for name in ("beat1", "beat2", "worker1", "worker2")
        )

    # The waves fall due one after another, each after both beats have published another chase sweep, so the
    # sweeps of both beats meet the same due obligations.
    for wave in waves:
        marks = len(published("beat1")), len(published("beat2"))
        wait_for(
            lambda m=marks: len(published("beat1")) > m[0] and len(published("beat2")) > m[1],
            timeout=60,
            what="a chase sweep from each beat",
            log=logs,
        )
        _release(wave, due_day, reminder_time)

    def all_sent() -> bool:
        return (
            not Obligation.objects.filter(pk__in=all_obligations, next_action_at__lte=timezone.now()).exists()
            and Reminder.objects.filter(obligation_id__in=all_obligations).count()
            == sum(len(w.expected) for w in waves)
            and not Reminder.objects.exclude(outcome="sent").exists()
            and not Notification.objects.filter(
                pk__gt=watermark, wants_email=True, emailed_at__isnull=True
            ).exists()
        )

    wait_for(all_sent, timeout=120, what="every reminder stage sent and mailed", log=logs)
    # Both beats keep sweeping over the finished work (chase and outbox): nothing more may go out.
    marks = len(published("beat1")), len(published("beat2")), processes.count("beat1", OUTBOX_SENT)
    wait_for(
        lambda: (
            len(published("beat1")) >= marks[0] + 2
            and len(published("beat2")) >= marks[1] + 2
            and processes.count("beat1", OUTBOX_SENT) >= marks[2] + 1
        ),
        timeout=60,
        what="two more chase sweeps from each beat",
        log=logs,
    )
    # A beat's log is judged up to the moment it is told to stop: SIGTERM raises SystemExit wherever the beat
    # is, and one caught half-way through publishing a sweep logs the interrupted publish ("I/O operation on
    # closed file" from the Redis socket it was writing to) as a traceback. That message was never sent, which
    # is what a stop means; the schedule and the outbox sweeps are what must run cleanly while the beats live.
    running_logs = {}
    for beat in ("beat1", "beat2"):
        assert processes.procs[beat].poll() is None, f"{beat} died:\n{processes.log(beat)}"
        running_logs[beat] = processes.log(beat)
        processes.stop(beat)
    # Every sweep either beat published is run by a worker before the workers stop.
    sweeps = {"beat1": published("beat1"), "beat2": published("beat2")}
    wait_for(
        lambda: set(sweeps["beat1"]) | set(sweeps["beat2"]) <= ran(),
        timeout=90,
        what="the workers to run every published sweep",
        log=logs,
    )
    processes.stop_all()

    # Both beats really ran: each published its own sweeps, every interval, and all of them ran.
    assert len(sweeps["beat1"]) >= WAVES + 2 and len(sweeps["beat2"]) >= WAVES + 2, sweeps
    assert not set(sweeps["beat1"]) & set(sweeps["beat2"])
    assert processes.count("beat1", OUTBOX_SENT) and processes.count("beat2", OUTBOX_SENT)
    for name, log in (*running_logs.items(), *((w, processes.log(w)) for w in ("worker1", "worker2"))):
        assert "Traceback" not in log, f"{name}:\n{log[-6000:]}"

    # The ledger: each (obligation, recipient, stage) once, sent, nothing else.
    expected = set().union(*(w.expected for w in waves))
    ledger = list(
        Reminder.objects.values_list("obligation_id", "recipient_id", "stage", "outcome", "notification_id")
    )
    assert len(ledger) == len(expected) and {r[:3] for r in ledger} == expected
    assert {r[3] for r in ledger} == {"sent"} and all(r[4] for r in ledger)
    assert set(
        Obligation.objects.filter(pk__in=[pk for w in waves for pk in w.late]).values_list(
            "status", "next_stage"
        )
    ) == {("overdue", "weekly_2")}
    assert set(
        Obligation.objects.filter(pk__in=[pk for w in waves for pk in w.due]).values_list(
            "status", "next_stage"
        )
    ) == {("open", "overdue")}

    # The notifications: no (recipient, obligation, stage) in two digests; every ledger row in its digest, one
    # digest line per ledger row.
    reminders = list(
        Notification.objects.filter(pk__gt=watermark, kind="reporting.reminder").select_related("recipient")
    )
    assert not Notification.objects.filter(pk__gt=watermark).exclude(kind="reporting.reminder").exists()
    notified = Counter(key for n in reminders for key in _lines(n.recipient.email, n.body))
    twice = sorted(key for key, times in notified.items() if times > 1)
    assert not twice, f"{len(twice)} reminders notified more than once, e.g. {twice[:3]}"
    per_digest = Counter(r[4] for r in ledger)
    assert {n.pk: n.body.count("\n") + 1 for n in reminders} == dict(per_digest)

    # The e-mails, read back from the mail files: each notification mailed once, nothing else mailed, and
    # every (recipient, obligation, stage) on exactly one line of one e-mail.
    mails = captured_mail(processes.mail_dir)
    twice = sorted((to, subject) for (to, subject, _body), times in mails.items() if times > 1)
    assert not twice, f"{len(twice)} e-mails sent more than once, e.g. {twice[:3]}"
    assert mails == Counter(
        {
            (
                n.recipient.email,
                " ".join(f"[Thông Suốt] {n.title}".split()),
                f"{n.body}\n\n{email_link(n.url)}".strip(),
            ): 1
            for n in reminders
        }
    )
    mailed_lines: Counter = Counter()
    for (to, _subject, body), times in mails.items():
        for key in _lines(to, body.split("\n\n")[0]):
            mailed_lines[key] += times
    assert set(mailed_lines.values()) == {1}
    assert set(mailed_lines) == set().union(*(w.lines for w in waves))
