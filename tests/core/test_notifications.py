"""Notifications (issue 2, item 5): the inbox, the unread badge, and e-mail sent by Celery after commit.

The e-mail test runs a real Celery worker process against the test database and the
Redis from the environment; the mail it sends is captured by Django's file backend.
"""

from __future__ import annotations

import email
import email.policy
import os
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, transaction
from django.urls import reverse

from portal.notifications.models import Notification
from portal.notifications.services import notify
from portal.notifications.tasks import EmailNotSent, send_notification_emails

TITLE = "Văn bản mới: Hướng dẫn 97-HD/BTGTU về thông tin đối ngoại năm 2024"
BODY = "Ban Tuyên giáo Tỉnh ủy Bắc Giang đã gửi văn bản cần thực hiện. Hạn báo cáo: trước ngày 15/12/2024."


def badge(client) -> str | None:
    page = client.get(reverse("notifications:inbox")).content.decode()
    marker = 'data-testid="unread-count">'
    return page.split(marker, 1)[1].split("<", 1)[0] if marker in page else None


@pytest.fixture
def eager_celery():
    """Run tasks in-process for the duration of one test (the worker test below uses the real thing)."""
    from portal.celery import app

    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = False


# --- the service and the inbox ------------------------------------------------------------------------


def test_it_creates_every_notification_in_one_insert(cast, django_assert_num_queries):
    people = get_user_model().objects.bulk_create(
        get_user_model()(username=f"cdcs{i:03}", email=f"cdcs{i:03}@thongsuot.test") for i in range(60)
    )

    with django_assert_num_queries(1):
        ids = notify(
            user_ids=[u.pk for u in people] + [cast.hung.pk],
            kind="directive.received",
            title=TITLE,
            body=BODY,
            url="/don-vi/",
        )

    assert len(ids) == 61
    assert Notification.objects.filter(pk__in=ids, read_at=None, kind="directive.received").count() == 61


def test_it_shows_the_unread_count_in_the_page_header(cast, login):
    client = login(cast.hung)
    assert badge(client) is None

    ids = notify(user_ids=[cast.hung.pk], kind="t", title=TITLE, email=False)
    notify(user_ids=[cast.hung.pk, cast.mai.pk], kind="t", title="Nhắc hạn báo cáo 6 tháng", email=False)
    assert badge(client) == "2"

    client.post(reverse("notifications:open", args=[ids[0]]))
    assert badge(client) == "1"
    client.post(reverse("notifications:mark_all_read"))
    assert badge(client) is None
    assert badge(login(cast.mai)) == "1"


def test_it_marks_a_notification_read_when_opened_and_follows_a_local_link(cast, login):
    [nid] = notify(
        user_ids=[cast.hung.pk], kind="t", title=TITLE, url=f"/don-vi/{cast.ldld.pk}/", email=False
    )

    response = login(cast.hung).post(reverse("notifications:open", args=[nid]))

    assert response.status_code == 302 and response["Location"] == f"/don-vi/{cast.ldld.pk}/"
    assert Notification.objects.get(pk=nid).read_at is not None


@pytest.mark.parametrize(
    "url", ["https://lua-dao.example/dang-nhap/", "//lua-dao.example/", "javascript:alert(1)"]
)
def test_it_never_redirects_off_site_when_a_notification_is_opened(cast, login, url):
    [nid] = notify(user_ids=[cast.hung.pk], kind="t", title=TITLE, url=url, email=False)

    response = login(cast.hung).post(reverse("notifications:open", args=[nid]))

    assert response.status_code == 302 and response["Location"] == reverse("notifications:inbox")


def test_it_opens_notifications_only_by_post(cast, login):
    [nid] = notify(user_ids=[cast.hung.pk], kind="t", title=TITLE, email=False)
    assert login(cast.hung).get(reverse("notifications:open", args=[nid])).status_code == 405
    assert Notification.objects.get(pk=nid).read_at is None


def test_it_never_shows_one_users_notifications_to_another(cast, login):
    [secret] = notify(user_ids=[cast.hung.pk], kind="t", title="Chỉ dành cho Chủ tịch LĐLĐ tỉnh", email=False)
    notify(user_ids=[cast.charlie.pk], kind="t", title="Thông báo của Đảng ủy xã Bản Lang", email=False)
    client = login(cast.charlie)

    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Thông báo của Đảng ủy xã Bản Lang" in page
    assert "Chỉ dành cho Chủ tịch LĐLĐ tỉnh" not in page

    assert client.post(reverse("notifications:open", args=[secret])).status_code == 404
    client.post(reverse("notifications:mark_all_read"))
    assert Notification.objects.get(pk=secret).read_at is None


def test_it_sends_an_anonymous_visitor_to_log_in(cast, client):
    [nid] = notify(user_ids=[cast.hung.pk], kind="t", title=TITLE, email=False)
    for response in (
        client.get(reverse("notifications:inbox")),
        client.post(reverse("notifications:open", args=[nid])),
    ):
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    assert Notification.objects.get(pk=nid).read_at is None


def test_it_keeps_the_inbox_query_count_flat(cast, login, django_assert_max_num_queries):
    client = login(cast.hung)
    notify(user_ids=[cast.hung.pk], kind="t", title=TITLE, email=False)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("notifications:inbox"))
    for i in range(40):
        notify(user_ids=[cast.hung.pk], kind="t", title=f"Nhắc việc số {i}", email=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("notifications:inbox"))


