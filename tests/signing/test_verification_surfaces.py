"""Wherever a PDF enters, its digital signatures are checked and the result shown (issue 15, item 5), and the
receiving clerk returns a document that fails the check (Nghị định 30/2020, Art. 21.2).

The cast (tests/conftest.py, plus Vy): Hạnh signs for Ban Tuyên giáo Tỉnh ủy Bắc Giang (BTGTU), whose guidance
goes to LĐLĐ tỉnh. Thu is LĐLĐ tỉnh's clerk (văn thư): she checks what arrives and may return it. Mai drafts at
LĐLĐ tỉnh — a member of the receiving unit, not its clerk. Vy is BTGTU's clerk, the sender's: she is told of a
return and may not return anything herself. Tuấn reports for a school union (CĐCS Bố Hạ).

The sealed file is made once per module on real SoftHSM2 tokens of the demo PKI (tests/signing/conftest.py):
the person's signature, the number filled in, the body's signature — as the sign → seal flow leaves it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from weasyprint import HTML

from directives.models import Delivery
from directives.services import signing
from portal.audit.models import Event
from portal.notifications.models import Notification
from portal.org.services import membership_grant
from portal.signing import images, keys, pdf, pki, selectors, tokens
from portal.signing.models import Credential, CredentialKind
from portal.signing.pdf import Rect, Slots
from tests.conftest import PASSWORD
from tests.directives.test_issue import guidance

BODY = "Ban Tuyên giáo Tỉnh ủy Bắc Giang"
PERSON = "Nguyễn Văn Hạnh"
PERSON_VALID = f"Chữ ký số hợp lệ: {PERSON} — {BODY}, ký lúc "
BODY_VALID = f"Chữ ký số hợp lệ: {BODY}, ký lúc "
CHANGED = "Tệp đã bị thay đổi sau khi ký"
REASON = "Chữ ký số không hợp lệ: tệp đã bị thay đổi sau khi ký."

# A one-page A4 document with the blanks where the official layout leaves them, in PDF points.
SLOTS = Slots(
    number=Rect(0, 160.0, 712.0, 263.0, 729.0),
    date=Rect(0, 319.0, 712.0, 553.0, 729.0),
    signature=Rect(0, 330.0, 330.0, 553.0, 400.0),
)
PAGE = """<html><head><style>@page { size: A4; margin: 0 } body { font-family: 'Liberation Serif'; }
p { position: absolute; margin: 0 }</style></head><body>
<p style="left: 120pt; top: 113pt; font-size: 13pt">Số:</p>
<p style="left: 90pt; top: 300pt; font-size: 14pt">Hướng dẫn công tác thông tin đối ngoại năm 2024.</p>
<p style="left: 380pt; top: 425pt; font-weight: bold; font-size: 14pt">K/T TRƯỞNG BAN</p>
<p style="left: 390pt; top: 450pt; font-weight: bold; font-size: 14pt">Nguyễn Văn Hạnh</p>
</body></html>"""


def _credential(common_name: str, organisation: str, token_label: str) -> Credential:
    """A credential of the demo PKI, its key on a SoftHSM2 token (kept in memory: no database at module
    scope; open_signer checks it as it checks a stored one)."""
    issued = pki.issue_certificate(common_name=common_name, organisation=organisation)
    return Credential(
        kind=CredentialKind.PKCS11,
        certificate_pem=pki.certificate_pem(issued.certificate),
        chain_pem=pki.chain_pem(),
        subject_name=common_name,
        organisation=organisation,
        serial_hex=issued.serial_hex,
        fingerprint_sha256=pki.fingerprint(issued.certificate),
        not_before=issued.certificate.not_valid_before_utc,
        not_after=issued.certificate.not_valid_after_utc,
        token_label=token_label,
        key_label=tokens.token_import(issued, token_label=token_label),
    )


@pytest.fixture(scope="module")
def sealed(signing_pki) -> bytes:
    """Hạnh's signature, the number and date, BTGTU's signature: the file a recipient receives."""
    person = _credential(PERSON, BODY, "ts-g-person")
    body = _credential(BODY, BODY, "ts-g-body")
    prepared = pdf.prepare(HTML(string=PAGE).write_pdf(), SLOTS)
    with keys.open_signer(person, pki.DEMO_PIN) as signer:
        signed = pdf.sign_person(
            prepared, signer, image_png=images.demo_signature_png(PERSON), reason="Ký ban hành văn bản"
        )
    numbered = pdf.fill_number(
        signed, number_text="97-HD/BTGTU", date_text="Bắc Giang, ngày 06 tháng 02 năm 2024"
    )
    with keys.open_signer(body, pki.DEMO_PIN) as signer:
        return pdf.seal_body(numbered, signer, seal_png=images.demo_seal_png(BODY), body_name=BODY)


@pytest.fixture(scope="module")
def sealed_report(sealed) -> dict:
    """The verification the seal records beside the file (validated once per module)."""
    return pdf.verify(sealed).to_json()


@pytest.fixture
def vy(cast):
    """The sender's clerk (văn thư of BTGTU)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("vy", "vy@thongsuot.test", PASSWORD, first_name="Trần Thị Vy")
    membership_grant(actor=None, user=user, unit=cast.btgtu, role="clerk")
    return user


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Files in a folder of the test's own; passwords hash fast (autouse: before the cast is made)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def issue_sealed(cast, data: bytes, report: dict):
    """The guidance issued with ``data`` as its stored file, recorded as the seal records it: the file's
    SHA-256 beside the verification of those very bytes (what directives.services.signing.document_seal
    keeps)."""
    document = signing.document_issue(actor=cast.hanh, document=guidance(cast), render=False)
    document.pdf.save("97-HD-BTGTU.pdf", ContentFile(data), save=False)
    document.pdf_sha256 = hashlib.sha256(data).hexdigest()
    document.signature_report = report
    document.save(update_fields=["pdf", "pdf_sha256", "signature_report"])
    return document


