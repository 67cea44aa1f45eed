"""Keys where real users keep them (issue 15, item 2): a person's SoftHSM2 token (a real PKCS#11 device), a body's
PKCS#12 file, a remote-signing provider — and every refusal before any signature.

The cast (tests/conftest.py): hanh signs for Ban Tuyên giáo Tỉnh ủy (btgtu); hung signs for LĐLĐ tỉnh (ldld);
thu is ldld's clerk and holds ldld's key; lan drafts at btgtu and has no certificate.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from django.test import override_settings
from django.utils import timezone

from portal.audit.models import Event
from portal.signing import conf, keys, pki, tokens, validation
from portal.signing.errors import SigningRefused
from portal.signing.models import Credential
from portal.signing.services import credential_revoke
from tests.signing.remote_service import RemoteSigningService, confirm_when_asked

DATA = "Quyết định số 01/QĐ-LĐLĐ".encode()


def sign_raw(credential, secret, data=DATA) -> bytes:
    with keys.open_signer(credential, secret) as signer:
        return keys.run_sync(signer.async_sign_raw(data, "sha256"))


def assert_verifies(credential, signature, data=DATA):
    public_key = x509.load_pem_x509_certificate(credential.certificate_pem.encode()).public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    public_key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())  # raises when it does not


def refusal(credential, secret) -> SigningRefused:
    with pytest.raises(SigningRefused) as caught:
        sign_raw(credential, secret)
    return caught.value


# --- the person's token ---------------------------------------------------------------------------------------


def test_it_signs_with_the_persons_token_and_the_signature_verifies(
    cast, person_credential_factory, DEMO_PIN
):
    credential = person_credential_factory(cast.hanh)
    assert (credential.kind, credential.token_label) == ("pkcs11", f"ts-u{cast.hanh.pk}")
    assert (credential.subject_name, credential.organisation) == ("Nguyễn Văn Hạnh", cast.btgtu.name)
    with keys.open_signer(credential, DEMO_PIN) as signer:
        # The signer carries the person's certificate and the chain up to the demo root.
        assert signer.signing_cert.dump() == credential.certificate.dump()
        assert any(c.subject == credential.chain[0].subject for c in signer.cert_registry)
        signature = keys.run_sync(signer.async_sign_raw(DATA, "sha256"))
    assert_verifies(credential, signature)
    # The key lives in the token alone: no private key file was left behind for it.
    assert not list(conf.softhsm_dir().glob(".import-*"))


def test_it_refuses_a_wrong_pin_and_nothing_changes(cast, person_credential_factory, DEMO_PIN):
    credential = person_credential_factory(cast.hanh)
    events = Event.objects.count()
    for wrong in ("000000", "", "12345678901234567890123456789012345"):
        refused = refusal(credential, wrong)
        assert refused.code == "wrong_pin"
        assert set(refused.errors) == {"pin"}
        assert "PIN" in refused.message
    credential.refresh_from_db()
    assert credential.active and credential.revoked_at is None
    assert Event.objects.count() == events
    # The token was not harmed: the right PIN still signs.
    assert_verifies(credential, sign_raw(credential, DEMO_PIN))


def test_it_refuses_an_expired_certificate_before_asking_the_token(cast, person_credential_factory):
    now = timezone.now()
    expired = person_credential_factory(
        cast.hanh, not_before=now - dt.timedelta(days=800), not_after=now - dt.timedelta(days=1)
    )
    # A wrong PIN would be refused too; the certificate is refused first, the token never reached.
    assert refusal(expired, "000000").code == "certificate_expired"
    assert keys.person_credential(cast.hanh) is None


def test_it_refuses_a_certificate_not_yet_valid(cast, person_credential_factory, DEMO_PIN):
    now = timezone.now()
    later = person_credential_factory(
        cast.hanh, not_before=now + dt.timedelta(days=3), not_after=now + dt.timedelta(days=400)
    )
    refused = refusal(later, DEMO_PIN)
    assert refused.code == "certificate_not_yet_valid"
    assert "chưa đến ngày có hiệu lực" in refused.message


def test_it_refuses_a_certificate_on_the_crl_though_the_portal_still_offers_it(
    cast, person_credential_factory, DEMO_PIN
):
    credential = person_credential_factory(cast.hung)
    pki.revoke(credential)  # revoked at the CA: only the CRL knows
    assert keys.person_credential(cast.hung) == credential
    refused = refusal(credential, DEMO_PIN)
    assert refused.code == "certificate_revoked"
    assert refused.message == "Chứng thư số đã bị thu hồi, không thể dùng để ký. Hãy liên hệ quản trị."


def test_revoking_a_credential_retires_it_with_its_event(cast, person_credential_factory, DEMO_PIN):
    credential = person_credential_factory(cast.hung)
    assert credential_revoke(actor=cast.admin, credential=credential, reason="Mất thiết bị")
    event = Event.objects.get(action="signing.credential_revoked", object_id=str(credential.pk))
    assert event.actor == cast.admin and event.details["reason"] == "Mất thiết bị"
    assert "123456" not in str(event.details) and "pin" not in str(event.details).lower()
    assert refusal(credential, DEMO_PIN).code == "certificate_revoked"
    assert keys.person_credential(cast.hung) is None
    # On the CRL too, so a copy of the certificate elsewhere is refused by any validator.
    crl = x509.load_der_x509_crl(pki.crl_bytes("intermediate"))
    assert crl.get_revoked_certificate_by_serial_number(int(credential.serial_hex, 16)) is not None
    assert not credential_revoke(actor=cast.admin, credential=credential)  # twice: nothing more


def test_it_refuses_a_certificate_of_an_untrusted_ca(cast, DEMO_PIN, signing_pki):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Nguyễn Mạnh Hùng")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(pki.EE_NOT_BEFORE)
        .not_valid_after(pki.EE_NOT_AFTER)
        .sign(key, hashes.SHA256())
    )
    credential = Credential.objects.create(
        user=cast.hung,
        kind="pkcs11",
        certificate_pem=cert.public_bytes(serialization.Encoding.PEM).decode(),
        subject_name="Nguyễn Mạnh Hùng",
        serial_hex=format(cert.serial_number, "x"),
        fingerprint_sha256=pki.fingerprint(cert),
        not_before=pki.EE_NOT_BEFORE,
        not_after=pki.EE_NOT_AFTER,
        token_label=f"ts-u{cast.hung.pk}",
        key_label="none",
    )
    assert refusal(credential, DEMO_PIN).code == "not_trusted"


def test_it_refuses_whom_has_no_certificate_and_a_token_that_is_not_there(
    cast, person_credential_factory, DEMO_PIN
):
    assert keys.person_credential(cast.lan) is None
    assert refusal(None, DEMO_PIN).code == "no_certificate"
    credential = person_credential_factory(cast.hanh)
    credential.token_label = "ts-not-plugged-in"
    refused = refusal(credential, DEMO_PIN)
    assert refused.code == "token_missing" and "USB token" in refused.message
    credential = person_credential_factory(cast.hanh)
    with override_settings(SIGNING_PKCS11_MODULE="/usr/lib/khong-co-trinh-dieu-khien.so"):
        refused = refusal(credential, DEMO_PIN)
    assert refused.code == "token_missing" and "PKCS#11" in refused.message


def test_the_newest_valid_credential_is_the_one_offered(
    cast, person_credential_factory, body_credential_factory
):
    old = person_credential_factory(cast.hanh)
    new = person_credential_factory(cast.hanh)
    assert keys.person_credential(cast.hanh) == new != old
    body = body_credential_factory(cast.ldld)
    assert keys.body_credential(cast.ldld) == body and body.is_body
    assert keys.body_credential(cast.btgtu) is None


# --- the body's PKCS#12 file ------------------------------------------------------------------------------------


def test_a_body_signs_with_its_pkcs12_file(cast, body_credential_factory, DEMO_PIN):
    credential = body_credential_factory(cast.ldld, kind="pkcs12")
    assert credential.subject_name == credential.organisation == cast.ldld.name
    path = tokens.pkcs12_path(credential.pkcs12_path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert_verifies(credential, sign_raw(credential, DEMO_PIN))
    refused = refusal(credential, "sai-mat-khau")
    assert (refused.code, set(refused.errors)) == ("wrong_pin", {"pin"})


# --- remote signing ---------------------------------------------------------------------------------------------


@pytest.fixture
def remote_service():
    service = RemoteSigningService().start()
    yield service
    service.stop()


@pytest.fixture
def remote_credential(cast, person_credential_factory, remote_service, DEMO_PIN):
    credential = person_credential_factory(cast.hanh, kind="remote", remote_id="hanh@nha-cung-cap")
    p12 = tokens.pkcs12_path(credential.pkcs12_path)  # the key the provider holds for the account
    remote_service.add_account(credential.remote_id, p12.read_bytes(), DEMO_PIN)
    with override_settings(SIGNING_REMOTE_URL=remote_service.url, SIGNING_REMOTE_POLL_SECONDS=0.05):
        yield credential


def test_it_signs_through_the_remote_provider_once_the_person_confirms(remote_credential, remote_service):
    phone = confirm_when_asked(remote_service)
    signature = sign_raw(remote_credential, "")
    phone.join(5)
    assert_verifies(remote_credential, signature)
    (request,) = remote_service.requests.values()
    assert request["remote_id"] == "hanh@nha-cung-cap" and request["status"] == "signed"


def test_a_remote_refusal_and_a_remote_silence_sign_nothing(remote_credential, remote_service):
    phone = confirm_when_asked(remote_service, confirm=False)
    assert refusal(remote_credential, "").code == "remote_refused"
    phone.join(5)
    with override_settings(SIGNING_REMOTE_TIMEOUT_SECONDS=0.3):
        refused = refusal(remote_credential, "")
    assert refused.code == "remote_timeout" and "Hết thời gian chờ" in refused.message
    assert [r["status"] for r in remote_service.requests.values()] == ["refused", "pending"]


def test_an_unreachable_provider_is_a_clear_refusal(remote_credential):
    with override_settings(SIGNING_REMOTE_URL="http://127.0.0.1:9"):
        assert refusal(remote_credential, "").code == "remote_unavailable"


# --- a whole PAdES signature with the shared validation context and the demo TSA ------------------------------


def _pades(credential, secret):
    """Sign a blank page as PAdES with the demo TSA and validate it with the shared context."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pypdf import PdfWriter

    blank = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(blank)
    meta = signers.PdfSignatureMetadata(
        field_name="chu_ky",
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=True,
        validation_context=validation.validation_context(for_signing=True),
    )
    with keys.open_signer(credential, secret) as signer:
        signed = keys.run_sync(
            signers.async_sign_pdf(
                IncrementalPdfFileWriter(io.BytesIO(blank.getvalue())),
                meta,
                signer=signer,
                timestamper=validation.timestamper(),
            )
        )
    (embedded,) = PdfFileReader(signed).embedded_signatures
    return keys.run_sync(
        async_validate_pdf_signature(embedded, signer_validation_context=validation.validation_context())
    )


