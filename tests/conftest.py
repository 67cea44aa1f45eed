"""The cast every test shares.

Units (a small slice of the seed cascade):
  btgtu      Ban Tuyên giáo Tỉnh ủy Bắc Giang (party)        — under tinhuy
  ldld       LĐLĐ tỉnh Bắc Giang (union)                     — under tld
  yenthe     LĐLĐ huyện Yên Thế                               — under ldld
  cdcs       CĐCS Trường THCS Bố Hạ                           — under yenthe
  tanyen     LĐLĐ huyện Tân Yên                               — under ldld
  laichau    Đảng ủy in Lai Châu (unrelated line)            — root

People:
  lan      drafter at btgtu          hanh     signer (leader) at btgtu
  mai      drafter at ldld           hung     signer (leader) at ldld
  thu      clerk at ldld             son      unit admin at ldld
  binh     signer at yenthe          tuan     reporter at cdcs
  charlie  reporter at laichau — the outsider who must be refused
  admin    system administrator
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "Mat-khau-thu-2024"


@dataclass
class Cast:
    units: dict
    users: dict

    def __getattr__(self, name):
        if name in self.users:
            return self.users[name]
        if name in self.units:
            return self.units[name]
        raise AttributeError(name)


def build_cast():
    from portal.org.models import Unit
    from portal.org.services import UnitData, membership_grant, unit_create

    def unit(code, name, short, kind, regime, parent=None, parent_line="", place="Bắc Giang", departments=()):
        return unit_create(actor=None, parent=parent, data=UnitData(
            code=code, name=name, short_name=short, kind=kind, regime=regime, parent_line=parent_line,
            place_name=place, departments=tuple(departments)))

    tinhuy = unit("bg-tu", "Tỉnh ủy Bắc Giang", "TU", "party_committee", "party")
    btgtu = unit("bg-btgtu", "Ban Tuyên giáo Tỉnh ủy Bắc Giang", "BTGTU", "party_board", "party", tinhuy,
                 "TỈNH ỦY BẮC GIANG")
    tld = unit("tld", "Tổng Liên đoàn Lao động Việt Nam", "TLĐ", "union_national", "union", place="Hà Nội")
    ldld = unit("bg-ldld", "Liên đoàn Lao động tỉnh Bắc Giang", "LĐLĐ", "union_province", "union", tld,
                "TỔNG LĐLĐ VIỆT NAM", departments=["TG&NC", "VP"])
    yenthe = unit("bg-ldld-yenthe", "Liên đoàn Lao động huyện Yên Thế", "LĐLĐ", "union_district", "union", ldld,
                  "LĐLĐ TỈNH BẮC GIANG", place="Yên Thế")
    tanyen = unit("bg-ldld-tanyen", "Liên đoàn Lao động huyện Tân Yên", "LĐLĐ", "union_district", "union", ldld,
                  "LĐLĐ TỈNH BẮC GIANG", place="Tân Yên")
    cdcs = unit("bg-cdcs-thcs-boha", "Công đoàn Trường THCS Bố Hạ", "CĐCS", "union_grassroots", "union", yenthe,
                "LĐLĐ HUYỆN YÊN THẾ", place="Yên Thế")
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
        user = User.objects.create_user(username, f"{username}@thongsuot.test", PASSWORD, first_name=full_name)
        membership_grant(actor=None, user=user, unit=unit_obj, role=role)
        users[username] = user
    users["admin"] = User.objects.create_superuser("admin", "admin@thongsuot.test", PASSWORD,
                                                   first_name="Quản trị hệ thống")
    for u in Unit.objects.all():
        units[u.code] = u
    short = {"tinhuy": tinhuy, "btgtu": btgtu, "tld": tld, "ldld": ldld, "yenthe": yenthe, "tanyen": tanyen,
             "cdcs": cdcs, "laichau": laichau}
    units.update({k: Unit.objects.get(pk=v.pk) for k, v in short.items()})
    return Cast(units=units, users=users)


@pytest.fixture
def cast(db):
    return build_cast()


@pytest.fixture
def tcast(transactional_db):
    return build_cast()


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
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture
def browser_login(page, live_server):
    def _login(username: str, password: str = PASSWORD):
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    return _login


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