# --- e-mail after commit --------------------------------------------------------------------------------


def test_it_emails_only_after_the_transaction_commits(tcast, eager_celery):
    with transaction.atomic():
        [nid] = notify(user_ids=[tcast.hung.pk], kind="t", title=TITLE, body=BODY)
        assert mail.outbox == []  # still inside the transaction

    assert [m.to for m in mail.outbox] == [["hung@thongsuot.test"]]
    assert mail.outbox[0].subject == f"[Thông Suốt] {TITLE}"
    assert Notification.objects.get(pk=nid).emailed_at is not None


def test_it_sends_nothing_when_the_transaction_rolls_back(tcast, eager_celery):
    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        notify(user_ids=[tcast.hung.pk, tcast.mai.pk], kind="t", title=TITLE, body=BODY)
        raise Refused

    assert mail.outbox == []
    assert not Notification.objects.exists()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_it_releases_the_claim_when_smtp_is_down_so_a_retry_can_send(cast, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 3
    [nid] = notify(user_ids=[cast.hung.pk], kind="t", title=TITLE, body=BODY)

    with pytest.raises(EmailNotSent):
        send_notification_emails(notification_ids=[nid])

    n = Notification.objects.get(pk=nid)
    assert (n.email_claimed_at, n.emailed_at, n.email_attempts) == (None, None, 1)
    assert "refused" in n.email_error.lower() or "111" in n.email_error

    # The retry claims the row again, and counts a second attempt.
    with pytest.raises(EmailNotSent):
        send_notification_emails(notification_ids=[nid])
    assert Notification.objects.get(pk=nid).email_attempts == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_notification_emails(notification_ids=[nid]) == 1
    n.refresh_from_db()
    assert n.emailed_at is not None and n.email_error == "" and n.email_attempts == 3
    assert send_notification_emails(notification_ids=[nid]) == 0  # sent once, never twice
    assert len(mail.outbox) == 1


def test_it_does_not_email_a_recipient_without_an_address(cast):
    cast.tuan.email = ""
    cast.tuan.save(update_fields=["email"])
    [nid] = notify(user_ids=[cast.tuan.pk], kind="t", title=TITLE)

    assert send_notification_emails(notification_ids=[nid]) == 0
    assert mail.outbox == []
    assert Notification.objects.get(pk=nid).email_error == "Người nhận không có thư điện tử."


# --- the real worker --------------------------------------------------------------------------------------


def worker_env(mail_dir: Path, data_dir: Path) -> dict[str, str]:
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    url = f"postgresql://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "CELERY_", "DJANGO_DEBUG"))}
    env.update(
        DATABASE_URL=url,
        EMAIL_FILE_PATH=str(mail_dir),
        THONGSUOT_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="portal.settings",
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.mark.celery_worker
def test_it_emails_through_a_real_celery_worker(tcast, tmp_path):
    if not os.environ.get("REDIS_URL"):
        pytest.skip(
            "REDIS_URL chưa đặt: kiểm thử worker thật cần Redis (scripts/test.sh tự khởi động Redis)."
        )
    if connection.vendor != "postgresql":
        pytest.skip("Kiểm thử worker thật cần PostgreSQL để hai tiến trình dùng chung cơ sở dữ liệu.")
    from portal.celery import app

    assert app.conf.task_always_eager is False
    assert os.environ["REDIS_URL"] == settings.CELERY_BROKER_URL
    mail_dir, log_path = tmp_path / "mail", tmp_path / "worker.log"
    with open(log_path, "wb") as log:
        worker = subprocess.Popen(
            [
                str(Path(settings.BASE_DIR) / ".venv/bin/celery"),
                "-A",
                "portal",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "-Q",
                "celery",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
                "--loglevel=INFO",
            ],
            cwd=settings.BASE_DIR,
            env=worker_env(mail_dir, tmp_path / "data"),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        [nid] = notify(
            user_ids=[tcast.hung.pk], kind="directive.received", title=TITLE, body=BODY, url="/thong-bao/"
        )  # autocommit: on_commit publishes to Redis at once
        n = Notification.objects.get(pk=nid)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (n.emailed_at and list(mail_dir.glob("*.log"))):
            assert worker.poll() is None, f"worker died:\n{log_path.read_text(errors='replace')}"
            time.sleep(0.5)
            n.refresh_from_db()
        assert n.emailed_at is not None, f"no e-mail in 60 s:\n{log_path.read_text(errors='replace')}"
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()

    [captured] = list(mail_dir.glob("*.log"))
    raw = captured.read_bytes().split(b"\n" + b"-" * 79, 1)[0]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"] == "hung@thongsuot.test"
    # Python folds a long encoded subject onto a continuation line; unfolding leaves the leading blank.
    assert message["Subject"].strip() == f"[Thông Suốt] {TITLE}"
    # The link is absolute (PORTAL_BASE_URL): a mail client cannot follow the portal's own path.
    assert message.get_content().strip() == f"{BODY}\n\n{settings.PORTAL_BASE_URL}/thong-bao/"
    assert (n.email_attempts, n.email_claimed_at is not None, n.email_error) == (1, True, "")
