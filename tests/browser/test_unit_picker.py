"""A drafter picks units by name in Chromium (issue 13, blocker 4), on a desktop and on a 390 px phone:
typing part of a name without diacritics, choosing from the suggestions with the keyboard or the mouse,
opening the list of units level by level — and a name that matches nothing is said so, with nothing lost.
Only what a person sees is used: labels, roles, visible text. The shared watch fails the test on any
console error, CSP violation or response ≥ 500.

Cast: Mai drafts for Liên đoàn Lao động tỉnh Bắc Giang (Yên Thế with its grassroots union, Tân Yên).
"""

import re

import pytest
from playwright.sync_api import expect

from directives.models import Document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEN_THE = "Liên đoàn Lao động huyện Yên Thế"
TAN_YEN = "Liên đoàn Lao động huyện Tân Yên"
BO_HA = "Công đoàn Trường THCS Bố Hạ"


def _open_new_draft(page, phone: bool):
    if phone:
        page.get_by_text("☰ Danh mục").click()
    page.get_by_role("navigation", name="Danh mục chính").get_by_role(
        "link", name="Văn bản đi", exact=True
    ).click()
    page.get_by_role("link", name="Soạn văn bản mới").click()
    page.get_by_label("Loại văn bản").select_option(label="Kế hoạch")
    page.get_by_label("Trích yếu").fill("Kế hoạch thông tin đối ngoại năm 2025")
    page.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Soạn thảo kế hoạch")


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_a_drafter_picks_a_tasks_units_and_a_recipient_by_name(tcast, browser_login, page, viewport):
    page.set_viewport_size(viewport)
    phone = viewport["width"] < 500
    browser_login("mai")
    _open_new_draft(page, phone)

    # A task for the districts: "yen the" typed without diacritics, chosen with the arrow key and Enter.
    page.get_by_role("button", name="+ Thêm nhiệm vụ").click()
    task = page.get_by_role("group", name="Nhiệm vụ 1")
    task.get_by_label("Đơn vị / tiêu đề").fill("Liên đoàn Lao động các huyện")
    task.get_by_label("Nhiệm vụ", exact=True).fill("Tuyên truyền trong đoàn viên, người lao động.")
    units = task.get_by_role("combobox", name="Giao cho đơn vị")
    units.press_sequentially("yen the", delay=30)
    suggestions = task.get_by_role("listbox", name="Đơn vị phù hợp")
    expect(suggestions.get_by_role("option", name=re.compile(f"^{YEN_THE}"))).to_be_visible()
    units.press("ArrowDown")
    task.screenshot(path=f"/tmp/h2-picker-suggestions-{'phone' if phone else 'desktop'}.png")
    expect(suggestions.get_by_role("option", name=re.compile(f"^{YEN_THE}"))).to_have_attribute(
        "aria-selected", "true"
    )
    units.press("Enter")
    chosen = task.get_by_role("list", name="Giao cho đơn vị — đã chọn")
    expect(chosen.get_by_role("checkbox", name=YEN_THE, exact=True)).to_be_checked()
    expect(units).to_have_value("")

    # A name that matches nothing is said so; Enter does not send the form, nothing chosen is lost.
    units.press_sequentially("Hiep Hoa", delay=30)
    expect(task.get_by_text("Không tìm thấy đơn vị nào có tên «Hiep Hoa».")).to_be_visible()
    units.press("Enter")
    expect(units).to_have_value("Hiep Hoa")
    expect(chosen.get_by_role("checkbox", name=YEN_THE, exact=True)).to_be_checked()
    units.fill("")

    # A second district with the mouse, and the grassroots union from the list, opened one level down.
    units.press_sequentially("tan yen", delay=30)
    suggestions.get_by_role("option", name=re.compile(f"^{TAN_YEN}")).click()
    expect(chosen.get_by_role("checkbox", name=TAN_YEN, exact=True)).to_be_checked()
    task.get_by_text("Chọn trong danh sách đơn vị").click()
    task.get_by_role("button", name=f"Các đơn vị trực thuộc {YEN_THE}").click()
    task.get_by_role("checkbox", name=re.compile(f"^{BO_HA}")).check()
    expect(chosen.get_by_role("checkbox", name=BO_HA, exact=True)).to_be_checked()
    task.screenshot(path=f"/tmp/h2-picker-tree-{'phone' if phone else 'desktop'}.png")
    # Unticking a chosen unit takes it out, in the list too; ticking it in the list brings it back.
    chosen.get_by_role("checkbox", name=BO_HA, exact=True).click()
    expect(task.get_by_text(f"Đã bỏ chọn: {BO_HA}.")).to_be_visible()
    expect(chosen.get_by_role("checkbox", name=BO_HA, exact=True)).to_have_count(0)
    expect(task.get_by_role("checkbox", name=re.compile(f"^{BO_HA}"))).not_to_be_checked()
    task.get_by_role("checkbox", name=re.compile(f"^{BO_HA}")).check()
    expect(chosen.get_by_role("checkbox", name=BO_HA, exact=True)).to_be_checked()

    # The recipient: several units match "lien doan lao dong huyen"; the person picks Tân Yên.
    page.get_by_role("button", name="+ Thêm nơi nhận").click()
    line = page.get_by_role("group", name="Dòng 1")
    line.get_by_label("Ghi trên văn bản").fill("Liên đoàn Lao động huyện Tân Yên")
    recipient = line.get_by_role("combobox", name="Đơn vị nhận")
    recipient.press_sequentially("lien doan lao dong huyen", delay=20)
    options = line.get_by_role("listbox", name="Đơn vị phù hợp").get_by_role("option")
    expect(options).to_have_count(2)
    options.filter(has_text=TAN_YEN).click()
    expect(
        line.get_by_role("list", name="Đơn vị nhận — đã chọn").get_by_role(
            "checkbox", name=TAN_YEN, exact=True
        )
    ).to_be_checked()
    line.get_by_label("Loại đơn vị (khi chọn «mọi đơn vị một loại»)").select_option(label="Công đoàn cơ sở")
    line.get_by_label("Phạm vi").select_option(label="Đơn vị và toàn bộ cấp dưới")
    page.screenshot(path=f"/tmp/h2-picker-{'phone' if phone else 'desktop'}.png", full_page=False)

    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    plan = Document.objects.get(issuer=tcast.ldld)
    task_row = plan.tasks.get()
    assert set(task_row.units.values_list("name", flat=True)) == {YEN_THE, TAN_YEN, BO_HA}
    row = plan.recipients.get()
    assert (row.unit.name, row.selection, row.kind) == (TAN_YEN, "subtree", "union_grassroots")
    # After saving, the page shows the chosen units by name again.
    task = page.get_by_role("group", name="Nhiệm vụ 1")
    expect(task.get_by_role("list", name="Giao cho đơn vị — đã chọn").get_by_role("checkbox")).to_have_count(
        3
    )
    if phone:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the editor is {width} px wide on a 390 px phone"


