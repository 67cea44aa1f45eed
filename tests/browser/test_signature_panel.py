"""A recipient checks the digital signatures of what arrived, in Chromium, on a desktop and on a 390 px phone
(issue 15, item 5; Nghị định 30/2020, Art. 21.2): the «Chữ ký số» panel says both signatures are valid; the
stored file then changes on disk, the panel says so in red, and the receiving clerk returns the document with
a reason; the sender sees «Bị trả lại: …» in its delivery list.

Cast: Hạnh signed Ban Tuyên giáo Tỉnh ủy's guidance to LĐLĐ tỉnh, sealed by the Ban (the file is made on the
demo PKI's SoftHSM2 tokens, tests/signing/test_verification_surfaces.py); Thu is LĐLĐ tỉnh's clerk; Lan drafted
the guidance at the Ban. Only labels, roles and visible text are used; the shared watch fails the test on any
console error, CSP violation or response ≥ 500.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.signing.conftest import signing_pki  # noqa: F401 - the session PKI the sealed file is made with
from tests.signing.test_verification_surfaces import (  # noqa: F401 - module fixtures, shared
    BODY_VALID,
    CHANGED,
    PERSON_VALID,
    change_one_byte,
    issue_sealed,
    sealed,
    sealed_report,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Chữ ký số không hợp lệ: tệp đã bị thay đổi sau khi ký."


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The cast's passwords hash fast (autouse: set before the cast is made); logging in still checks them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _open(page, phone: bool, listing: str, number_symbol: str):
    """From the main menu's «Văn bản đến» / «Văn bản đi» to the document, by its number-symbol."""
    if phone:
        page.get_by_text("☰ Danh mục").click()
    page.get_by_role("navigation", name="Danh mục chính").get_by_role(
        "link", name=listing, exact=True
    ).click()
    page.get_by_role("link", name=number_symbol, exact=True).click()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_the_clerk_sees_the_signatures_and_returns_a_changed_file(
    tcast, browser_login, page, settings, tmp_path, request, viewport
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    page.set_viewport_size(viewport)
    phone = viewport["width"] < 500
    # The sealed file and its report are module fixtures of the verification tests, shared with this module.
    document = issue_sealed(
        tcast, request.getfixturevalue("sealed"), request.getfixturevalue("sealed_report")
    )

    browser_login("thu")
    _open(page, phone, "Văn bản đến", document.number_symbol)
    panel = page.get_by_role("region", name="Chữ ký số")
    expect(panel).to_be_visible()
    expect(panel.get_by_text(PERSON_VALID)).to_be_visible()
    expect(panel.get_by_text(BODY_VALID)).to_be_visible()
    expect(panel.get_by_role("button", name="Trả lại văn bản")).to_have_count(0)

    change_one_byte(document)  # someone edits the stored file on the server
    page.reload()
    panel = page.get_by_role("region", name="Chữ ký số")
    expect(panel.get_by_text(CHANGED, exact=False).first).to_be_visible()
    panel.get_by_label("Lý do trả lại").fill(REASON)
    panel.get_by_role("button", name="Trả lại văn bản").click()
    expect(page.get_by_text("Đã trả lại văn bản cho nơi gửi.")).to_be_visible()
    expect(page.get_by_text(f"Lý do: {REASON}")).to_be_visible()
    expect(page.get_by_role("button", name="Xác nhận đã tiếp nhận")).to_have_count(0)

    page.context.clear_cookies()
    browser_login("lan")
    _open(page, phone, "Văn bản đi", document.number_symbol)
    tracking = page.get_by_test_id("tracking")
    expect(tracking.get_by_text(f"Bị trả lại: {REASON}")).to_be_visible()
