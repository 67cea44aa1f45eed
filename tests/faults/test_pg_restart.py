"""PostgreSQL restarted under the web server (issue 8): requests during the restart fail cleanly, the app
recovers with no manual step, and nothing is half-written.

The test runs its own PostgreSQL cluster (tests/faults/pg_cluster.py) and a real gunicorn (two workers,
two threads each, persistent database connections as in production). Two people work through real
HTTP sessions the whole time — Mai (drafter at LĐLĐ tỉnh) composes drafts and saves them in the
editor with two recipients; Tuấn (reporter at CĐCS Trường THCS Bố Hạ) saves and submits reports —
while the test restarts PostgreSQL (`pg_ctl restart -m fast`) and then stops it, waits, and starts it
again. Every answer is either the success it should be or a clean 503 (Vietnamese page, Retry-After,
no traceback); while PostgreSQL is down every answer is that 503; once it is back every request
succeeds, with the same gunicorn workers. Then SQL over the cluster checks that every document and
report is whole: what one service transaction writes is there entirely or not at all.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field

import pytest

from tests.faults.pg_cluster import ROOT, Gunicorn, PrivateCluster, pg_bin

requests = pytest.importorskip("requests")

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(pg_bin() is None, reason="needs the PostgreSQL server binaries (initdb, pg_ctl)"),
]

MESSAGE = (
    "Hệ thống tạm thời không kết nối được cơ sở dữ liệu; dữ liệu bạn vừa gửi chưa được lưu, "
    "vui lòng thử lại sau ít phút."
)
TIMEOUT = (10, 60)  # connect, read: a request that hangs longer fails the test
PASSWORD = "Mat-khau-thu-2024"  # tests.conftest.PASSWORD, the cast's password
OBLIGATIONS = 120

# Run in the private cluster by a plain Python process: the cast, a document Mai received, and a
# document with OBLIGATIONS one-off reporting requirements for Tuấn's union (one report each).
SETUP = r"""
import datetime as dt, json
import django
django.setup()
from django.utils import timezone
from reporting.models import Obligation
from reporting.services import obligations_create_for_document
from tests.conftest import build_cast
from tests.reporting.conftest import add_requirement, make_document

cast = build_cast()
for_mai = make_document(issuer=cast.btgtu, recipients=[cast.ldld], subject="Hướng dẫn tuyên truyền đối ngoại")
for_tuan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
due = timezone.localdate() + dt.timedelta(days=30)
for i in range(__N__):
    add_requirement(for_tuan, frequency="once", to_unit=cast.yenthe, due_date=due, title=f"Báo cáo chuyên đề {i + 1}")
obligations_create_for_document(document=for_tuan, actor=cast.binh)
obligations = list(Obligation.objects.filter(requirement__document=for_tuan, unit=cast.cdcs).order_by("pk"))
assert len(obligations) == __N__ and {o.status for o in obligations} == {"open"}, {o.status for o in obligations}
print("SETUP " + json.dumps({"ldld": cast.ldld.pk, "mai_doc": for_mai.pk, "tuan_doc": for_tuan.pk,
                             "obligations": [o.pk for o in obligations]}))
