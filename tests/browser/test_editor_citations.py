"""A drafter cites a document and hears back from the editor in Chromium (issue 13, blockers 6 and 7), on a
desktop and on a 390 px phone: part of "132-HD/BTGTW" typed, the suggestion clicked (or taken with ↓ and
Enter); the same number typed with another date offers the recorded document instead of a copy; "+ Thêm mục"
keeps what was typed and comes back to the new section; a section over 50,000 characters is refused in
Vietnamese in the bar that stays on screen and beside the field; leaving with unsaved changes asks first.
Only what a person sees is used: labels, roles, visible text. The shared watch fails the test on any console
error, CSP violation or response ≥ 500; the refusals answer 400 on purpose and say so.

Cast: Lan drafts for Ban Tuyên giáo Tỉnh ủy Bắc Giang; Hướng dẫn 132-HD/BTGTW of Ban Tuyên giáo Trung ương
(29/12/2023) is already recorded.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from directives.models import Document
from directives.services import external

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BTGTW = "Ban Tuyên giáo Trung ương"
SHOTS = Path("/tmp/thongsuot-shots")


def _cited(draft_subject):
    draft = Document.objects.get(subject=draft_subject)
    return list(draft.relations_out.values_list("target__number_symbol", flat=True))


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_a_drafter_cites_by_picking_and_hears_why_a_save_is_refused(
    tcast, browser_login, page, browser_watch, viewport
):
    page.set_viewport_size(viewport)
    phone = viewport["width"] < 500
    SHOTS.mkdir(exist_ok=True)
    shot = "phone" if phone else "desktop"
    recorded = external.external_document_register(
        actor=tcast.lan, number_symbol="132-HD/BTGTW", issue_date=dt.date(2023, 12, 29), issuer_name=BTGTW
    )
    subject = "Hướng dẫn công tác thông tin đối ngoại năm 2025"
    browser_login("lan")
    if phone:
        page.get_by_text("☰ Danh mục").click()
    page.get_by_role("navigation", name="Danh mục chính").get_by_role(
        "link", name="Văn bản đi", exact=True
    ).click()
    page.get_by_role("link", name="Soạn văn bản mới").click()
    page.get_by_label("Loại văn bản").select_option(label="Hướng dẫn")
    page.get_by_label("Trích yếu").fill(subject)
    page.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Soạn thảo hướng dẫn")

    # "+ Thêm mục" keeps what was typed (saved with it) and comes back to the new section, ready to type.
    opening = "Thực hiện Hướng dẫn số 132-HD/BTGTW ngày 29/12/2023 của Ban Tuyên giáo Trung ương."
    page.get_by_label("Mở đầu (Thực hiện …)").fill(opening)
    page.get_by_role("button", name="+ Thêm mục").click()
    section = page.get_by_role("group", name="Mục 1 (cấp 1)")
    expect(section.get_by_label("Tiêu đề")).to_be_focused()
    expect(section).to_be_in_viewport()
    expect(page.get_by_label("Mở đầu (Thực hiện …)")).to_have_value(opening)
    assert Document.objects.get(subject=subject).opening == f"<p>{opening}</p>"
    section.get_by_label("Tiêu đề").fill("MỤC ĐÍCH, YÊU CẦU")

    # The number typed with another date: the recorded document is offered, no copy is made.
    search = page.get_by_role("combobox", name="Số, ký hiệu")
    search.fill("132-HD/BTGTW")
    page.get_by_label("Ngày ban hành").fill("30/12/2023")  # as written in Vietnamese, whatever the browser
    page.get_by_label("Cơ quan ban hành").fill(BTGTW)
    with browser_watch.expected(r"status of 400"):
        page.get_by_role("button", name="Trích dẫn", exact=True).click()
        expect(page.get_by_role("alert")).to_contain_text("khác với ngày 30 tháng 12 năm 2023 bạn ghi")
    page.screenshot(path=SHOTS / f"editor-{shot}-date-mismatch.png")
    page.get_by_role(
        "button", name="Chọn hướng dẫn số 132-HD/BTGTW ngày 29/12/2023 của Ban Tuyên giáo Trung ương"
    ).click()
    expect(page.get_by_text("Đã trích dẫn Hướng dẫn số 132-HD/BTGTW.")).to_be_visible()
    assert Document.objects.filter(number_symbol="132-HD/BTGTW").count() == 1
    assert _cited(subject) == ["132-HD/BTGTW"]
    assert Document.objects.get(subject=subject).body[0]["heading"] == "MỤC ĐÍCH, YÊU CẦU"  # typed, saved too

    # Part of the number typed, the suggestion clicked.
    page.get_by_role("button", name="Bỏ trích dẫn 132-HD/BTGTW").click()
    expect(page.get_by_text("Chưa trích dẫn văn bản nào.")).to_be_visible()
    search = page.get_by_role("combobox", name="Số, ký hiệu")
    search.press_sequentially("132-HD", delay=30)
    suggestion = page.get_by_role("option", name=re.compile(r"^Hướng dẫn số 132-HD\/BTGTW ngày 29\/12\/2023"))
    expect(suggestion).to_be_visible()
    page.screenshot(path=SHOTS / f"editor-{shot}-suggestion.png")
    suggestion.click()
    expect(page.get_by_text("Đã trích dẫn Hướng dẫn số 132-HD/BTGTW.")).to_be_visible()
    assert _cited(subject) == ["132-HD/BTGTW"]

    if not phone:  # the keyboard: ↓ highlights the suggestion, Enter picks it
        page.get_by_role("button", name="Bỏ trích dẫn 132-HD/BTGTW").click()
        search = page.get_by_role("combobox", name="Số, ký hiệu")
        search.press_sequentially("132", delay=30)
        expect(page.get_by_role("option", name=re.compile(r"^Hướng dẫn số 132-HD\/BTGTW"))).to_be_visible()
        search.press("ArrowDown")
        expect(page.get_by_role("option", name=re.compile(r"^Hướng dẫn số 132-HD\/BTGTW"))).to_have_attribute(
            "aria-selected", "true"
        )
        search.press("Enter")
        expect(page.get_by_text("Đã trích dẫn Hướng dẫn số 132-HD/BTGTW.")).to_be_visible()
    assert Document.objects.filter(number_symbol="132-HD/BTGTW").count() == 1 and recorded.pk

    # A section over 50,000 characters: refused, said in Vietnamese in the bar that stays on screen and beside
    # the field — never "Đã lưu" over a text cut short.
    text = page.get_by_role("group", name="Mục 1 (cấp 1)").get_by_label("Nội dung")
    # (The autosave answers 200 for it: a draft still being typed is not a failed request, so the console
    # stays clean — the shared watch would fail the test on a 400.)
    text.fill("Tuyên truyền. " * 3572 + "x")  # 50,009 characters
    status = page.get_by_role("status")
    expect(status).to_contain_text(
        "Chưa lưu được: Mục 1 «MỤC ĐÍCH, YÊU CẦU»: nội dung dài 50.009 ký tự, quá giới hạn 50.000 ký tự"
    )
    expect(text).to_have_accessible_description(re.compile("quá giới hạn 50.000 ký tự"))
    page.get_by_role("heading", level=1).scroll_into_view_if_needed()
    expect(status).to_be_in_viewport()
    page.screenshot(path=SHOTS / f"editor-{shot}-too-long.png")
    assert Document.objects.get(subject=subject).body[0]["text"] == ""
    text.fill("Nâng cao nhận thức về thông tin đối ngoại.")
    expect(status).to_contain_text("Đã tự động lưu lúc")
    expect(text).not_to_have_attribute("aria-invalid", "true")

    # Leaving with a change not yet saved asks first; once saved, the page lets go.
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_label("Trích yếu").fill(subject + " (sửa)")
    expect(status).to_have_text("Có thay đổi chưa lưu — tự lưu sau giây lát.")
    page.get_by_role("link", name="‹ Về văn bản").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Soạn thảo hướng dẫn")
    assert asked == ["beforeunload"]
    expect(status).to_contain_text("Đã tự động lưu lúc")
    page.get_by_role("link", name="‹ Về văn bản").click()
    expect(page.get_by_role("link", name="Sửa dự thảo")).to_be_visible()
    assert asked == ["beforeunload"]
