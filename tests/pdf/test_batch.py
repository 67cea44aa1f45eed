"""Tải toàn bộ văn bản triển khai (issue 4, item 3): every implementing document of a cascade as one ZIP,
made by a Celery task with a progress bar — and each issued PDF produced once, even when a worker dies.

The cascade here: Hạnh's guidance (BTGTU) → Mai's plan for LĐLĐ tỉnh (signed by Hùng) → plans of the
grassroots unions under LĐLĐ tỉnh, which all number their plan "01/KH-CĐCS". Hùng asks for the ZIP.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pypdf
import pytest
import redis
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from directives import rendering
from directives.cascade import cascade_entries, cascade_of
from directives.errors import BatchRefused
from directives.models import Delivery, Document, RenderBatch, Status
from directives.services import batch as batches
from directives.services import compose, derive, signing
from directives.tasks import render_batch, render_batch_assist
from portal.audit.models import Event
from portal.org.models import Unit
from tests.directives.test_issue import guidance
from tests.reporting.conftest import grow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- the cascade ------------------------------------------------------------------------------------


def issued_cascade(
    cast, *, grassroots: int, root_pdf: bool = True
) -> tuple[Document, Document, list[Document]]:
    """The guidance (its PDF stored at issue when root_pdf), LĐLĐ's plan issued without a PDF, and
    one implementing plan per grassroots union (entered as issued, no PDF yet)."""
    root = signing.document_issue(actor=cast.hanh, document=guidance(cast), render=root_pdf)
    draft = derive.document_derive(actor=cast.mai, delivery=Delivery.objects.get(document=root))
    content = compose.content_of(draft)
    content.signature = replace(content.signature, title="PHÓ CHỦ TỊCH", name="Nguyễn Mạnh Hùng")
    plan = signing.document_issue(
        actor=cast.hung,
        render=False,
        document=compose.document_save_draft(actor=cast.mai, document=draft, content=content),
    )
    now = timezone.now()
    plans = []
    for unit in Unit.objects.filter(pk__in=grow(cast.ldld, grassroots, prefix="cdcs")).order_by("path"):
        doc = Document.objects.create(
            doc_type="KH",
            issuer=unit,
            status=Status.ISSUED,
            number=1,
            number_symbol="01/KH-CĐCS",
            issue_date=timezone.localdate(),
            issued_at=now,
            issuer_snapshot={"name": unit.name},
            place="Bắc Giang",
            subject=f"Triển khai thực hiện Kế hoạch số {plan.number_symbol} về công tác thông tin đối ngoại",
            opening=f"Thực hiện Kế hoạch số {plan.number_symbol} của Liên đoàn Lao động tỉnh, {unit.name} "
            "xây dựng kế hoạch triển khai như sau:",
            body=[
                {"heading": "MỤC ĐÍCH, YÊU CẦU", "text": "<p>Đoàn viên nắm được chủ trương của Đảng.</p>"},
                {"heading": "TỔ CHỨC THỰC HIỆN", "text": "<p>Ban Chấp hành phân công thực hiện.</p>"},
            ],
            signer_authority="TM",
            signer_authority_body="BAN CHẤP HÀNH",
            signer_title="CHỦ TỊCH",
            signer_name="Lê Văn Ba",
        )
        Delivery.objects.create(
            document=plan, unit=unit, purpose="thuc_hien", delivered_at=now, implemented_by=doc
        )
        plans.append(doc)
    return root, plan, plans


def expected_ids(root: Document) -> set[int]:
    """What the cascade page shows: the root and every implementing document, level by level."""
    ids = {root.pk}
    for level in cascade_of(root).levels:
        ids |= {row.delivery.implemented_by_id for row in level.rows if row.delivery.implemented_by_id}
    return ids


def wait_until_finished(batch_id: int, *, timeout: float, poll: float = 0.1) -> RenderBatch:
    """Poll until the batch is done or failed (or the time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        batch = RenderBatch.objects.get(pk=batch_id)
        if not batch.is_active or time.monotonic() > deadline:
            return batch
        time.sleep(poll)


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def request_batch(actor, document, django_capture_on_commit_callbacks) -> RenderBatch:
    """The service, with the Celery message it would publish after commit captured, not sent."""
    with django_capture_on_commit_callbacks() as enqueued:
        batch = batches.render_batch_request(actor=actor, document=document)
    assert len(enqueued) == 1
    return batch


@pytest.fixture
def count_renders(monkeypatch):
    """Count calls of the render function (issued_pdf_store looks it up in directives.rendering)."""
    calls: Counter = Counter()
    real = rendering.document_pdf_bytes

    def counting(document, **kwargs):
        calls[document.pk] += 1
        return real(document, **kwargs)

    monkeypatch.setattr(rendering, "document_pdf_bytes", counting)
    return calls


# --- the eager path ---------------------------------------------------------------------------------


def test_it_zips_the_document_and_every_implementing_document(cast, django_capture_on_commit_callbacks):
    root, plan, plans = issued_cascade(cast, grassroots=4)
    batch = request_batch(cast.hung, root, django_capture_on_commit_callbacks)
    assert (batch.status, batch.total, batch.done) == ("queued", 6, 0)
    assert [e["depth"] for e in batch.entries] == [0, 1, 2, 2, 2, 2]

    assert render_batch(batch.pk) == "done"

    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.attempts, batch.error) == ("done", 6, 1, "")
    files = unzip(batch.zip_file.read())
    pdfs = {name: data for name, data in files.items() if name.endswith(".pdf")}
    assert len(pdfs) == len(expected_ids(root)) == 6
    for name, data in pdfs.items():
        assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 1, name
    # File names are the number-symbols; four unions numbered their plan alike and are told apart by unit.
    assert "01-HD_BTGTU.pdf" in pdfs and f"{plan.number_symbol.replace('/', '_')}.pdf" in pdfs
    assert "01_KH-CĐCS.pdf" in pdfs
    assert sum(name.startswith("01_KH-CĐCS (") for name in pdfs) == 3
    # Every PDF in the ZIP is the stored file, byte for byte.
    stored = {d.pdf_sha256 for d in Document.objects.filter(pk__in=expected_ids(root))}
    assert {hashlib.sha256(data).hexdigest() for data in pdfs.values()} == stored

    index = files["index.txt"].decode("utf-8-sig")
    assert "TẢI TOÀN BỘ VĂN BẢN TRIỂN KHAI" in index
    assert "Văn bản gốc: Hướng dẫn số 01-HD/BTGTU" in index and "Người yêu cầu: Nguyễn Mạnh Hùng" in index
    assert "Số văn bản: 6" in index and "[Cấp 2] 01_KH-CĐCS" in index
    assert index.count("SHA-256: ") == 6
    assert Event.objects.filter(
        action="render_batch.requested", actor=cast.hung, object_id=str(batch.pk)
    ).exists()
    assert Event.objects.filter(action="render_batch.done", object_id=str(batch.pk)).exists()