""".replace("__N__", str(OBLIGATIONS))

REPORT = {
    "section_ket_qua_tuyen_truyen": "Tổ chức 3 buổi tuyên truyền Kết luận 57-KL/TW cho đoàn viên.",
    "section_hoat_dong_doi_ngoai": "Tham gia giao lưu với công đoàn trường bạn.",
    "section_kho_khan": "",
    "section_de_xuat": "",
    "indicator_so_buoi_tuyen_truyen": "3",
    "indicator_so_luot_nguoi_tham_gia": "1.200",
    "indicator_so_tin_bai": "4",
    "indicator_so_hoi_nghi_quan_triet": "1",
}


# --- the fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def stack(tmp_path):
    """Private cluster (migrated, with the cast) and gunicorn on it; both removed whatever happens."""
    cluster = PrivateCluster()
    web = None
    try:
        cluster.init()
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DATABASE_", "REDIS_", "CELERY_", "EMAIL_", "DJANGO_", "THONGSUOT_", "DB_"))
        }
        # No REDIS_URL: the e-mail tasks a submission enqueues go to a file-system broker in tmp_path.
        env.update(
            DATABASE_URL=cluster.url,
            DJANGO_SETTINGS_MODULE="portal.settings",
            PYTHONPATH=str(ROOT),
            THONGSUOT_DATA_DIR=str(tmp_path / "data"),
            THONGSUOT_MEDIA_ROOT=str(tmp_path / "media"),
            PYTHONUNBUFFERED="1",
        )
        for cmd in (
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            [sys.executable, "-c", SETUP],
        ):
            done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, done.stdout + done.stderr
        ids = json.loads(done.stdout.split("SETUP ", 1)[1])
        web = Gunicorn(env, tmp_path)
        web.start()
        yield cluster, web, ids
    finally:
        if web is not None:
            web.stop()
        cluster.destroy()


# --- the client ---------------------------------------------------------------------------------------


@dataclass
class Answer:
    phase: str
    user: str
    method: str
    path: str
    expected: int
    status: int | None = None
    headers: dict = field(default_factory=dict)
    body: str = ""
    error: str = ""
    ended: str = ""  # the phase when the answer came: a request in flight across a change belongs to neither

    @property
    def ok(self) -> bool:
        return self.status == self.expected

    @property
    def clean_503(self) -> bool:
        return (
            self.status == 503
            and self.headers.get("Retry-After", "").isdigit()
            and int(self.headers["Retry-After"]) > 0
            and self.headers.get("Content-Type", "").startswith("text/html")
            and MESSAGE in self.body
            and '<html lang="vi">' in self.body
            and not any(
                word in self.body for word in ("Traceback", "OperationalError", "psycopg", "Exception")
            )
        )

    def __str__(self) -> str:
        return (
            f"[{self.phase}] {self.user} {self.method} {self.path} → {self.status or self.error} "
            f"(expected {self.expected}) {self.body[:300]!r}"
        )


class Phase:
    """What the test is doing to PostgreSQL; every request is tagged with it when it starts."""

    def __init__(self):
        self.name = "baseline"
        self.stop = threading.Event()
        self.go = threading.Event()  # cleared: the people pause between rounds
        self.go.set()


class Person(threading.Thread):
    """One person's browser session, working in a loop until told to stop."""

    def __init__(self, base: str, username: str, phase: Phase, answers: list, lock: threading.Lock):
        super().__init__(name=username, daemon=True)
        self.base, self.username, self.phase, self.answers, self.lock = base, username, phase, answers, lock
        self.session = requests.Session()
        self.rounds: dict[str, int] = {}
        self.failure: BaseException | None = None
        self.idle = threading.Event()

    def login(self) -> None:
        self.session.get(f"{self.base}/dang-nhap/", timeout=TIMEOUT)
        r = self.session.post(
            f"{self.base}/dang-nhap/",
            timeout=TIMEOUT,
            allow_redirects=False,
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.session.cookies["csrftoken"],
            },
        )
        assert r.status_code == 302 and r.headers["Location"] == "/", (r.status_code, r.text[:500])

    def call(self, method: str, path: str, expected: int, data: dict | None = None) -> Answer:
        answer = Answer(self.phase.name, self.username, method, path, expected)
        try:
            if method == "POST":
                data = {**(data or {}), "csrfmiddlewaretoken": self.session.cookies["csrftoken"]}
            r = self.session.request(
                method, f"{self.base}{path}", data=data, timeout=TIMEOUT, allow_redirects=False
            )
            answer.status, answer.headers, answer.body = r.status_code, dict(r.headers), r.text
        except requests.RequestException as exc:  # a timeout or a dropped connection: a failure too
            answer.error = f"{type(exc).__name__}: {exc}"
        answer.ended = self.phase.name
        with self.lock:
            self.answers.append(answer)
        return answer

    def run(self) -> None:
        try:
            while not self.phase.stop.is_set():
                if not self.phase.go.is_set():
                    self.idle.set()
                    self.phase.go.wait()
                    self.idle.clear()
                    continue
                phase = self.phase.name
                self.work()
                self.rounds[phase] = self.rounds.get(phase, 0) + 1
        except BaseException as exc:  # noqa: BLE001 — reported by the test
            self.failure = exc

    def pages(self, document_id: int) -> None:
        for path in ("/", "/van-ban/den/", f"/van-ban/{document_id}/", "/bao-cao/"):
            self.call("GET", path, 200)


