"""Sign → number → seal in Chromium (issue 15, item 4), on a desktop screen and on a phone, only through what a person
sees, on real SoftHSM2 tokens of the run's demo PKI (tests/signing/conftest.py):

  hanh   signer of Ban Tuyên giáo Tỉnh ủy: opens the submitted guidance from «Văn bản đi», types a wrong PIN (told so
         on the form, the box empty again), then the right one: the register numbers it 01-HD/BTGTU
  van    clerk of the Ban: finds it at «Chờ đóng dấu» and applies the body's signature with the body token's PIN
  mai    drafter of LĐLĐ tỉnh, a recipient: opens it from «Văn bản đến» and sees both signatures verified
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from directives.models import Document, Status
from directives.services import signing
from portal.org.services import membership_grant
from tests.browser.people import browser_context_args, fits, go, screen  # noqa: F401 — the desktop and phone runs
from tests.conftest import PASSWORD
from tests.directives.test_issue import guidance
from tests.signing import conftest as signing_fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

signing_pki = signing_fixtures.signing_pki
DEMO_PIN = signing_fixtures.DEMO_PIN
person_credential_factory = signing_fixtures.person_credential_factory
body_credential_factory = signing_fixtures.body_credential_factory


def _as(page, browser_login, username: str):
    page.context.clear_cookies()
    browser_login(username)


def test_the_signer_signs_the_clerk_seals_and_the_recipient_sees_both_signatures(
    eager_media,
    tcast,
    signing_required,
    person_credential_factory,
    body_credential_factory,
    DEMO_PIN,
    browser_login,
    page,
    browser_watch,
):
    cast = tcast
    van = get_user_model().objects.create_user(
        "van", "van@thongsuot.test", PASSWORD, first_name="Trần Thị Vân"
    )
    membership_grant(actor=None, user=van, unit=cast.btgtu, role="clerk")
    person_credential_factory(cast.hanh)
    body_credential_factory(cast.btgtu)
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))

    # Hạnh signs from the outgoing list; a wrong PIN is refused on the form and the box comes back empty.
    _as(page, browser_login, "hanh")
    go(page, "Văn bản đi")
    row = page.get_by_role("row").filter(has_text=doc.subject)
    expect(row).to_contain_text("Chờ ký")
    row.get_by_role("link", name="(chưa có số)").click()
    pin = page.get_by_label("Mã PIN thiết bị ký số")
    pin.fill("000000")
    with browser_watch.expected("status of 400"):  # the refused form is answered 400, as every refusal
        page.get_by_role("button", name="Ký số", exact=True).click()
        expect(page.get_by_role("alert").filter(has_text="Mã PIN không đúng")).to_be_visible()
    expect(page.get_by_label("Mã PIN thiết bị ký số")).to_have_value("")
    fits(page)
    assert Document.objects.get(pk=doc.pk).status == Status.SUBMITTED
    page.get_by_label("Mã PIN thiết bị ký số").fill(DEMO_PIN)
    page.get_by_role("button", name="Ký số", exact=True).click()
    expect(page.get_by_text("Đã ký số. Văn bản được cấp số 01-HD/BTGTU")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chờ đóng dấu")
    fits(page)

    # Vân finds it at the clerk's desk and applies the body's signature.
    _as(page, browser_login, "van")
    go(page, re.compile(r"^Chờ đóng dấu 1$"))
    expect(page.get_by_role("heading", name="Văn bản chờ đóng dấu")).to_be_visible()
    fits(page)
    page.get_by_role("link", name="01-HD/BTGTU").click()
    page.get_by_label("Mã PIN thiết bị ký số").fill(DEMO_PIN)
    page.get_by_role("button", name="Đóng dấu (ký số cơ quan)").click()
    expect(page.get_by_text("Đã đóng dấu và gửi văn bản số 01-HD/BTGTU")).to_be_visible()
    fits(page)
    assert Document.objects.get(pk=doc.pk).status == Status.ISSUED

    # Mai, at a receiving unit, opens it and sees both signatures verified.
    _as(page, browser_login, "mai")
    go(page, "Văn bản đến")
    page.get_by_role("row").filter(has_text=doc.subject).get_by_role("link", name="01-HD/BTGTU").click()
    panel = page.get_by_test_id("signatures")
    expect(panel.get_by_text(re.compile("^Chữ ký số hợp lệ: Nguyễn Văn Hạnh"))).to_be_visible()
    expect(
        panel.get_by_text(re.compile("^Chữ ký số hợp lệ: Ban Tuyên giáo Tỉnh ủy Bắc Giang"))
    ).to_be_visible()
    fits(page)
