"""Every demo account that `manage.py demo_accounts` prints logs in with the demo password (issue 13, blocker 5):
through the login form, as a person would, with the command's own list — not the tree's — so an account the
loader adds on the side is caught as well."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=StringIO())


def _printed_usernames() -> list[str]:
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    lines = out.getvalue().splitlines()
    assert settings.DEMO_PASSWORD in lines[0]
    return [line.split()[0] for line in lines[1:] if line.startswith("  ")]


def test_it_lets_every_printed_demo_account_log_in_with_the_demo_password(demo):
    usernames = _printed_usernames()
    assert len(usernames) == len(set(usernames)), "a person is listed once, with all their roles"
    assert {
        "hiephoa.chutich",
        "tpbacgiang.chutich",
        "yenthe.chutich",
        "tanyen.chutich",
        "langgiang.chutich",
        "lucnam.chutich",
        "bg.tgnc",
        "quantri",
    } <= set(usernames)
    refused = []
    for username in usernames:
        client = Client()
        response = client.post("/dang-nhap/", {"username": username, "password": settings.DEMO_PASSWORD})
        if response.status_code != 302 or "_auth_user_id" not in client.session:
            refused.append(username)
    assert refused == []


def test_it_refuses_a_demo_account_with_a_wrong_password(demo):
    client = Client()
    response = client.post("/dang-nhap/", {"username": "hiephoa.chutich", "password": "sai-mat-khau-123"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_it_lists_a_person_with_two_roles_once_with_both(demo):
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    line = next(row for row in out.getvalue().splitlines() if row.split()[:1] == ["bg.tgnc"])
    assert "Chuyên viên soạn thảo" in line and "Người báo cáo" in line
