"""The cast every test shares.

Units (a small slice of the seed cascade):
  btgtu      Ban Tuyên giáo Tỉnh ủy Bắc Giang (party)        — under tinhuy
  ldld       LĐLĐ tỉnh Bắc Giang (union)                     — under tld
             its departments: tgnc «Ban Tuyên giáo - Nữ công» (TG&NC), vp «Văn phòng» (VP)
  yenthe     LĐLĐ huyện Yên Thế                               — under ldld
  cdcs       CĐCS Trường THCS Bố Hạ                           — under yenthe
  tanyen     LĐLĐ huyện Tân Yên                               — under ldld
  laichau    Đảng ủy in Lai Châu (unrelated line)            — root

People:
  lan      drafter at btgtu          hanh     signer (leader) at btgtu
  mai      drafter at ldld (TG&NC)   hung     signer (leader) at ldld
  thu      clerk at ldld             son      unit admin at ldld
  binh     signer at yenthe          tuan     reporter at cdcs
  khanh    signer (chairman) at cdcs — signs and sends cdcs's reports (helper A, issue 17)
  charlie  reporter at laichau — the outsider who must be refused
  admin    system administrator
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "Mat-khau-thu-2024"


@dataclass
class Cast:
    units: dict
    users: dict
    departments: dict = field(default_factory=dict)

    def __getattr__(self, name):
        if name in self.users:
            return self.users[name]
        if name in self.units:
            return self.units[name]
        if name in self.departments:
            return self.departments[name]
        raise AttributeError(name)


def build_cast():
    from portal.org.models import Unit
    from portal.org.services import UnitData, membership_grant, unit_create
    from portal.org.services.departments import department_create, membership_set_department

    def unit(code, name, short, kind, regime, parent=None, parent_line="", place="Bắc Giang"):
        return unit_create(
            actor=None,
            parent=parent,
            data=UnitData(
                code=code,
                name=name,
                short_name=short,
                kind=kind,
                regime=regime,
                parent_line=parent_line,
                place_name=place,
            ),
        )

    tinhuy = unit("bg-tu", "Tỉnh ủy Bắc Giang", "TU", "party_committee", "party")
    btgtu = unit(
        "bg-btgtu",
        "Ban Tuyên giáo Tỉnh ủy Bắc Giang",
        "BTGTU",
        "party_board",
        "party",
        tinhuy,
        "TỈNH ỦY BẮC GIANG",
    )
    tld = unit("tld", "Tổng Liên đoàn Lao động Việt Nam", "TLĐ", "union_national", "union", place="Hà Nội")
    ldld = unit(
        "bg-ldld",
        "Liên đoàn Lao động tỉnh Bắc Giang",
        "LĐLĐ",
        "union_province",
        "union",
        tld,
        "TỔNG LĐLĐ VIỆT NAM",
    )
    tgnc = department_create(actor=None, unit=ldld, code="TG&NC", name="Ban Tuyên giáo - Nữ công")
    vp = department_create(actor=None, unit=ldld, code="VP", name="Văn phòng")
    yenthe = unit(
        "bg-ldld-yenthe",
        "Liên đoàn Lao động huyện Yên Thế",
        "LĐLĐ",
        "union_district",
        "union",
        ldld,
        "LĐLĐ TỈNH BẮC GIANG",
        place="Yên Thế",
    )
    tanyen = unit(
        "bg-ldld-tanyen",
        "Liên đoàn Lao động huyện Tân Yên",
        "LĐLĐ",
        "union_district",
        "union",
        ldld,
        "LĐLĐ TỈNH BẮC GIANG",
        place="Tân Yên",
    )
    cdcs = unit(
        "bg-cdcs-thcs-boha",
        "Công đoàn Trường THCS Bố Hạ",
        "CĐCS",
        "union_grassroots",
        "union",
        yenthe,
        "LĐLĐ HUYỆN YÊN THẾ",
        place="Yên Thế",
    )
    laichau = unit("lc-dangu", "Đảng ủy xã Bản Lang", "ĐU", "party_committee", "party", place="Lai Châu")
    units = {u.code: u for u in (tinhuy, btgtu, tld, ldld, yenthe, tanyen, cdcs, laichau)}
    User = get_user_model()
    users = {}
    for username, full_name, unit_obj, role in [
        ("lan", "Nguyễn Thị Lan", btgtu, "drafter"),
        ("hanh", "Nguyễn Văn Hạnh", btgtu, "signer"),
        ("mai", "Trần Thị Mai", ldld, "drafter"),
        ("hung", "Nguyễn Mạnh Hùng", ldld, "signer"),
        ("thu", "Lê Thị Thu", ldld, "clerk"),
        ("son", "Phạm Văn Sơn", ldld, "unit_admin"),
        ("binh", "Hoàng Văn Bình", yenthe, "signer"),
        ("tuan", "Đỗ Minh Tuấn", cdcs, "reporter"),
        ("charlie", "Vàng A Chá", laichau, "reporter"),
    ]:
        user = User.objects.create_user(
            username, f"{username}@thongsuot.test", PASSWORD, first_name=full_name
        )
        membership = membership_grant(actor=None, user=user, unit=unit_obj, role=role)
        if username == "mai":
            membership_set_department(actor=None, membership=membership, department=tgnc)
        users[username] = user
    # Helper A (issue 17 item 2): sending a report up is a signer's act, so CĐCS Bố Hạ has its head too — the
    # chairman who signs its reports «TM. BAN CHẤP HÀNH / CHỦ TỊCH» (tuan prepares them and asks him to sign).
    khanh = User.objects.create_user("khanh", "khanh@thongsuot.test", PASSWORD, first_name="Lương Văn Khánh")
    membership_grant(actor=None, user=khanh, unit=cdcs, role="signer", title="Chủ tịch")
    users["khanh"] = khanh
    # (end of helper A's block)
    users["admin"] = User.objects.create_superuser(
        "admin", "admin@thongsuot.test", PASSWORD, first_name="Quản trị hệ thống"
    )
    for u in Unit.objects.all():
        units[u.code] = u
    short = {
        "tinhuy": tinhuy,
        "btgtu": btgtu,
        "tld": tld,
        "ldld": ldld,
        "yenthe": yenthe,
        "tanyen": tanyen,
        "cdcs": cdcs,
        "laichau": laichau,
    }
    units.update({k: Unit.objects.get(pk=v.pk) for k, v in short.items()})
    return Cast(units=units, users=users, departments={"tgnc": tgnc, "vp": vp})


@pytest.fixture(scope="session", autouse=True)
def _signing_not_required():
    """Issuing is the one-step document_issue in every test (SIGNING_REQUIRED off), as in deployments without
    digital signatures; the tests of the sign → number → seal flow ask for ``signing_required``. Session-wide,
    so a module's or a session's fixture that builds the demo sees it too (the demo signs its documents only
    where signing is required)."""
    with override_settings(SIGNING_REQUIRED=False):
        yield


@pytest.fixture(scope="session", autouse=True)
def _dashboard_cache_off():
    """The dashboards' figures are not cached in the suite (DASHBOARD_CACHE_SECONDS=0): most tests write rows
    directly, without the services' audit events that invalidate the cache, and then read a page. The cache's
    own tests (tests/dashboards/test_cache.py) turn it on with the ``dashboard_cache`` fixture."""
    with override_settings(DASHBOARD_CACHE_SECONDS=0):
        yield


@pytest.fixture(scope="session", autouse=True)
def _each_password_hashed_once():
    """A password is hashed once per run and hasher list, not once per user: the cast's ten people, the demo's
    forty-odd accounts and every test's own people share a few passwords, and each hash costs the production
    hasher's full work (PBKDF2, a million rounds: most of building the cast). The stored value is still that
    hasher's real hash of that password, so logging in through the form, checking and changing a password
    work as in production; only the salt is shared between people with the same password, which no test
    reads. One consequence to know: setting a person's password to the one they already have keeps the same
    hash, so the API keys' password stamp and the lifting of login locks (both read a change of hash) see no
    change — a test of those sets a new password, as a person would. A given salt, an unusable password or a
    named hasher go to Django unchanged. Processes the tests start (the embedded start, workers, the fault
    tests) hash as in production."""
    from django.conf import settings
    from django.contrib.auth import base_user, hashers
    from django.contrib.auth import models as auth_models

    hashed: dict[tuple, str] = {}

    def make_password(password, salt=None, hasher="default"):
        if password is None or salt is not None or hasher != "default":
            return hashers.make_password(password, salt, hasher)
        key = (password, tuple(settings.PASSWORD_HASHERS))
        if key not in hashed:
            hashed[key] = hashers.make_password(password)
        return hashed[key]

    originals = (base_user.make_password, auth_models.make_password)
    base_user.make_password = auth_models.make_password = make_password
    yield
    base_user.make_password, auth_models.make_password = originals


@pytest.fixture
def signing_required(settings):
    """Issuing goes through document_sign and document_seal; document_issue refuses a non-legacy document."""
    settings.SIGNING_REQUIRED = True


@pytest.fixture
def cast(db):
    return build_cast()


@pytest.fixture
def tcast(transactional_db):
    return build_cast()


@pytest.fixture(autouse=True)
def _otp_not_required(settings):
    """Logins are one step in every test (OTP_REQUIRED off, whatever THONGSUOT_OTP_REQUIRED says), as in the
    embedded default; the tests of the second factor ask for ``otp_required``."""
    settings.OTP_REQUIRED = False


@pytest.fixture
def otp_required(settings):
    """Two-factor login on, as in production (portal/core/twofactor.py): signers and clerks pass a TOTP code."""
    settings.OTP_REQUIRED = True


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


# --- Browser (Playwright driving Debian's Chromium) --------------------------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def browser_login(page, live_server):
    def _login(username: str, password: str = PASSWORD):
        page.goto(f"{live_server.url}/dang-nhap/")  # the address a person is given: the front door
        page.get_by_label("Tên đăng nhập", exact=True).fill(username)
        page.get_by_label("Mật khẩu", exact=True).fill(password)
        page.get_by_role("button", name="Đăng nhập", exact=True).click()
        page.wait_for_load_state()
        return page

    return _login


# --- Every browser test is watched: console errors, CSP violations, page errors, responses ≥ 500 -------
#: Chromium already prints a refused resource to the console; this makes the refusal's details (directive,
#: what was blocked, where) a console error of its own, so no violation can pass unnoticed.
CSP_TO_CONSOLE = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
                " at " + (e.sourceFile || document.location.href) + ":" + e.lineNumber +
                (e.sample ? " «" + e.sample + "»" : ""));
});
"""


