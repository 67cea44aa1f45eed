"""On a phone: a grassroots reporter fills and submits the 6-month report; the district federation returns it;
the reporter fixes and resubmits; the federation accepts; its own upward report shows the summed indicators."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reporting.models import Obligation
from reporting.services import obligations_create_for_document, report_accept, report_submit
from tests.reporting.conftest import add_requirement, grow, make_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


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
    # Whatever the day the test runs, the current 6-month period is open for reporting.
    key = Obligation.objects.filter(unit=cast.cdcs).order_by("due_at").values_list("period_key", flat=True)[0]
    Obligation.objects.filter(period_key=key).update(status="open", opens_at=timezone.now())
    lien = get_user_model().objects.create_user("lien")
    membership_grant(actor=None, user=lien, unit=Unit.objects.get(pk=other_id), role="reporter")
    other = Obligation.objects.get(unit_id=other_id, period_key=key)
    report_submit(actor=lien, obligation=other, data={
        "sections": {"ket_qua_tuyen_truyen": "Treo 2 băng rôn."},
        "indicators": {"so_buoi_tuyen_truyen": "2", "so_luot_nguoi_tham_gia": "80"}})
    report_accept(actor=cast.binh, obligation=other)
    return Obligation.objects.get(unit=cast.cdcs, period_key=key), key


def test_report_return_fix_accept_and_roll_up_on_a_phone(tcast, page, live_server, browser_login):
    cast = tcast
    ob, key = _setup(cast)
    page.set_viewport_size(PHONE)

    page = browser_login("tuan")
    page.goto(f"{live_server.url}/bao-cao/")
    page.locator(f"a[href='/bao-cao/nghia-vu/{ob.pk}/soan/']").click()
    page.fill("#id_section_ket_qua_tuyen_truyen", "Tổ chức 3 buổi tuyên truyền Kết luận 57-KL/TW.")
    page.fill("#id_indicator_so_buoi_tuyen_truyen", "3")
    page.fill("#id_indicator_so_luot_nguoi_tham_gia", "1.200")
    expect(page.locator("#autosave-status")).to_contain_text("Đã lưu lúc", timeout=10_000)
    page.get_by_role("button", name="Nộp báo cáo").click()
    assert "Đã nộp báo cáo" in page.content()

    page.context.clear_cookies()
    page = browser_login("binh")
    page.goto(f"{live_server.url}/bao-cao/da-nhan/")
    page.locator(f"a[href='/bao-cao/nghia-vu/{ob.pk}/']").click()
    page.fill("#id_comment", "Bổ sung số tin, bài đã đăng.")
    page.get_by_role("button", name="Trả lại để chỉnh sửa").click()
    assert "Đã trả lại báo cáo" in page.content()

    page.context.clear_cookies()
    page = browser_login("tuan")
    page.goto(f"{live_server.url}/bao-cao/nghia-vu/{ob.pk}/soan/")
    assert "Bổ sung số tin, bài đã đăng." in page.content()
    page.fill("#id_indicator_so_tin_bai", "-1")
    page.get_by_role("button", name="Nộp báo cáo").click()
    assert "Chỉ tiêu «Số tin, bài đăng tải» không được là số âm." in page.content()
    page.fill("#id_indicator_so_tin_bai", "4")
    page.get_by_role("button", name="Nộp báo cáo").click()
    assert "Lần nộp 2" in page.content()

    page.context.clear_cookies()
    page = browser_login("binh")
    page.goto(f"{live_server.url}/bao-cao/nghia-vu/{ob.pk}/")
    page.get_by_role("button", name="Tiếp nhận").click()
    assert "Đã tiếp nhận báo cáo của Công đoàn Trường THCS Bố Hạ" in page.content()

    upward = Obligation.objects.get(unit=cast.yenthe, period_key=key)
    page.goto(f"{live_server.url}/bao-cao/nghia-vu/{upward.pk}/soan/")
    assert page.input_value("#id_indicator_so_buoi_tuyen_truyen") == "5"
    assert page.input_value("#id_indicator_so_luot_nguoi_tham_gia") == "1280"
    assert page.input_value("#id_indicator_so_tin_bai") == "4"
    narrative = page.input_value("#id_section_ket_qua_tuyen_truyen")
    assert re.search(r"Công đoàn Trường THCS Bố Hạ: Tổ chức 3 buổi", narrative)
    assert "Công đoàn cơ sở số 2: Treo 2 băng rôn." in narrative
    box = page.locator("#id_indicator_so_buoi_tuyen_truyen").bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]  # the form fits the phone's width
