"""Two Thông Suốt instances exchange a directive through the local hub, with real processes (issue 18).

- Instance A is this test's database (the cast: BTGTU, LĐLĐ tỉnh …) and a Celery worker on it; instance B is a
  second PostgreSQL database, cloned from A's once the cast and the identifier codes are in, then told that
  BTGTU is reached through the hub while Yên Thế is hosted — and on A, Yên Thế is the unit reached through the hub
  (same OrganId on both sides). B has its own Celery worker. The hub is tests/exchange/hub.py in its own process.
- The flush and the poll run in the two workers: the flush is published on commit (A's issue, B's steps) and the
  test plays beat by publishing ``exchange.inbox_poll`` / ``exchange.outbox_flush`` to each worker's queue.
  B's leader's steps run in B's worker too, as a task of tests/exchange/instance.py sent to B's queue.
- Cost: the two workers boot while the cast is built (most of the time); the story itself takes ~12 s and the
  whole file ~50 s beside the session's database setup, measured with a load average of 9 on two cores.
  EXCHANGE_E2E_TIMES=1 (with -s) prints each hop's time.

The story: A issues 97-HD/BTGTU to Yên Thế (through the hub) and LĐLĐ tỉnh (in the portal); B registers it with
its incoming number, assigns, progresses, completes it; A's delivery trail reads received → registered (số đến …) →
assigned → in progress → done, and A's tracking page shows it. A recalls it; B accepts; A sees the recall
confirmed. Then the hub goes down while A issues 98-HD/BTGTU: the packet stays queued, nothing is lost; the hub
comes back and it is delivered exactly once (the hub's counts and B's register agree), even when A sends it again.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from directives.content import Signature
from directives.exchange.models import Packet, StatusEvent
from directives.models import Delivery, Purpose, Selection
from directives.numbering import register_past
from directives.services import compose, signing
from directives.services.compose import DraftContent, RecipientLine
from portal.org.models import Unit, UnitIdentifier
from tests.conftest import build_cast

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "hub-token-e2e"
CODES = {"btgtu": "000.01.24.G01", "ldld": "000.02.24.H01", "yenthe": "000.03.24.H02"}
WAIT = 45  # seconds for one hop under the shared load of the CI machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def _db_url(name: str) -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgresql://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _admin():
    db = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        autocommit=True,
    )


def _copy_database(admin, source: str, target: str) -> None:
    """CREATE DATABASE … TEMPLATE wants no other session on the source. This process's other threads may hold one:
    the live server of an earlier browser test keeps its connection (CONN_MAX_AGE) and, with CONN_HEALTH_CHECKS,
    reconnects on its next request, so their sessions are ended rather than waited for."""
    for attempt in range(20):
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (source,),
        )
        try:
            admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
            return
        except psycopg.errors.ObjectInUse:
            if attempt == 19:
                raise
            time.sleep(0.25)


class Hub:
    def __init__(self, folder: Path):
        self.port = free_port()
        self.db = folder / "hub.sqlite3"
        self.log = folder / "hub.log"
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests/exchange/hub.py"), "--port", str(self.port), "--token", TOKEN]
            + ["--db", str(self.db)],
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                self.stats()
                return
            except OSError:
                assert self.proc.poll() is None, self.log.read_text()
                assert time.monotonic() < deadline, "the hub did not start"
                time.sleep(0.05)

    def stop(self) -> None:
        if self.proc is not None:
            _stop(self.proc)

    def stats(self) -> dict:
        with urllib.request.urlopen(f"{self.url}/_stats", timeout=2) as r:  # noqa: S310 - the local hub
            return json.loads(r.read())


class Instance:
    """One Thông Suốt: its database, its worker's queue, what it fetches from the hub."""

    def __init__(self, name: str, db: str, organ_ids: list[str], hub: Hub, data_dir: Path, tmp: Path):
        self.name, self.db, self.hub, self.tmp = name, db, hub, tmp
        self.queue = f"exchange-{name}-{uuid.uuid4().hex[:8]}"
        self.env = {
            **os.environ,
            "DATABASE_URL": _db_url(db),
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "PYTHONPATH": str(ROOT),
            "THONGSUOT_DATA_DIR": str(data_dir),
            "EMAIL_FILE_PATH": str(tmp / f"mail-{name}"),
            "EXCHANGE_TRANSPORT": "http",
            "EXCHANGE_HUB_URL": hub.url,
            "EXCHANGE_HUB_TOKEN": TOKEN,
            "EXCHANGE_HUB_TIMEOUT": "3",
            "EXCHANGE_ORGAN_IDS": ",".join(organ_ids),
            "EXCHANGE_QUEUE": self.queue,
            "EXCHANGE_RETRY_BASE_SECONDS": "1",
            "EXCHANGE_RETRY_MAX_SECONDS": "2",
        }
        self.worker: subprocess.Popen | None = None
        self.log = tmp / f"worker-{name}.log"

    def start_worker(self) -> None:
        self.worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "portal", "worker", "-Q", self.queue, "--pool", "solo"]
            + [
                "-I",
                "tests.exchange.instance",  # B's leader's steps as a task (the test sends them to B's queue)
                "-n",
                f"{self.queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "info",
            ],
            cwd=ROOT,
            env={**self.env, "CELERY_TASK_ALWAYS_EAGER": "1"},  # the flush a step publishes runs at once
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while b" ready." not in self.log.read_bytes():
            assert self.worker.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, "worker did not start"
            time.sleep(0.1)

    def tick(self) -> None:
        """What beat does every minute: poll the hub, flush the outbox."""
        from portal.celery import app

        app.send_task("exchange.inbox_poll", queue=self.queue)
        app.send_task("exchange.outbox_flush", queue=self.queue)

    def send(self, task: str, *args) -> None:
        from portal.celery import app

        app.send_task(task, args=args, queue=self.queue)

    def sql(self, query: str, *params) -> list[tuple]:
        with psycopg.connect(_db_url(self.db)) as c:
            cursor = c.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def stop(self) -> None:
        if self.worker is not None:
            _stop(self.worker)


