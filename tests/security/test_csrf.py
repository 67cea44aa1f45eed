"""CSRF: every view in the URL conf refuses a POST without a token, for a logged-in user; the API refuses
a session-authenticated write without the token and accepts a token-authenticated one."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from directives.models import Document
from portal.core.models import ApiToken
from portal.core.services import api_token_create

pytestmark = pytest.mark.security


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name


def _concrete(route: str) -> str | None:
    """A URL that resolves for the route (ids = 1); None for format-suffix duplicates of API routes."""
    if "(?P<format>" in route:
        return None
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(?:slug|str|path|uuid):?\w*>", "x", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    return "/" + route


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_every_view_refuses_a_post_without_a_csrf_token(cast, csrf_client):
    csrf_client.force_login(cast.admin)
    checked, refused = [], []
    for route, name in _walk(get_resolver()):
        url = _concrete(route)
        if url is None:
            continue
        try:
            resolve(url)
        except Resolver404:  # an admin regex that "1" does not satisfy
            continue
        response = csrf_client.post(url, {"subject": "x", "name": "x", "text": "x"})
        checked.append(url)
        if response.status_code != 403 or b"CSRF" not in response.content:  # the API: {"code": "csrf_failed"}
            refused.append(f"POST {url} ({name}) answered {response.status_code}")
    assert not refused, "\n".join(refused)
    # The walk reached the product's forms, the API and the admin, not just a handful of pages.
    for expected in (
        "/dang-nhap/",
        "/dang-xuat/",
        "/van-ban/moi/",
        "/van-ban/1/sua/",
        "/van-ban/nhap/",
        "/don-vi/",
        "/thong-bao/",
        "/tai-khoan/khoa-api/",
        "/api/v1/documents/",
        "/quan-tri/",
    ):
        assert any(u.startswith(expected) for u in checked), expected
    assert len(checked) >= 60, len(checked)


def test_the_same_post_with_the_token_is_let_through(cast, csrf_client):
    """The 403s above are the CSRF check's: with the page's token the form is accepted."""
    csrf_client.force_login(cast.mai)
    page = csrf_client.get("/tai-khoan/khoa-api/")
    token = page.context["csrf_token"]
    response = csrf_client.post(
        "/tai-khoan/khoa-api/", {"name": "Phần mềm tổng hợp", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200
    assert ApiToken.objects.filter(user=cast.mai, name="Phần mềm tổng hợp").count() == 1
    refused = csrf_client.post("/tai-khoan/khoa-api/", {"name": "Không có mã chống giả mạo"})
    assert refused.status_code == 403
    assert ApiToken.objects.filter(user=cast.mai).count() == 1


def test_the_api_refuses_a_session_write_without_csrf(cast, csrf_client):
    csrf_client.force_login(cast.mai)
    response = csrf_client.post(
        "/api/v1/documents/",
        {"issuer": cast.ldld.pk, "doc_type": "KH", "subject": "Qua phiên đăng nhập"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed" and "CSRF" in response.json()["message"]
    assert not Document.objects.filter(subject="Qua phiên đăng nhập").exists()


def test_the_api_accepts_a_token_authenticated_write(cast, csrf_client):
    _, key = api_token_create(user=cast.mai, name="Phần mềm tổng hợp")
    response = csrf_client.post(
        "/api/v1/documents/",
        {"issuer": cast.ldld.pk, "doc_type": "KH", "subject": "Qua khóa API"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 201, response.content
    assert Document.objects.filter(subject="Qua khóa API", issuer=cast.ldld, status="draft").exists()
