"""Every page a demo user can reach works and speaks Vietnamese.

For one demo account of each role, log in through the login form with the demo password and follow every
same-site link reachable from the home page, breadth first and bounded: a new kind of page (its address with
the numbers taken out) before a further page of a kind already seen. Fail on any answer ≥ 500 and on any HTML
page whose visible text carries a tell-tale of something left in English or unfinished. Files (PDF, Excel,
Word, ZIP) are fetched for their status, not read. Links go by GET only, so nothing is changed; logging out
is a form and is never followed.

The Django test client is fast enough to walk the whole demo; the browser journeys (tests/browser/
test_journeys.py) cover what needs a browser.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

#: One demo account for each kind of daily work (portal/org/demo_tree.py).
ROLES = {
    "btgbg.chuyenvien": "chuyên viên soạn thảo, Ban Tuyên giáo Tỉnh ủy",
    "btgbg.photruongban": "lãnh đạo cơ quan ban hành, Ban Tuyên giáo Tỉnh ủy",
    "bg.phochutich": "lãnh đạo LĐLĐ tỉnh",
    "bg.vanthu": "văn thư LĐLĐ tỉnh",
    "bg.quantri": "quản trị đơn vị LĐLĐ tỉnh",
    "bg.tgnc": "chuyên viên soạn thảo kiêm người báo cáo LĐLĐ tỉnh",
    "vietyen.baocao": "người báo cáo LĐLĐ huyện",
    "cdcs.bichdong": "người báo cáo công đoàn cơ sở",
    "quantri": "quản trị hệ thống",
}
#: Where a role starts besides the home page: the administration site, which a system administrator is given.
EXTRA_START = {"quantri": ("/quan-tri/",)}
MAX_PAGES = 250  # per role
PER_KIND = 15  # pages of one kind (the same address but for its numbers) per role
FILES_PER_KIND = 2  # files of one kind: each is built on request (a PDF takes a quarter of a second)

#: Words a Vietnamese page never shows: Django's or the browser's English, a Python value, an error.
TELLTALES = re.compile(
    r"Bad Request|Not Found|Page not found|Server Error|Forbidden|Traceback|Exception|"
    r"Access attempts|Access failures|Access logs|Solar events|Django administration|Site administration|"
    r"Select a valid choice|This field is required|Enter a valid|Ensure this value|Log out|"
    r"\bNone\b|^(?:True|False)$|\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b"
)
#: Never followed: logging out (a form anyway), the language switch, static files, the API's machine pages.
SKIP = re.compile(r"^/(?:dang-xuat|i18n|quan-tri/logout|static)/|^/api/(?!docs/)")
FILES = re.compile(r"application/(?:pdf|zip|vnd\.|octet-stream|json)|text/(?:csv|calendar)|image/")


class _Page(HTMLParser):
    """The links of a page and what it shows or says: its text, node by node, and the attributes people read."""

    HIDDEN = {"script", "style", "template", "noscript"}
    SHOWN = ("placeholder", "aria-label", "title")  # attributes a person reads or hears

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        self.texts += [attrs[a].strip() for a in self.SHOWN if (attrs.get(a) or "").strip()]

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(data.strip())


def _shape(path: str) -> str:
    """A page's kind: the path with its numbers taken out and the names of its query parameters."""
    parts = urlsplit(path)
    keys = sorted({kv.split("=", 1)[0] for kv in parts.query.split("&") if kv})
    return re.sub(r"\d+", "{n}", parts.path) + ("?" + "&".join(keys) if keys else "")


@dataclass
class Crawl:
    role: str
    pages: int = 0
    files: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (what, page, the page linking to it)

    def fail(self, what: str, path: str, came_from: str):
        self.failures.append((what, path, came_from))

    def report(self) -> str:
        """One line per problem and kind of page, with how often and the first example."""
        groups: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
        for what, path, came_from in self.failures:
            groups.setdefault((what, _shape(path), _shape(came_from)), []).append((path, came_from))
        return "\n".join(
            f"  - {what}: {kind} ×{len(seen)}, e.g. {seen[0][0]} (linked from {seen[0][1]})"
            for (what, kind, _from), seen in groups.items()
        )


