"""On a phone, acting only through what a person sees: a grassroots union's chairman fills the 6-month report and
signs and sends it (sending up is the signer's act, issue 17), a refused submission lists its errors at the top;
the district federation returns it; the reporter's home says so, she fixes it and hands it to the chairman
(«Trình ký»), who sends it again; the federation accepts; its own upward report starts from the roll-up, and the
roll-up never replaces what the chair typed unless the chair ticks it."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reporting.models import Obligation, Report
from reporting.services import obligations_create_for_document, report_accept, report_submit
from tests.reporting.conftest import add_requirement, grow, make_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
TITLE = "Báo cáo kết quả công tác thông tin đối ngoại"


def _setup(cast):
    from django.contrib.auth import get_user_model

    from portal.org.models import Unit
    from portal.org.services import membership_grant

    province = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
    upward = add_requirement(province, frequency="semiannual", to_unit=cast.ldld)
    obligations_create_for_document(document=province, actor=cast.hung)
    (other_id,) = grow(cast.yenthe, 1)
    district = make_document(issuer=cast.yenthe, recipients=[cast.cdcs, other_id])
    add_requirement(district, frequency="semiannual", to_unit=cast.yenthe, parent=upward, lead_days=3)
    obligations_create_for_document(document=district, actor=cast.binh)
    # Whatever the day the test runs, the current 6-month period is open for reporting (only that one).
    key = Obligation.objects.filter(unit=cast.cdcs).order_by("due_at").values_list("period_key", flat=True)[0]
    Obligation.objects.filter(period_key=key).update(status="open", opens_at=timezone.now())
    Obligation.objects.exclude(period_key=key).delete()
    lien = get_user_model().objects.create_user("lien")
    membership_grant(actor=None, user=lien, unit=Unit.objects.get(pk=other_id), role="signer")
    other = Obligation.objects.get(unit_id=other_id, period_key=key)
    report_submit(
        actor=lien,
        obligation=other,
        data={
            "sections": {"ket_qua_tuyen_truyen": "Treo 2 băng rôn."},
            "indicators": {"so_buoi_tuyen_truyen": "2", "so_luot_nguoi_tham_gia": "80"},
        },
    )
    report_accept(actor=cast.binh, obligation=other)
    return Obligation.objects.get(unit=cast.cdcs, period_key=key)


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _menu(page, name: str) -> None:
    """The phone's menu: open it, then follow one of its links."""
    page.get_by_text("Danh mục", exact=False).first.click()
    page.get_by_role("navigation", name="Danh mục chính").get_by_role("link", name=name, exact=True).click()


