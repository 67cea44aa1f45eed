"""A clerk's two-factor login in Chromium (issue 15, item 6), on a desktop and on a 390 px phone, under the shared
console/CSP/5xx watch: Thu (văn thư of LĐLĐ tỉnh Bắc Giang) logs in, is asked to set up an authenticator app, reads
the secret off the page as she would type it into the app, confirms with the code the app would show and lands on
the home page; she logs out and logs in again with a code. Only labels, roles and visible text are used.

The clock is the real one, carried by time-machine so that the second login can be moved into the next 30-second
window (a code is accepted once: the one used to set up would be refused as a replay within the same window).
"""

from __future__ import annotations

import datetime as dt
from base64 import b32decode
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.people import figure, fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/thongsuot-shots")


def code_for(secret_shown: str) -> str:
    """What an authenticator app shows now for a secret typed by hand («ABCD EFGH …», base32)."""
    key = "".join(secret_shown.split())
    return f"{totp(b32decode(key + '=' * (-len(key) % 8))):06d}"


def log_out(page):
    button = page.get_by_role("button", name="Đăng xuất")
    if not button.is_visible():
        page.get_by_text("☰ Danh mục").click()
    button.click()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_a_clerk_sets_up_the_app_then_logs_in_with_a_code(tcast, browser_login, page, otp_required, viewport):
    page.set_viewport_size(viewport)
    shot = "phone" if viewport["width"] < 500 else "desktop"
    SHOTS.mkdir(exist_ok=True)
    with time_machine.travel(timezone.now(), tick=True) as clock:
        browser_login("thu")
        expect(page.get_by_role("heading", level=1)).to_have_text("Thiết lập xác thực hai lớp")
        expect(page.get_by_role("img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực")).to_be_visible()
        expect(page.get_by_role("navigation", name="Danh mục chính")).to_have_count(0)
        secret = figure(page, "Khóa bí mật").inner_text()
        fits(page)
        page.screenshot(path=SHOTS / f"otp-{shot}-enrol.png", full_page=True)
        page.get_by_label("Mã xác thực").fill(code_for(secret))
        page.get_by_role("button", name="Xác nhận và hoàn tất").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Lê Thị Thu")
        expect(page.get_by_text("Đã thiết lập xác thực hai lớp.")).to_be_visible()

        log_out(page)
        clock.shift(dt.timedelta(seconds=30))  # the next code of the app
        browser_login("thu")
        expect(page.get_by_role("heading", level=1)).to_have_text("Mã xác thực")
        fits(page)
        page.screenshot(path=SHOTS / f"otp-{shot}-verify.png", full_page=True)
        page.get_by_label("Mã xác thực").fill(code_for(secret))
        page.get_by_role("button", name="Xác nhận").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Lê Thị Thu")
