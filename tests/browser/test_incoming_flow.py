"""Issue 16's story in Chromium, on a desktop and on a phone: the clerk of LĐLĐ tỉnh Bắc Giang registers the incoming
97-HD/BTGTU (số đến 01 of the year) and the sender sees the receipt; the leader assigns Ban Tuyên giáo - Nữ công as
lead with a deadline; a specialist of that department posts progress with an attachment, asks for an extension that
the leader approves, then completes it; the dashboard moves the task from «Đang thực hiện trong hạn» to «Hoàn thành
đúng hạn». Every step goes through the pages, by labels, roles and visible text; the dates derive from the day the
test runs."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from directives.content import Signature
from directives.handling.models import AssignmentState, EntryState, IncomingEntry
from directives.models import Purpose, Selection
from directives.numbering import register_past
from directives.services import compose, signing
from directives.services.compose import DraftContent, RecipientLine
from portal.org.models import Department, Membership
from tests.browser.people import browser_context_args, go, screen  # noqa: F401 — the desktop and phone runs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, browser_login, username: str):
    page.context.clear_cookies()
    browser_login(username)


def _vn(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _guidance_97(cast):
    """Ban Tuyên giáo Tỉnh ủy issues Hướng dẫn 97-HD/BTGTU to LĐLĐ tỉnh (its register stood at 96 this year)."""
    cast.btgtu.addressees.add(cast.ldld)
    with transaction.atomic():
        register_past(unit=cast.btgtu, doc_type="HD", year=timezone.localdate().year, number=96)
    doc = compose.document_create_draft(actor=cast.lan, issuer=cast.btgtu, doc_type="HD")
    content = DraftContent(
        doc_type="HD",
        subject="Hướng dẫn công tác thông tin đối ngoại",
        opening="Thực hiện chương trình công tác năm của Ban Thường vụ Tỉnh ủy.",
        body=[{"heading": "MỤC ĐÍCH, YÊU CẦU", "text": "Nâng cao nhận thức về thông tin đối ngoại."}],
        signature=Signature(
            authority="KT", authority_body="TRƯỞNG BAN", title="PHÓ TRƯỞNG BAN", name="Nguyễn Văn Hạnh"
        ),
        recipients=[
            RecipientLine(
                label="Liên đoàn Lao động tỉnh",
                purpose=Purpose.THUC_HIEN,
                selection=Selection.UNIT,
                unit_id=cast.ldld.pk,
            )
        ],
    )
    doc = compose.document_save_draft(actor=cast.lan, document=doc, content=content)
    doc = signing.document_issue(actor=cast.hanh, document=doc, render=False)
    assert doc.number_symbol == "97-HD/BTGTU"
    return doc


def _departments(cast):
    """LĐLĐ tỉnh's two departments (the cast's rows), Mai a specialist of Ban Tuyên giáo - Nữ công."""
    tgnc, _ = Department.objects.get_or_create(
        unit=cast.ldld, code="TG&NC", defaults={"name": "Ban Tuyên giáo - Nữ công", "order": 1}
    )
    Department.objects.get_or_create(unit=cast.ldld, code="VP", defaults={"name": "Văn phòng", "order": 2})
    Membership.objects.filter(user=cast.mai, unit=cast.ldld).update(department=tgnc)
    return tgnc


def test_an_incoming_guidance_is_registered_instructed_and_followed_to_done(
    eager_media, tcast, browser_login, live_server, page, browser_watch, tmp_path
):
    cast = tcast
    guidance = _guidance_97(cast)
    tgnc = _departments(cast)
    today = timezone.localdate()
    due, extended = today + dt.timedelta(days=10), today + dt.timedelta(days=20)

    # Thu, the clerk of LĐLĐ tỉnh: «Sổ văn bản đến» → «Văn bản chờ vào sổ» → «Vào sổ», presented to Hùng.
    _as(page, browser_login, "thu")
    go(page, re.compile(r"^Sổ văn bản đến"))
    page.get_by_role("link", name=re.compile(r"^Văn bản chờ vào sổ")).click()
    row = page.get_by_role("row").filter(has_text="97-HD/BTGTU")
    row.get_by_label("Trình lãnh đạo").select_option(label="Nguyễn Mạnh Hùng")
    row.get_by_role("button", name="Vào sổ 97-HD/BTGTU").click()
    page.wait_for_load_state()
    expect(page.get_by_text(f"Đã vào sổ văn bản đến số 01/{today.year}")).to_be_visible()
    entry = IncomingEntry.objects.get(unit=cast.ldld)
    assert (entry.number, entry.year, entry.handler) == (1, today.year, cast.hung)

    # The sender sees the receipt on its document page.
    _as(page, browser_login, "lan")
    page.goto(f"{live_server.url}{reverse('directives:detail', args=[guidance.pk])}")
    expect(page.get_by_test_id(f"receipt-{cast.ldld.pk}")).to_contain_text("Đã tiếp nhận — số đến 01")

    # Hùng, the leader: «Chờ ý kiến chỉ đạo 1» → the entry → the instruction, lead picked by name.
    _as(page, browser_login, "hung")
    go(page, re.compile(r"^Chờ ý kiến chỉ đạo\s*1"))
    page.get_by_role("link", name=guidance.subject).click()
    form = page.get_by_role("form", name="Giao xử lý")
    form.get_by_label("Ý kiến chỉ đạo").fill(
        "Giao Ban Tuyên giáo - Nữ công chủ trì tham mưu triển khai Hướng dẫn; Văn phòng phối hợp."
    )
    form.get_by_label("Chủ trì xử lý").select_option(label="Ban Tuyên giáo - Nữ công")
    form.get_by_label("Hạn xử lý").fill(_vn(due))
    form.get_by_role("group", name="Phối hợp").get_by_label("Văn phòng", exact=True).check()
    form.get_by_role("button", name="Giao xử lý").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Đã giao xử lý văn bản đến số 01.")).to_be_visible()
    section = page.get_by_role("region", name="Ý kiến chỉ đạo")
    expect(section.get_by_role("row").filter(has_text="Chủ trì")).to_contain_text("Ban Tuyên giáo - Nữ công")
    expect(section.get_by_role("row").filter(has_text="Chủ trì")).to_contain_text(_vn(due))
    entry.refresh_from_db()
    assert entry.state == EntryState.HANDLING
    lead = entry.assignments.get(role="lead")
    assert lead.department == tgnc and lead.due_date == due

    # The dashboard of LĐLĐ tỉnh counts it «Đang thực hiện trong hạn».
    dashboard = f"{live_server.url}{reverse('dashboards:unit', args=[cast.ldld.pk])}"
    page.goto(dashboard)
    panel = page.get_by_test_id("tasks-panel")
    expect(panel.get_by_test_id("tasks-trong-han")).to_have_text("2")  # the lead and the support
    expect(panel.get_by_test_id("tasks-dung-han")).to_have_text("0")

    # Mai, specialist of Ban Tuyên giáo - Nữ công: «Nhiệm vụ» → the task → progress with evidence, extension.
    evidence = tmp_path / "du-thao-cong-van.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    _as(page, browser_login, "mai")
    go(page, re.compile(r"^Nhiệm vụ"))
    page.get_by_role("link", name=guidance.subject).first.click()
    expect(page.get_by_test_id("task-due")).to_contain_text(_vn(due))
    note = page.locator("form").filter(has=page.get_by_role("button", name="Cập nhật tiến độ"))
    if not note.is_visible():
        page.get_by_text("Báo cáo tiến độ").click()
    note.get_by_label("Nội dung tiến độ").fill("Đã xây dựng dự thảo công văn triển khai, trình lãnh đạo.")
    note.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    note.get_by_role("button", name="Cập nhật tiến độ").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("notes")).to_contain_text("Đã xây dựng dự thảo công văn")
    expect(page.get_by_test_id("notes").get_by_role("link", name="du-thao-cong-van.pdf")).to_be_visible()
    page.get_by_text("Đề nghị gia hạn").click()
    ask = page.locator("form").filter(has=page.get_by_role("button", name="Xin gia hạn"))
    ask.get_by_label("Gia hạn đến").fill(_vn(extended))
    ask.get_by_label("Lý do").fill("Chờ ý kiến các LĐLĐ huyện để hoàn thiện công văn.")
    ask.get_by_role("button", name="Xin gia hạn").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("extensions")).to_contain_text("Chờ xem xét")
    task_url = page.url

    # Hùng, who assigned it, approves the extension.
    _as(page, browser_login, "hung")
    page.goto(task_url)
    page.get_by_role("button", name="Đồng ý gia hạn").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("task-due")).to_contain_text(_vn(extended))
    expect(page.get_by_test_id("extensions")).to_contain_text("Đồng ý gia hạn")

    # Mai completes it.
    _as(page, browser_login, "mai")
    page.goto(task_url)
    page.get_by_text("Báo cáo hoàn thành").click()
    done = page.locator("form").filter(has=page.get_by_role("button", name="Hoàn thành"))
    done.get_by_label("Kết quả thực hiện").fill(
        "Đã ban hành công văn triển khai Hướng dẫn đến các cấp công đoàn."
    )
    done.get_by_role("button", name="Hoàn thành").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("task-status")).to_contain_text("Hoàn thành")
    lead.refresh_from_db()
    assert lead.state == AssignmentState.DONE and lead.due_date == extended and lead.original_due_date == due

    # The dashboard moves it to «Hoàn thành đúng hạn»; the support task stays in time; the entry is done.
    _as(page, browser_login, "hung")
    page.goto(dashboard)
    panel = page.get_by_test_id("tasks-panel")
    expect(panel.get_by_test_id("tasks-dung-han")).to_contain_text("1")
    expect(panel.get_by_test_id("tasks-trong-han")).to_contain_text("1")
    entry.refresh_from_db()
    assert entry.state == EntryState.DONE
    assert not browser_watch.problems, page.viewport_size
