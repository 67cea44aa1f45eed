"""Security headers and the Content-Security-Policy on every kind of response (issue 8).

The header checks run through the Django test client on HTML pages, the Swagger UI, an API JSON
answer and a PDF download; production-only headers (HSTS, secure cookies) are read from a
subprocess started with THONGSUOT_PRODUCTION=1, as in tests/core/test_deploy.py. The browser
check opens the main pages in Chromium and fails on any Content-Security-Policy violation, i.e.
anything a page needs that the policy blocks.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from directives.services import signing
from tests.directives.test_issue import guidance

pytestmark = pytest.mark.security

EXPECTED = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


@pytest.fixture(autouse=True)
def _media_and_hasher(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def assert_security_headers(response, what: str):
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, f"{what}: {name} = {response.headers.get(name)!r}"
    # Development settings: no HSTS over plain http (it is a production-only header, checked below).
    assert "Strict-Transport-Security" not in response.headers, what


def test_every_kind_of_response_carries_the_security_headers(cast, client, login):
    doc = signing.document_issue(actor=cast.hanh, document=guidance(cast))  # renders and stores the PDF
    assert doc.pdf
    anonymous = {"trang đăng nhập": client.get(reverse("login"))}
    client = login(cast.hung)
    pages = {
        **anonymous,
        "trang chủ": client.get(reverse("home")),
        "văn bản": client.get(reverse("directives:detail", args=[doc.pk])),
        "bảng tổng hợp": client.get(reverse("dashboards:unit", args=[cast.ldld.pk])),
        "tổng hợp theo văn bản": client.get(reverse("dashboards:directive", args=[doc.pk, cast.ldld.pk])),
        "Swagger UI": client.get("/api/docs/"),
        "API JSON": client.get(f"/api/v1/units/{cast.ldld.pk}/"),
        "tải PDF": client.get(reverse("directives:pdf", args=[doc.pk])),
    }
    for what, response in pages.items():
        assert response.status_code == 200, f"{what}: {response.status_code}"
        assert_security_headers(response, what)
    assert pages["API JSON"].headers["Content-Type"] == "application/json"
    assert pages["tải PDF"].headers["Content-Type"] == "application/pdf"
    assert b"".join(pages["tải PDF"].streaming_content).startswith(b"%PDF")


def test_refusals_and_errors_carry_the_headers_too(cast, client, login):
    assert_security_headers(client.get(reverse("directives:inbox")), "chuyển hướng đăng nhập")
    assert_security_headers(login(cast.charlie).get("/van-ban/999999/"), "404")
    assert_security_headers(client.get("/api/v1/units/", HTTP_AUTHORIZATION="Token sai"), "API 401")


def test_the_swagger_ui_loads_its_script_from_a_url_not_inline(cast, login):
    body = login(cast.hung).get("/api/docs/").content.decode()
    assert "<script>" not in body and "<style>" not in body
    script = login(cast.hung).get("/api/docs/?script=")
    assert script.status_code == 200 and script.headers["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


PRODUCTION_PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import Client, RequestFactory

# The session store needs the database; only its cookie is under test here, so a cache store is used.
settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
# No collectstatic in a test: plain static URLs instead of the production manifest (headers are unaffected).
settings.STORAGES = {**settings.STORAGES,
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
client = Client()
https = client.get("/dang-nhap/", secure=True, HTTP_HOST="portal.example.vn")
http = client.get("/dang-nhap/", secure=False, HTTP_HOST="portal.example.vn")

def view(request):
    request.session["who"] = "hung"
    return HttpResponse("ok")

session = SessionMiddleware(view)(RequestFactory().get("/", secure=True, HTTP_HOST="portal.example.vn"))
cookie = session.cookies[settings.SESSION_COOKIE_NAME]
csrf = https.cookies[settings.CSRF_COOKIE_NAME]
print(json.dumps({
    "https_status": https.status_code, "headers": dict(https.headers),
    "http_status": http.status_code, "http_location": http.headers.get("Location", ""),
    "session_cookie": {k: cookie[k] for k in ("secure", "httponly", "samesite", "expires", "max-age")},
    "csrf_cookie": {k: csrf[k] for k in ("secure", "samesite")},
    "otp_required": settings.OTP_REQUIRED,
}))
"""


