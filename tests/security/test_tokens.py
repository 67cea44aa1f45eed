"""Tokens (issue 20, finding 9): API keys and the calendar-feed secret expire, die with a password change, are
stored hashed, can be revoked, and an API key can be limited to reading.

Cast: hung leads LĐLĐ tỉnh (ldld, whose subtree holds yenthe), mai drafts at ldld, tuan reports for cdcs.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from directives.models import Document
from portal.audit.models import Event
from portal.core.models import ApiToken
from portal.core.services import api_token_create
from reporting.models import CalendarToken
from reporting.services import calendar_token_issue, calendar_token_revoke
from tests.conftest import PASSWORD

pytestmark = pytest.mark.security

NEW_PASSWORD = "Cong-van-den-so-97/HD"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def api(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def feed(unit, secret: str):
    return Client().get(reverse("reporting:unit_calendar", args=[unit.pk]), {"token": secret})


def change_password(user, client: Client) -> None:
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302


# --- API keys ------------------------------------------------------------------------------------------


def test_the_token_lifetimes_are_settings_with_safe_defaults():
    assert settings.API_TOKEN_TTL_DAYS == 90
    assert settings.CALENDAR_TOKEN_TTL_DAYS == 365


def test_an_api_key_expires(cast):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token, key = api_token_create(user=cast.hung, name="Tổng hợp")
    assert token.expires_at == start + dt.timedelta(days=90)
    with time_machine.travel(start + dt.timedelta(days=89), tick=False):
        assert api(key).get("/api/v1/units/").status_code == 200
    with time_machine.travel(start + dt.timedelta(days=90, seconds=1), tick=False):
        response = api(key).get("/api/v1/units/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert "đã hết hạn" in response.json()["message"]


def test_an_api_key_dies_with_a_password_change(cast, client):
    _, key = api_token_create(user=cast.hung, name="Tổng hợp")
    assert api(key).get("/api/v1/units/").status_code == 200
    change_password(cast.hung, client)
    response = api(key).get("/api/v1/units/")
    assert response.status_code == 401
    assert "mật khẩu của tài khoản đã đổi" in response.json()["message"]
    page = client.get(reverse("api_tokens")).content.decode()
    assert "Mất hiệu lực vì mật khẩu đã đổi." in page
    # A key made after the change works.
    cast.hung.refresh_from_db()
    _, fresh = api_token_create(user=cast.hung, name="Sau khi đổi mật khẩu")
    assert api(fresh).get("/api/v1/units/").status_code == 200


def test_an_api_key_is_stored_only_as_its_hash(cast):
    token, key = api_token_create(user=cast.hung, name="Tổng hợp")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in str(stored)
    assert stored["key_hash"] == ApiToken.hash(key) and stored["prefix"] == key[:10]


def test_a_read_only_key_reads_and_cannot_write(cast, client):
    client.force_login(cast.mai)
    page = client.post(reverse("api_tokens"), {"name": "Chỉ xem", "read_only": "1"}).content.decode()
    key = re.search(r'data-testid="new-key">([^<]+)<', page).group(1)
    assert ApiToken.objects.get(user=cast.mai).read_only is True
    reader = api(key)
    assert reader.get("/api/v1/documents/").status_code == 200
    before = Document.objects.count()
    response = reader.post(
        "/api/v1/documents/", {"issuer": cast.ldld.pk, "doc_type": "KH", "subject": "Thử"}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {
        "code": "read_only_token",
        "fields": {},
        "message": "Khóa API này chỉ được đọc (GET); không thể dùng để thay đổi dữ liệu.",
    }
    assert Document.objects.count() == before
    # A read-write key of the same person does write.
    _, writer = api_token_create(user=cast.mai, name="Ghi")
    assert (
        api(writer)
        .post(
            "/api/v1/documents/", {"issuer": cast.ldld.pk, "doc_type": "KH", "subject": "Thử"}, format="json"
        )
        .status_code
        == 201
    )


def test_a_revoked_api_key_is_refused(cast):
    from portal.core.services import api_token_revoke

    token, key = api_token_create(user=cast.hung, name="Tổng hợp")
    assert api_token_revoke(user=cast.hung, token_id=token.pk)
    assert api(key).get("/api/v1/units/").status_code == 401
    # Someone else cannot revoke it (nothing changes).
    other, other_key = api_token_create(user=cast.hung, name="Khác")
    assert not api_token_revoke(user=cast.mai, token_id=other.pk)
    assert api(other_key).get("/api/v1/units/").status_code == 200


# --- the calendar-feed secret ------------------------------------------------------------------------------


def test_the_calendar_secret_is_stored_only_as_its_hash_and_shown_once(cast, client):
    client.force_login(cast.tuan)
    page = client.post(reverse("reporting:calendar_token")).content.decode()
    secret = re.search(r"\?token=([\w-]+)", page).group(1)
    row = CalendarToken.objects.filter(user=cast.tuan).values().get()
    assert secret not in str(row)
    assert "Địa chỉ mới — chỉ hiện một lần" in page
    # The obligations page no longer shows it.
    assert secret not in client.get(reverse("reporting:obligations")).content.decode()
    assert feed(cast.cdcs, secret).status_code == 200


def test_the_calendar_secret_expires(cast):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        secret = calendar_token_issue(user=cast.tuan)
    with time_machine.travel(start + dt.timedelta(days=364), tick=False):
        assert feed(cast.cdcs, secret).status_code == 200
    with time_machine.travel(start + dt.timedelta(days=365, seconds=1), tick=False):
        assert feed(cast.cdcs, secret).status_code == 404


def test_the_calendar_secret_dies_with_a_password_change(cast, client):
    secret = calendar_token_issue(user=cast.tuan)
    assert feed(cast.cdcs, secret).status_code == 200
    change_password(cast.tuan, client)
    assert feed(cast.cdcs, secret).status_code == 404


def test_the_calendar_secret_can_be_revoked_and_renewed(cast, client):
    old = calendar_token_issue(user=cast.tuan)
    new = calendar_token_issue(user=cast.tuan)
    assert feed(cast.cdcs, old).status_code == 404 and feed(cast.cdcs, new).status_code == 200
    client.force_login(cast.tuan)
    response = client.post(reverse("reporting:calendar_token"), {"action": "thu_hoi"})
    assert response.status_code == 302
    assert feed(cast.cdcs, new).status_code == 404
    assert not CalendarToken.objects.filter(user=cast.tuan).exists()
    assert Event.objects.filter(
        action="reporting.calendar_token_revoked", object_id=str(cast.tuan.pk)
    ).exists()
    assert calendar_token_revoke(user=cast.tuan) is False  # nothing left to revoke


def test_the_calendar_secret_opens_the_owners_own_units_not_a_leaders_subtree(cast, client):
    """A leader's session sees the subtree's feeds; the secret in a URL opens only the leader's own unit."""
    secret = calendar_token_issue(user=cast.hung)
    assert feed(cast.ldld, secret).status_code == 200
    assert feed(cast.yenthe, secret).status_code == 404
    client.force_login(cast.hung)
    assert client.get(reverse("reporting:unit_calendar", args=[cast.yenthe.pk])).status_code == 200