def test_without_javascript_units_are_ticked_in_the_list_or_typed_by_name(
    tcast, page, live_server, browser_watch
):
    # The same page with JavaScript off: the picker is a box whose name is looked up on saving, and a list.
    context = page.context.browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    plain = context.new_page()
    browser_watch.attach(plain)  # a 5xx or a console error fails this test too
    plain.goto(f"{live_server.url}/dang-nhap/")
    plain.get_by_label("Tên đăng nhập", exact=True).fill("mai")
    plain.get_by_label("Mật khẩu", exact=True).fill("Mat-khau-thu-2024")
    plain.get_by_role("button", name="Đăng nhập", exact=True).click()
    plain.get_by_text("☰ Danh mục").click()
    _open_new_draft(plain, phone=False)
    plain.get_by_role("button", name="+ Thêm nhiệm vụ").click()
    task = plain.get_by_role("group", name="Nhiệm vụ 1")
    task.get_by_label("Đơn vị / tiêu đề").fill("Các đơn vị")
    task.get_by_label("Nhiệm vụ", exact=True).fill("Tuyên truyền.")
    task.get_by_text("Chọn trong danh sách đơn vị").click()
    task.get_by_role("checkbox", name=re.compile(f"^{TAN_YEN}")).check()
    task.get_by_role("textbox", name="Giao cho đơn vị").fill("thcs bo ha")
    plain.get_by_role("button", name="Lưu bản nháp").click()
    expect(plain.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    plan = Document.objects.get(issuer=tcast.ldld)
    assert set(plan.tasks.get().units.values_list("name", flat=True)) == {TAN_YEN, BO_HA}
    # A name that matches nothing: refused with the reason, kept in its box, the chosen units kept.
    task = plain.get_by_role("group", name="Nhiệm vụ 1")
    task.get_by_role("textbox", name="Giao cho đơn vị").fill("Hiệp Hòa")
    with browser_watch.expected(r"status of 400"):  # the refused save answers 400 Bad Request, as it should
        plain.get_by_role("button", name="Lưu bản nháp").click()
        expect(
            plain.get_by_role("alert").filter(has_text="Không tìm thấy đơn vị «Hiệp Hòa»").first
        ).to_be_visible()
    task = plain.get_by_role("group", name="Nhiệm vụ 1")
    expect(task.get_by_role("textbox", name="Giao cho đơn vị")).to_have_value("Hiệp Hòa")
    expect(task.get_by_role("list", name="Giao cho đơn vị — đã chọn").get_by_role("checkbox")).to_have_count(
        2
    )
    context.close()
