"""Login throttling, session expiry and password rules (issue 8).

Logins here go through the real login form (POST /dang-nhap/), never ``force_login``, because
``force_login`` skips the authentication backends — and with them django-axes.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.audit.models import Event
from portal.lib.dates import vn_date
from portal.org.audit_log import events_visible_to
from tests.conftest import PASSWORD

pytestmark = pytest.mark.security

LOGIN = "/dang-nhap/"
OFFICE_IP = "10.20.30.40"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    # The cast has ten users; what is tested here is the login flow, not the hash's cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def post_login(client: Client, username: str, password: str, *, ip: str = OFFICE_IP):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def logged_in_as(client: Client) -> str | None:
    """The username the server-side session belongs to, None when anonymous."""
    response = client.get(reverse("home"))
    if response.status_code != 200:
        return None
    return response.wsgi_request.user.get_username() or None


def fail(client: Client, username: str, times: int, *, ip: str = OFFICE_IP):
    return [post_login(client, username, "sai-mat-khau-roi", ip=ip) for _ in range(times)]


# --- Login throttling (django-axes) ---------------------------------------------------------------


def test_the_throttle_limits_come_from_settings_with_safe_defaults():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert dt.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_ACCOUNT_FAILURE_LIMIT == 20 and settings.AXES_ADDRESS_FAILURE_LIMIT == 20
    assert settings.AXES_KNOWN_ADDRESS_DAYS == 30
    assert settings.AXES_RESET_ON_SUCCESS is True
    assert settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is False
    assert settings.AXES_HANDLER == "portal.core.lockout.ThrottleHandler"
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_five_wrong_passwords_lock_the_account_even_against_the_right_password(cast, client):
    responses = fail(client, "hung", 4)
    assert [r.status_code for r in responses] == [200] * 4
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in responses[-1].content.decode()
    fifth = fail(client, "hung", 1)[0]
    assert fifth.status_code == 429
    with time_machine.travel(timezone.now(), tick=False):
        right = post_login(client, "hung", PASSWORD)
        retry_at = timezone.localtime(timezone.now() + dt.timedelta(minutes=15))
    body = right.content.decode()
    assert right.status_code == 429
    assert "Tạm khóa đăng nhập" in body
    assert "tạm khóa đăng nhập từ địa chỉ mạng này vì nhập sai mật khẩu 5 lần liên tiếp" in body
    assert f"Vui lòng thử lại sau {retry_at:%H:%M} {vn_date(retry_at)} (sau 15 phút)" in body
    assert logged_in_as(client) is None
    # The lockout page carries the same security headers as every page.
    assert right.headers["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY
    assert right.headers["X-Frame-Options"] == "DENY"


def test_the_lockout_is_recorded_once_in_the_audit_log(cast, client):
    fail(client, "hung", 7)
    events = list(Event.objects.filter(action="auth.locked_out"))
    assert len(events) == 1
    event = events[0]
    assert event.object_type == "auth.user" and event.object_id == str(cast.hung.pk)
    assert event.unit_id == cast.ldld.pk
    assert event.details["ip_address"] == OFFICE_IP and event.details["failure_limit"] == 5
    # The unit's leaders read it in their log; a leader of another subtree does not.
    assert list(events_visible_to(cast.hung, action="auth.locked_out")) == [event]
    assert not events_visible_to(cast.binh, action="auth.locked_out").exists()


def test_a_colleague_on_the_same_office_ip_is_not_locked_out(cast, client):
    fail(client, "hung", 6)
    assert post_login(client, "hung", PASSWORD).status_code == 429
    colleague = Client()
    response = post_login(colleague, "mai", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("home")
    assert logged_in_as(colleague) == "mai"


def test_the_same_account_from_another_ip_is_not_locked_out(cast, client):
    """The lock is the username+IP pair: an outsider guessing cannot lock a leader out of the office."""
    fail(client, "hung", 5, ip="203.0.113.9")
    other = Client()
    assert post_login(other, "hung", PASSWORD, ip=OFFICE_IP).status_code == 302
    assert logged_in_as(other) == "hung"


def test_after_the_cool_off_the_right_password_works_again(cast, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, "hung", 5)
        assert post_login(client, "hung", PASSWORD).status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=14), tick=False):
        # Still locked — and this retry does not start the cool-off again.
        assert post_login(client, "hung", PASSWORD).status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=15, seconds=1), tick=False):
        response = post_login(client, "hung", PASSWORD)
        assert response.status_code == 302, response.content.decode()[:500]
        assert logged_in_as(client) == "hung"


def test_a_successful_login_resets_the_failure_count(cast, client):
    fail(client, "hung", 4)
    assert post_login(client, "hung", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    # Four more failures after the success: not locked (the count restarted at zero) …
    assert [r.status_code for r in fail(client, "hung", 4)] == [200] * 4
    assert post_login(client, "hung", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    # … while five in a row still lock.
    assert fail(client, "hung", 5)[-1].status_code == 429


def test_an_unknown_username_is_throttled_too_without_an_audit_event(cast, client):
    assert fail(client, "khong-ton-tai", 5)[-1].status_code == 429
    assert not Event.objects.filter(action="auth.locked_out").exists()


def test_retries_during_the_lock_never_extend_it_for_the_victim_behind_a_shared_nat(cast, client):
    """Finding 8: someone behind the office NAT kept a leader locked out by retrying (each attempt restarted
    the cool-off). Now a refused attempt is not counted: the lock ends 15 minutes after the fifth failure."""
    from axes.models import AccessAttempt

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, "hung", 5)
    for minute in range(1, 15):
        with time_machine.travel(start + dt.timedelta(minutes=minute), tick=False):
            assert fail(client, "hung", 1)[0].status_code == 429
    assert AccessAttempt.objects.get(username="hung").failures_since_start == 5  # nothing more was counted
    with time_machine.travel(start + dt.timedelta(minutes=15, seconds=1), tick=False):
        victim = Client()
        assert post_login(victim, "hung", PASSWORD).status_code == 302
        assert logged_in_as(victim) == "hung"


def test_the_lockout_page_gives_the_end_of_the_lock_not_now_plus_the_cool_off(cast, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, "hung", 5)
    with time_machine.travel(start + dt.timedelta(minutes=10), tick=False):
        body = post_login(client, "hung", PASSWORD).content.decode()
    ends = timezone.localtime(start + dt.timedelta(minutes=15))
    assert f"Vui lòng thử lại sau {ends:%H:%M} {vn_date(ends)}" in body
    assert "không kéo dài thời gian chờ" in body


def test_guessing_spread_over_many_addresses_locks_the_account(cast, client):
    """Per account across addresses: 4 guesses from each of 5 addresses (never 5 from one) lock the account
    from any new address — but not from the office where its owner logs in."""
    office = Client()
    assert post_login(office, "hung", PASSWORD, ip=OFFICE_IP).status_code == 302  # the owner's known address
    office.post(reverse("logout"))
    for n in range(5):
        responses = fail(Client(), "hung", 4, ip=f"198.51.100.{n + 1}")
    assert responses[-1].status_code == 429
    body = responses[-1].content.decode()
    assert (
        "Tài khoản này đã bị tạm khóa đăng nhập vì mật khẩu bị nhập sai 20 lần từ nhiều địa chỉ mạng" in body
    )
    assert reverse("password_reset") in body  # the owner's way out
    # The right password from yet another address: refused, nothing logged in.
    elsewhere = Client()
    assert post_login(elsewhere, "hung", PASSWORD, ip="192.0.2.77").status_code == 429
    assert logged_in_as(elsewhere) is None
    # From the office the owner logged in from: works.
    assert post_login(office, "hung", PASSWORD, ip=OFFICE_IP).status_code == 302
    event = Event.objects.get(action="auth.locked_out")
    assert event.details["lock"] == "account" and event.details["failure_limit"] == 20


def test_password_spraying_from_one_address_is_throttled(cast, client):
    """Per address across accounts: 4 guesses at each of 5 accounts (never 5 at one) from one address lock that
    address — for accounts that never logged in from it; a colleague who works there keeps logging in."""
    colleague = Client()
    assert post_login(colleague, "mai", PASSWORD, ip="203.0.113.50").status_code == 302
    colleague.post(reverse("logout"))
    sprayer = Client()
    for username in ("hung", "thu", "son", "binh", "khong-ton-tai"):
        responses = fail(sprayer, username, 4, ip="203.0.113.50")
    assert responses[-1].status_code == 429
    assert "Địa chỉ mạng này đã bị tạm khóa đăng nhập vì mật khẩu bị nhập sai 20 lần vào nhiều tài khoản" in (
        responses[-1].content.decode()
    )
    # The next account sprayed — even with the right password — is refused, and nothing is counted for it.
    assert post_login(sprayer, "lan", PASSWORD, ip="203.0.113.50").status_code == 429
    assert logged_in_as(sprayer) is None
    assert post_login(colleague, "mai", PASSWORD, ip="203.0.113.50").status_code == 302
    assert logged_in_as(colleague) == "mai"
    # From another address everyone logs in.
    assert post_login(Client(), "lan", PASSWORD, ip="192.0.2.10").status_code == 302


def test_the_owner_lifts_the_lock_with_a_password_reset_link(cast, client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    fail(client, "hung", 5)
    assert post_login(client, "hung", PASSWORD).status_code == 429
    uid = urlsafe_base64_encode(force_bytes(cast.hung.pk))
    link = reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(cast.hung)])
    owner = Client()
    form_url = owner.get(link)["Location"]  # Django moves the token out of the URL into the session
    new = "Cong-van-den-so-97/HD"
    assert owner.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    # The lock is gone at once, from the same address, with the new password.
    response = post_login(client, "hung", new)
    assert response.status_code == 302 and logged_in_as(client) == "hung"


def test_the_old_password_check_at_doi_mat_khau_is_throttled(cast, client):
    """Finding 8: a stolen session could guess the password at /doi-mat-khau/ without limit."""
    assert post_login(client, "hung", PASSWORD).status_code == 302
    new = "Cong-van-den-so-97/HD"
    for _ in range(4):
        response = client.post(
            reverse("password_change"),
            {"old_password": "doan-thu", "new_password1": new, "new_password2": new},
            REMOTE_ADDR=OFFICE_IP,
        )
        assert response.status_code == 200 and "Mật khẩu cũ không chính xác" in response.content.decode()
    fifth = client.post(
        reverse("password_change"),
        {"old_password": "doan-thu", "new_password1": new, "new_password2": new},
        REMOTE_ADDR=OFFICE_IP,
    )
    assert fifth.status_code == 429
    # Now even the right old password is refused, and the password is unchanged.
    locked = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        REMOTE_ADDR=OFFICE_IP,
    )
    assert locked.status_code == 429
    cast.hung.refresh_from_db()
    assert cast.hung.check_password(PASSWORD)


# --- Sessions -------------------------------------------------------------------------------------


def test_the_session_lasts_eight_hours_and_ends_with_the_browser(cast, client):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    response = post_login(client, "hung", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    # A browser-session cookie: no Expires / Max-Age, so closing the browser ends it.
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert cookie["httponly"] is True


def test_after_eight_hours_a_page_sends_the_user_back_to_the_login(cast, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert post_login(client, "hung", PASSWORD).status_code == 302
    with time_machine.travel(start + dt.timedelta(hours=7, minutes=50), tick=False):
        assert client.get(reverse("directives:inbox")).status_code == 200
    with time_machine.travel(start + dt.timedelta(hours=8, minutes=1), tick=False):
        response = client.get(reverse("directives:inbox"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")


def test_logout_invalidates_the_session_on_the_server(cast, client):
    assert post_login(client, "hung", PASSWORD).status_code == 302
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert SessionStore().exists(old_key)
    client.post(reverse("logout"))
    assert not SessionStore().exists(old_key)
    # Someone who copied the old cookie gets nothing.
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = old_key
    response = thief.get(reverse("directives:inbox"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_session_key_changes_at_login_no_fixation(cast, client):
    planted = SessionStore()
    planted["planted"] = True
    planted.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key
    assert post_login(client, "hung", PASSWORD).status_code == 302
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != planted.session_key
    assert not SessionStore().exists(planted.session_key)
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key
    assert logged_in_as(attacker) is None
    assert logged_in_as(client) == "hung"


# --- Password rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("Ngan-1", "Mật khẩu quá ngắn. Mật khẩu phải có ít nhất 10 ký tự."),
        ("password123", "Mật khẩu này quá phổ biến."),
        ("2024061519", "Mật khẩu này hoàn toàn là số."),
        ("hung@thongsuot.test", "Mật khẩu quá giống với"),
    ],
)
def test_the_password_change_page_refuses_weak_passwords_in_vietnamese(cast, client, new_password, message):
    post_login(client, "hung", PASSWORD)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    cast.hung.refresh_from_db()
    assert cast.hung.check_password(PASSWORD)


def test_the_password_change_page_accepts_a_good_password_and_keeps_the_user_logged_in(cast, client):
    post_login(client, "hung", PASSWORD)
    good = "Cong-van-den-so-97/HD"
    response = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": good, "new_password2": good}
    )
    assert response.status_code == 302 and response.url == reverse("password_change_done")
    cast.hung.refresh_from_db()
    assert cast.hung.check_password(good)
    assert logged_in_as(client) == "hung"
    client.post(reverse("logout"))
    assert post_login(client, "hung", PASSWORD).status_code == 200
    assert post_login(client, "hung", good).status_code == 302


def test_a_wrong_old_password_is_refused_in_vietnamese(cast, client):
    post_login(client, "hung", PASSWORD)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "khong-phai",
            "new_password1": "Cong-van-den-so-97/HD",
            "new_password2": "Cong-van-den-so-97/HD",
        },
    )
    assert "Mật khẩu cũ không chính xác" in response.content.decode()
