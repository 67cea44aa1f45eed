"""A remote-signing key through the whole browser-less flow (issue 15): the signer signs with a key held by a
remote-signing provider (confirmed on "another device"), the register numbers the document, the clerk seals with
the body's token, and the sealed file carries two valid signatures. The provider is the local service of
tests/signing/remote_service.py on 127.0.0.1; the other device is a thread that answers it over HTTP.

The cast (tests/conftest.py, plus):
  hanh    signer of Ban Tuyên giáo Tỉnh ủy (BTGTU); her key is at the provider (account "hanh@nha-cung-cap")
  van     clerk (văn thư) of BTGTU, holds the body's SoftHSM2 token
  lan     drafter of BTGTU
"""

from __future__ import annotations

import pytest
from django.test import override_settings

from directives.models import Delivery, Document, Status
from directives.services import signing
from portal.audit.models import Event
from portal.signing import tokens
from portal.signing.errors import SigningRefused
from portal.signing.pdf import verify
from tests.directives.test_issue import guidance
from tests.directives.test_sign_flow import _person, _state
from tests.signing.remote_service import RemoteSigningService, confirm_when_asked


@pytest.fixture
def remote_service():
    service = RemoteSigningService().start()
    yield service
    service.stop()


@pytest.fixture
def remote_keys(
    cast, signing_required, person_credential_factory, body_credential_factory, remote_service, DEMO_PIN
):
    """Hạnh's key at the provider, BTGTU's token held by Vân."""
    van = _person(cast, "van", "Trần Thị Vân", cast.btgtu, "clerk")
    hanh = person_credential_factory(cast.hanh, kind="remote", remote_id="hanh@nha-cung-cap")
    remote_service.add_account(hanh.remote_id, tokens.pkcs12_path(hanh.pkcs12_path).read_bytes(), DEMO_PIN)
    body = body_credential_factory(cast.btgtu)
    with override_settings(
        SIGNING_REMOTE_URL=remote_service.url,
        SIGNING_REMOTE_POLL_SECONDS=0.05,
        SIGNING_REMOTE_TIMEOUT_SECONDS=10,
    ):
        yield {"hanh": hanh, "btgtu": body, "van": van}


def test_a_remote_signature_then_the_clerks_seal_give_two_valid_signatures(
    cast, remote_keys, remote_service, DEMO_PIN
):
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))

    phone = confirm_when_asked(remote_service)
    doc = signing.document_sign(actor=cast.hanh, document=doc, secret="")
    phone.join(5)

    assert doc.status == Status.SEALING and doc.number_symbol == "01-HD/BTGTU" and doc.signed_by == cast.hanh
    (request,) = remote_service.requests.values()
    assert request["remote_id"] == "hanh@nha-cung-cap" and request["status"] == "signed"
    event = Event.objects.get(action="document.signed", object_id=str(doc.pk))
    assert event.details["certificate_serial"] == remote_keys["hanh"].serial_hex

    doc = signing.document_seal(actor=remote_keys["van"], document=doc, secret=DEMO_PIN)

    assert doc.status == Status.ISSUED and doc.sealed_by == remote_keys["van"]
    assert Delivery.objects.filter(document=doc).exists()
    with Document.objects.get(pk=doc.pk).pdf.open("rb") as stored:
        checked = verify(stored.read())
    assert checked.ok, checked.summary_vi
    assert [(c.field, c.intact, c.trusted, c.revoked) for c in checked.signatures] == [
        ("chu_ky_ca_nhan", True, True, False),
        ("chu_ky_co_quan", True, True, False),
    ]
    person, body = checked.signatures
    assert person.signer_name == remote_keys["hanh"].subject_name and person.timestamp_time
    assert body.organisation == remote_keys["btgtu"].organisation and body.covers_whole_file
    assert len(remote_service.requests) == 1  # the seal never asked the person's provider


def test_a_refusal_on_the_other_device_signs_nothing_and_numbers_nothing(cast, remote_keys, remote_service):
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))
    before = _state(doc)

    phone = confirm_when_asked(remote_service, confirm=False)
    with pytest.raises(SigningRefused) as refused:
        signing.document_sign(actor=cast.hanh, document=doc, secret="")
    phone.join(5)

    assert refused.value.code == "remote_refused"
    assert _state(doc) == before and Document.objects.get(pk=doc.pk).status == Status.SUBMITTED
