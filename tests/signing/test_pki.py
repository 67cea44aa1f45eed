"""The demo PKI (issue 15, item 3): created once on first start, a certificate per demo signer and per demo body,
CRLs served where the certificates say, a TSA certificate for timestamps only, and the demo images.

Who: the demo organisation of portal/org/demo_tree.py (its signers and the units they sign for); hanh and the
units of the shared cast (tests/conftest.py) for the certificates' contents.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, ExtensionOID, NameOID
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from pyhanko_certvalidator import CertificateValidator
from pyhanko_certvalidator.errors import RevokedError

from portal.audit.models import Event
from portal.org.models import Membership, Role
from portal.signing import conf, images, keys, pki, tokens, validation
from portal.signing.models import Credential


def _snapshot(folder) -> dict[str, tuple[str, int]]:
    return {
        str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_the_demo_pki_is_created_once_and_a_second_call_changes_nothing(settings, tmp_path):
    settings.SIGNING_DATA_DIR = str(tmp_path)
    assert pki.ensure_demo_pki() is True
    first = _snapshot(tmp_path)
    assert {"pki/root.key.pem", "pki/intermediate.key.pem", "pki/tsa.key.pem", "pki/root.crl"} <= set(first)
    for name in ("root", "intermediate", "tsa"):
        assert (tmp_path / "pki" / f"{name}.key.pem").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "softhsm" / "softhsm2.conf").exists()
    assert pki.ensure_demo_pki() is False
    assert _snapshot(tmp_path) == first


def test_the_authorities_have_fixed_windows_and_their_roles(signing_pki):
    root, intermediate, tsa = (pki.authority(n).certificate for n in ("root", "intermediate", "tsa"))
    assert root.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Thông Suốt Demo Root CA"
    assert (root.not_valid_before_utc, root.not_valid_after_utc) == (pki.CA_NOT_BEFORE, pki.CA_NOT_AFTER)
    assert intermediate.issuer == root.subject
    assert intermediate.extensions.get_extension_for_class(x509.BasicConstraints).value.path_length == 0
    eku = tsa.extensions.get_extension_for_oid(ExtensionOID.EXTENDED_KEY_USAGE)
    assert eku.critical and list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    tsa.verify_directly_issued_by(intermediate)


def test_a_persons_and_a_bodys_certificates(cast, person_credential_factory, body_credential_factory):
    person = person_credential_factory(cast.hanh)
    cert = x509.load_pem_x509_certificate(person.certificate_pem.encode())
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Nguyễn Văn Hạnh"
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == cast.btgtu.name
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    (point,) = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    assert point.full_name[0].value.endswith("/pki/intermediate.crl")
    assert (cert.not_valid_before_utc, cert.not_valid_after_utc) == (pki.EE_NOT_BEFORE, pki.EE_NOT_AFTER)
    assert person.fingerprint_sha256 == pki.fingerprint(cert) and person.serial_hex == format(
        cert.serial_number, "x"
    )
    event = Event.objects.get(action="signing.credential_issued", object_id=str(person.pk))
    assert event.details["serial"] == person.serial_hex
    body = body_credential_factory(cast.ldld)
    body_cert = x509.load_pem_x509_certificate(body.certificate_pem.encode())
    assert body_cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == cast.ldld.name
    assert body.token_label == f"ts-b{cast.ldld.pk}"


def test_the_crls_are_served_where_the_certificates_say(client, signing_pki):
    response = client.get("/pki/intermediate.crl")
    assert response.status_code == 200 and response["Content-Type"] == "application/pkix-crl"
    crl = x509.load_der_x509_crl(response.content)
    assert crl.is_signature_valid(pki.intermediate_certificate().public_key())
    assert client.get("/pki/root.crl").status_code == 200
    assert client.get("/pki/tsa.crl").status_code == 404


def test_the_demo_images_are_transparent_blue_and_red(settings):
    signature = Image.open(io.BytesIO(images.demo_signature_png("Nguyễn Văn Hạnh")))
    seal = Image.open(io.BytesIO(images.demo_seal_png("Liên đoàn Lao động tỉnh Bắc Giang")))
    for image in (signature, seal):
        assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0  # a transparent ground
    inked = [p for p in signature.get_flattened_data() if p[3] > 200]
    assert inked and all(b > r for r, _g, b, _a in inked)  # blue ink
    stamped = [p for p in seal.get_flattened_data() if p[3] > 200]
    assert stamped and all(r > b for r, _g, b, _a in stamped)  # red
    # The seal is drawn at its actual size: SIGNING_SEAL_DIAMETER_MM at the image's 300 dpi.
    assert seal.size[0] == round(conf.seal_diameter_mm() / 25.4 * 300)


def test_the_demo_command_gives_every_signer_and_issuing_unit_a_credential_once(cast, signing_pki, capsys):
    """The cast stands in for the demo (the same rule: every Role.SIGNER, every unit with one); the whole demo's
    27 credentials take about 8 s on an idle machine (README)."""
    call_command("signing_demo_pki")
    signers = set(Membership.objects.filter(role=Role.SIGNER).values_list("user_id", flat=True))
    units = set(Membership.objects.filter(role=Role.SIGNER).values_list("unit_id", flat=True))
    assert signers == {cast.hanh.pk, cast.hung.pk, cast.binh.pk, cast.khanh.pk}
    assert set(Credential.objects.filter(user__isnull=False).values_list("user_id", flat=True)) == signers
    assert set(Credential.objects.filter(unit__isnull=False).values_list("unit_id", flat=True)) == units
    assert "Đã cấp 4 chứng thư số cá nhân và 4 chứng thư số cơ quan" in capsys.readouterr().out
    assert {f"ts-u{u}" for u in signers} | {f"ts-b{u}" for u in units} <= tokens.token_labels()
    assert Event.objects.filter(action="signing.credential_issued").count() == 8
    count = Credential.objects.count()
    call_command("signing_demo_pki")
    assert Credential.objects.count() == count
    assert "đã có sẵn" in capsys.readouterr().out


def test_the_crl_judges_a_certificate_by_its_revocation_date(cast, person_credential_factory):
    """The CRLs' dates are fixed (2020 → 2050) so no test depends on today; what a validator compares with the
    moment it judges is each entry's revocation date: valid before it, revoked after."""
    credential = person_credential_factory(cast.hanh)
    revoked_at = timezone.now()
    pki.revoke(credential, revoked_at)

    def judge(moment):
        context = validation.validation_context(for_signing=True, moment=moment)
        validator = CertificateValidator(
            credential.certificate, intermediate_certs=credential.chain, validation_context=context
        )
        return keys.run_sync(validator.async_validate_usage({"digital_signature"}))

    assert judge(revoked_at - dt.timedelta(days=30))  # signed a month before: still good
    with pytest.raises(RevokedError):
        judge(revoked_at + dt.timedelta(seconds=1))
