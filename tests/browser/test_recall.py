"""The recall (thu hồi) in Chromium, on a desktop and on a phone: Hạnh (signer of BTG Tỉnh ủy) recalls a plan sent to
LĐLĐ tỉnh Bắc Giang and LĐLĐ huyện Yên Thế with a reason; Thu (văn thư of LĐLĐ tỉnh) finds it «Đã thu hồi» in her
inbox, reads why and confirms the withdrawal; Hạnh's page then counts «Đã xác nhận thu hồi: 1/2 đơn vị» and names
who has not confirmed. Only through labels, roles and visible text; the shared watch fails the test on a console
error, a CSP violation or a server error."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.people import browser_context_args, fits, go, screen  # noqa: F401 — the desktop and phone runs
from tests.reporting.conftest import make_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Ban hành nhầm đối tượng; sẽ ban hành văn bản thay thế."


def test_the_issuer_recalls_and_the_recipient_clerk_confirms(tcast, browser_login, page):
    cast = tcast
    plan = make_document(
        issuer=cast.btgtu,
        recipients=[cast.ldld, cast.yenthe],
        subject="Kế hoạch tuyên truyền Đại hội Công đoàn",
    )

    browser_login("hanh")
    go(page, "Văn bản đi")
    page.get_by_role("link", name=plan.number_symbol).click()
    page.get_by_text("Thu hồi văn bản", exact=True).click()
    page.get_by_label("Lý do thu hồi").fill(REASON)
    page.get_by_role("button", name="Thu hồi và báo các đơn vị nhận").click()
    expect(page.get_by_text("Đã thu hồi văn bản.")).to_be_visible()
    expect(page.get_by_text(f"Lý do: {REASON}")).to_be_visible()
    expect(page.get_by_text("Đã xác nhận thu hồi: 0/2 đơn vị")).to_be_visible()
    fits(page)

    page.context.clear_cookies()
    browser_login("thu")
    go(page, "Văn bản đến")
    row = page.get_by_role("row").filter(has_text=plan.subject)
    expect(row.get_by_text("Đã thu hồi")).to_be_visible()
    row.get_by_role("link", name=plan.number_symbol).click()
    expect(page.get_by_text(f"Lý do: {REASON}")).to_be_visible()
    expect(page.get_by_role("button", name="Xác nhận đã tiếp nhận")).to_have_count(0)
    fits(page)
    page.get_by_role("button", name="Xác nhận thu hồi").click()
    expect(page.get_by_text("Đã xác nhận thu hồi văn bản; nơi ban hành đã được báo.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Đã xác nhận thu hồi lúc .*Lê Thị Thu"))).to_be_visible()
    expect(page.get_by_role("button", name="Xác nhận thu hồi")).to_have_count(0)

    page.context.clear_cookies()
    browser_login("hanh")
    go(page, "Văn bản đi")
    page.get_by_role("link", name=plan.number_symbol).click()
    expect(page.get_by_text("Đã xác nhận thu hồi: 1/2 đơn vị")).to_be_visible()
    page.get_by_role("link", name="xem đơn vị chưa xác nhận").click()
    tracking = page.get_by_test_id("tracking")
    expect(tracking.get_by_role("row").filter(has_text="Liên đoàn Lao động huyện Yên Thế")).to_contain_text(
        "Chưa xác nhận"
    )
    expect(tracking.get_by_role("row").filter(has_text="Liên đoàn Lao động tỉnh Bắc Giang")).to_have_count(0)
    fits(page)