def _times(text: str) -> None:
    if os.environ.get("EXCHANGE_E2E_TIMES"):
        print(f"  {text}")


def until(what: str, check, *instances: Instance, timeout: float = WAIT):
    t0 = time.monotonic()
    deadline = t0 + timeout
    while True:
        for instance in instances:
            instance.tick()
        got = check()
        if got:
            _times(f"{what}: {time.monotonic() - t0:.1f} s")
            return got
        if time.monotonic() > deadline:
            logs = "\n".join(i.log.read_text(errors="replace")[-3000:] for i in instances)
            raise AssertionError(f"timed out waiting for {what}\n{logs}")
        time.sleep(0.4)


def _issue(cast, number: int, subject: str):
    doc = compose.document_create_draft(actor=cast.lan, issuer=cast.btgtu, doc_type="HD")
    content = DraftContent(
        doc_type="HD",
        subject=subject,
        opening="Thực hiện chương trình công tác năm của Ban Thường vụ Tỉnh ủy.",
        body=[{"heading": "MỤC ĐÍCH, YÊU CẦU", "text": "Nâng cao nhận thức về thông tin đối ngoại."}],
        signature=Signature(
            authority="KT", authority_body="TRƯỞNG BAN", title="PHÓ TRƯỞNG BAN", name="Nguyễn Văn Hạnh"
        ),
        recipients=[
            RecipientLine(
                label="LĐLĐ huyện Yên Thế",
                purpose=Purpose.THUC_HIEN,
                selection=Selection.UNIT,
                unit_id=cast.yenthe.pk,
            ),
            RecipientLine(
                label="Liên đoàn Lao động tỉnh",
                purpose=Purpose.THUC_HIEN,
                selection=Selection.UNIT,
                unit_id=cast.ldld.pk,
            ),
        ],
    )
    doc = compose.document_save_draft(actor=cast.lan, document=doc, content=content)
    doc = signing.document_issue(actor=cast.hanh, document=doc)
    assert doc.number_symbol == f"{number}-HD/BTGTU"
    return doc


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    data_dir = tmp_path / "data"
    settings.MEDIA_ROOT = str(data_dir / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    a_db = connection.settings_dict["NAME"]
    b_db = f"{a_db}_b"
    hub = Hub(tmp_path)
    a = Instance("a", a_db, [CODES["btgtu"], CODES["ldld"]], hub, data_dir, tmp_path)
    b = Instance("b", b_db, [CODES["yenthe"]], hub, data_dir, tmp_path)
    settings.EXCHANGE_QUEUE = a.queue  # what this process (A's web side) publishes goes to A's worker
    # The workers boot while the world is built: a worker's start is most of the time, and it touches no
    # database before its first task (B's does not exist yet, A's must have no session while it is copied).
    pool = ThreadPoolExecutor(2)
    starting: list = []
    try:
        hub.start()  # inside the try: whatever fails below, the hub process is stopped
        starting = [pool.submit(Instance.start_worker, i) for i in (a, b)]
        t0 = time.monotonic()
        cast = build_cast()
        _times(f"cast {time.monotonic() - t0:.1f} s")
        day = timezone.localdate()
        for name, code in CODES.items():
            UnitIdentifier.objects.create(
                unit=getattr(cast, name), code=code, valid_from=day.replace(month=1, day=1)
            )
        cast.btgtu.addressees.add(cast.ldld, cast.yenthe)
        with transaction.atomic():
            register_past(unit=cast.btgtu, doc_type="HD", year=day.year, number=96)
        # B: a copy of A so far (the cast and the codes), then each side's view of who is reached through the hub.
        connections.close_all()
        with _admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{b_db}"')
            _copy_database(admin, a_db, b_db)
        Unit.objects.filter(pk=cast.yenthe.pk).update(exchange_hub=True)
        b.sql("UPDATE org_unit SET exchange_hub = (id = %s)", cast.btgtu.pk)
        _times(f"world + clone {time.monotonic() - t0:.1f} s")
        for future in starting:
            future.result()
        _times(f"workers ready {time.monotonic() - t0:.1f} s")
        yield cast, a, b, hub
    finally:
        pool.shutdown(wait=True)
        for instance in (a, b):  # both asked to stop at once, then waited for
            if instance.worker is not None and instance.worker.poll() is None:
                instance.worker.send_signal(signal.SIGTERM)
        a.stop()
        b.stop()
        hub.stop()
        connections.close_all()
        with _admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{b_db}" WITH (FORCE)')


def trail(delivery: Delivery) -> list[str]:
    return list(
        StatusEvent.objects.filter(delivery=delivery).order_by("at", "id").values_list("code", flat=True)
    )


def test_a_directive_crosses_to_another_instance_and_its_trail_comes_back(world, client):
    cast, a, b, hub = world
    started = time.monotonic()
    doc = _issue(cast, 97, "Hướng dẫn công tác thông tin đối ngoại")
    _times(f"issued {time.monotonic() - started:.1f} s")
    to_b = Delivery.objects.get(document=doc, unit=cast.yenthe)
    [out] = Packet.objects.filter(direction="out", document=doc)  # LĐLĐ tỉnh is in the portal: no packet
    assert (out.to_organ, out.business_type) == (CODES["yenthe"], "new")

    # B registers it (its worker polls the hub) with its own incoming number.
    [(entry_id, number, year)] = until(
        "B to register 97-HD/BTGTU",
        lambda: b.sql(
            "SELECT id, number, year FROM handling_incomingentry WHERE number_symbol = '97-HD/BTGTU'"
        ),
        a,
        b,
    )
    out.refresh_from_db()
    assert out.state == "sent"
    until("A to see it registered", lambda: "registered" in trail(to_b), a, b)
    to_b.refresh_from_db()
    assert to_b.read_at and to_b.acknowledged_at
    # B's leader assigns it, progress is posted, it is completed — each step answers A with a status packet.
    b.send("exchange_test.handle", "97-HD/BTGTU")  # B's leader, in B's worker (tests/exchange/instance.py)
    until(
        "B's steps",
        lambda: b.sql("SELECT 1 FROM handling_incomingentry WHERE id = %s AND state = 'done'", entry_id),
        b,
    )
    until("A to see it done", lambda: "done" in trail(to_b), a, b)
    assert trail(to_b) == ["received", "registered", "assigned", "in_progress", "done"]
    registered = StatusEvent.objects.get(delivery=to_b, code="registered")
    assert str(number) in registered.description
    # A's tracking page shows the trail as it shows an in-portal recipient's receipt.
    client.force_login(cast.hanh)
    page = client.get(f"/van-ban/{doc.pk}/").content.decode()
    assert "Qua trục liên thông: Đã nhận" in page
    assert f"Đã vào sổ (số đến {number:02d}/{year})" in page
    assert "Đã giao xử lý" in page and "Hoàn thành" in page

    # The recall follows the same path: B's entry is marked recalled, A sees the recall confirmed.
    signing.document_revoke(actor=cast.hanh, document=doc, reason="Ban hành nhầm đối tượng")
    until(
        "B to recall its entry",
        lambda: b.sql("SELECT 1 FROM handling_incomingentry WHERE id = %s AND state = 'recalled'", entry_id),
        a,
        b,
    )
    until("A to see the recall confirmed", lambda: "recall_accepted" in trail(to_b), a, b)
    to_b.refresh_from_db()
    assert to_b.recall_confirmed_at is not None
    print(f"\nissue → done → recall confirmed across two instances: {time.monotonic() - started:.1f} s")

    # --- the hub down while A issues: queued, nothing lost; back: delivered exactly once --------------------------
    hub.stop()
    doc98 = _issue(cast, 98, "Hướng dẫn tuyên truyền kỷ niệm ngày thành lập Công đoàn Việt Nam")
    [queued] = Packet.objects.filter(direction="out", document=doc98)
    until(
        "A's flush to fail on the hub down",
        lambda: Packet.objects.filter(pk=queued.pk, state="queued", attempts__gte=1).exists(),
        a,
    )
    queued.refresh_from_db()
    assert "Không kết nối được trục liên thông" in queued.last_error
    hub.start()  # the same store: what it held before is still there
    until(
        "B to register 98-HD/BTGTU",
        lambda: b.sql("SELECT id FROM handling_incomingentry WHERE number_symbol = '98-HD/BTGTU'"),
        a,
        b,
    )
    # A crash after the hub took it but before A recorded it: sent again, answered "already received".
    Packet.objects.filter(pk=queued.pk).update(state="queued", next_attempt_at=timezone.now())
    until("A to send it again", lambda: Packet.objects.filter(pk=queued.pk, state="sent").exists(), a, b)
    a.tick()
    b.tick()
    time.sleep(1)
    stats = hub.stats()
    keys = [p["key"] for p in stats["packets"]]
    assert len(keys) == len(set(keys)) == stats["received"]  # every packet once
    assert keys.count(queued.key) == 1 and stats["duplicates"] >= 1
    assert b.sql("SELECT count(*) FROM handling_incomingentry WHERE number_symbol = '98-HD/BTGTU'") == [(1,)]
    assert b.sql("SELECT count(*) FROM exchange_packet WHERE direction = 'in' AND key = %s", queued.key) == [
        (1,)
    ]