class BrowserWatch:
    """What went wrong in Chromium while a test ran, each problem with the page it happened on. A test that
    provokes a problem on purpose says so with ``expected(pattern)``, which also fails if it does not occur."""

    def __init__(self):
        self.problems: list[str] = []
        self._expected: list[tuple[re.Pattern, list[str]]] = []

    def attach(self, page):
        page.add_init_script(CSP_TO_CONSOLE)
        page.on(
            "console",
            lambda msg: (
                msg.type == "error"
                and self._note(
                    page,
                    f"console error: {msg.text}"
                    + (
                        f" ({msg.location['url']}:{msg.location['lineNumber']})"
                        if msg.location.get("url")
                        else ""
                    ),
                )
            ),
        )
        page.on("pageerror", lambda err: self._note(page, f"page error: {err}"))
        page.on(
            "response",
            lambda r: (
                r.status >= 500
                and self._note(
                    page,
                    f"HTTP {r.status} for {r.request.method} {r.url}",
                    where=r.url if r.request.is_navigation_request() else None,
                )
            ),
        )

    def _note(self, page, problem: str, where: str | None = None):
        text = f"on {where or page.url}: {problem}"
        for pattern, seen in self._expected:
            if pattern.search(text):
                seen.append(text)
                return
        self.problems.append(text)

    @contextlib.contextmanager
    def expected(self, pattern: str):
        seen: list[str] = []
        self._expected.append((re.compile(pattern), seen))
        try:
            yield seen
        finally:
            self._expected.pop()
        assert seen, f"expected a browser problem matching {pattern!r}, none was seen"

    def report(self) -> str:
        return "Chromium reported problems:\n" + "\n".join(f"  - {p}" for p in self.problems)


