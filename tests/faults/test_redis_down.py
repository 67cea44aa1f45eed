"""Redis stopped while people work (issue 8, fault tests).

The web (gunicorn) publishes to a private Redis that the test stops: logging in, the inboxes, a document, the
report form, issuing a document to several units and submitting a report all answer at once and write their
rows. When Redis is back, a worker and beat (outbox sweeps, chase sweep) send every e-mail of those actions
exactly once, the reminders due once, and the ZIP asked for during the outage is made: nothing is lost.

The first tests check the pieces the scenario depends on, in-process: publishing with the broker down is
logged, not raised, and bounded; the outbox sweep enqueues only what is unsent and a row enqueued twice is
mailed once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
from collections import Counter

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from directives.content import Signature
from directives.models import Document, RenderBatch, Status
from directives.services import compose, signing
from directives.services.compose import DraftContent, RecipientLine
from portal.notifications.models import Notification
from portal.notifications.services import email_link, notification_emails_requeue, notify, notify_members
from portal.notifications.tasks import send_notification_emails
from portal.org.models import Membership, Unit
from reporting.models import Obligation, Reminder, Report
from reporting.services import obligations_create_for_document
from tests.conftest import PASSWORD
from tests.faults.conftest import RedisServer, captured_mail, free_port, wait_for
from tests.reporting.conftest import add_requirement, grow, make_document

pytestmark = [pytest.mark.faults]
needs_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL (the web, the worker and the test share the database)",
)
# Reminders at midnight, no quiet hours: the stage "due" of an obligation due today is due now, at any hour.
POLICY = {"reminder_time": "00:00", "quiet_hours": []}
REPORT_FORM = {
    "section_ket_qua_tuyen_truyen": "Tổ chức 2 buổi tuyên truyền.",
    "indicator_so_buoi_tuyen_truyen": "2",
    "indicator_so_luot_nguoi_tham_gia": "150",
    "indicator_so_tin_bai": "",
    "indicator_so_hoi_nghi_quan_triet": "",
}
HTTP_TIMEOUT = 60  # a request held by a dead broker would hit this and fail the test
LONG_AGO = dt.timedelta(minutes=5)
# Beat's sweeps every two seconds, and what they take for lost: an unsent e-mail older than one second, a batch
# still queued after five. The worker reads the last two (it runs the sweeps), beat the first.
SWEEPS = {
    "CHASE_SWEEP_SECONDS": "2",
    "OUTBOX_SWEEP_SECONDS": "2",
    "OUTBOX_GRACE_SECONDS": "1",
    "PDF_BATCH_STALE_SECONDS": "5",
}
OUTBOX_DONE = r"Task notifications\.outbox_sweep\[[^\]]+\] succeeded"


# --- the pieces, in-process ------------------------------------------------------------------------------


@contextlib.contextmanager
def broker_at(url: str):
    """This process's Celery app publishing to url (not eager), its connection pools dropped before and after."""
    from portal.celery import app

    def reset():  # kombu keeps a pool per broker URL: forget ours, so the next publish takes the new URL's
        app._pool = None
        app.amqp._producer_pool = None

    saved = app.conf.broker_url, app.conf.task_always_eager
    reset()
    app.conf.broker_url, app.conf.task_always_eager = url, False
    try:
        yield app
    finally:
        reset()
        app.conf.broker_url, app.conf.task_always_eager = saved


@pytest.mark.django_db(transaction=True)
def test_a_notification_commits_and_is_logged_unsent_when_the_broker_is_down(tcast, caplog):
    with (
        broker_at(f"redis://127.0.0.1:{free_port()}/0"),
        caplog.at_level(logging.WARNING, "portal.lib.queue"),
    ):
        [nid] = notify(user_ids=[tcast.hung.pk], kind="document.received", title="Văn bản đến: 12-KH/LĐLĐ")
        batch = notify_members(
            unit_ids=Unit.objects.filter(pk=tcast.ldld.pk).values("id"),
            roles=None,
            kind="document.received",
            title="Văn bản đến: 13-KH/LĐLĐ",
        )

    n = Notification.objects.get(pk=nid)
    assert (n.emailed_at, n.email_claimed_at, n.email_attempts) == (None, None, 0)
    assert (
        Notification.objects.filter(batch=batch, emailed_at__isnull=True).count() == 4
    )  # mai, hung, thu, son
    assert "not enqueued" in caplog.text
    assert "send_notification_emails" in caplog.text and "send_notification_batch" in caplog.text