def test_report_return_fix_accept_and_roll_up_on_a_phone(tcast, page, live_server, browser_login):
    cast = tcast
    ob = _setup(cast)
    page.set_viewport_size(PHONE)
    title = f"{TITLE} — {ob.period_label}"

    page = browser_login("khanh")
    _menu(page, "Báo cáo")
    page.get_by_role("listitem").filter(has_text=title).get_by_role("link", name="Soạn báo cáo").click()
    page.get_by_label("Kết quả công tác thông tin, tuyên truyền đối ngoại").fill(
        "Tổ chức 3 buổi tuyên truyền Kết luận 57-KL/TW."
    )
    page.get_by_label("Số buổi tuyên truyền").fill("3")
    page.get_by_label("Số lượt người tham gia").fill("1.200")
    expect(page.get_by_text(re.compile("Đã lưu lúc"))).to_be_visible(timeout=10_000)
    page.get_by_label("Số tin, bài đăng tải").fill("-1")
    page.get_by_role("button", name="Ký và gửi").click()
    # Refused: the errors are listed at the top, where the phone's screen is; what was typed is kept.
    summary = page.get_by_role("alert").filter(has_text="Chưa gửi được báo cáo")
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("Chỉ tiêu «Số tin, bài đăng tải» không được là số âm.")
    expect(page.get_by_label("Số buổi tuyên truyền")).to_have_value("3")
    _fits(page)
    page.get_by_label("Số tin, bài đăng tải").fill("")
    page.get_by_role("button", name="Ký và gửi").click()
    expect(page.get_by_text(re.compile("Đã ký và gửi báo cáo số 01/BC-CĐCS"))).to_be_visible()

    page.context.clear_cookies()
    page = browser_login("binh")
    _menu(page, "Báo cáo")
    page.get_by_role("link", name="Báo cáo gửi về đơn vị").click()
    page.get_by_role("row").filter(has_text=cast.cdcs.name).get_by_role("link", name="Xem").click()
    page.get_by_label("Ý kiến (nội dung cần chỉnh sửa)").fill("Bổ sung số tin, bài đã đăng.")
    page.get_by_role("button", name="Trả lại để chỉnh sửa").click()
    expect(page.get_by_text(re.compile("Đã trả lại báo cáo"))).to_be_visible()

    # The reporter's home says the report came back, with the reason; she fixes it and hands it to the chairman.
    page.context.clear_cookies()
    page = browser_login("tuan")
    page.get_by_role("link", name=f"{title}: sửa và nộp lại").click()
    expect(page.get_by_text("Bổ sung số tin, bài đã đăng.")).to_be_visible()
    page.get_by_label("Số tin, bài đăng tải").fill("4")
    page.get_by_label("Lãnh đạo ký").select_option(label="Lương Văn Khánh")
    page.get_by_role("button", name="Trình ký").click()
    expect(page.get_by_text("Đã trình lãnh đạo ký báo cáo.")).to_be_visible()

    # The chairman signs and sends it again, under the same number.
    page.context.clear_cookies()
    page = browser_login("khanh")
    _menu(page, "Báo cáo chờ ký 1")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Ký và gửi").click()
    expect(page.get_by_text("Đã ký và gửi báo cáo số 01/BC-CĐCS.")).to_be_visible()
    expect(page.get_by_text("Lần nộp 2")).to_be_visible()

    page.context.clear_cookies()
    page = browser_login("binh")
    _menu(page, "Báo cáo")
    page.get_by_role("link", name="Báo cáo gửi về đơn vị").click()
    page.get_by_role("row").filter(has_text=cast.cdcs.name).get_by_role("link", name="Xem").click()
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_text("Đã tiếp nhận báo cáo của Công đoàn Trường THCS Bố Hạ")).to_be_visible()

    # The chair's own upward report opens with the accepted reports' figures summed; the chair writes the
    # narrative, and the roll-up offers to replace it only when asked.
    _menu(page, "Báo cáo")
    page.get_by_role("listitem").filter(has_text=TITLE).get_by_role("link", name="Soạn báo cáo").click()
    expect(page.get_by_label("Số buổi tuyên truyền")).to_have_value("5")
    expect(page.get_by_label("Số lượt người tham gia")).to_have_value("1280")
    expect(page.get_by_label("Số tin, bài đăng tải")).to_have_value("4")
    own = "LĐLĐ huyện tổ chức hội nghị quán triệt cho cán bộ công đoàn chủ chốt."
    page.get_by_label("Kết quả công tác thông tin, tuyên truyền đối ngoại").fill(own)
    page.get_by_role("button", name="Điền từ báo cáo cấp dưới…").click()
    narrative = page.get_by_role("group", name="Kết quả công tác thông tin, tuyên truyền đối ngoại")
    expect(narrative).to_contain_text("Công đoàn cơ sở số 2: Treo 2 băng rôn.")
    expect(
        narrative.get_by_role("checkbox", name="Thay nội dung đang có bằng số liệu tổng hợp")
    ).not_to_be_checked()
    _fits(page)
    page.get_by_role("link", name="Không điền, quay lại bản nháp").click()
    expect(page.get_by_label("Kết quả công tác thông tin, tuyên truyền đối ngoại")).to_have_value(own)
    expect(page.get_by_label("Số buổi tuyên truyền")).to_have_value("5")
    report = Report.objects.get(obligation__unit=cast.yenthe)
    assert report.data["sections"]["ket_qua_tuyen_truyen"] == own
    _fits(page)
