"""The «Nhiệm vụ» figures of the dashboards in Chromium, on a desktop and on a 390 px phone (issue 16, helper D): Hùng,
leader of LĐLĐ tỉnh Bắc Giang, opens «Tổng hợp», reads the tasks panel, opens the overdue number, goes down to Yên
Thế's row, and opens a task; then his own figures under «Nhiệm vụ». Only labels, roles and visible text are used; the
shared watch fails the test on any console error, CSP violation or response ≥ 500. The clock is the real one: the
dates are derived from today.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.handling.conftest import _d_make_task_factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_a_leader_follows_the_tasks_from_the_dashboard(tcast, browser_login, page, viewport, live_server):
    page.set_viewport_size(viewport)
    phone = viewport["width"] < 500
    today = timezone.localdate()
    days = dt.timedelta
    make = _d_make_task_factory(tcast)
    make(department=tcast.tgnc, due=today - days(3), title="Tổ chức tuyên truyền trong CNVCLĐ")
    make(unit=tcast.yenthe, due=today - days(10), title="Tọa đàm tại Yên Thế")
    make(unit=tcast.tanyen, due=today + days(10), title="Tọa đàm tại Tân Yên")
    make(
        department=tcast.vp,
        due=today - days(1),
        state="done",
        completed_at=timezone.now() - days(2),
        title="Chuẩn bị khánh tiết",
    )

    browser_login("hung")
    if phone:
        page.get_by_text("☰ Danh mục").click()
    page.get_by_role("navigation", name="Danh mục chính").get_by_role("link", name="Tổng hợp").click()
    panel = page.get_by_test_id("tasks-panel")
    expect(panel.get_by_role("heading", name="Nhiệm vụ — toàn bộ cấp dưới")).to_be_visible()
    expect(panel.get_by_text("Quá hạn chưa hoàn thành", exact=True)).to_be_visible()
    expect(panel.get_by_role("img", name="Bốn nhóm tình trạng nhiệm vụ")).to_be_visible()

    panel.get_by_test_id("tasks-qua-han").get_by_role("link", name="2").click()
    listing = page.get_by_test_id("listing")
    expect(listing.get_by_role("heading", name="Danh sách: quá hạn chưa hoàn thành (2)")).to_be_visible()
    expect(listing.get_by_role("link", name="Tọa đàm tại Yên Thế")).to_be_visible()
    expect(listing.get_by_text("quá hạn 10 ngày")).to_be_visible()
    expect(listing.get_by_text("Tọa đàm tại Tân Yên")).to_have_count(0)

    # one level down: Yên Thế's own page of tasks
    page.get_by_test_id("children").get_by_role("link", name="Liên đoàn Lao động huyện Yên Thế").click()
    expect(page.get_by_role("heading", name="Nhiệm vụ: Liên đoàn Lao động huyện Yên Thế")).to_be_visible()
    page.get_by_test_id("tasks-qua-han").get_by_role("link", name="1").click()
    page.get_by_test_id("listing").get_by_role("link", name="Tọa đàm tại Yên Thế").click()
    expect(page.get_by_role("heading", name="Tọa đàm tại Yên Thế")).to_be_visible()

    # his own figures, from the menu's «Nhiệm vụ»
    page.goto(f"{live_server.url}/nhiem-vu/tong-hop/")
    expect(page.get_by_role("heading", name="Tình hình thực hiện nhiệm vụ")).to_be_visible()
    unit_tab = page.get_by_test_id("figures-don-vi")
    unit_tab.get_by_role("link", name="2").click()
    expect(page.get_by_role("link", name="Tọa đàm tại Yên Thế")).to_be_visible()
