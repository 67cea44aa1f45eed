"""A unit administrator adds a person in Chromium and the person sets a password from the e-mailed link — by what
a person sees (labels, link and button names), on a desktop and a 390 px phone, under the console/CSP/5xx watch."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.people import fits, go

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_an_administrator_adds_a_person_who_sets_a_password_and_logs_in(
    tcast, browser_login, live_server, page, mailoutbox, viewport
):
    page.set_viewport_size(viewport)
    browser_login("son")
    go(page, "Đơn vị")
    page.get_by_role("link", name="Liên đoàn Lao động huyện Yên Thế").click()
    page.get_by_role("link", name="Thêm người").click()
    page.get_by_label("Tên đăng nhập").fill("yenthe.duyen")
    page.get_by_label("Họ và tên").fill("Ngô Thị Duyên")
    page.get_by_label("Thư điện tử").fill("duyen@yenthe.vn")
    page.get_by_label("Vai trò").select_option(label="Chuyên viên soạn thảo")
    page.get_by_role("button", name="Thêm người").click()
    expect(page.get_by_text("Đã thêm Ngô Thị Duyên vào Liên đoàn Lao động huyện Yên Thế.")).to_be_visible()
    expect(page.get_by_text("Đã gửi liên kết đặt mật khẩu tới duyen@yenthe.vn.")).to_be_visible()
    link = re.search(r"https?://\S+", mailoutbox[0].body).group(0)

    page.context.clear_cookies()
    page.goto(link)  # the person opens the link from their mail program
    page.get_by_label(re.compile(r"^Mật khẩu mới")).fill("Yen-The-Bac-Giang-2025")
    page.get_by_label(re.compile(r"^Xác nhận mật khẩu mới")).fill("Yen-The-Bac-Giang-2025")
    page.get_by_role("button", name="Đặt mật khẩu").click()
    expect(page.get_by_role("heading", name="Đã đặt mật khẩu")).to_be_visible()
    page.get_by_role("link", name="Đăng nhập").click()
    page.get_by_label("Tên đăng nhập", exact=True).fill("yenthe.duyen")
    page.get_by_label("Mật khẩu", exact=True).fill("Yen-The-Bac-Giang-2025")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    me = page.get_by_role("link", name="Ngô Thị Duyên")  # her name in the top bar (in the menu on a phone)
    if not me.is_visible():
        page.get_by_text("☰ Danh mục").click()
    me.click()
    expect(page.get_by_text("Chuyên viên soạn thảo — Liên đoàn Lao động huyện Yên Thế")).to_be_visible()
    fits(page)
