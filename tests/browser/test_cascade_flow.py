"""The heart of the product in Chromium: compose → issue → receive → derive → issue down → cascade view."""

import re

import pytest

from directives.models import Document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_last(page, selector, value):
    page.locator(selector).last.fill(value)


def _pick_unit(group, label: str, typed: str, name: str):
    """Type part of a unit's name in a unit picker and choose it among the suggestions."""
    group.get_by_role("combobox", name=label).press_sequentially(typed, delay=20)
    group.get_by_role("listbox", name="Đơn vị phù hợp").get_by_role(
        "option", name=re.compile(f"^{name}")
    ).click()


def test_a_guidance_travels_down_two_levels(tcast, browser_login, live_server, page):
    cast = tcast
    cast.btgtu.addressees.add(cast.ldld)
    # Lan, drafter of Ban Tuyên giáo Tỉnh ủy, composes the guidance.
    browser_login("lan")
    page.goto(f"{live_server.url}/van-ban/moi/")
    page.select_option("#id_doc_type", "HD")
    page.fill("#id_subject", "Hướng dẫn công tác thông tin đối ngoại năm 2024")
    page.get_by_role("button", name="Tạo dự thảo").click()
    page.wait_for_url(re.compile(r"/van-ban/\d+/sua/"))
    page.fill("#c-num", "132-HD/BTGTW")
    page.fill("#c-date", "2023-12-29")
    page.fill("#c-issuer", "Ban Tuyên giáo Trung ương")
    page.get_by_role("button", name="Trích dẫn").click()
    assert "Đã trích dẫn Hướng dẫn số 132-HD/BTGTW" in page.content()
    page.fill(
        "#f-opening", "Thực hiện Hướng dẫn số 132-HD/BTGTW ngày 29/12/2023 của Ban Tuyên giáo Trung ương."
    )
    for heading, text in [
        ("MỤC ĐÍCH, YÊU CẦU", "Nâng cao nhận thức về thông tin đối ngoại."),
        ("TỔ CHỨC THỰC HIỆN", "Các cơ quan, đơn vị triển khai."),
    ]:
        page.get_by_test_id("add-section").click()
        _fill_last(page, "input[name$='-heading']", heading)
        _fill_last(page, "textarea[name^='node-'][name$='-text']", text)
    page.get_by_test_id("add-task").click()
    page.fill("input[name='task-0-title']", "Liên đoàn Lao động tỉnh")
    page.fill("textarea[name='task-0-text']", "Tuyên truyền trong đoàn viên, người lao động.")
    _pick_unit(
        page.get_by_role("group", name="Nhiệm vụ 1"),
        "Giao cho đơn vị",
        "lien doan lao dong tinh",
        "Liên đoàn Lao động tỉnh Bắc Giang",
    )
    for freq in ("semiannual", "annual"):
        page.get_by_test_id("add-requirement").click()
        page.locator("select[name$='-frequency']").last.select_option(freq)
    page.get_by_test_id("add-recipient").click()
    page.fill("input[name='rcp-0-label']", "Liên đoàn Lao động tỉnh")
    _pick_unit(
        page.get_by_role("group", name="Dòng 1"),
        "Đơn vị nhận",
        "lien doan lao dong tinh",
        "Liên đoàn Lao động tỉnh Bắc Giang",
    )
    page.select_option("#s-auth", "KT")
    page.fill("#s-body", "TRƯỞNG BAN")
    page.fill("#s-title", "PHÓ TRƯỞNG BAN")
    page.fill("#s-name", "Nguyễn Văn Hạnh")
    page.get_by_test_id("submit").click()
    assert "Đã trình ký văn bản." in page.content()
    guidance = Document.objects.get(issuer=cast.btgtu, is_external=False)
    assert guidance.requirements.count() == 2 and guidance.tasks.count() == 1

    # Hạnh, the signer, issues it: the register gives number 1.
    page.context.clear_cookies()
    browser_login("hanh")
    page.goto(f"{live_server.url}/van-ban/{guidance.pk}/")
    page.get_by_test_id("issue").click()
    page.get_by_role("button", name="Xác nhận ký ban hành").click()
    assert "Đã ký ban hành và gửi văn bản." in page.content()
    assert "Hướng dẫn số 01-HD/BTGTU" in page.locator("h1").inner_text()

    # Mai at LĐLĐ tỉnh finds it in the inbox, acknowledges it and derives the plan.
    page.context.clear_cookies()
    browser_login("mai")
    page.get_by_role("link", name="Văn bản đến").click()
    page.get_by_role("link", name="01-HD/BTGTU").click()
    page.get_by_role("button", name="Xác nhận đã tiếp nhận").click()
    assert "Đã xác nhận tiếp nhận văn bản." in page.content()
    page.get_by_role("button", name="Xây dựng văn bản triển khai").click()
    page.wait_for_url(re.compile(r"/sua/$"))
    assert "Thực hiện Hướng dẫn số 01-HD/BTGTU" in page.input_value("#f-opening")
    page.fill("#s-title", "PHÓ CHỦ TỊCH")
    page.fill("#s-name", "Nguyễn Mạnh Hùng")
    page.get_by_test_id("submit").click()
    plan = Document.objects.get(issuer=cast.ldld)

    # Hùng issues the plan to the district federations.
    page.context.clear_cookies()
    browser_login("hung")
    page.goto(f"{live_server.url}/van-ban/{plan.pk}/")
    page.get_by_test_id("issue").click()
    page.get_by_role("button", name="Xác nhận ký ban hành").click()
    assert re.search(r"Kế hoạch số 01/KH-LĐLĐ", page.locator("h1").inner_text())

    # Hạnh reads the cascade: level 1 implemented by LĐLĐ tỉnh, level 2 the districts with nothing yet.
    page.context.clear_cookies()
    browser_login("hanh")
    page.goto(f"{live_server.url}/van-ban/{guidance.pk}/cay-trien-khai/")
    level1 = page.get_by_test_id("cascade-level-1")
    assert level1.locator("tr[data-unit='bg-ldld']").get_attribute("data-state") == "implemented"
    level2 = page.get_by_test_id("cascade-level-2")
    assert level2.locator("tr[data-unit='bg-ldld-yenthe']").get_attribute("data-state") == "none"
    assert level2.locator("tr[data-unit='bg-ldld-tanyen']").get_attribute("data-state") == "none"
    page.screenshot(path="/tmp/cascade.png", full_page=True)