def test_it_collects_the_cascade_with_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    root, _, _ = issued_cascade(cast, grassroots=2)
    hung = type(cast.hung).objects.get(pk=cast.hung.pk)
    with django_assert_max_num_queries(6) as few:
        assert len(cascade_entries(root, user=hung)) == 4
    root2, _, _ = issued_cascade(cast, grassroots=30, root_pdf=False)  # fifteen times wider, same cost
    hung = type(cast.hung).objects.get(pk=cast.hung.pk)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(cascade_entries(root2, user=hung)) == 32


def test_it_leaves_out_what_the_requester_cannot_see(cast, django_capture_on_commit_callbacks):
    root, plan, _ = issued_cascade(cast, grassroots=3)
    # Lan (drafter at BTGTU) sees her guidance and the plan sent back to BTGTU, not the unions' own plans.
    batch = request_batch(cast.lan, root, django_capture_on_commit_callbacks)
    assert [e["id"] for e in batch.entries] == [root.pk, plan.pk]


# --- produced once --------------------------------------------------------------------------------


def test_a_stored_pdf_is_never_rendered_again(cast, count_renders, django_capture_on_commit_callbacks):
    root, plan, plans = issued_cascade(cast, grassroots=3)
    root_sha, root_file = root.pdf_sha256, root.pdf.name
    assert root_sha and not plan.pdf
    count_renders.clear()  # the guidance was rendered once, at issue

    render_batch(request_batch(cast.hung, root, django_capture_on_commit_callbacks).pk)

    # Only the four documents without a stored file were rendered, once each; the guidance was not.
    assert count_renders == Counter({d.pk: 1 for d in [plan, *plans]})
    root.refresh_from_db()
    assert (root.pdf_sha256, root.pdf.name) == (root_sha, root_file)
    shas = dict(Document.objects.filter(pk__in=expected_ids(root)).values_list("pk", "pdf_sha256"))

    # A second batch (and a helper that arrives late) renders nothing at all.
    second = request_batch(cast.hung, root, django_capture_on_commit_callbacks)
    assert RenderBatch.objects.count() == 2
    assert render_batch(second.pk) == "done"
    assert render_batch_assist(second.pk) == 0
    assert sum(count_renders.values()) == 4
    assert dict(Document.objects.filter(pk__in=shas).values_list("pk", "pdf_sha256")) == shas