def _rows(cast, title: str, **state) -> int:
    """One notification for Sơn written as the outbox would hold it (no message published)."""
    [nid] = notify(user_ids=[cast.son.pk], kind="t", title=title, email=False)
    Notification.objects.filter(pk=nid).update(
        **{"wants_email": True, "created_at": timezone.now() - LONG_AGO, **state}
    )
    return nid


def test_the_outbox_sweep_enqueues_only_unsent_rows_and_mails_each_once(cast, eager_here, settings):
    settings.NOTIFICATION_EMAIL_MAX_RETRIES = 5
    lost = [_rows(cast, "Tin nhắn bị mất 1"), _rows(cast, "Tin nhắn bị mất 2")]
    stale = _rows(
        cast, "Người gửi đã chết", email_claimed_at=timezone.now() - dt.timedelta(hours=1), email_attempts=1
    )
    skipped = [
        _rows(cast, "Đã gửi", emailed_at=timezone.now()),
        _rows(cast, "Mới ghi", created_at=timezone.now()),  # its own message is still in flight
        _rows(cast, "Không gửi thư", wants_email=False),
        _rows(cast, "Đang gửi", email_claimed_at=timezone.now()),  # a live worker holds it
        _rows(cast, "Hết lượt thử", email_attempts=6),  # retries exhausted (SMTP kept refusing)
    ]

    assert notification_emails_requeue(older_than=dt.timedelta(minutes=1)) == 3  # eager: sent now
    assert sorted(m.subject for m in mail.outbox) == [
        "[Thông Suốt] Người gửi đã chết",
        "[Thông Suốt] Tin nhắn bị mất 1",
        "[Thông Suốt] Tin nhắn bị mất 2",
    ]
    assert Notification.objects.filter(pk__in=[*lost, stale], emailed_at__isnull=False).count() == 3

    # A second sweep, or a duplicate message for every row, sends nothing more.
    assert notification_emails_requeue(older_than=dt.timedelta(minutes=1)) == 0
    assert send_notification_emails(notification_ids=[*lost, stale, skipped[0], skipped[2]]) == 0
    assert len(mail.outbox) == 3


def test_the_render_batch_sweep_publishes_only_abandoned_batches(cast, eager_here, settings, monkeypatch):
    from directives.services import batch as batches

    settings.PDF_BATCH_STALE_SECONDS = 60
    doc = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
    old = timezone.now() - LONG_AGO
    users = [cast.hung, cast.mai, cast.thu, cast.son, cast.admin]
    rows = {
        name: RenderBatch.objects.create(requested_by=u, document=doc, entries=[], status=status)
        for name, u, status in [
            ("lost", users[0], "queued"),
            ("fresh", users[1], "queued"),
            ("dead", users[2], "running"),
            ("alive", users[3], "running"),
            ("done", users[4], "done"),
        ]
    }
    RenderBatch.objects.filter(pk__in=[rows["lost"].pk, rows["dead"].pk, rows["done"].pk]).update(
        created_at=old
    )
    RenderBatch.objects.filter(pk=rows["dead"].pk).update(heartbeat_at=old)
    RenderBatch.objects.filter(pk=rows["alive"].pk).update(heartbeat_at=timezone.now(), created_at=old)
    published = []
    monkeypatch.setattr(batches, "_enqueue", lambda batch_id: published.append(batch_id) or True)

    assert batches.render_batch_requeue_abandoned() == 2
    assert published == [rows["lost"].pk, rows["dead"].pk]


def test_publishing_to_a_stopped_redis_is_given_up_and_resumes_when_it_returns(tmp_path):
    """The web's own Celery app, pointed at a private Redis that is stopped and started again."""
    from portal.lib.queue import enqueue
    from reporting.tasks import chase_sweep

    server = RedisServer(tmp_path / "redis")
    server.start()
    try:
        with broker_at(server.url):
            assert enqueue(chase_sweep)
            server.stop()
            assert not enqueue(chase_sweep)  # refused, retried briefly, given up: logged, not raised
            server.start()
            assert enqueue(chase_sweep)  # the pool reconnects by itself
            assert server.queue_length("celery") == 1  # the first message went with the stopped server
    finally:
        server.stop()


# --- the scenario, real processes ------------------------------------------------------------------------