class Drafter(Person):
    """Mai: composes a draft (the compose form), then saves it in the editor with two recipients."""

    def __init__(self, *args, ids: dict):
        super().__init__(*args)
        self.ids = ids
        self.composed: dict[str, int | None] = {}  # subject → document id (None: refused with a 503)
        self.saved: set[int] = set()

    def work(self) -> None:
        self.pages(self.ids["mai_doc"])
        subject = f"PGTEST {uuid.uuid4().hex[:12]} Kế hoạch tuyên truyền"
        made = self.call(
            "POST", "/van-ban/moi/", 302, {"issuer": self.ids["ldld"], "doc_type": "KH", "subject": subject}
        )
        if not made.ok:
            self.composed[subject] = None
            return
        document_id = int(re.fullmatch(r"/van-ban/(\d+)/sua/", made.headers["Location"]).group(1))
        self.composed[subject] = document_id
        saved = self.call(
            "POST",
            f"/van-ban/{document_id}/sua/",
            200,
            {
                # The draft was made just now: version 1, as its editor page's hidden field says.
                "action": "save",
                "version": "1",
                "doc_type": "KH",
                "subject": subject,
                "place": "Bắc Giang",
                "node-0-depth": "1",
                "node-0-heading": "MỤC ĐÍCH, YÊU CẦU",
                "node-0-text": "Đoàn viên nắm được chủ trương.",
                # Recipients picked by name, as the unit picker sends a typed name.
                "rcp-0-label": "LĐLĐ huyện Yên Thế",
                "rcp-0-unit_q": "Liên đoàn Lao động huyện Yên Thế",
                "rcp-0-purpose": "thuc_hien",
                "rcp-0-selection": "unit",
                "rcp-1-label": "LĐLĐ huyện Tân Yên",
                "rcp-1-unit_q": "Liên đoàn Lao động huyện Tân Yên",
                "rcp-1-purpose": "thuc_hien",
                "rcp-1-selection": "unit",
            },
        )
        if saved.ok:
            assert "Đã lưu bản nháp." in saved.body, saved.body[:2000]
            self.saved.add(document_id)


class Reporter(Person):
    """Tuấn: saves a report draft, then submits it; on to the next obligation once it is submitted."""

    def __init__(self, *args, ids: dict):
        super().__init__(*args)
        self.ids = ids
        self.todo = list(ids["obligations"])
        self.submitted: set[int] = set()

    def revision(self, ob: int) -> str:
        """The report form's hidden revision, read from the form as a person's browser has it."""
        page = self.call("GET", f"/bao-cao/nghia-vu/{ob}/soan/", 200)
        found = re.search(r'name="version" id="report-version" value="(\d+)"', page.body or "")
        return found.group(1) if found else "0"

    def work(self) -> None:
        self.pages(self.ids["tuan_doc"])
        assert self.todo, "every obligation submitted: raise OBLIGATIONS"
        ob = self.todo[0]
        # Each post names the revision its form was loaded at (the optimistic lock), as the browser's does.
        self.call(
            "POST",
            f"/bao-cao/nghia-vu/{ob}/soan/",
            302,
            {**REPORT, "action": "luu", "version": self.revision(ob)},
        )
        sent = self.call(
            "POST",
            f"/bao-cao/nghia-vu/{ob}/soan/",
            302,
            {**REPORT, "action": "nop", "version": self.revision(ob)},
        )
        if sent.ok:
            assert sent.headers["Location"] == f"/bao-cao/nghia-vu/{ob}/", sent.headers
            self.submitted.add(self.todo.pop(0))


# --- the test -----------------------------------------------------------------------------------------


