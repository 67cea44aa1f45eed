"""Chromium reads the Vietnamese shell (Playwright driving Debian's Chromium)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_logs_in_and_reads_the_vietnamese_home_page(tcast, browser_login, live_server):
    page = browser_login("hung")
    assert page.locator("h1").inner_text() == "Xin chào, Nguyễn Mạnh Hùng"
    assert "Hôm nay là ngày" in page.content()
    for section in ("Văn bản đến", "Văn bản đi", "Đơn vị"):
        assert page.get_by_role("link", name=section).count() == 1
    page.get_by_role("link", name="Đơn vị").click()
    assert page.locator("h1").inner_text() == "Liên đoàn Lao động tỉnh Bắc Giang"
    assert page.get_by_role("link", name="Liên đoàn Lao động huyện Yên Thế").count() == 1


def test_a_wrong_password_is_refused_in_vietnamese(tcast, page, live_server):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", "hung")
    page.fill("#id_password", "sai-mat-khau")
    page.click("button[type=submit]")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.locator("[role=alert]").inner_text()


def test_a_grassroots_reporter_sees_only_the_own_unit(tcast, browser_login, live_server):
    page = browser_login("tuan")
    page.get_by_role("link", name="Đơn vị").click()
    assert page.locator("h1").inner_text() == "Công đoàn Trường THCS Bố Hạ"
    response = page.goto(f"{live_server.url}/don-vi/{tcast.ldld.pk}/")
    assert response.status == 404
