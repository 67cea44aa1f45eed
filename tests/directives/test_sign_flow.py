"""Sign → number → seal (Nghị định 30/2020 Art. 13.7, 14.3, 15.3, 17.2, 32; issue 15, item 4), on real SoftHSM2
tokens of the demo PKI (tests/signing/conftest.py), with the refused cases.

The cast (tests/conftest.py, plus the signing people of this module):
  hanh    signer (leader) of Ban Tuyên giáo Tỉnh ủy (BTGTU), holds a person's certificate on a token
  van     clerk (văn thư) of BTGTU, holds the body's token
  thu     clerk of LĐLĐ tỉnh — another body: may not seal BTGTU's documents
  khoa    a second signer of BTGTU, without any certificate
  lan     drafter of BTGTU: may not sign
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from directives import selectors
from directives.demo.signatures import demo_documents_sign
from directives.errors import DocumentError, NotAllowed
from directives.models import Delivery, Document, RegisterCounter, Status
from directives.services import signing
from portal.audit.models import Event
from portal.notifications.models import Notification
from portal.org.services import membership_grant
from portal.signing import pki
from portal.signing.errors import SigningRefused
from portal.signing.models import Credential
from portal.signing.pdf import verify
from reporting.models import Obligation
from tests.api.test_api import client_for
from tests.conftest import PASSWORD
from tests.directives.test_issue import guidance
from tests.signing import conftest as signing_fixtures

# The signing fixtures (a demo PKI of the run's own, credentials on SoftHSM2 tokens), shared with tests/signing.
signing_pki = signing_fixtures.signing_pki
DEMO_PIN = signing_fixtures.DEMO_PIN
person_credential_factory = signing_fixtures.person_credential_factory
body_credential_factory = signing_fixtures.body_credential_factory


def _person(cast, username: str, full_name: str, unit, role: str):
    user = get_user_model().objects.create_user(
        username, f"{username}@thongsuot.test", PASSWORD, first_name=full_name
    )
    membership_grant(actor=None, user=user, unit=unit, role=role)
    cast.users[username] = user
    return user


def _awaiting_seal(cast, n: int = 1) -> list[Document]:
    """Documents of BTGTU signed and numbered (as document_sign leaves them), without a token: for the desk."""
    docs, first = [], Document.objects.filter(status=Status.SEALING).count() + 1
    for i in range(first, first + n):
        doc = signing.document_submit(actor=cast.lan, document=guidance(cast, subject=f"Hướng dẫn số {i}"))
        Document.objects.filter(pk=doc.pk).update(
            status=Status.SEALING,
            number=i,
            number_symbol=f"{i:02d}-HD/BTGTU",
            signed_at=timezone.now(),
            signed_by=cast.hanh,
            issue_date=timezone.localdate(),
        )
        docs.append(doc)
    return docs


# --- the clerk's desk ---------------------------------------------------------------------------------------


def test_the_clerk_sees_the_signed_documents_at_the_desk_in_constant_queries(
    cast, login, django_assert_max_num_queries
):
    van = _person(cast, "van", "Trần Thị Vân", cast.btgtu, "clerk")
    _awaiting_seal(cast, 1)
    client = login(van)
    client.get(reverse("directives:sealing_desk"))  # warm the session
    with django_assert_max_num_queries(12) as one:
        html = client.get(reverse("directives:sealing_desk")).content.decode()
    assert "Văn bản chờ đóng dấu" in html and "01-HD/BTGTU" in html and "Nguyễn Văn Hạnh" in html
    assert 'data-testid="sealing-count">1<' in html  # the menu's count
    _awaiting_seal(cast, 5)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(reverse("directives:sealing_desk")).content.decode()
    assert 'data-testid="sealing-count">6<' in html and "05-HD/BTGTU" in html


def test_another_bodys_clerk_sees_none_of_it_and_others_have_no_desk(cast, login):
    _awaiting_seal(cast, 2)
    html = login(cast.thu).get(reverse("directives:sealing_desk")).content.decode()
    assert "Không có văn bản nào chờ đóng dấu." in html and "HD/BTGTU" not in html
    assert 'data-testid="sealing-count"' not in html  # the link is there, with no count
    for user in (cast.hanh, cast.lan, cast.charlie):
        response = login(user).get(reverse("directives:sealing_desk"))
        assert response.status_code == 403
    assert (
        "Chờ đóng dấu"
        not in login(cast.hanh).get(reverse("directives:outgoing")).content.decode().split("<main")[0]
    )


def test_the_outgoing_list_says_chờ_đóng_dấu(cast, login):
    _awaiting_seal(cast, 1)
    html = login(cast.lan).get(reverse("directives:outgoing")).content.decode()
    assert '<span class="status status-sealing">Chờ đóng dấu</span>' in html


# --- sign → number → seal on the tokens -------------------------------------------------------------------------


@pytest.fixture
def keys(cast, signing_required, person_credential_factory, body_credential_factory):
    """Hạnh's token, BTGTU's token held by Vân (its clerk), Khoa (a signer) with none."""
    _person(cast, "van", "Trần Thị Vân", cast.btgtu, "clerk")
    _person(cast, "khoa", "Lê Đăng Khoa", cast.btgtu, "signer")
    return {"hanh": person_credential_factory(cast.hanh), "btgtu": body_credential_factory(cast.btgtu)}


def _state(doc: Document) -> tuple:
    """What a refusal must leave as it was: the document, its file, the register, deliveries, events."""
    doc = Document.objects.get(pk=doc.pk)
    return (
        doc.status,
        doc.number,
        doc.number_symbol,
        doc.issue_date,
        doc.pdf.name,
        doc.pdf_sha256,
        doc.signed_at,
        doc.sealed_at,
        tuple(RegisterCounter.objects.values_list("series_key", "last_number").order_by("id")),
        Delivery.objects.filter(document=doc).count(),
        Obligation.objects.filter(requirement__document=doc).count(),
        tuple(Event.objects.filter(object_id=str(doc.pk)).values_list("action", flat=True).order_by("id")),
    )


def test_the_signer_signs_the_register_numbers_the_clerk_seals_and_only_then_it_is_sent(cast, keys, DEMO_PIN):
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))
    doc = signing.document_sign(actor=cast.hanh, document=doc, secret=DEMO_PIN)

    assert doc.status == Status.SEALING and doc.number_symbol == "01-HD/BTGTU" and doc.signed_by == cast.hanh
    assert doc.issue_date == timezone.localdate() and doc.signed_at and not doc.issued_at
    assert not Delivery.objects.filter(document=doc).exists()
    assert not Obligation.objects.filter(requirement__document=doc).exists()
    signed = doc.pdf.read()
    assert hashlib.sha256(signed).hexdigest() == doc.pdf_sha256
    person = verify(signed).signatures
    assert [(c.field, c.intact, c.trusted) for c in person] == [("chu_ky_ca_nhan", True, True)]
    event = Event.objects.get(action="document.signed", object_id=str(doc.pk), actor=cast.hanh)
    assert event.details["number_symbol"] == "01-HD/BTGTU"
    assert event.details["certificate_serial"] == keys["hanh"].serial_hex
    assert DEMO_PIN not in json.dumps(event.details)
    assert Notification.objects.get(recipient=cast.van, kind="document.signed").title.startswith(
        "Văn bản chờ đóng dấu: 01-HD/BTGTU"
    )
    assert list(selectors.awaiting_seal(cast.van)) == [doc]

    doc = signing.document_seal(actor=cast.van, document=doc, secret=DEMO_PIN)

    assert doc.status == Status.ISSUED and doc.sealed_by == cast.van and doc.sealed_at and doc.issued_at
    assert list(Delivery.objects.filter(document=doc).values_list("unit__code", flat=True)) == ["bg-ldld"]
    assert Obligation.objects.filter(requirement__document=doc, unit=cast.ldld).exists()
    sealed = Document.objects.get(pk=doc.pk).pdf.read()
    checked = verify(sealed)
    assert checked.ok, checked.summary_vi
    assert [c.field for c in checked.signatures] == ["chu_ky_ca_nhan", "chu_ky_co_quan"]
    assert all(c.intact and c.trusted and c.timestamp_time for c in checked.signatures)
    assert checked.signatures[-1].covers_whole_file and sealed.startswith(signed)
    assert doc.signature_report["ok"] and len(doc.signature_report["signatures"]) == 2
    actions = set(Event.objects.filter(object_id=str(doc.pk)).values_list("action", flat=True))
    assert {"document.signed", "document.sealed", "document.issued"} <= actions
    assert Notification.objects.filter(recipient=cast.mai, kind="document.received").exists()
    assert not selectors.awaiting_seal(cast.van).exists()
    # One byte changed in the stored file: the signatures no longer hold.
    tampered = bytearray(sealed)
    tampered[len(tampered) // 3] ^= 0x01
    assert not verify(bytes(tampered)).ok


def test_a_signer_without_a_certificate_is_refused_and_nothing_changes(cast, keys, DEMO_PIN):
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))
    before = _state(doc)
    with pytest.raises(SigningRefused) as refused:
        signing.document_sign(actor=cast.khoa, document=doc, secret=DEMO_PIN)
    assert refused.value.code == "no_certificate" and "chứng thư số" in refused.value.message
    assert _state(doc) == before


def test_a_wrong_pin_is_refused_on_the_pin_and_nothing_changes(cast, keys):
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))
    before = _state(doc)
    with pytest.raises(SigningRefused) as refused:
        signing.document_sign(actor=cast.hanh, document=doc, secret="000000")
    assert refused.value.code == "wrong_pin" and refused.value.errors == {"pin": refused.value.message}
    assert _state(doc) == before


def test_a_revoked_or_expired_certificate_is_refused_and_nothing_changes(
    cast, keys, DEMO_PIN, person_credential_factory
):
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))
    before = _state(doc)
    pki.revoke(keys["hanh"])  # on the CA's revocation list, the credential still offered
    with pytest.raises(SigningRefused) as refused:
        signing.document_sign(actor=cast.hanh, document=doc, secret=DEMO_PIN)
    assert refused.value.code == "certificate_revoked" and "thu hồi" in refused.value.message
    assert _state(doc) == before
    # Khoa's certificate ran out yesterday: it is not offered at all.
    now = timezone.now()
    person_credential_factory(
        cast.khoa, not_before=now - dt.timedelta(days=400), not_after=now - dt.timedelta(days=1)
    )
    with pytest.raises(SigningRefused) as refused:
        signing.document_sign(actor=cast.khoa, document=doc, secret=DEMO_PIN)
    assert refused.value.code in ("no_certificate", "certificate_expired")
    assert _state(doc) == before


def test_only_a_signer_of_the_issuing_unit_signs(cast, keys, DEMO_PIN):
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))
    before = _state(doc)
    for who in (cast.lan, cast.van, cast.hung):
        with pytest.raises(NotAllowed):
            signing.document_sign(actor=who, document=doc, secret=DEMO_PIN)
    assert _state(doc) == before


@pytest.fixture
def signed(cast, keys, DEMO_PIN):
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))
    return signing.document_sign(actor=cast.hanh, document=doc, secret=DEMO_PIN)


def test_a_clerk_of_another_body_or_a_signer_may_not_seal(cast, signed, DEMO_PIN):
    before = _state(signed)
    with pytest.raises(NotAllowed) as refused:
        signing.document_seal(actor=cast.thu, document=signed, secret=DEMO_PIN)
    assert refused.value.message.startswith("Chỉ văn thư của Ban Tuyên giáo Tỉnh ủy Bắc Giang được đóng dấu")
    for who in (cast.hanh, cast.admin):
        with pytest.raises(NotAllowed):
            signing.document_seal(actor=who, document=signed, secret=DEMO_PIN)
    assert _state(signed) == before


def test_sealing_refuses_a_wrong_pin_and_a_body_without_a_certificate(cast, signed, keys, DEMO_PIN):
    before = _state(signed)
    with pytest.raises(SigningRefused) as refused:
        signing.document_seal(actor=cast.van, document=signed, secret="999999")
    assert refused.value.code == "wrong_pin"
    assert _state(signed) == before
    Credential.objects.filter(pk=keys["btgtu"].pk).update(active=False)
    with pytest.raises(SigningRefused) as refused:
        signing.document_seal(actor=cast.van, document=signed, secret=DEMO_PIN)
    assert (
        refused.value.code == "no_certificate" and "Ban Tuyên giáo Tỉnh ủy Bắc Giang" in refused.value.message
    )
    assert _state(signed) == before


def test_sealing_refuses_a_stored_file_whose_signature_fails(cast, signed, DEMO_PIN):
    data = bytearray(signed.pdf.read())
    data[len(data) // 3] ^= 0x01
    signed.pdf.save(signed.pdf.name.rsplit("/", 1)[-1], ContentFile(bytes(data)), save=True)
    before = _state(signed)
    with pytest.raises(SigningRefused) as refused:
        signing.document_seal(actor=cast.van, document=signed, secret=DEMO_PIN)
    assert refused.value.code == "not_trusted" and "người ký" in refused.value.message
    assert _state(signed) == before


def test_when_signing_is_required_the_one_step_issue_is_refused_but_a_paper_entry_is_not(
    cast, signing_required
):
    doc = guidance(cast)
    before = _state(doc)
    with pytest.raises(DocumentError) as refused:
        signing.document_issue(actor=cast.hanh, document=doc)
    assert refused.value.code == "signature_required" and "ký số" in refused.value.message
    assert _state(doc) == before
    doc = signing.document_issue(
        actor=cast.hanh, document=doc, legacy_number=97, legacy_date=dt.date(2024, 2, 6), render=False
    )
    assert doc.status == Status.ISSUED and doc.number_symbol == "97-HD/BTGTU"


# --- the pages and the API --------------------------------------------------------------------------------------


def test_the_signer_signs_on_the_page_and_a_refusal_comes_back_on_the_form(cast, keys, login, DEMO_PIN):
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))
    page = login(cast.hanh).get(reverse("directives:detail", args=[doc.pk])).content.decode()
    assert "Mã PIN thiết bị ký số" in page and 'type="password"' in page and 'autocomplete="off"' in page
    assert 'data-testid="issue"' not in page  # no one-step «Ký ban hành» when signing is required
    url = reverse("directives:sign", args=[doc.pk])
    wrong = login(cast.hanh).post(url, {"pin": "000000"})
    assert wrong.status_code == 400
    html = wrong.content.decode()
    assert "Mã PIN không đúng" in html and "000000" not in html  # the PIN is never sent back
    assert login(cast.lan).post(url, {"pin": DEMO_PIN}).status_code == 403
    assert Document.objects.get(pk=doc.pk).status == Status.SUBMITTED
    done = login(cast.hanh).post(url, {"pin": DEMO_PIN}, follow=True)
    assert "Đã ký số. Văn bản được cấp số 01-HD/BTGTU" in done.content.decode()

    desk = login(cast.van).get(reverse("directives:detail", args=[doc.pk])).content.decode()
    assert "Đóng dấu (ký số cơ quan)" in desk and "chờ văn thư đóng dấu" in desk
    seal = reverse("directives:seal", args=[doc.pk])
    assert (
        login(cast.thu).post(seal, {"pin": DEMO_PIN}).status_code == 404
    )  # another body's clerk: not theirs
    assert login(cast.hanh).post(seal, {"pin": DEMO_PIN}).status_code == 403
    wrong = login(cast.van).post(seal, {"pin": "111111"})
    assert wrong.status_code == 400 and "Mã PIN không đúng" in wrong.content.decode()
    done = login(cast.van).post(seal, {"pin": DEMO_PIN}, follow=True)
    assert "Đã đóng dấu và gửi văn bản số 01-HD/BTGTU" in done.content.decode()
    assert Document.objects.get(pk=doc.pk).status == Status.ISSUED


def test_a_remote_key_is_offered_as_a_button_and_the_old_issue_page_leads_to_signing(
    cast, signing_required, person_credential_factory, login
):
    person_credential_factory(cast.hanh, kind="remote")
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))
    client = login(cast.hanh)
    page = client.get(reverse("directives:detail", args=[doc.pk])).content.decode()
    assert "Ký số từ xa" in page and "Hãy xác nhận trên thiết bị của bạn" in page
    assert "Mã PIN thiết bị ký số" not in page
    response = client.get(reverse("directives:issue", args=[doc.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("directives:sign", args=[doc.pk])


def test_the_api_signs_and_seals_with_the_pin_and_refuses_the_one_step_issue(cast, keys, DEMO_PIN):
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))
    hanh, van = client_for(cast.hanh), client_for(cast.van)
    refused = hanh.post(f"/api/v1/documents/{doc.pk}/issue/", format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "signature_required"
    wrong = hanh.post(f"/api/v1/documents/{doc.pk}/sign/", {"pin": "000000"}, format="json")
    assert (
        wrong.status_code == 400 and wrong.json()["code"] == "wrong_pin" and "pin" in wrong.json()["fields"]
    )
    signed = hanh.post(f"/api/v1/documents/{doc.pk}/sign/", {"pin": DEMO_PIN}, format="json")
    assert signed.status_code == 200 and signed.json()["status"] == "sealing" and signed.json()["signed_at"]
    assert "pin" not in signed.json()
    assert (
        client_for(cast.thu).post(f"/api/v1/documents/{doc.pk}/seal/", {"pin": DEMO_PIN}).status_code == 404
    )
    assert hanh.post(f"/api/v1/documents/{doc.pk}/seal/", {"pin": DEMO_PIN}).status_code == 403
    sealed = van.post(f"/api/v1/documents/{doc.pk}/seal/", {"pin": DEMO_PIN}, format="json")
    assert sealed.status_code == 200 and sealed.json()["status"] == "issued" and sealed.json()["sealed_at"]


# --- the demo (issue 15, item 7) --------------------------------------------------------------------------------


def test_the_demo_signs_and_seals_the_documents_it_entered_issued(cast, signing_pki, DEMO_PIN):
    """The demo enters its documents numbered (legacy) and then gives each its two signatures in one go:
    certificates are issued to the signer and the body that have none."""
    van = _person(cast, "van", "Trần Thị Vân", cast.btgtu, "clerk")
    doc = signing.document_issue(
        actor=cast.hanh,
        document=guidance(cast),
        legacy_number=97,
        legacy_date=dt.date(2024, 2, 6),
        render=False,
    )
    assert demo_documents_sign() == 1
    doc.refresh_from_db()
    data = doc.pdf.read()
    checked = verify(data)
    assert checked.ok, checked.summary_vi
    assert [c.signer_name for c in checked.signatures] == [
        "Nguyễn Văn Hạnh",
        "Ban Tuyên giáo Tỉnh ủy Bắc Giang",
    ]
    assert hashlib.sha256(data).hexdigest() == doc.pdf_sha256 and doc.signature_report["ok"]
    assert doc.sealed_by == van and doc.signed_at and doc.status == Status.ISSUED
    assert demo_documents_sign() == 0  # a second run finds nothing left to sign
