"""In Chromium: the provincial leader opens the dashboard, drills into a district, selects the overdue
grassroots unions, sends reminders, and downloads the Excel and PDF exports, both read back."""

import io
import re
from pathlib import Path

import pdfplumber
import pytest
import time_machine
from django.contrib.auth import get_user_model
from openpyxl import load_workbook
from playwright.sync_api import expect

from directives.models import Delivery
from portal.notifications.models import Notification
from portal.org.models import Unit
from portal.org.services import membership_grant
from reporting.services import obligations_create_for_document
from tests.browser.people import figure, go
from tests.dashboards.conftest import PERIOD, build_scene
from tests.reporting.conftest import grow, local

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _two_silent_unions(cast, scene):
    """Two more grassroots unions of Yên Thế that received the district plan and never reported; the first
    has a reporter, the second nobody yet."""
    g4, g5 = (Unit.objects.get(pk=pk) for pk in grow(cast.yenthe, 2, prefix="silent"))
    with time_machine.travel(local(2024, 2, 10), tick=False):
        Delivery.objects.bulk_create(
            [
                Delivery(
                    document=scene.district, unit=u, purpose="thuc_hien", delivered_at=local(2024, 2, 10)
                )
                for u in (g4, g5)
            ]
        )
        obligations_create_for_document(document=scene.district, actor=cast.binh)
    lien = get_user_model().objects.create_user("lien", first_name="Trần Thị Liên")
    membership_grant(actor=None, user=lien, unit=g4, role="reporter")
    return g4, g5, lien


def test_a_provincial_leader_chases_the_silent_unions_of_a_district(tcast, browser_login, live_server, page):
    cast = tcast
    scene = build_scene(cast)
    g4, g5, lien = _two_silent_unions(cast, scene)

    browser_login("hung")
    # The leader lands on the unit's figures.
    expect(page.get_by_role("heading", name="Tổng hợp: Liên đoàn Lao động tỉnh Bắc Giang")).to_be_visible()
    go(page, "Tổng hợp")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng hợp: Liên đoàn Lao động tỉnh Bắc Giang")
    page.get_by_role("link", name="Báo cáo kết quả công tác thông tin đối ngoại").first.click()
    page.get_by_role("combobox", name=re.compile("^Kỳ báo cáo")).select_option(label="6 tháng đầu năm 2024")
    page.get_by_role("button", name="Xem", exact=True).click()
    page.wait_for_url(re.compile(rf"\?ky={PERIOD}$"))
    expect(figure(page, "Chưa nộp, quá hạn")).to_have_text("3")  # Tân Yên and the two silent unions
    expect(page.get_by_role("img", name="Bản đồ nhiệt: đơn vị × kỳ báo cáo")).to_be_visible()

    # Drill down: the district and its grassroots unions, the period kept in the URL.
    page.get_by_role("row").filter(has_text="Liên đoàn Lao động huyện Yên Thế").get_by_role(
        "link", name="Liên đoàn Lao động huyện Yên Thế", exact=True
    ).click()
    page.wait_for_url(re.compile(rf"/don-vi/{cast.yenthe.pk}/\?ky={PERIOD}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Liên đoàn Lao động huyện Yên Thế")
    expect(page.get_by_role("checkbox", name=re.compile("^Chọn "))).to_have_count(
        2
    )  # only who has not reported
    page.get_by_role("checkbox", name=f"Chọn {g4.name}").check()
    page.get_by_role("checkbox", name=f"Chọn {g5.name}").check()
    page.get_by_role("button", name="Gửi nhắc nhở các đơn vị đã chọn").click()
    expect(page.get_by_text("Đã gửi nhắc nhở tới 1 người của 1 đơn vị (1 báo cáo chưa nộp).")).to_be_visible()
    expect(page.get_by_text("1 đơn vị chưa có tài khoản để nhận nhắc nhở.")).to_be_visible()
    note = Notification.objects.get(recipient=lien, kind="reporting.reminder")
    assert g4.name in note.body and "6 tháng đầu năm 2024" in note.title

    # The exports of the view on screen, read back.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải Excel").click()
    assert download.value.suggested_filename.endswith(f"-{cast.yenthe.code}-{PERIOD}.xlsx")
    wb = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = {r[0]: r for r in wb["Đơn vị trực thuộc"].iter_rows(min_row=3, values_only=True)}
    assert rows[g4.name][7] == 1 and rows[g5.name][7] == 1  # "Chưa nộp, quá hạn"
    assert rows[cast.cdcs.name][4] == 1  # "Nộp đúng hạn"
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải PDF").click()
    with pdfplumber.open(download.value.path()) as pdf:
        text = " ".join(" ".join(p.extract_text() or "" for p in pdf.pages).split())
    assert (
        "Liên đoàn Lao động huyện Yên Thế" in text and g4.name in text and "Bản đồ nhiệt đơn vị × kỳ" in text
    )


def test_the_leaders_pages_fit_a_phone(tcast, browser_login, live_server, page):
    """Issue 13: the leader dashboard was 677 px wide on a 390 px phone. Charts scale to their card; wide
    tables scroll inside their own card; the page itself never scrolls sideways."""
    scene = build_scene(tcast)
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login("hung")

    def fits(what: str) -> None:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{what}: {width} px wide"

    fits("the home page")
    page.get_by_role("link", name=scene.plan.number_symbol).first.click()
    expect(page.get_by_role("img").first).to_be_visible()  # the charts, each an image with its name
    fits("the directive's cascade")
    page.go_back()
    expect(page.get_by_role("heading", name="Tổng hợp: Liên đoàn Lao động tỉnh Bắc Giang")).to_be_visible()
    page.get_by_role("link", name="Báo cáo kết quả công tác thông tin đối ngoại").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Báo cáo kết quả công tác thông tin đối ngoại"
    )
    fits("the requirement's figures")
    page.go_back()
    expect(page.get_by_role("heading", name="Tổng hợp: Liên đoàn Lao động tỉnh Bắc Giang")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Điểm thi đua năm \d{4}$")).click()
    page.get_by_label("Năm").select_option("2024")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url(re.compile(r"\?nam=2024$"))
    scores = page.get_by_role("table").filter(has=page.get_by_role("columnheader", name="Hạng"))
    expect(scores).to_be_visible()
    fits("the emulation ranking")
    assert scores.evaluate("t => t.scrollWidth > t.clientWidth")  # the table scrolls inside its card
    assert "EMULATION_SCORE_WEIGHTS" not in page.content()
