"""Writes of the signing app: credentials issued, registered and revoked, each with its audit event.

No service here ever receives a PIN or passphrase to keep: a secret is passed to
portal.signing.keys.open_signer at the moment of signing and dropped with it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cryptography import x509
from cryptography.x509.oid import NameOID
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from portal.audit.services import event_record
from portal.org.models import Membership, Role, Unit
from portal.signing import certificates, images, pki, tokens
from portal.signing.errors import CredentialRefused
from portal.signing.models import Credential, CredentialKind


def _person_unit(user) -> Unit | None:
    """The unit a person signs for, named as O in their certificate: their first signer membership, else
    their first membership of any role."""
    memberships = list(
        Membership.objects.filter(user=user).select_related("unit").order_by("id").only("role", "unit")
    )
    for membership in memberships:
        if membership.role == Role.SIGNER:
            return membership.unit
    return memberships[0].unit if memberships else None


def _details(credential: Credential) -> dict[str, Any]:
    # Never a secret here: only what the certificate shows to anyone.
    return {
        "kind": credential.kind,
        "serial": credential.serial_hex,
        "subject": credential.subject_name,
        "organisation": credential.organisation,
        "not_before": credential.not_before.isoformat(),
        "not_after": credential.not_after.isoformat(),
        "holder": "unit" if credential.unit_id else "user",
    }


def _certificate_fields(cert: x509.Certificate) -> dict[str, Any]:
    """What a credential shows of its certificate, read from the certificate itself."""

    return {
        "certificate_pem": pki.certificate_pem(cert),
        "subject_name": certificates.subject_value(cert, NameOID.COMMON_NAME)[:255],
        "organisation": certificates.subject_value(cert, NameOID.ORGANIZATION_NAME)[:255],
        "serial_hex": format(cert.serial_number, "x"),
        "fingerprint_sha256": pki.fingerprint(cert),
        "not_before": cert.not_valid_before_utc,
        "not_after": cert.not_valid_after_utc,
    }


def _credential_save(*, actor, credential: Credential, action: str) -> Credential:
    """Validate and save a new credential with its audit event, together."""
    credential.full_clean()
    with transaction.atomic():
        credential.save()
        event_record(
            actor=actor,
            action=action,
            obj=credential,
            unit=credential.unit or (_person_unit(credential.user) if credential.user is not None else None),
            details=_details(credential),
        )
    return credential


def credential_issue_demo(
    *,
    actor,
    user=None,
    unit: Unit | None = None,
    kind: str = CredentialKind.PKCS11,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    remote_id: str = "",
    image: bytes | None = None,
) -> Credential:
    """Issue a certificate from the demo PKI to a person (``user``) or a body (``unit``) and keep its key
    where the kind says: a SoftHSM2 token (``ts-u<user id>`` / ``ts-b<unit id>``, PIN pki.DEMO_PIN), a PKCS#12
    file (passphrase pki.DEMO_PIN), or — kind "remote" — a PKCS#12 file (its path in pkcs12_path) that a demo
    or test remote-signing service loads for the account ``remote_id``. The image is the demo signature (a
    person) or seal (a body) unless given.

    Guarantees: the credential row and its ``signing.credential_issued`` event land together; the key material
    is written before the row (a failed import leaves no row). Only for the demo PKI (SIGNING_DEMO_PKI)."""
    if (user is None) == (unit is None):
        raise ValueError("A credential has exactly one holder: a user or a unit.")
    if user is not None:
        body = _person_unit(user)
        common_name = user.get_full_name() or user.get_username()
        organisation = body.name if body else pki.DEMO_ORGANISATION
        token_label = f"ts-u{user.pk}"
        image = image if image is not None else images.demo_signature_png(common_name)
    else:
        assert unit is not None
        common_name = organisation = unit.name
        token_label = f"ts-b{unit.pk}"
        image = image if image is not None else images.demo_seal_png(unit.name)
    common_name = certificates.common_name_fit(common_name)
    issued = pki.issue_certificate(
        common_name=common_name, organisation=organisation, not_before=not_before, not_after=not_after
    )
    credential = Credential(
        user=user,
        unit=unit,
        kind=kind,
        chain_pem=pki.chain_pem(),
        image=image,
        **_certificate_fields(issued.certificate),
    )
    if kind == CredentialKind.PKCS11:
        credential.token_label = token_label
        credential.key_label = tokens.token_import(issued, token_label=token_label)
    elif kind == CredentialKind.PKCS12:
        credential.pkcs12_path = tokens.pkcs12_write(issued, name=token_label)
    elif kind == CredentialKind.REMOTE:
        credential.remote_id = remote_id or token_label
        # The key a demo or test provider holds for this account (a real provider keeps its own).
        credential.pkcs12_path = tokens.pkcs12_write(issued, name=f"remote-{credential.remote_id}")
    else:
        raise ValueError(f"Unknown credential kind {kind!r}")
    return _credential_save(actor=actor, credential=credential, action="signing.credential_issued")


def credential_register(
    *,
    actor,
    certificate_pem: str,
    kind: str,
    user=None,
    unit: Unit | None = None,
    chain_pem: str = "",
    token_label: str = "",
    key_label: str = "",
    pkcs12_path: str = "",
    remote_id: str = "",
    image: bytes = b"",
) -> Credential:
    """Register a certificate a CA issued (production): where its key is — the token's and the key's labels, a
    PKCS#12 file under the data folder, or the account at the remote provider — for a person or a body. The
    names, serial, fingerprint and validity are read from the certificate itself. Records
    ``signing.credential_registered``. Refuses (CredentialRefused) a certificate that does not parse or a kind
    without the place of its key. Whether the certificate is trusted is checked at each signature."""
    if (user is None) == (unit is None):
        raise ValueError("A credential has exactly one holder: a user or a unit.")
    try:
        cert = x509.load_pem_x509_certificate(certificate_pem.encode("ascii"))
    except ValueError as exc:
        raise CredentialRefused(
            "Không đọc được chứng thư số (cần định dạng PEM).", field="certificate_pem"
        ) from exc
    where: dict[str, tuple[str, str]] = {
        CredentialKind.PKCS11: ("token_label", token_label and key_label),
        CredentialKind.PKCS12: ("pkcs12_path", pkcs12_path),
        CredentialKind.REMOTE: ("remote_id", remote_id),
    }
    if kind not in where:
        raise CredentialRefused("Nơi giữ khóa không hợp lệ.", field="kind")
    field, given = where[kind]
    if not given:
        raise CredentialRefused("Hãy cho biết nơi giữ khóa của chứng thư số này.", field=field)

    credential = Credential(
        user=user,
        unit=unit,
        kind=kind,
        **{**_certificate_fields(cert), "certificate_pem": certificate_pem.strip() + "\n"},
        chain_pem=chain_pem,
        token_label=token_label if kind == CredentialKind.PKCS11 else "",
        key_label=key_label if kind == CredentialKind.PKCS11 else "",
        pkcs12_path=pkcs12_path if kind == CredentialKind.PKCS12 else "",
        remote_id=remote_id if kind == CredentialKind.REMOTE else "",
        image=image,
    )
    return _credential_save(actor=actor, credential=credential, action="signing.credential_registered")


def credential_revoke(
    *, actor, credential: Credential, reason: str = "", when: dt.datetime | None = None
) -> bool:
    """Revoke a credential: it is no longer offered for signing, and its certificate goes on the demo CA's CRL
    from ``when`` (default now), so a signature made after that fails validation. Records
    ``signing.credential_revoked``. False when it was already revoked (nothing changes)."""
    when = when or timezone.now()
    with transaction.atomic():
        locked = Credential.objects.select_for_update().get(pk=credential.pk)
        if locked.revoked_at is not None:
            return False
        locked.active = False
        locked.revoked_at = when
        locked.revoked_reason = reason[:255]
        locked.save(update_fields=["active", "revoked_at", "revoked_reason"])
        event_record(
            actor=actor,
            action="signing.credential_revoked",
            obj=locked,
            unit=locked.unit,
            details={**_details(locked), "reason": locked.revoked_reason, "revoked_at": when.isoformat()},
        )
        # The CRL is a file of the demo PKI: written inside the transaction, last, so a failed write leaves
        # the row as it was. (A certificate of a real CA is revoked by that CA; the row is retired here.)
        if pki.issued_by_demo(locked.certificate_pem):
            pki.revoke(locked, when)
    credential.active, credential.revoked_at, credential.revoked_reason = False, when, locked.revoked_reason
    return True


def demo_signers() -> tuple[list[Any], list[Unit]]:
    """The demo's persons who sign (Role.SIGNER) and the units that issue (a unit with a signer)."""
    User = get_user_model()
    users = list(User.objects.filter(memberships__role=Role.SIGNER, is_active=True).distinct().order_by("id"))
    units = list(Unit.objects.filter(memberships__role=Role.SIGNER).distinct().order_by("path"))
    return users, units


def demo_credentials_ensure(*, actor=None) -> tuple[int, int]:
    """Create the demo PKI (once) and a credential for every demo signer and every unit with a signer that has
    none yet (active and valid now). Returns (persons issued, bodies issued); a second call issues nothing."""
    pki.ensure_demo_pki()
    users, units = demo_signers()
    now = timezone.now()
    have_users = set(
        Credential.objects.filter(
            user__in=users, active=True, not_before__lte=now, not_after__gte=now
        ).values_list("user_id", flat=True)
    )
    have_units = set(
        Credential.objects.filter(
            unit__in=units, active=True, not_before__lte=now, not_after__gte=now
        ).values_list("unit_id", flat=True)
    )
    persons = [u for u in users if u.pk not in have_users]
    bodies = [u for u in units if u.pk not in have_units]
    for user in persons:
        credential_issue_demo(actor=actor, user=user)
    for unit in bodies:
        credential_issue_demo(actor=actor, unit=unit)
    return len(persons), len(bodies)
