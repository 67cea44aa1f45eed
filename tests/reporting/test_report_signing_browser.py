"""«Trình ký» → «Ký và gửi» in Chromium (issue 17 item 2), on a desktop screen and on a phone, only through what a
person sees:

  tuan   reporter of CĐCS Bố Hạ: fills the 6-month report and hands it to the chairman («Trình ký»)
  khanh  its chairman: finds it at «Báo cáo chờ ký» (with its count in the menu), reads it, signs and sends it;
         the report is numbered 01/BC-CĐCS
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reporting.models import Obligation, Report
from reporting.services import obligations_create_for_document
from tests.browser.people import browser_context_args, fits, go, screen  # noqa: F401 — the desktop and phone runs
from tests.reporting.conftest import add_requirement, make_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Báo cáo kết quả công tác thông tin đối ngoại"


def _obligation(cast) -> Obligation:
    plan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
    add_requirement(plan, frequency="semiannual", to_unit=cast.yenthe)
    obligations_create_for_document(document=plan, actor=cast.binh)
    # Whatever the day the test runs, the first 6-month period is open for reporting (only that one).
    key = Obligation.objects.filter(unit=cast.cdcs).order_by("due_at").values_list("period_key", flat=True)[0]
    Obligation.objects.filter(period_key=key).update(status="open", opens_at=timezone.now())
    Obligation.objects.exclude(period_key=key).delete()
    return Obligation.objects.get(unit=cast.cdcs)


def test_the_reporter_asks_the_chairman_who_signs_and_sends(tcast, page, browser_login):
    cast = tcast
    ob = _obligation(cast)

    page = browser_login("tuan")
    go(page, "Báo cáo")
    page.get_by_role("listitem").filter(has_text=TITLE).get_by_role("link", name="Soạn báo cáo").click()
    page.get_by_label("Kết quả công tác thông tin, tuyên truyền đối ngoại").fill(
        "Tổ chức 3 buổi tuyên truyền."
    )
    page.get_by_label("Số buổi tuyên truyền").fill("3")
    page.get_by_label("Lãnh đạo ký").select_option(label="Lương Văn Khánh")
    page.get_by_role("button", name="Trình ký").click()
    expect(page.get_by_text("Đã trình lãnh đạo ký báo cáo.")).to_be_visible()
    expect(page.get_by_role("heading", name="Chờ lãnh đạo ký")).to_be_visible()
    fits(page)

    page.context.clear_cookies()
    page = browser_login("khanh")
    go(page, re.compile(r"^Báo cáo chờ ký 1$"))
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("link", name="Xem bản Báo cáo (PDF)")).to_be_visible()
    page.get_by_role("button", name="Ký và gửi").click()
    expect(page.get_by_text("Đã ký và gửi báo cáo số 01/BC-CĐCS.")).to_be_visible()
    expect(page.get_by_text("Số báo cáo: 01/BC-CĐCS")).to_be_visible()
    fits(page)
    report = Report.objects.get(obligation=ob)
    assert report.state == "submitted" and report.signature["authority_body"] == "BAN CHẤP HÀNH"
