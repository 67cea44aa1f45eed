"""Each role's daily job in Chromium, end to end, on a desktop screen and on a phone — only through what a person
sees: the menu, links and buttons by their names, fields by their labels, never an address typed by hand.

  tuan   reporter of a grassroots union: reads the district's plan in the inbox, acknowledges it, writes the
         6-month report on the home page's link, is told what is wrong, fixes it and hands it to the chairman
         for signature («Trình ký»; the chairman's «Ký và gửi» is in tests/reporting/test_report_signing_browser.py)
  hung   leader of the province's federation: lands on its figures, opens a report's dashboard, picks a period,
         drills down into a district and sees which unions are late
  thu    clerk of the province's federation: finds the guidance received and the plan sent, numbered and dated,
         and who has acknowledged it

(The drafter's and the signer's journeys, with the unit pickers, are in tests/directives.)
Every page must fit the phone's width, and the shared watch (tests/conftest.py) fails the test on any console
error, CSP violation or server error.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directives.models import Delivery, Purpose, Selection
from directives.services import compose, receipt, signing
from directives.services.compose import RecipientLine
from reporting.models import Obligation, Report
from reporting.services import obligations_create_for_document
from tests.browser.people import browser_context_args, fits, go, home, screen  # noqa: F401 — the desktop and phone runs
from tests.dashboards.conftest import build_scene
from tests.directives.test_issue import guidance
from tests.reporting.conftest import add_requirement, make_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# --- The grassroots reporter ----------------------------------------------------------------------------------


def _reporter_world(cast):
    """LĐLĐ tỉnh's plan asks the districts for a 6-month report; Yên Thế's plan carries it down to its unions.
    Whatever the day the test runs, the current period is open for reporting."""
    province = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
    upward = add_requirement(province, frequency="semiannual", to_unit=cast.ldld)
    obligations_create_for_document(document=province, actor=cast.hung)
    district = make_document(
        issuer=cast.yenthe,
        recipients=[cast.cdcs],
        subject="Kế hoạch tuyên truyền đối ngoại trong công nhân, viên chức, lao động",
    )
    add_requirement(district, frequency="semiannual", to_unit=cast.yenthe, parent=upward, lead_days=3)
    obligations_create_for_document(document=district, actor=cast.binh)
    ob = Obligation.objects.filter(unit=cast.cdcs).order_by("due_at").first()
    Obligation.objects.filter(pk=ob.pk).update(status="open", opens_at=timezone.now())
    return district, Obligation.objects.get(pk=ob.pk)


def test_a_grassroots_reporter_acknowledges_the_plan_and_submits_the_report(
    eager_media, tcast, browser_login, page
):
    cast = tcast
    district, ob = _reporter_world(cast)
    title = f"{ob.requirement.title} — {ob.period_label}"

    browser_login("tuan")
    expect(page.get_by_role("heading", name="Báo cáo phải nộp: Công đoàn Trường THCS Bố Hạ")).to_be_visible()
    fits(page)

    # The inbox: the district's plan, unread; open it by its row and acknowledge it.
    go(page, "Văn bản đến")
    row = page.get_by_role("row").filter(has_text=district.subject)
    expect(row).to_contain_text("Chưa đọc")
    fits(page)
    row.get_by_role("link", name=district.number_symbol).click()
    expect(
        page.get_by_role("heading", name=re.compile("Đơn vị nhận: Công đoàn Trường THCS Bố Hạ"))
    ).to_be_visible()
    page.get_by_role("button", name="Xác nhận đã tiếp nhận").click()
    expect(page.get_by_text("Đã xác nhận tiếp nhận văn bản.")).to_be_visible()
    expect(page.get_by_role("button", name="Xác nhận đã tiếp nhận")).to_have_count(0)
    fits(page)
    assert Delivery.objects.get(document=district, unit=cast.cdcs).acknowledged_at is not None

    # The report, from the home page's list of what is due.
    home(page)
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    fits(page)
    page.get_by_label("Kết quả công tác thông tin, tuyên truyền đối ngoại").fill(
        "Tổ chức 3 buổi tuyên truyền Kết luận 57-KL/TW cho đoàn viên."
    )
    page.get_by_label("Số buổi tuyên truyền").fill("3")
    page.get_by_label("Số lượt người tham gia").fill("-120")
    # Sending up is the chairman's act (issue 17): Tuấn hands the report to him for signature.
    page.get_by_label("Lãnh đạo ký").select_option(label="Lương Văn Khánh")
    page.get_by_role("button", name="Trình ký").click()
    # Refused: the summary at the top says what is wrong and leads to the field; what was typed is kept.
    summary = page.get_by_role("alert").filter(has_text="Chưa trình ký được báo cáo")
    expect(summary).to_be_in_viewport()
    summary.get_by_role("link", name="Chỉ tiêu «Số lượt người tham gia» không được là số âm.").click()
    expect(page.get_by_label("Số lượt người tham gia")).to_be_focused()
    expect(page.get_by_label("Số buổi tuyên truyền")).to_have_value("3")
    assert not Report.objects.filter(obligation=ob, state="submitted").exists()
    page.get_by_label("Số lượt người tham gia").fill("120")
    page.get_by_label("Lãnh đạo ký").select_option(label="Lương Văn Khánh")
    page.get_by_role("button", name="Trình ký").click()
    expect(page.get_by_text("Đã trình lãnh đạo ký báo cáo.")).to_be_visible()
    expect(page.get_by_role("heading", name="Chờ lãnh đạo ký")).to_be_visible()
    fits(page)
    report = Report.objects.get(obligation=ob)
    assert report.state == "signing" and report.sign_requested_to == cast.khanh
    assert report.data["indicators"]["so_luot_nguoi_tham_gia"] in (120, "120")
    home(page)
    expect(page.get_by_role("heading", name="Báo cáo phải nộp: Công đoàn Trường THCS Bố Hạ")).to_be_visible()


# --- The provincial leader ------------------------------------------------------------------------------------


def test_a_leader_opens_the_figures_and_drills_down_to_the_late_unions(
    eager_media, tcast, browser_login, page
):
    cast = tcast
    scene = build_scene(cast)

    browser_login("hung")
    expect(page.get_by_role("heading", name="Tổng hợp: Liên đoàn Lao động tỉnh Bắc Giang")).to_be_visible()
    fits(page)
    go(page, "Tổng hợp")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng hợp: Liên đoàn Lao động tỉnh Bắc Giang")
    fits(page)
    page.get_by_role("link", name=scene.upward.title).first.click()
    page.get_by_role("combobox", name=re.compile("^Kỳ báo cáo")).select_option(label="6 tháng đầu năm 2024")
    page.get_by_role("button", name="Xem", exact=True).click()
    expect(
        page.get_by_text(re.compile(r"kỳ 6 tháng đầu năm 2024, hạn nộp ngày \d\d tháng \d\d? năm 2024"))
    ).to_be_visible()
    fits(page)

    # Drill down into Yên Thế: its grassroots unions, each with its state.
    page.get_by_role("row").filter(has_text="Liên đoàn Lao động huyện Yên Thế").get_by_role(
        "link", name="Liên đoàn Lao động huyện Yên Thế", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Liên đoàn Lao động huyện Yên Thế")
    fits(page)
    late = page.get_by_role("row").filter(has_text=scene.g1.name)
    expect(late).to_contain_text("Muộn")
    on_time = page.get_by_role("row").filter(has_text=cast.cdcs.name)
    expect(on_time).to_contain_text("Đúng hạn")
    # The union that sent nothing can be chosen for a reminder; one that reported cannot.
    expect(page.get_by_role("checkbox", name=f"Chọn {cast.cdcs.name}")).to_have_count(0)


# --- The clerk ---------------------------------------------------------------------------------------------


def _clerk_world(cast):
    """Ban Tuyên giáo sends LĐLĐ tỉnh a guidance; LĐLĐ tỉnh issues its dispatch to the district federations, and
    Yên Thế acknowledges it."""
    received = signing.document_issue(actor=cast.hanh, document=guidance(cast), render=False)
    doc = compose.document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="CV")
    content = compose.content_of(doc)
    content.subject, content.department = "V/v triển khai công tác thông tin đối ngoại năm 2024", "TG&NC"
    content.opening = "Thực hiện …"
    content.signature = replace(content.signature, title="PHÓ CHỦ TỊCH", name="Nguyễn Mạnh Hùng")
    content.recipients = [
        RecipientLine(
            label="LĐLĐ các huyện",
            purpose=Purpose.THUC_HIEN,
            selection=Selection.CHILDREN,
            unit_id=cast.ldld.pk,
            in_kinh_gui=True,
        )
    ]
    doc = compose.document_save_draft(actor=cast.mai, document=doc, content=content)
    sent = signing.document_issue(actor=cast.hung, document=doc, render=False)
    receipt.delivery_acknowledge(
        actor=cast.binh, delivery=Delivery.objects.get(document=sent, unit=cast.yenthe)
    )
    return received, sent


def test_a_clerk_finds_what_came_in_and_what_went_out(eager_media, tcast, browser_login, page):
    cast = tcast
    received, sent = _clerk_world(cast)

    browser_login("thu")
    go(page, "Văn bản đến")
    row = page.get_by_role("row").filter(has_text=received.subject)
    expect(row).to_contain_text("Ban Tuyên giáo Tỉnh ủy Bắc Giang")
    expect(row.get_by_role("link", name="01-HD/BTGTU")).to_be_visible()
    fits(page)

    go(page, "Văn bản đi")
    page.get_by_label("Trạng thái").select_option(label="Đã ban hành")
    page.get_by_role("button", name="Lọc").click()
    row = page.get_by_role("row").filter(has_text=sent.subject)
    expect(row).to_contain_text(sent.issue_date.strftime("%d/%m/%Y"))
    fits(page)
    row.get_by_role("link", name="01/LĐLĐ-TG&NC").click()
    expect(page.get_by_text(re.compile(r"ngày \d\d tháng \d\d năm \d{4}")).first).to_be_visible()
    tracking = page.locator("section").filter(has=page.get_by_role("heading", name="Tình hình nhận văn bản"))
    expect(tracking).to_contain_text("Đã gửi 2 đơn vị")
    expect(tracking).to_contain_text("đã tiếp nhận 1")
    fits(page)
    page.get_by_role("link", name="Chưa tiếp nhận").click()
    expect(tracking.get_by_role("row").filter(has_text="Liên đoàn Lao động huyện Tân Yên")).to_have_count(1)
    expect(tracking.get_by_role("row").filter(has_text="Liên đoàn Lao động huyện Yên Thế")).to_have_count(0)
    # The clerk registers and follows documents; signing is not theirs.
    expect(page.get_by_role("link", name="Ký ban hành")).to_have_count(0)