def test_production_settings_add_hsts_and_secure_cookies(tmp_path):
    stripped = (
        "DATABASE_URL",
        "REDIS_URL",
        "DJANGO_",
        "THONGSUOT_",
        "EMAIL_",
        "CELERY_",
        "SECURE_",
        "SESSION_",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(stripped)}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        THONGSUOT_PRODUCTION="1",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="portal.example.vn",
        THONGSUOT_DATA_DIR=str(tmp_path / "data"),
    )
    proc = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    probe = json.loads(proc.stdout.strip().splitlines()[-1])
    assert probe["https_status"] == 200
    headers = probe["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    for name, value in EXPECTED.items():
        assert headers[name] == value, name
    # Plain http is sent to https before anything else happens.
    assert probe["http_status"] == 301 and probe["http_location"] == "https://portal.example.vn/dang-nhap/"
    assert probe["session_cookie"]["secure"] is True and probe["session_cookie"]["httponly"] is True
    assert probe["session_cookie"]["samesite"] == "Lax"
    assert probe["session_cookie"]["expires"] == "" and probe["session_cookie"]["max-age"] == ""
    assert probe["csrf_cookie"]["secure"] is True
    # Signers and clerks log in with a second factor in production unless it is turned off on purpose.
    assert probe["otp_required"] is True


# --- Chromium: nothing a page needs is blocked by the policy ---------------------------------------

CSP_LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " @ " + e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_main_pages_run_in_chromium_without_a_csp_violation(
    tcast, page, live_server, browser_login, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    doc = signing.document_issue(actor=tcast.hanh, document=guidance(tcast), render=False)
    console: list[str] = []
    page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
    page.on("pageerror", lambda err: console.append(f"pageerror: {err}"))
    page.add_init_script(CSP_LISTENER)

    def visit(path: str) -> list[str]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{path}: {response.status}"
        page.wait_for_load_state("networkidle")
        return page.evaluate("window.__csp")

    violations = {"/dang-nhap/": visit("/dang-nhap/")}
    browser_login("hung")
    paths = [
        "/",
        reverse("directives:inbox"),
        reverse("directives:detail", args=[doc.pk]),
        reverse("directives:cascade", args=[doc.pk]),
        reverse("directives:search") + "?q=thong+tin",
        reverse("reporting:obligations"),
        reverse("dashboards:home"),
        reverse("dashboards:directive", args=[doc.pk, tcast.ldld.pk]),
        reverse("dashboards:unit", args=[tcast.ldld.pk]),
        reverse("org:unit_list"),
        reverse("notifications:inbox"),
        reverse("api_tokens"),
        reverse("password_change"),
        "/api/docs/",
    ]
    for path in paths:
        violations[path] = visit(path)
    # Swagger UI really started (its script came from ?script=, not inline) and shows the API.
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("Thông Suốt API")
    assert {p: v for p, v in violations.items() if v} == {}
    assert [m for m in console if "Content Security Policy" in m or m.startswith("pageerror")] == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_listener_does_see_a_violation(tcast, page, live_server, browser_watch):
    """The check above is not a rubber stamp: an inline script on our page is reported (and the watch every
    browser test carries sees it too)."""
    page.add_init_script(CSP_LISTENER)
    page.goto(f"{live_server.url}/dang-nhap/")
    with browser_watch.expected(r"CSP violation: script-src|Content Security Policy directive 'script-src"):
        page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.__ran = 1";
                         document.body.appendChild(s); }""")
        page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))


def test_security_txt_names_the_contact_of_the_deployment(client, settings):
    """RFC 9116: anyone can find where to report a problem (SECURITY.md), and the login page says it too."""
    settings.SECURITY_CONTACT_EMAIL = "an-ninh@ldld.bacgiang.vn"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Contact: mailto:an-ninh@ldld.bacgiang.vn" in body
    assert "Expires: " in body and "Preferred-Languages: vi, en" in body
    page = client.get(reverse("login")).content.decode()
    assert 'href="mailto:an-ninh@ldld.bacgiang.vn"' in page
