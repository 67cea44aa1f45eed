"""Two-factor login for signers and clerks (issue 15, item 6; portal/core/twofactor.py).

Cast (tests/conftest.py): Thu is the clerk (văn thư) of LĐLĐ tỉnh Bắc Giang and Hùng its signer — both owe a
TOTP code after the password when OTP_REQUIRED is on; Mai drafts there and logs in as today; Sơn administers
the unit and may reset a member's authenticator; Hạnh (signer of Ban Tuyên giáo, another tree) is out of his
reach; the system administrator holds no role and logs in as today.

The clock is fixed (time-machine, no tick): each code is computed from the device's key at that moment with
django_otp.oath.totp, and the next 30-second window is reached by moving the clock, never by waiting.
Logins go through the real login form (the axes backend counts failures there).
"""

from __future__ import annotations

import datetime as dt
import re
from base64 import b32decode

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit.models import Event
from portal.core import services, twofactor
from portal.core.services import api_token_create
from portal.org.models import Membership, Role
from tests.conftest import PASSWORD

# A Monday morning in Hà Nội, on a 30-second boundary (a code's window starts here).
MORNING = dt.datetime(2026, 3, 2, 9, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
WRONG_CODE = "Mã xác thực không đúng hoặc đã hết hạn."


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clock():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


def code(device: TOTPDevice) -> str:
    """The code the person's app shows now (the app holds the same key)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wrong_code(device: TOTPDevice) -> str:
    """A 6-digit code the device refuses now: none of the codes of the windows it accepts (tolerance 1)."""
    accepted = {
        f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=d):06d}"
        for d in (-1, 0, 1)
    }
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in accepted)


def code_from_secret(secret_shown: str) -> str:
    """The code an app shows for a secret typed by hand from the page («ABCD EFGH …»)."""
    key = "".join(secret_shown.split())
    key += "=" * (-len(key) % 8)
    return f"{totp(b32decode(key)):06d}"


def enrolled(user) -> TOTPDevice:
    """user set up an authenticator (through the services, as the enrolment page does)."""
    device = services.otp_enrolment_begin(user=user)
    return services.otp_enrolment_confirm(user=user, token=code(device))


def password_login(client: Client, user, *, ip: str = "10.20.30.40"):
    return client.post(
        "/dang-nhap/", {"username": user.username, "password": PASSWORD}, REMOTE_ADDR=ip, follow=False
    )


def give_code(client: Client, token: str, *, ip: str = "10.20.30.40", next_url: str = "/"):
    return client.post(reverse("otp_verify"), {"otp_token": token, "next": next_url}, REMOTE_ADDR=ip)


def verify_url(next_url: str = "/") -> str:
    return f"{reverse('otp_verify')}?next={next_url}"


# --- Off, and for people who do not sign ------------------------------------------------------------------


def test_it_is_off_by_default_so_a_signer_logs_in_as_today(cast, client):
    assert password_login(client, cast.hung)["Location"] == "/"
    assert client.get("/").status_code == 200


def test_with_it_on_a_drafter_and_the_system_administrator_log_in_as_today(cast, client, otp_required):
    for person in (cast.mai, cast.admin):
        assert password_login(client, person)["Location"] == "/"
        assert client.get("/").status_code == 200, person.username
        assert client.get(reverse("otp_verify"))["Location"] == "/"  # nothing owed: on to where they go
        client.post(reverse("logout"))


# --- Setting up the app right after the password ----------------------------------------------------------


def test_a_clerk_without_an_app_sets_one_up_right_after_the_password(cast, client, otp_required, clock):
    assert password_login(client, cast.thu)["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 302 and home["Location"].startswith(reverse("otp_enrol"))
    page = client.get(home["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "Thiết lập xác thực hai lớp" in html
    assert "Nhập mã 6 số từ ứng dụng" in html
    # The QR code is inline SVG: no image request, no style attribute the CSP would refuse.
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "style=" not in svg and "<img" not in html
    secret = re.search(r'data-testid="otp-secret">([A-Z2-7 ]+)<', html).group(1)
    assert all(len(group) == 4 for group in secret.split()[:-1])
    # The nav is not offered to a session that owes its second factor; logging out is.
    assert "Danh mục chính" not in html and reverse("logout") in html

    wrong = client.post(home["Location"], {"otp_token": wrong_code(twofactor.pending_device(cast.thu))})
    assert WRONG_CODE in wrong.content.decode()
    assert "6 chữ số" in client.post(home["Location"], {"otp_token": "12345"}).content.decode()
    clock.shift(dt.timedelta(seconds=5))  # past the one-second back-off of that wrong code
    done = client.post(home["Location"], {"otp_token": code_from_secret(secret), "next": "/"})
    assert done.status_code == 302 and done["Location"] == "/"
    assert client.get("/").status_code == 200
    device = twofactor.confirmed_device(cast.thu)
    assert device is not None and twofactor.secret_grouped(device) == secret
    event = Event.objects.get(action="account.otp_enrolled")
    assert event.actor == cast.thu and event.unit == cast.ldld and event.details == {"replaced": False}


def test_reloading_the_set_up_page_keeps_the_secret_already_scanned(cast, client, otp_required):
    password_login(client, cast.thu)
    first = client.get(reverse("otp_enrol")).content.decode()
    again = client.get(reverse("otp_enrol")).content.decode()
    pattern = r'data-testid="otp-secret">([A-Z2-7 ]+)<'
    assert re.search(pattern, first).group(1) == re.search(pattern, again).group(1)
    assert TOTPDevice.objects.filter(user=cast.thu).count() == 1


# --- The code at each login ------------------------------------------------------------------------------


def test_a_signer_gives_the_code_and_goes_where_he_was_going(cast, client, otp_required, clock):
    device = enrolled(cast.hung)
    clock.shift(dt.timedelta(seconds=30))
    response = client.post(
        "/dang-nhap/?next=/van-ban/den/", {"username": "hung", "password": PASSWORD, "next": "/van-ban/den/"}
    )
    asked = client.get(response["Location"])
    assert asked["Location"] == verify_url("/van-ban/den/")
    page = client.get(asked["Location"])
    assert page.status_code == 200 and "Mã xác thực" in page.content.decode()

    wrong = give_code(client, wrong_code(device), next_url="/van-ban/den/")
    assert wrong.status_code == 200 and WRONG_CODE in wrong.content.decode()
    clock.shift(dt.timedelta(seconds=2))
    session_before = client.session.session_key
    passed = give_code(client, code(device), next_url="/van-ban/den/")
    assert passed.status_code == 302 and passed["Location"] == "/van-ban/den/"
    assert client.session.session_key != session_before  # a new key once verified
    assert client.get("/van-ban/den/").status_code == 200
    event = Event.objects.filter(action="account.otp_verified").latest("pk")
    assert event.actor == cast.hung and event.details == {"purpose": "login"} and event.unit == cast.ldld


def test_a_code_already_used_is_refused(cast, client, otp_required, clock):
    device = enrolled(cast.hung)
    clock.shift(dt.timedelta(seconds=30))
    password_login(client, cast.hung)
    spent = code(device)
    assert give_code(client, spent).status_code == 302
    client.post(reverse("logout"))
    other = Client()
    password_login(other, cast.hung)
    clock.shift(dt.timedelta(seconds=3))  # the same 30-second window: the code on the phone has not changed
    replay = give_code(other, spent)
    assert replay.status_code == 200 and WRONG_CODE in replay.content.decode()
    assert other.get("/")["Location"] == verify_url()


def test_a_code_from_another_window_is_refused(cast, client, otp_required, clock):
    device = enrolled(cast.hung)
    old = code(device)
    clock.shift(dt.timedelta(minutes=5))
    password_login(client, cast.hung)
    assert WRONG_CODE in give_code(client, old).content.decode()


def test_wrong_codes_in_a_row_make_the_app_wait_and_say_until_when(cast, client, otp_required, clock):
    device = enrolled(cast.hung)
    clock.shift(dt.timedelta(seconds=30))
    password_login(client, cast.hung)
    for _ in range(3):
        give_code(client, wrong_code(device))
        clock.shift(dt.timedelta(seconds=10))
    # Failures at 09:00:30, :40, :50 and now 09:01:00, each after its wait (1, 2, 4 s): the fourth asks for
    # 8 seconds, so the right code given at once is not even checked.
    give_code(client, wrong_code(device))
    waiting = give_code(client, code(device))
    html = waiting.content.decode()
    assert waiting.status_code == 200 and "nhập sai mã xác thực nhiều lần" in html
    assert "09:01:08" in html  # in Hà Nội time
    assert client.get("/")["Location"] == verify_url()
    clock.shift(dt.timedelta(seconds=30))
    assert give_code(client, code(device)).status_code == 302


def test_wrong_codes_count_towards_the_login_lockout(cast, client, otp_required, clock, settings):
    device = enrolled(cast.hung)
    clock.shift(dt.timedelta(seconds=30))
    password_login(client, cast.hung)
    wrong = wrong_code(device)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert give_code(client, wrong).status_code == 200
        clock.shift(dt.timedelta(seconds=20))  # past the app's own back-off: only axes counts here
    locked = give_code(client, wrong)
    assert locked.status_code == 429 and "Tạm khóa đăng nhập" in locked.content.decode()
    assert client.get("/")["Location"].startswith("/dang-nhap/")  # the session was ended
    assert Event.objects.filter(action="auth.locked_out", object_id=str(cast.hung.pk)).count() == 1
    # The password is refused too while the lock lasts, from that address.
    assert password_login(client, cast.hung).status_code == 429


# --- Nothing else until the code is given ----------------------------------------------------------------


def test_an_unverified_session_reaches_no_page_and_no_api(cast, client, otp_required, clock):
    enrolled(cast.thu)
    password_login(client, cast.thu)
    for url in ("/", "/van-ban/den/", reverse("account"), reverse("api_tokens"), reverse("otp_enrol")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("otp_verify")), url
    api = client.get("/api/v1/documents/")
    assert api.status_code == 403
    assert api.json() == {"code": "second_factor_required", "message": twofactor.API_MESSAGE, "fields": {}}
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/")["Location"].startswith("/dang-nhap/")


def test_an_api_key_is_not_a_session_and_is_unaffected(cast, client, otp_required):
    _, key = api_token_create(user=cast.thu, name="Phần mềm văn thư")
    response = client.get("/api/v1/documents/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200


# --- A new phone, and a lost one ---------------------------------------------------------------------------


def test_the_person_sets_up_a_new_phone_after_a_current_code(cast, client, otp_required, clock):
    old = enrolled(cast.thu)
    clock.shift(dt.timedelta(seconds=30))
    password_login(client, cast.thu)
    give_code(client, code(old))
    account = client.get(reverse("account")).content.decode()
    assert "Thiết lập lại xác thực hai lớp" in account
    # Without a current code there is no new set-up.
    assert client.get(reverse("otp_enrol"))["Location"] == "/"
    clock.shift(dt.timedelta(seconds=30))
    refused = client.post(reverse("otp_reenrol"), {"otp_token": wrong_code(old)})
    assert WRONG_CODE in refused.content.decode()
    clock.shift(dt.timedelta(seconds=5))
    assert client.post(reverse("otp_reenrol"), {"otp_token": code(old)})["Location"] == reverse("otp_enrol")
    page = client.get(reverse("otp_enrol")).content.decode()
    new_secret = re.search(r'data-testid="otp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert new_secret != twofactor.secret_grouped(old)
    assert twofactor.confirmed_device(cast.thu) == old  # the old app works until the new one is confirmed
    done = client.post(reverse("otp_enrol"), {"otp_token": code_from_secret(new_secret)})
    assert done["Location"] == reverse("account")
    assert list(TOTPDevice.objects.filter(user=cast.thu)) == [twofactor.confirmed_device(cast.thu)]
    assert twofactor.secret_grouped(twofactor.confirmed_device(cast.thu)) == new_secret
    assert client.get("/").status_code == 200  # this session stays verified, with the new app
    assert Event.objects.filter(action="account.otp_enrolled").latest("pk").details == {"replaced": True}
    assert Event.objects.filter(action="account.otp_verified", details__purpose="reenrol").count() == 1


def test_an_administrator_resets_a_lost_phone_and_the_sessions_ask_again(cast, client, otp_required, clock):
    device = enrolled(cast.thu)
    clock.shift(dt.timedelta(seconds=30))
    thu = Client()
    password_login(thu, cast.thu)
    give_code(thu, code(device))
    assert thu.get("/").status_code == 200

    client.force_login(cast.son)
    url = reverse("otp_person", args=[cast.ldld.pk, cast.thu.pk])
    page = client.get(url).content.decode()
    assert "đã thiết lập" in page and "Đặt lại xác thực hai lớp" in page
    assert (
        reverse("otp_person", args=[cast.ldld.pk, cast.thu.pk])
        in client.get(reverse("org:person_detail", args=[cast.ldld.pk, cast.thu.pk])).content.decode()
    )
    assert client.post(url)["Location"] == url
    assert not TOTPDevice.objects.filter(user=cast.thu).exists()
    event = Event.objects.get(action="account.otp_reset")
    assert event.actor == cast.son and event.object_id == str(cast.thu.pk) and event.unit == cast.ldld
    # Thu's open session named the removed device: it owes the set-up again.
    assert thu.get("/")["Location"].startswith(reverse("otp_enrol"))


def test_a_reset_is_refused_outside_the_administrators_reach(cast, client, otp_required, clock):
    enrolled(cast.hanh)
    enrolled(cast.thu)
    client.force_login(cast.son)
    # Hạnh is in another tree: no page, no hint.
    assert client.post(reverse("otp_person", args=[cast.btgtu.pk, cast.hanh.pk])).status_code == 404
    # Thu also keeps the seal of a unit Sơn does not administer: only an administrator above both may reset.
    Membership.objects.create(user=cast.thu, unit=cast.laichau, role=Role.CLERK)
    url = reverse("otp_person", args=[cast.ldld.pk, cast.thu.pk])
    response = client.post(url, follow=True)
    assert "chỉ quản trị viên cấp trên" in response.content.decode()
    assert TOTPDevice.objects.filter(user=cast.thu, confirmed=True).count() == 1
    # A plain member may not reach the page at all; a person with nothing set up has nothing to reset.
    client.force_login(cast.mai)
    assert client.post(url).status_code == 404
    client.force_login(cast.admin)
    assert (
        client.post(reverse("otp_person", args=[cast.ldld.pk, cast.hung.pk]), follow=True).status_code == 200
    )
    assert not Event.objects.filter(action="account.otp_reset").exists()


def test_production_without_the_second_factor_is_warned(settings):
    from portal.core.checks import check_second_factor

    settings.PRODUCTION, settings.OTP_REQUIRED = True, False
    assert [w.id for w in check_second_factor(None)] == ["thongsuot.W004"]
    settings.OTP_REQUIRED = True
    assert check_second_factor(None) == []


def test_where_to_go_next_is_a_path_of_this_site_or_home(cast, client, otp_required, clock):
    device = enrolled(cast.hung)
    clock.shift(dt.timedelta(seconds=30))
    password_login(client, cast.hung)
    for hostile in ("https://evil.example/", "//evil.example/", "99999999999999999999", "0:x"):
        assert client.get(reverse("otp_enrol"), {"next": hostile})["Location"].startswith(
            reverse("otp_verify")
        )
    assert give_code(client, code(device), next_url="https://evil.example/")["Location"] == "/"
    client.force_login(cast.admin)  # owes nothing: sent on, never off the site
    for hostile in ("https://evil.example/", "99999999999999999999", "-1"):
        assert client.get(reverse("otp_verify"), {"next": hostile})["Location"] == "/"
        assert client.get(reverse("otp_enrol"), {"next": hostile})["Location"] == "/"