def change_one_byte(document) -> None:
    """Someone edits the stored file on disk: one byte inside the first signed stream."""
    with document.pdf.open("rb") as handle:
        data = bytearray(handle.read())
    at = data.index(b"stream") + 40
    data[at] ^= 0x01
    with open(document.pdf.path, "wb") as out:
        out.write(bytes(data))


def panel(response) -> str:
    html = response.content.decode()
    start = html.find('data-testid="signatures"')
    assert start != -1, "no «Chữ ký số» panel on the page"
    return html[start : html.index("</section>", start)]


def test_a_recipient_sees_both_signatures_valid_from_the_recorded_report(
    cast, login, sealed, sealed_report, monkeypatch
):
    document = issue_sealed(cast, sealed, sealed_report)
    url = reverse("directives:detail", args=[document.pk])
    # The page shows what was recorded while the file is unchanged: it never validates again.
    monkeypatch.setattr(pdf, "verify", lambda data: pytest.fail("the page re-verified an unchanged file"))

    for viewer in (cast.thu, cast.hanh):  # the receiving clerk, and the issuer on their own page
        lines = panel(login(viewer).get(url))
        assert PERSON_VALID in lines and BODY_VALID in lines, viewer
        assert lines.index(PERSON_VALID) < lines.index(BODY_VALID)  # the person signed first
        assert "+07:00" in lines and "signature-bad" not in lines and CHANGED not in lines
        assert "Trả lại văn bản" not in lines


def test_a_valid_document_cannot_be_returned(cast, login, sealed, sealed_report):
    document = issue_sealed(cast, sealed, sealed_report)
    response = login(cast.thu).post(
        reverse("directives:delivery_return", args=[document.pk]), {"reason": "Thử trả lại"}, follow=True
    )
    assert "Chữ ký số của văn bản hợp lệ" in response.content.decode()
    delivery = Delivery.objects.get(document=document, unit=cast.ldld)
    assert delivery.returned_at is None and delivery.returned_reason == ""
    assert not Event.objects.filter(action="delivery.returned").exists()