_BROWSER_WATCH = pytest.StashKey[BrowserWatch]()


@pytest.fixture
def page(page, request):
    """pytest-playwright's page, watched (as is every page later opened in its context)."""
    watch = BrowserWatch()
    watch.attach(page)
    page.context.on("page", watch.attach)
    request.node.stash[_BROWSER_WATCH] = watch
    return page


@pytest.fixture
def browser_watch(page, request):
    return request.node.stash[_BROWSER_WATCH]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A browser test fails on any problem its watch saw; when it failed anyway, the problems lead the report
    (a 500 is usually why a locator then timed out)."""
    try:
        result = yield
    except BaseException as exc:
        watch = item.stash.get(_BROWSER_WATCH, None)
        if watch is not None and watch.problems and isinstance(exc, Exception):
            raise AssertionError(watch.report()) from exc
        raise
    watch = item.stash.get(_BROWSER_WATCH, None)
    if watch is not None and watch.problems:
        raise AssertionError(watch.report())
    return result


@pytest.fixture
def eager_media(settings, tmp_path):
    """Tasks run in the test's process (eager: notification e-mails too), files land in a media folder of the
    test's own, passwords hash fast: for tests that build a world through the services and read its files."""
    from portal.celery import app

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


# --- The calendar: the suite passes on any day ----------------------------------------------------------
# THONGSUOT_TEST_TODAY=YYYY-MM-DD runs every in-process test with the clock on that day (09:00 in Hà Nội,
# ticking), so CI can replay the date-sensitive parts on fixed days of the year as well as on the real one
# (scripts/test.sh does). Tests with real worker or server processes keep the real clock: those processes
# cannot be moved in time, and a browser would drop session cookies stamped on another day.
REAL_CLOCK_MARKERS = ("celery_worker", "faults", "browser")


def _test_today():
    import datetime as dt

    raw = os.environ.get("THONGSUOT_TEST_TODAY", "").strip()
    if not raw:
        return None
    day = dt.date.fromisoformat(raw)
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture(autouse=True)
def _suite_clock(request):
    """Moves the clock to THONGSUOT_TEST_TODAY when it is set (see above); a test's own travel still wins."""
    when = _test_today()
    if when is None or any(request.node.get_closest_marker(m) for m in REAL_CLOCK_MARKERS):
        yield
        return
    import time_machine

    with time_machine.travel(when, tick=True):
        yield
