"""Chromium reads the Vietnamese shell (Playwright driving Debian's Chromium)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_logs_in_and_reads_the_vietnamese_home_page(tcast, browser_login, live_server):
    page = browser_login("hung")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Nguyễn Mạnh Hùng")
    expect(page.get_by_text("Hôm nay là ngày")).to_be_visible()
    nav = page.get_by_role("navigation", name="Danh mục chính")
    for section in ("Văn bản đến", "Văn bản đi", "Đơn vị"):
        expect(nav.get_by_role("link", name=section, exact=True)).to_have_count(1)
    nav.get_by_role("link", name="Đơn vị", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Liên đoàn Lao động tỉnh Bắc Giang")
    expect(page.get_by_role("link", name="Liên đoàn Lao động huyện Yên Thế")).to_have_count(1)


def test_a_wrong_password_is_refused_in_vietnamese(tcast, page, live_server):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập", exact=True).fill("hung")
    page.get_by_label("Mật khẩu", exact=True).fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")


def test_a_grassroots_reporter_sees_only_the_own_unit(tcast, browser_login, live_server, browser_watch):
    page = browser_login("tuan")
    page.get_by_role("link", name="Đơn vị", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Công đoàn Trường THCS Bố Hạ")
    # The point of this check is an address typed by hand: the province's page is out of the reporter's scope.
    with browser_watch.expected(r"status of 404"):
        response = page.goto(f"{live_server.url}/don-vi/{tcast.ldld.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Không tìm thấy trang")