def test_a_changed_file_is_said_and_the_receiving_clerk_returns_it(
    cast, login, sealed, sealed_report, vy, django_assert_max_num_queries
):
    document = issue_sealed(cast, sealed, sealed_report)
    url = reverse("directives:detail", args=[document.pk])
    client = login(cast.thu)
    client.get(url)  # the first opening marks the delivery read
    with django_assert_max_num_queries(100) as valid:
        client.get(url)

    change_one_byte(document)
    with django_assert_max_num_queries(len(valid.captured_queries)):  # verifying again costs no query
        response = client.get(url)
    lines = panel(response)
    assert CHANGED in lines and "signature-bad" in lines
    assert "Trả lại văn bản" in lines  # the clerk is offered the return, since the check failed

    response = client.post(
        reverse("directives:delivery_return", args=[document.pk]), {"reason": REASON}, follow=True
    )
    assert "Đã trả lại văn bản cho nơi gửi." in response.content.decode()
    delivery = Delivery.objects.get(document=document, unit=cast.ldld)
    assert delivery.returned_at is not None and delivery.returned_by == cast.thu
    assert delivery.returned_reason == REASON
    event = Event.objects.get(action="delivery.returned")
    assert event.actor == cast.thu and event.details["reason"] == REASON
    # The sender's clerk and the signer are told why.
    told = set(Notification.objects.filter(kind="delivery.returned").values_list("recipient_id", flat=True))
    assert told == {vy.pk, cast.hanh.pk}
    # Thu's page says it went back and offers neither the return nor the acknowledgement any more.
    html = client.get(url).content.decode()
    assert "Đã trả lại cho nơi gửi lúc" in html and "Xác nhận đã tiếp nhận" not in html
    assert 'action="' + reverse("directives:delivery_return", args=[document.pk]) not in html

    # In Thu's inbox it is marked returned, and no longer among what awaits handling.
    inbox = client.get(reverse("directives:inbox")).content.decode()
    assert "Đã trả lại" in inbox and document.number_symbol in inbox
    pending = client.get(reverse("directives:inbox"), {"loc": "can-xu-ly"}).content.decode()
    assert document.number_symbol not in pending

    # The sender's delivery list says which unit returned it, and why.
    for sender in (cast.hanh, cast.lan):
        tracking = login(sender).get(url).content.decode()
        assert f"Bị trả lại: {REASON}" in tracking and "bị trả lại 1" in tracking
    listed = login(cast.lan).get(url, {"loc": "bi-tra-lai"}).content.decode()
    assert cast.ldld.name in listed

    again = login(cast.thu).post(
        reverse("directives:delivery_return", args=[document.pk]), {"reason": "Lần hai"}, follow=True
    )
    assert "đã được trả lại" in again.content.decode()
    assert Delivery.objects.get(pk=delivery.pk).returned_reason == REASON


def test_a_stored_file_gone_from_disk_is_said_and_can_be_returned(cast, login, sealed, sealed_report):
    """The record names a file storage no longer has: the page says integrity cannot be shown (no error page),
    and the receiving clerk may return the document."""
    document = issue_sealed(cast, sealed, sealed_report)
    Path(document.pdf.path).unlink()
    response = login(cast.thu).get(reverse("directives:detail", args=[document.pk]))
    assert response.status_code == 200
    lines = panel(response)
    assert selectors.MISSING in lines and "signature-bad" in lines and "Trả lại văn bản" in lines


def test_only_the_receiving_units_clerk_may_return_it(cast, login, sealed, sealed_report, vy):
    document = issue_sealed(cast, sealed, sealed_report)
    change_one_byte(document)
    url = reverse("directives:delivery_return", args=[document.pk])
    detail = reverse("directives:detail", args=[document.pk])

    # Mai belongs to the receiving unit but is not its clerk: no button, and the service refuses.
    client = login(cast.mai)
    assert CHANGED in panel(client.get(detail))
    assert "Trả lại văn bản" not in panel(client.get(detail))
    refused = client.post(url, {"reason": REASON}, follow=True)
    assert "Chỉ văn thư của đơn vị nhận được trả lại văn bản." in refused.content.decode()
    # Vy is a clerk, of the sending unit: nothing was delivered to her, so there is nothing of hers to return.
    assert login(vy).post(url, {"reason": REASON}).status_code == 404
    # Tuấn's unit received nothing: the document is not even his to see.
    assert login(cast.tuan).post(url, {"reason": REASON}).status_code == 404
    # Thu without a reason is asked for one.
    no_reason = login(cast.thu).post(url, {"reason": "  "}, follow=True)
    assert "Hãy ghi lý do trả lại văn bản." in no_reason.content.decode()

    delivery = Delivery.objects.get(document=document, unit=cast.ldld)
    assert delivery.returned_at is None and delivery.returned_reason == "" and delivery.returned_by is None
    assert not Event.objects.filter(action="delivery.returned").exists()
    assert not Notification.objects.filter(kind="delivery.returned").exists()


def test_an_unsigned_document_says_so_only_where_signing_is_required(cast, login, settings):
    document = signing.document_issue(actor=cast.hanh, document=guidance(cast), render=False)
    url = reverse("directives:detail", args=[document.pk])
    page = login(cast.thu).get(url).content.decode()
    assert 'data-testid="signatures"' not in page  # a portal without signing keeps its pages as they were

    settings.SIGNING_REQUIRED = True
    lines = panel(login(cast.thu).get(url))
    assert "Văn bản không có chữ ký số." in lines
    assert "Trả lại văn bản" in lines  # an electronic document without signatures is not an original