def test_a_signature_timestamped_by_the_demo_tsa_validates_with_the_same_context(
    cast, person_credential_factory, DEMO_PIN
):
    status = _pades(person_credential_factory(cast.hanh), DEMO_PIN)
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert status.timestamp_validity is not None and status.timestamp_validity.trusted
    assert status.signing_cert.subject.native["common_name"] == "Nguyễn Văn Hạnh"


def test_a_remote_pades_signature_validates_too(remote_credential, remote_service):
    phone = confirm_when_asked(remote_service)
    status = _pades(remote_credential, "")
    phone.join(5)
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert len(remote_service.requests) == 1  # pyHanko sized the signature without asking the phone


# --- a CA's certificate registered for production -------------------------------------------------------------


def test_a_cas_certificate_is_registered_with_where_its_key_is_and_signs(cast, signing_pki, DEMO_PIN):
    from portal.signing.errors import CredentialRefused
    from portal.signing.services import credential_register

    issued = pki.issue_certificate(common_name=cast.ldld.name, organisation=cast.ldld.name)
    path = tokens.pkcs12_write(issued, name="ldld-ca-that")
    credential = credential_register(
        actor=cast.admin,
        unit=cast.ldld,
        kind="pkcs12",
        certificate_pem=pki.certificate_pem(issued.certificate),
        chain_pem=pki.chain_pem(),
        pkcs12_path=path,
    )
    assert (credential.subject_name, credential.serial_hex) == (cast.ldld.name, issued.serial_hex)
    assert Event.objects.filter(action="signing.credential_registered", actor=cast.admin).count() == 1
    assert_verifies(credential, sign_raw(credential, DEMO_PIN))
    with pytest.raises(CredentialRefused) as refused:
        credential_register(
            actor=cast.admin, unit=cast.ldld, kind="pkcs11", certificate_pem=credential.certificate_pem
        )
    assert set(refused.value.errors) == {"token_label"}
    with pytest.raises(CredentialRefused):
        credential_register(actor=cast.admin, unit=cast.ldld, kind="remote", certificate_pem="khong-phai-pem")