class Person:
    """One browser-less user of the web: a requests session that logs in with the form, CSRF and all."""

    def __init__(self, base: str, username: str):
        self.base, self.http = base, requests.Session()
        self.answers: list[tuple[str, str, int]] = []
        page = self.get("/dang-nhap/")
        response = self.post("/dang-nhap/", {"username": username, "password": PASSWORD}, page=page)
        assert response.headers.get("Location") in ("/", "/?"), f"{username} could not log in"

    def _csrf(self, html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def get(self, path: str) -> str:
        response = self.http.get(self.base + path, timeout=HTTP_TIMEOUT, allow_redirects=False)
        self.answers.append(("GET", path, response.status_code))
        assert response.status_code == 200, f"GET {path}: {response.status_code}"
        return response.text

    def post(self, path: str, data: dict, *, page: str) -> requests.Response:
        response = self.http.post(
            self.base + path,
            data={**data, "csrfmiddlewaretoken": self._csrf(page)},
            timeout=HTTP_TIMEOUT,
            allow_redirects=False,
        )
        self.answers.append(("POST", path, response.status_code))
        assert response.status_code in (302, 303), (
            f"POST {path}: {response.status_code}\n{response.text[:2000]}"
        )
        return response


def _plan_to_units(cast, unit_ids: list[int]) -> Document:
    """Mai (LĐLĐ tỉnh) drafts a plan to the district unions and grassroots units and submits it to Hùng."""
    doc = compose.document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="KH")
    content = DraftContent(
        doc_type="KH",
        subject="Kế hoạch tuyên truyền Tháng Công nhân năm 2025",
        opening="Thực hiện Kế hoạch của Tổng Liên đoàn Lao động Việt Nam về Tháng Công nhân năm 2025.",
        body=[{"heading": "MỤC ĐÍCH, YÊU CẦU", "text": "Tuyên truyền rộng rãi trong công nhân lao động."}],
        signature=Signature(
            authority="TM", authority_body="BAN THƯỜNG VỤ", title="CHỦ TỊCH", name="Nguyễn Mạnh Hùng"
        ),
        recipients=[
            RecipientLine(label=f"Đơn vị {uid}", purpose="thuc_hien", unit_id=uid) for uid in unit_ids
        ]
        + [RecipientLine(label="Lưu VP", purpose="luu", selection="none")],
    )
    doc = compose.document_save_draft(actor=cast.mai, document=doc, content=content)
    return signing.document_submit(actor=cast.mai, document=doc)


def _reporters(unit_ids: list[int], tag: str) -> list:
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(username=f"{tag}{i}", email=f"{tag}{i}@thongsuot.test", password="!")
            for i in range(len(unit_ids))
        ]
    )
    Membership.objects.bulk_create(
        [Membership(user=u, unit_id=uid, role="reporter") for u, uid in zip(users, unit_ids, strict=True)]
    )
    return users