def text_pdf() -> bytes:
    """An unsigned công văn with a text layer, as the import reads it."""
    from tests.search.test_import import CONG_VAN

    body = "".join(f"<p>{line or '&nbsp;'}</p>" for line in CONG_VAN.split("\n"))
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def test_the_import_page_shows_the_check_of_an_uploaded_pdf(cast, login, sealed):
    client = login(cast.mai)
    unsigned = client.post(reverse("directives:import"), {"file": SimpleUploadedFile("cv.pdf", text_pdf())})
    assert unsigned.status_code == 200
    lines = panel(unsigned)
    assert "Văn bản không có chữ ký số." in lines
    html = unsigned.content.decode()
    assert html.index('data-testid="signatures"') < html.index('data-testid="import-review"')

    signed = client.post(reverse("directives:import"), {"file": SimpleUploadedFile("hd.pdf", sealed)})
    assert signed.status_code == 200
    lines = panel(signed)
    assert PERSON_VALID in lines and BODY_VALID in lines

    pasted = client.post(reverse("directives:import"), {"text": "CÔNG VĂN\nSố: 15/LĐLĐ-TG&NC"})
    assert 'data-testid="signatures"' not in pasted.content.decode()


def test_a_report_attachment_is_checked_on_upload_and_shown_beside_it(cast, login, sealed):
    from reporting.models import ReportAttachment
    from reporting.services import report_attachment_add, report_submit
    from tests.reporting.conftest import semiannual_obligation
    from tests.reporting.test_reports import GOOD

    obligation = semiannual_obligation(cast)
    for name, data in [
        ("ke-hoach-da-ky.pdf", sealed),
        ("ban-nhap.pdf", text_pdf()),
        ("so-lieu.xlsx", b"PK\x03\x04 a spreadsheet"),
    ]:
        report_attachment_add(actor=cast.tuan, obligation=obligation, upload=SimpleUploadedFile(name, data))
    kept = {a.original_name: a.signature_report for a in ReportAttachment.objects.all()}
    assert kept["so-lieu.xlsx"] is None  # not a PDF: nothing to check
    assert pdf.Verification.from_json(kept["ke-hoach-da-ky.pdf"]).ok
    assert pdf.Verification.from_json(kept["ban-nhap.pdf"]).signatures == []
    event = Event.objects.filter(action="report.attachment_added").order_by("id").first()
    assert event.details["signatures"].startswith(PERSON_VALID)

    edit = login(cast.tuan).get(reverse("reporting:report_edit", args=[obligation.pk])).content.decode()
    signed_line = edit[edit.index("ke-hoach-da-ky.pdf") : edit.index("ban-nhap.pdf")]
    assert PERSON_VALID in signed_line and BODY_VALID in signed_line
    unsigned_line = edit[edit.index("ban-nhap.pdf") : edit.index("so-lieu.xlsx")]
    assert "Không có chữ ký số." in unsigned_line

    report_submit(actor=cast.khanh, obligation=obligation, data=GOOD)
    detail = login(cast.binh).get(reverse("reporting:report_detail", args=[obligation.pk])).content.decode()
    assert PERSON_VALID in detail and "Không có chữ ký số." in detail


def test_through_the_signing_flow_the_pages_show_each_signature_as_it_is_added(
    cast, login, vy, signing_required, person_credential_factory, body_credential_factory, monkeypatch
):
    """Hạnh signs with her token, Vy seals with BTGTU's (directives.services.signing): while the document waits
    for the seal the issuer's page shows Hạnh's signature valid — the number filled in after it is a change it
    permits — and once sealed the recipient's page shows both, from what the seal recorded."""
    person_credential_factory(cast.hanh)
    body_credential_factory(cast.btgtu)
    document = signing.document_submit(actor=cast.lan, document=guidance(cast))
    document = signing.document_sign(actor=cast.hanh, document=document, secret=pki.DEMO_PIN)
    url = reverse("directives:detail", args=[document.pk])

    lines = panel(login(cast.hanh).get(url))
    assert PERSON_VALID in lines and "signature-bad" not in lines and "Chữ ký số hợp lệ: " + BODY not in lines

    signing.document_seal(actor=vy, document=document, secret=pki.DEMO_PIN)
    monkeypatch.setattr(pdf, "verify", lambda data: pytest.fail("the page re-verified an unchanged file"))
    lines = panel(login(cast.thu).get(url))
    assert PERSON_VALID in lines and BODY_VALID in lines and "signature-bad" not in lines