def test_the_rerun_of_a_finished_batch_changes_nothing(
    cast, count_renders, django_capture_on_commit_callbacks
):
    root, _, _ = issued_cascade(cast, grassroots=2)
    batch = request_batch(cast.hung, root, django_capture_on_commit_callbacks)
    render_batch(batch.pk)
    batch.refresh_from_db()
    before = (batch.zip_file.name, batch.finished_at, sum(count_renders.values()))

    assert render_batch(batch.pk) == "finished"  # the message delivered twice

    batch.refresh_from_db()
    assert (batch.zip_file.name, batch.finished_at, sum(count_renders.values())) == before
    assert batch.attempts == 1


def test_a_live_worker_keeps_its_batch_and_a_dead_ones_batch_is_taken_over(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.PDF_BATCH_STALE_SECONDS = 120
    root, _, _ = issued_cascade(cast, grassroots=1)
    batch = request_batch(cast.hung, root, django_capture_on_commit_callbacks)
    RenderBatch.objects.filter(pk=batch.pk).update(
        status="running", claim_token="other", attempts=1, heartbeat_at=timezone.now()
    )
    assert batches.render_batch_run(batch_id=batch.pk) == "busy"

    RenderBatch.objects.filter(pk=batch.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=3))
    assert batches.render_batch_run(batch_id=batch.pk) == "done"
    batch.refresh_from_db()
    assert (batch.status, batch.attempts) == ("done", 2)