@needs_postgresql
@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_redis_stopped_while_people_work_loses_nothing(tcast, eager_here, private_redis, processes):
    cast = tcast
    # The scene: grassroots units with a reporter each, a plan waiting for Hùng's signature to them and to
    # the district unions, one reminder stage due now for three units, and Tuấn's report to write.
    grassroots = grow(cast.yenthe, 3, prefix="bh")
    reporters = _reporters(grassroots, "cdcs-bh")
    plan = _plan_to_units(cast, [cast.yenthe.pk, cast.tanyen.pk, cast.cdcs.pk, *grassroots])
    chased = make_document(issuer=cast.yenthe, recipients=grassroots)
    add_requirement(
        chased, frequency="once", to_unit=cast.yenthe, due_date=timezone.localdate(), reminder_policy=POLICY
    )
    obligations_create_for_document(document=chased, actor=cast.binh)
    due = list(Obligation.objects.filter(requirement__document=chased).values_list("pk", flat=True))
    midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(0, 0)))
    Obligation.objects.filter(pk__in=due).update(next_action_at=midnight, next_stage="due")
    to_write = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
    add_requirement(
        to_write, frequency="once", to_unit=cast.yenthe, due_date=timezone.localdate() + dt.timedelta(days=20)
    )
    obligations_create_for_document(document=to_write, actor=cast.binh)
    ob = Obligation.objects.get(requirement__document=to_write, unit=cast.cdcs)
    watermark = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    base = processes.web()
    private_redis.stop()

    # Redis is down. Hùng signs and issues the plan to six units, and asks for the cascade's ZIP.
    hung = Person(base, "hung")
    hung.get("/thong-bao/")
    hung.get("/van-ban/den/")
    page = hung.get(f"/van-ban/{plan.pk}/")
    hung.post(f"/van-ban/{plan.pk}/ban-hanh/", {"xac_nhan": "1"}, page=page)  # the confirmation page's form
    page = hung.get(f"/van-ban/{plan.pk}/")
    to_batch = hung.post(f"/van-ban/{plan.pk}/tai-tat-ca/", {}, page=page)
    hung.get(to_batch.headers["Location"])
    # Khánh, the CĐCS's chairman, opens his inbox, the plan that reached his unit, and writes, signs and sends the
    # report (sending up is the signer's act, issue 17).
    tuan = Person(base, "khanh")
    tuan.get("/thong-bao/")
    tuan.get("/van-ban/den/")
    tuan.get(f"/van-ban/{plan.pk}/")
    page = tuan.get(f"/bao-cao/nghia-vu/{ob.pk}/soan/")
    version = re.search(r'name="version" id="report-version" value="(\d+)"', page).group(
        1
    )  # as the form sends it
    tuan.post(
        f"/bao-cao/nghia-vu/{ob.pk}/soan/", {**REPORT_FORM, "action": "nop", "version": version}, page=page
    )
    tuan.get(f"/bao-cao/nghia-vu/{ob.pk}/")

    # Every action answered and wrote its rows; the messages were refused, logged and left to the outbox.
    plan.refresh_from_db()
    assert plan.status == Status.ISSUED
    assert Report.objects.get(obligation=ob).state == "submitted"
    batch = RenderBatch.objects.get(document=plan)
    assert batch.status == RenderBatch.Status.QUEUED
    scenario = Notification.objects.filter(pk__gt=watermark)
    received = set(scenario.filter(kind="document.received").values_list("recipient__username", flat=True))
    assert received == {"binh", "tuan", "khanh", *(u.username for u in reporters)}
    assert scenario.filter(kind="reporting.report_submitted", recipient=cast.binh).exists()
    assert not scenario.filter(emailed_at__isnull=False).exists()
    assert "not enqueued" in processes.log("web") and "send_notification_batch" in processes.log("web")
    assert not Reminder.objects.filter(obligation_id__in=due).exists()

    # Redis is back (empty: it kept nothing). A worker and beat start; beat's sweeps do the rest.
    private_redis.start()
    processes.worker("worker", **SWEEPS)
    processes.beat("beat", **SWEEPS)

    def all_done() -> bool:
        return (
            not Notification.objects.filter(
                pk__gt=watermark, wants_email=True, emailed_at__isnull=True
            ).exists()
            and Reminder.objects.filter(obligation_id__in=due, outcome="sent").count() == len(due)
            and RenderBatch.objects.filter(pk=batch.pk, status=RenderBatch.Status.DONE).exists()
        )

    logs = lambda: processes.log("worker")[-6000:] + processes.log("beat")[-3000:]  # noqa: E731
    wait_for(all_done, timeout=150, what="the e-mails, reminders and ZIP after Redis returned", log=logs)
    # Two more outbox sweeps after everything went out: they find nothing left to send.
    runs = processes.count("worker", OUTBOX_DONE)
    wait_for(
        lambda: processes.count("worker", OUTBOX_DONE) >= runs + 2,
        timeout=60,
        what="two more outbox sweeps",
        log=logs,
    )

    expected = Counter()
    for n in Notification.objects.filter(pk__gt=watermark, wants_email=True).select_related("recipient"):
        assert n.emailed_at is not None and n.email_error == "", (n.title, n.email_error)
        expected[
            (
                n.recipient.email,
                " ".join(f"[Thông Suốt] {n.title}".split()),
                f"{n.body}\n\n{email_link(n.url)}".strip(),
            )
        ] += 1
    assert captured_mail(processes.mail_dir) == expected  # each once; nothing else
    kinds = Counter(scenario.values_list("kind", flat=True))
    assert kinds["document.received"] == len(received) and kinds["reporting.reminder"] == len(due)
    reminded = set(scenario.filter(kind="reporting.reminder").values_list("recipient__username", flat=True))
    assert reminded == {u.username for u in reporters}
    assert set(Reminder.objects.filter(obligation_id__in=due).values_list("stage", "outcome")) == {
        ("due", "sent")
    }