class _Queue:
    """Addresses to visit: a page at a new address (numbers aside) first, then further pages — other numbers,
    other filters — each in the order found (breadth first)."""

    def __init__(self):
        self.seen = {"/"}
        self.fresh, self.again = deque([("/", "trang chủ")]), deque()
        self.shapes: set[str] = set()  # addresses (numbers aside, no query) visited or waiting in ``fresh``

    def __bool__(self):
        return bool(self.fresh or self.again)

    def add(self, path: str, came_from: str):
        if path in self.seen or SKIP.search(path):
            return
        self.seen.add(path)
        shape = _shape(path.split("?", 1)[0])
        if shape in self.shapes:
            self.again.append((path, came_from))
        else:
            self.shapes.add(shape)
            self.fresh.append((path, came_from))

    def pop(self) -> tuple[str, str]:
        return self.fresh.popleft() if self.fresh else self.again.popleft()


def _local(base: str, href: str) -> str | None:
    target = urlsplit(urljoin(base, href))
    if target.scheme not in ("", "http") or target.netloc not in ("", "testserver"):
        return None
    return urlunsplit(("", "", target.path, target.query, ""))


def crawl(client: Client, role: str, *, start: tuple[str, ...] = ("/",), limit: int = MAX_PAGES) -> Crawl:
    result, queue = Crawl(role), _Queue()
    for path in start[1:]:
        queue.add(path, "(địa chỉ quản trị)")
    visited: Counter[str] = Counter()
    file_kinds: set[str] = set()
    while queue and result.pages < limit:
        path, came_from = queue.pop()
        kind = _shape(path)
        if visited[kind] >= (FILES_PER_KIND if kind in file_kinds else PER_KIND):
            continue
        visited[kind] += 1
        response = client.get(path)
        result.pages += 1
        if response.status_code >= 500:
            result.fail(f"HTTP {response.status_code}", path, came_from)
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            if target := _local(path, response["Location"]):
                queue.add(target, path)
            continue
        content_type = response.get("Content-Type", "")
        if "text/html" not in content_type:
            result.files += 1
            file_kinds.add(kind)
            if not FILES.search(content_type):
                result.fail(f"unexpected content type {content_type!r}", path, came_from)
            continue
        if response.status_code >= 400:
            result.fail(f"HTTP {response.status_code}", path, came_from)
        parsed = _Page()
        parsed.feed(response.content.decode())
        for text in parsed.texts:
            if found := TELLTALES.search(text):
                result.fail(f"«{found.group(0)}» in «{text[:80]}»", path, came_from)
                break
        for href in parsed.links:
            if target := _local(path, href):
                queue.add(target, path)
    return result


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for the module, in a transaction rolled back at its end. Its files (the scans of the
    paper documents in the incoming register) stay in a media folder of the module's, which every crawl reads."""
    from reporting.demo import demo_build

    media = str(tmp_path_factory.mktemp("media"))
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], MEDIA_ROOT=media
        ),
        transaction.atomic(),
    ):
        demo_build()
        yield media
        transaction.set_rollback(True)


@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_demo_role_reaches_works_in_vietnamese(demo, db, username):
    client, role = Client(), ROLES[username]
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], MEDIA_ROOT=demo
    ):
        response = client.post("/dang-nhap/", {"username": username, "password": settings.DEMO_PASSWORD})
        assert response.status_code == 302, f"{username} cannot log in with the demo password"
        result = crawl(client, role, start=("/", *EXTRA_START.get(username, ())))
    assert result.pages > 20, f"{role}: only {result.pages} pages reached"
    assert not result.failures, (
        f"{role} ({username}), {result.pages} pages and {result.files} files visited:\n{result.report()}"
    )


@pytest.mark.django_db
def test_the_crawler_catches_errors_english_and_dead_links_and_leaves_logout_alone(settings):
    """The crawl is not a rubber stamp: on a tiny site of its own it reports each kind of failure once."""
    settings.ROOT_URLCONF = "tests.browser.crawl_site"
    result = crawl(Client(), "thử")
    assert sorted((what, path) for what, path, _ in result.failures) == [
        ("HTTP 404", "/khong-co/"),
        ("HTTP 500", "/hong/"),
        ("«None» in «None»", "/dich/"),
        ("«This field is required» in «This field is required.»", "/tieng-anh/"),
    ]
    assert (result.pages, result.files) == (9, 1)  # home, 4 above, the file, the redirect and two items
