"""A task followed to done in Chromium, on a desktop and on a 390 px phone (issue 16, helper C): Mai (Ban Tuyên giáo
- Nữ công of LĐLĐ tỉnh) finds the task under «Nhiệm vụ», posts progress with an evidence file and asks for more
time; Hùng, who assigned it, approves from «Tôi giao»; Mai completes it and the task reads «Hoàn thành đúng hạn».
Only labels, roles and visible text are used; the shared watch fails the test on any console error, CSP violation or
response ≥ 500. The clock is the real one (browser tests cannot travel): the dates are derived from today.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.handling.conftest import _d_make_task_factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng"


@pytest.fixture(autouse=True)
def _fast_passwords(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _tasks(page, phone: bool):
    if phone:
        page.get_by_text("☰ Danh mục").click()
    page.get_by_role("navigation", name="Danh mục chính").get_by_role("link", name="Nhiệm vụ").click()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_a_task_is_followed_to_done_in_the_browser(tcast, browser_login, page, viewport):
    page.set_viewport_size(viewport)
    phone = viewport["width"] < 500
    today = timezone.localdate()
    due, extended = today + dt.timedelta(days=10), today + dt.timedelta(days=30)
    _d_make_task_factory(tcast)(department=tcast.tgnc, due=due, title=TITLE)

    browser_login("mai")
    _tasks(page, phone)
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("Đang thực hiện trong hạn")).to_be_visible()
    page.get_by_label("Nội dung tiến độ").fill("Đã treo 20 băng rôn tại các khu công nghiệp.")
    page.get_by_label("Tệp minh chứng").first.set_input_files(
        files=[{"name": "bang-ron.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    page.get_by_role("button", name="Cập nhật tiến độ").click()
    expect(page.get_by_text("Đã cập nhật tiến độ.")).to_be_visible()
    expect(page.get_by_role("link", name="bang-ron.pdf")).to_be_visible()

    page.get_by_text("Đề nghị gia hạn").click()
    page.get_by_label("Gia hạn đến").fill(extended.strftime("%d/%m/%Y"))
    page.get_by_label("Lý do").fill("Chờ kinh phí của Tổng Liên đoàn.")
    page.get_by_role("button", name="Xin gia hạn").click()
    expect(page.get_by_text("Đã gửi đề nghị gia hạn")).to_be_visible()

    page.context.clear_cookies()
    browser_login("hung")
    _tasks(page, phone)
    page.get_by_role("link", name="Tôi giao").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name="Đề nghị gia hạn chờ xem xét")).to_be_visible()
    page.get_by_role("button", name="Đồng ý gia hạn").click()
    expect(page.get_by_text(f"Đã đồng ý gia hạn đến {extended:%d/%m/%Y}.")).to_be_visible()
    expect(page.get_by_text(f"hạn ban đầu {due:%d/%m/%Y}")).to_be_visible()

    page.context.clear_cookies()
    browser_login("mai")
    _tasks(page, phone)
    page.get_by_role("link", name=TITLE).click()
    page.get_by_text("Báo cáo hoàn thành").click()
    page.get_by_label("Kết quả thực hiện").fill("Đã tổ chức 3 hội nghị, 1.200 đoàn viên tham dự.")
    page.get_by_role("button", name="Hoàn thành", exact=True).click()
    expect(page.get_by_text("Đã báo cáo hoàn thành nhiệm vụ.")).to_be_visible()
    expect(page.get_by_text("Hoàn thành đúng hạn").first).to_be_visible()