def _wait(condition, what: str, people: list[Person], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        for p in people:
            assert p.is_alive(), f"{p.username} stopped: {p.failure!r}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_requests_fail_cleanly_while_postgresql_restarts_and_nothing_is_half_written(stack):
    cluster, web, ids = stack
    phase, answers, lock = Phase(), [], threading.Lock()
    mai = Drafter(web.url, "mai", phase, answers, lock, ids=ids)
    # The CĐCS's chairman writes, signs and sends its reports (sending up is the signer's act, issue 17).
    tuan = Reporter(web.url, "khanh", phase, answers, lock, ids=ids)
    people = [mai, tuan]
    for p in people:
        p.login()
    booted = web.booted()

    def rounds(name: str, n: int):
        return lambda: all(p.rounds.get(name, 0) >= n for p in people)

    def answered(name: str, n: int):
        return lambda: all(
            sum(a.phase == name and a.user == p.username for a in list(answers)) >= n for p in people
        )

    try:
        for p in people:
            p.start()
        _wait(rounds("baseline", 2), "the baseline rounds", people)

        # 0. A restart while nobody is working: every gunicorn thread that served a request keeps its
        # persistent connection, now dead; the next requests must notice and reconnect by themselves.
        phase.go.clear()
        _wait(lambda: all(p.idle.is_set() for p in people), "the people to pause", people)
        phase.name = "quiet restart"
        cluster.restart()
        phase.name = "after quiet restart"
        phase.go.set()
        _wait(rounds("after quiet restart", 2), "rounds after the quiet restart", people)

        # 1. A fast restart under load.
        phase.name = "restarting"
        cluster.restart()
        phase.name = "restarted"
        _wait(rounds("restarted", 3), "rounds after the restart", people)

        # 2. A longer outage: stopped, requests keep coming, then started again.
        phase.name = "stopping"
        cluster.stop()
        phase.name = "down"
        _wait(answered("down", 12), "answers while PostgreSQL is down", people)
        health = requests.get(f"{web.url}/suc-khoe/", timeout=TIMEOUT)
        api = requests.get(
            f"{web.url}/api/v1/documents/", cookies=mai.session.cookies.get_dict(), timeout=TIMEOUT
        )
        phase.name = "starting"
        cluster.start()
        phase.name = "back"
        _wait(rounds("back", 3), "rounds after PostgreSQL is back", people)
    finally:
        phase.stop.set()
        phase.go.set()
        for p in people:
            if p.is_alive():
                p.join(120)
    for p in people:
        assert p.failure is None, f"{p.username}: {p.failure!r}"
        assert not p.is_alive(), f"{p.username} is stuck"

    # While PostgreSQL was down: the health check and the API say so, in their own formats.
    assert health.status_code == 503 and health.headers.get("Retry-After")
    assert health.json() == {"status": "degraded", "database": "unavailable"}
    assert (
        api.status_code == 503
        and api.headers.get("Retry-After")
        and api.json() == {"code": "service_unavailable", "message": MESSAGE, "fields": {}}
    )

    by_phase: dict[str, list[Answer]] = {}
    for a in answers:
        if a.ended == a.phase:
            by_phase.setdefault(a.phase, []).append(a)
    # Never a 500, a hang or a dropped connection: the success the request should have, or a clean 503.
    bad = [str(a) for a in answers if not (a.ok or a.clean_503)]
    assert not bad, "\n".join(bad[:20])
    # PostgreSQL up: every request succeeded (after the restart too, with no step by anyone).
    for name in ("baseline", "after quiet restart", "restarted", "back"):
        failed = [str(a) for a in by_phase[name] if not a.ok]
        assert not failed, f"{name}:\n" + "\n".join(failed[:20])
    # PostgreSQL down: every request, reads and writes, got the 503 page.
    down = by_phase["down"]
    assert len(down) >= 20, len(down)
    assert all(a.clean_503 for a in down), [str(a) for a in down if not a.clean_503][:10]
    assert {a.method for a in down} == {"GET", "POST"}
    # The same gunicorn, the same workers: no worker died or was restarted by the outage.
    assert web.alive() and web.booted() == booted == 2, web.log()[-3000:]
    assert "Internal Server Error" not in web.log()

    _assert_nothing_half_written(cluster, ids, mai, tuan)


# --- the invariants -----------------------------------------------------------------------------------


def _rows(cluster: PrivateCluster, sql: str, *params) -> list[tuple]:
    import psycopg

    with psycopg.connect(cluster.url) as conn:
        return conn.execute(sql, params).fetchall()


def _assert_nothing_half_written(cluster: PrivateCluster, ids: dict, mai: Drafter, tuan: Reporter) -> None:
    # Drafts: document_create_draft writes the row and its "document.created" event; each editor save
    # (document_save_draft) bumps the version, replaces body and recipients and writes "document.saved".
    drafts = _rows(
        cluster,
        """
        SELECT d.id, d.subject, d.version, jsonb_array_length(d.body::jsonb),
               (SELECT count(*) FROM directives_recipient r WHERE r.document_id = d.id),
               (SELECT count(*) FROM audit_event e WHERE e.object_type = 'directives.document'
                  AND e.object_id = d.id::text AND e.action = 'document.created'),
               (SELECT count(*) FROM audit_event e WHERE e.object_type = 'directives.document'
                  AND e.object_id = d.id::text AND e.action = 'document.saved')
        FROM directives_document d WHERE d.subject LIKE 'PGTEST %%' ORDER BY d.id""",
    )
    by_subject = {row[1]: row for row in drafts}
    assert len(by_subject) == len(drafts), "a compose form made two documents"
    for doc_id, _subject, version, nodes, recipients, created, saves in drafts:
        assert created == 1, f"draft {doc_id} without its creation event"
        assert saves == version - 1, f"draft {doc_id}: version {version} but {saves} save events"
        if version > 1:
            assert (nodes, recipients) == (1, 2), (
                f"draft {doc_id} saved half: {nodes} nodes, {recipients} recipients"
            )
        else:
            assert (nodes, recipients) == (0, 0), f"draft {doc_id} has parts but no save"
    accepted = {s: d for s, d in mai.composed.items() if d is not None}
    assert accepted and all(by_subject[s][0] == d for s, d in accepted.items())
    versions = {row[0]: row[2] for row in drafts}
    assert mai.saved and all(versions[d] > 1 for d in mai.saved), (
        "an editor save that answered 200 is not there"
    )
    refused = [s for s, d in mai.composed.items() if d is None]
    assert refused, "no compose form met the outage"
    # A refused compose saved nothing (the page said so) — unless its COMMIT reached the server just as the
    # connection died; then it is there whole (checked above). Count them, so a systematic leak shows.
    leaked = [s for s in refused if s in by_subject]
    assert len(leaked) <= 1, leaked
    assert set(by_subject) <= set(mai.composed), "a draft nobody composed"

    # Reports: report_submit writes the report, its version, the obligation's status, the event and the
    # notification of the receiving unit's leader (Bình) in one transaction.
    reports = _rows(
        cluster,
        """
        SELECT o.id, o.status, o.submitted_at IS NOT NULL, o.next_action_at IS NULL, r.id, r.state, r.version_count,
               (SELECT count(*) FROM reporting_reportversion v WHERE v.report_id = r.id),
               (SELECT coalesce(max(v.number), 0) FROM reporting_reportversion v WHERE v.report_id = r.id),
               (SELECT count(*) FROM audit_event e WHERE e.object_type = 'reporting.report'
                  AND e.object_id = r.id::text AND e.action = 'report.submitted'),
               (SELECT count(*) FROM audit_event e WHERE e.object_type = 'reporting.report'
                  AND e.object_id = r.id::text AND e.action = 'report.draft_started'),
               (SELECT count(*) FROM notifications_notification n WHERE n.kind = 'reporting.report_submitted'
                  AND n.url = '/bao-cao/nghia-vu/' || o.id || '/')
        FROM reporting_obligation o LEFT JOIN reporting_report r ON r.obligation_id = o.id
        WHERE o.id = ANY(%s) ORDER BY o.id""",
        ids["obligations"],
    )
    assert len(reports) == OBLIGATIONS
    seen_submitted = set()
    for (
        ob,
        status,
        has_submitted_at,
        chase_stopped,
        report,
        state,
        count,
        versions,
        top,
        submits,
        starts,
        notes,
    ) in reports:
        if report is None:
            assert status == "open" and not has_submitted_at, f"obligation {ob} changed without a report"
            continue
        assert versions == top == count == submits == notes, (
            f"report {report}: version_count {count}, {versions} versions (last {top}), "
            f"{submits} submit events, {notes} notifications"
        )
        assert starts <= 1 and starts + submits >= 1, f"report {report} without its events"
        if count:
            assert count == 1, f"report {report} submitted {count} times"
            assert (
                state == "submitted" and status == "submitted_on_time" and has_submitted_at and chase_stopped
            )
            seen_submitted.add(ob)
        else:
            assert state == "draft" and status == "open" and not has_submitted_at
    assert tuan.submitted and tuan.submitted <= seen_submitted
    # Nothing submitted behind Tuấn's back except, at most, one whose answer was lost with the connection.
    assert len(seen_submitted - tuan.submitted) <= 1

    # No event about a document or report that is not there.
    orphans = _rows(
        cluster,
        """
        SELECT e.action, e.object_id FROM audit_event e
        WHERE (e.object_type = 'directives.document'
               AND NOT EXISTS (SELECT 1 FROM directives_document d WHERE d.id::text = e.object_id))
           OR (e.object_type = 'reporting.report'
               AND NOT EXISTS (SELECT 1 FROM reporting_report r WHERE r.id::text = e.object_id))""",
    )
    assert orphans == []