def test_a_second_click_follows_the_batch_already_queued(cast, django_capture_on_commit_callbacks):
    root, _, _ = issued_cascade(cast, grassroots=1)
    first = request_batch(cast.hung, root, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks() as enqueued:
        again = batches.render_batch_request(actor=cast.hung, document=root)
    assert again.pk == first.pk and enqueued == []
    assert RenderBatch.objects.count() == 1

    # Nothing has touched it for longer than a heartbeat may lapse (its message was lost): send it again.
    RenderBatch.objects.filter(pk=first.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    with django_capture_on_commit_callbacks() as enqueued:
        assert batches.render_batch_request(actor=cast.hung, document=root).pk == first.pk
    assert len(enqueued) == 1 and RenderBatch.objects.count() == 1


def test_a_render_error_fails_the_batch_with_a_message(
    cast, monkeypatch, login, django_capture_on_commit_callbacks
):
    root, plan, _ = issued_cascade(cast, grassroots=1)

    def broken(document, **kwargs):
        raise ValueError("phông chữ hỏng")

    monkeypatch.setattr(rendering, "document_pdf_bytes", broken)
    batch = request_batch(cast.hung, root, django_capture_on_commit_callbacks)
    assert render_batch(batch.pk) == "failed"

    batch.refresh_from_db()
    assert batch.status == "failed" and not batch.zip_file
    assert batch.error == f"Không tạo được tệp PDF của văn bản {plan.number_symbol}: phông chữ hỏng"
    client = login(cast.hung)
    page = client.get(reverse("directives:batch", args=[batch.pk])).content.decode()
    assert "phông chữ hỏng" in page and 'hx-trigger="every 1s"' not in page
    assert client.get(reverse("directives:batch_download", args=[batch.pk])).status_code == 404


# --- the pages ------------------------------------------------------------------------------------


def test_the_requester_follows_the_progress_bar_and_downloads_the_zip(
    cast, login, django_capture_on_commit_callbacks
):
    root, _, _ = issued_cascade(cast, grassroots=2)
    client = login(cast.hung)
    assert (
        "Tải toàn bộ văn bản triển khai (ZIP)"
        in client.get(reverse("directives:cascade", args=[root.pk])).content.decode()
    )

    with django_capture_on_commit_callbacks() as enqueued:
        response = client.post(reverse("directives:batch_request", args=[root.pk]))
    batch = RenderBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/van-ban/lo/{batch.pk}/"
    assert len(enqueued) == 1

    page = client.get(response["Location"]).content.decode()
    assert '<progress value="0" max="4">' in page
    assert f'hx-get="/van-ban/lo/{batch.pk}/" hx-trigger="every 1s"' in page
    assert "Tải tệp ZIP" not in page

    render_batch(batch.pk)

    fragment = client.get(f"/van-ban/lo/{batch.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and '<progress value="4" max="4">' in fragment
    assert "hx-trigger" not in fragment  # done: the polling stops
    assert f'href="/van-ban/lo/{batch.pk}/tai/"' in fragment
    download = client.get(f"/van-ban/lo/{batch.pk}/tai/")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert "van-ban-trien-khai-01-HD_BTGTU.zip" in download["Content-Disposition"]
    assert len([n for n in unzip(b"".join(download.streaming_content)) if n.endswith(".pdf")]) == 4


def test_only_the_requester_and_the_system_admin_see_a_batch(cast, login, django_capture_on_commit_callbacks):
    root, _, _ = issued_cascade(cast, grassroots=1)
    batch = request_batch(cast.hung, root, django_capture_on_commit_callbacks)
    render_batch(batch.pk)
    page, download = (
        reverse("directives:batch", args=[batch.pk]),
        reverse("directives:batch_download", args=[batch.pk]),
    )
    # Charlie is an outsider; Mai can read the documents but did not ask for this batch.
    for user in (cast.charlie, cast.mai):
        client = login(user)
        assert client.get(page).status_code == 404
        assert client.get(download).status_code == 404
    assert login(cast.admin).get(download).status_code == 200


def test_an_outsider_cannot_ask_for_the_zip_of_a_document_they_cannot_see(cast, login):
    root, _, _ = issued_cascade(cast, grassroots=1)
    assert login(cast.charlie).post(reverse("directives:batch_request", args=[root.pk])).status_code == 404
    with pytest.raises(BatchRefused):
        batches.render_batch_request(actor=cast.charlie, document=root)
    assert not RenderBatch.objects.exists()


def test_a_draft_has_no_zip_to_download(cast, login):
    draft = guidance(cast)
    response = login(cast.lan).post(reverse("directives:batch_request", args=[draft.pk]), follow=True)
    assert "Chỉ tải được văn bản đã ban hành trên hệ thống." in response.content.decode()
    assert not RenderBatch.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(cast, client, django_capture_on_commit_callbacks):
    root, _, _ = issued_cascade(cast, grassroots=1)
    batch = request_batch(cast.hung, root, django_capture_on_commit_callbacks)
    for response in (
        client.post(reverse("directives:batch_request", args=[root.pk])),
        client.get(reverse("directives:batch", args=[batch.pk])),
        client.get(reverse("directives:batch_download", args=[batch.pk])),
    ):
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    assert RenderBatch.objects.count() == 1


def test_the_request_is_a_post(cast, login):
    root, _, _ = issued_cascade(cast, grassroots=1)
    assert login(cast.hung).get(reverse("directives:batch_request", args=[root.pk])).status_code == 405


# --- real workers, one of them killed -------------------------------------------------------------------

# A worker process as `celery worker` would start it, plus what the test needs to watch it: every render
# is slowed (so the batch is still running when the worker is killed) and logged (to count renders);
# Redis gives an unacknowledged message back after 3 s instead of an hour, and a batch without a
# heartbeat for 2 s counts as abandoned. Every Redis key of the test carries its own prefix, so that
# short visibility timeout never hands back a message of another test or another developer's worker.
LAUNCHER = r"""
import os, sys, time
import django
django.setup()
from django.conf import settings
from portal.celery import app
app.conf.broker_transport_options = {"visibility_timeout": 3, "unacked_restore_interval": 1,
                                     "unacked_restore_throttle": 1, "global_keyprefix": os.environ["BROKER_PREFIX"]}
settings.PDF_BATCH_STALE_SECONDS = 2
from directives import rendering
real = rendering.document_pdf_bytes
def slow(document, **kwargs):
    time.sleep(float(os.environ["RENDER_DELAY"]))
    data = real(document, **kwargs)
    with open(os.environ["RENDER_LOG"], "a") as log:
        log.write(f"{document.pk}\n")
    return data
rendering.document_pdf_bytes = slow
app.worker_main(["worker", "-Q", os.environ["BATCH_QUEUE"], "--pool=solo", "--concurrency=1",
                 "-n", sys.argv[1] + "@%h", "--without-gossip", "--without-mingle", "--without-heartbeat",
                 "--loglevel=INFO"])
"""


class Workers:
    def __init__(self, tmp_path: Path, queue: str, media: Path):
        s = connection.settings_dict
        auth = quote(s["USER"] or "", safe="") + (
            f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else ""
        )
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "EMAIL_"))}
        self.env.update(
            DATABASE_URL=f"postgresql://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}",
            DJANGO_SETTINGS_MODULE="portal.settings",
            THONGSUOT_MEDIA_ROOT=str(media),
            THONGSUOT_DATA_DIR=str(tmp_path / "data"),
            PYTHONPATH=str(ROOT),
            PYTHONUNBUFFERED="1",
            BATCH_QUEUE=queue,
            BROKER_PREFIX=f"{queue}:",
            RENDER_DELAY="0.4",
            RENDER_LOG=str(tmp_path / "renders.log"),
        )
        self.tmp = tmp_path
        self.procs: dict[str, subprocess.Popen] = {}

    def log(self, name: str) -> str:
        return (self.tmp / f"{name}.log").read_text(errors="replace")

    def start(self, name: str) -> None:
        with (self.tmp / f"{name}.log").open("ab") as log:
            self.procs[name] = subprocess.Popen(
                [sys.executable, "-c", LAUNCHER, name],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while " ready." not in self.log(name):
            assert self.procs[name].poll() is None, self.log(name)
            assert time.monotonic() < deadline, f"worker {name} did not start:\n{self.log(name)}"
            time.sleep(0.1)

    def kill(self, name: str) -> None:
        self.procs[name].send_signal(signal.SIGKILL)
        self.procs[name].wait(10)

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def renders(self) -> Counter:
        path = self.tmp / "renders.log"
        return Counter(int(line) for line in path.read_text().split()) if path.exists() else Counter()


@pytest.fixture
def own_broker_keys():
    """Publish from this process under a key prefix of its own (the workers use the same prefix)."""
    from kombu import pools as kombu_pools

    from portal.celery import app

    def reconnect(options):
        if app._pool is not None:  # what Celery itself does after a fork: drop the cached connections
            app._pool.force_close_all()
        # kombu keeps producer pools in a global registry keyed by connection: reset it too, or a later
        # test publishing through the old key gets a pool this one closed ("Acquire on closed pool").
        kombu_pools.reset()
        app._pool, app.amqp._producer_pool = None, None
        app.conf.broker_transport_options = options

    queue = f"pdf-batch-test-{uuid.uuid4().hex[:8]}"
    before = dict(app.conf.broker_transport_options or {})
    reconnect({**before, "global_keyprefix": f"{queue}:"})
    yield queue
    reconnect(before)
    # Leave nothing behind in the shared Redis: the bindings, and the notification e-mails that issuing
    # published to this prefix's default queue (no worker of this test consumes it).
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    for key in client.scan_iter(match=f"{queue}:*"):
        client.delete(key)


@pytest.mark.celery_worker
@pytest.mark.faults  # a worker is killed with SIGKILL mid-batch (issue 8)
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_leaves_it_to_another_and_no_pdf_is_made_twice(
    tcast, tmp_path, settings, own_broker_keys
):
    if not os.environ.get("REDIS_URL"):
        pytest.skip(
            "REDIS_URL chưa đặt: kiểm thử worker thật cần Redis (scripts/test.sh tự khởi động Redis)."
        )
    if connection.vendor != "postgresql":
        pytest.skip("Kiểm thử worker thật cần PostgreSQL để các tiến trình dùng chung cơ sở dữ liệu.")
    from portal.celery import app

    assert app.conf.task_always_eager is False
    cast, media = tcast, tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    settings.PDF_BATCH_QUEUE = queue = own_broker_keys
    root, plan, plans = issued_cascade(cast, grassroots=13)
    documents = [root, plan, *plans]
    root_sha = root.pdf_sha256
    workers = Workers(tmp_path, queue, media)
    try:
        workers.start("w1")
        batch = batches.render_batch_request(actor=cast.hung, document=root)  # autocommit: published at once
        assert batch.total == 15
        deadline = time.monotonic() + 60
        while RenderBatch.objects.get(pk=batch.pk).done < 5:  # the guidance and four plans are stored
            assert time.monotonic() < deadline, workers.log("w1")
            time.sleep(0.02)
        workers.kill("w1")

        interrupted = RenderBatch.objects.get(pk=batch.pk)
        assert (interrupted.status, interrupted.attempts) == ("running", 1)
        assert 5 <= interrupted.done < 15, "the batch finished before the kill: nothing was interrupted"
        stored_before = dict(
            Document.objects.filter(pk__in=[d.pk for d in documents])
            .exclude(pdf="")
            .values_list("pk", "pdf_sha256")
        )
        rendered_by_w1 = workers.renders()
        assert set(rendered_by_w1) == set(stored_before) - {root.pk}  # the killed render had not finished

        # The message w1 never acknowledged comes back from Redis; a second worker finishes the batch.
        workers.start("w2")
        finished = wait_until_finished(batch.pk, timeout=90)
        assert finished.status == "done", f"{finished.status} {finished.error}\n{workers.log('w2')}"
    finally:
        workers.stop()

    assert (finished.done, finished.total, finished.attempts) == (15, 15, 2)
    assert "render_batch" in workers.log("w2")
    # Every PDF produced exactly once: one render each, one file each, and none stored before the kill replaced.
    renders = workers.renders()
    assert renders == Counter({d.pk: 1 for d in documents[1:]})
    assert root.pk not in renders
    stored = dict(Document.objects.filter(pk__in=[d.pk for d in documents]).values_list("pk", "pdf_sha256"))
    assert all(stored.values()) and stored[root.pk] == root_sha
    assert {pk: stored[pk] for pk in stored_before} == stored_before
    assert len(list((media / "issued").rglob("*.pdf"))) == 15
    files = unzip(finished.zip_file.read())
    pdfs = [data for name, data in files.items() if name.endswith(".pdf")]
    assert len(pdfs) == 15 and "index.txt" in files
    assert {hashlib.sha256(data).hexdigest() for data in pdfs} == set(stored.values())
    for data in pdfs:
        assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 1
