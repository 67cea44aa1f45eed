"""The watch every browser test carries (tests/conftest.py) is not a rubber stamp: each kind of problem it
fails a test on is seen, with the page it happened on."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _settle(page, seen, count=1):
    for _ in range(50):  # the browser reports asynchronously; give it up to five seconds
        if len(seen) >= count:
            return
        page.wait_for_timeout(100)


def test_the_watch_sees_console_errors_csp_violations_page_errors_and_server_errors(
    tcast, page, live_server, browser_watch
):
    page.goto(f"{live_server.url}/dang-nhap/")
    # Chromium's own line and the listener's, which says what was blocked where.
    csp = r"^on http://[^ ]+/dang-nhap/: console error: (CSP violation: script-src|.*violates the following Content)"
    with browser_watch.expected(csp) as seen:
        page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.__ran = 1";
                         document.body.appendChild(s); }""")
        _settle(page, seen, 2)
    assert any("CSP violation: script-src-elem blocked inline at http" in s for s in seen), seen
    with browser_watch.expected(r"console error: tự báo lỗi") as seen:
        page.evaluate("console.error('tự báo lỗi')")
        _settle(page, seen)
    with browser_watch.expected(r"page error: lỗi không ai bắt") as seen:
        page.evaluate("setTimeout(() => { throw new Error('lỗi không ai bắt'); }, 0)")
        _settle(page, seen)
    page.route("**/suc-khoe/", lambda route: route.fulfill(status=502, body="hỏng"))
    with browser_watch.expected(r"HTTP 502 for GET http://[^ ]+/suc-khoe/|status of 502") as seen:
        page.goto(f"{live_server.url}/suc-khoe/")
        _settle(page, seen, 2)
    assert any(s.startswith(f"on {live_server.url}/suc-khoe/: HTTP 502") for s in seen), seen
    assert browser_watch.problems == []


def test_a_problem_expected_but_not_seen_is_a_failure(tcast, page, live_server, browser_watch):
    page.goto(f"{live_server.url}/dang-nhap/")
    with (
        pytest.raises(AssertionError, match="expected a browser problem"),
        browser_watch.expected("không có"),
    ):
        pass
