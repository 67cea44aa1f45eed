"""Sơn, the unit administrator of LĐLĐ tỉnh Bắc Giang, gives LĐLĐ huyện Yên Thế its electronic identifier code
in Chromium — by what a person sees, on a desktop and a 390 px phone, under the console/CSP/5xx watch: an
ill-formed code is refused beside its field, a good one becomes the current code with its history; Mai (a
drafter) finds no such page."""

import pytest
from playwright.sync_api import expect

from tests.browser.people import browser_context_args, fits, go, screen  # noqa: F401 — the desktop and phone runs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_sets_a_units_identifier_code(tcast, browser_login, live_server, page):
    browser_login("son")
    go(page, "Đơn vị")
    page.get_by_role("link", name="Liên đoàn Lao động huyện Yên Thế").click()
    page.get_by_role("link", name="Mã định danh điện tử").click()
    expect(
        page.get_by_role("heading", name="Mã định danh điện tử của Liên đoàn Lao động huyện Yên Thế")
    ).to_be_visible()
    expect(page.get_by_text("Chưa có mã định danh.")).to_be_visible()

    page.get_by_role("textbox", name="Mã định danh mới").fill("LĐLĐ Yên Thế")
    page.get_by_label("Có hiệu lực từ ngày").fill("01/07/2025")
    page.get_by_role("button", name="Đặt mã định danh").click()
    expect(
        page.get_by_text("Mã định danh «LĐLĐ YÊN THẾ» không đúng dạng (ví dụ: 000.00.12.H10).")
    ).to_be_visible()

    page.get_by_role("textbox", name="Mã định danh mới").fill("000.10.06.C01")
    page.get_by_label("Ghi chú").fill("Theo Quyết định số 12/QĐ-LĐLĐ")
    page.get_by_role("button", name="Đặt mã định danh").click()
    expect(page.get_by_text("Đã đặt mã định danh 000.10.06.C01 từ ngày 01/07/2025.")).to_be_visible()
    history = page.get_by_role("table")
    expect(history.get_by_role("row").filter(has_text="000.10.06.C01")).to_contain_text("01/07/2025")
    expect(history).to_contain_text("Theo Quyết định số 12/QĐ-LĐLĐ")
    fits(page)

    page.get_by_role("link", name="‹ Về trang đơn vị").click()
    expect(page.get_by_role("definition").filter(has_text="000.10.06.C01")).to_be_visible()
