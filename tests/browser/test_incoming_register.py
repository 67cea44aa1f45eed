"""The clerk's register in Chromium, on a desktop and on a phone: Thu (văn thư of LĐLĐ tỉnh Bắc Giang) sees in the
menu that two documents wait to be registered, registers one from the waiting list naming the leader in the same
row, types in a paper document with its scan, finds both in the year's register and routes the paper one to the
leader; Lan (the sender's drafter) sees «Đã tiếp nhận — số đến 01». Only through labels, roles and visible text;
the shared watch fails the test on a console error, a CSP violation or a server error."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.people import browser_context_args, fits, go, screen  # noqa: F401 — the desktop and phone runs
from tests.reporting.conftest import make_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_clerk_keeps_the_incoming_register(eager_media, tcast, browser_login, page, tmp_path):
    cast = tcast
    guidance = make_document(
        issuer=cast.btgtu,
        recipients=[cast.ldld],
        subject="Hướng dẫn tuyên truyền kỷ niệm 96 năm thành lập Đảng",
    )
    make_document(issuer=cast.btgtu, recipients=[cast.ldld], subject="Kế hoạch tổ chức hội thi tìm hiểu")
    scan = tmp_path / "cong-van-215.pdf"
    scan.write_bytes(PDF)
    year = timezone.localdate().year

    browser_login("thu")
    menu = page.get_by_role("navigation", name="Danh mục chính")
    if not menu.is_visible():
        page.get_by_text("☰ Danh mục").click()
    expect(menu.get_by_role("link", name=re.compile(r"^Sổ văn bản đến"))).to_contain_text("2")
    go(page, re.compile(r"^Sổ văn bản đến"))
    expect(page.get_by_role("heading", name="Sổ văn bản đến")).to_be_visible()
    fits(page)
    page.get_by_role("link", name=re.compile(r"^Văn bản chờ vào sổ")).click()
    row = page.get_by_role("row").filter(has_text=guidance.subject)
    row.get_by_label("Trình lãnh đạo").select_option(label="Nguyễn Mạnh Hùng")
    fits(page)
    row.get_by_role("button", name=re.compile(r"^Vào sổ")).click()
    expect(page.get_by_role("heading", name=f"Văn bản đến số 01/{year}")).to_be_visible()
    expect(page.get_by_text(f"Đã vào sổ văn bản đến số 01/{year}, trình Nguyễn Mạnh Hùng.")).to_be_visible()
    expect(page.get_by_role("definition").filter(has_text="Nguyễn Mạnh Hùng").first).to_be_visible()
    fits(page)

    # A paper document, typed in with its scan.
    page.get_by_role("link", name=re.compile(r"^Sổ văn bản đến \d{4}")).click()
    page.get_by_role("link", name="Vào sổ văn bản giấy").click()
    page.get_by_label("Nơi gửi (tác giả)").fill("Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang")
    page.get_by_label("Số, ký hiệu", exact=True).fill("215/SLĐTBXH-LĐVL")
    page.get_by_label("Loại văn bản", exact=True).select_option(label="Công văn")
    page.get_by_label("Trích yếu nội dung").fill("V/v phối hợp tổ chức Tháng Công nhân")
    page.get_by_label("Giờ đến").fill("00:01")
    page.get_by_label("Số tờ").fill("2")
    page.get_by_label("Bản quét (PDF, JPG hoặc PNG)").set_input_files(str(scan))
    fits(page)
    page.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(page.get_by_role("heading", name=f"Văn bản đến số 02/{year}")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("bản quét cong-van-215.pdf"))).to_be_visible()
    # Routed to the leader from the entry page.
    page.get_by_label("Lãnh đạo cho ý kiến chỉ đạo").select_option(label="Nguyễn Mạnh Hùng")
    page.get_by_role("button", name="Trình lãnh đạo").click()
    expect(
        page.get_by_text("Đã trình Nguyễn Mạnh Hùng cho ý kiến chỉ đạo văn bản đến số 02.")
    ).to_be_visible()

    go(page, re.compile(r"^Sổ văn bản đến"))
    register = page.get_by_role("table")
    expect(register.get_by_role("row").filter(has_text="215/SLĐTBXH-LĐVL")).to_contain_text("Văn bản giấy")
    expect(register.get_by_role("row").filter(has_text=guidance.number_symbol)).to_contain_text(
        "Nguyễn Mạnh Hùng"
    )
    page.get_by_label("Tìm").fill("thang cong nhan")
    page.get_by_role("button", name="Xem").click()
    expect(register.get_by_role("row")).to_have_count(2)  # the heading row and the paper document
    fits(page)

    # The sender sees the receipt with the incoming number.
    page.context.clear_cookies()
    browser_login("hanh")
    go(page, "Văn bản đi")
    page.get_by_role("link", name=guidance.number_symbol, exact=True).click()
    tracking = page.locator("section").filter(has=page.get_by_role("heading", name="Tình hình nhận văn bản"))
    expect(tracking).to_contain_text(re.compile(r"Đã tiếp nhận — số đến 01, \d\d/\d\d/\d{4} \d\d:\d\d"))
    fits(page)
