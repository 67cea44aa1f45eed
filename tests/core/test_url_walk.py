"""Walk every URL in the URL conf as an anonymous visitor: nothing but the allow-list may answer."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

ALLOWED_ANONYMOUS = {
    "login",
    "health",
    "security_txt",
    "favicon",
    "set_language",
    # «Quên mật khẩu?»: the e-mailed link is the proof
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
ADMIN_PREFIX = "quan-tri/"


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name


def _concrete(route: str) -> str:
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(?:slug|str|path|uuid):?\w*>", "x", route)
    route = route.replace("^", "").replace("$", "").replace("\\Z", "")
    return "/" + route


def test_no_view_is_reachable_anonymously(db, client):
    checked = 0
    for route, name in _walk(get_resolver()):
        if name in ALLOWED_ANONYMOUS or route.startswith(ADMIN_PREFIX) or "(?P" in route:
            continue
        url = _concrete(route)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (302, 401, 403, 404, 405), (
                f"{method.upper()} {url} ({name}) answered {response.status_code}"
            )
            if response.status_code == 302:
                assert "/dang-nhap/" in response["Location"], f"{url} redirects to {response['Location']}"
        checked += 1
    assert checked >= 10


def test_the_admin_asks_for_its_own_login(db, client):
    response = client.get("/quan-tri/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_health_check_is_open(db, client):
    assert client.get("/suc-khoe/").json() == {"status": "ok", "database": "ok"}
