"""The digital signatures: the person signs, the register numbers, the body seals, then dispatch (issue 15).

An electronic document is an original only with two digital signatures (Nghị định 30/2020 Art. 5.1): the
competent person signs first (``document_sign``: Art. 13.7), the register then gives the number and the issue
date (Art. 15.3), and the clerk of the issuing body applies the body's signature, the electronic seal, only to
a document the person has signed (``document_seal``: Art. 14.3, 17.2, 32.2); only then is it dispatched. Taking
the number and dispatching are directives.services.signing's, shared with document_issue.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from pyhanko.sign.signers import Signer

from directives import access, rendering
from directives.errors import DocumentNotEditable, NotAllowed
from directives.models import Document, Status
from directives.services.compose import issuing_unit
from directives.services.signing import (
    _check_issuable,
    _dispatch_issued,
    _locked,
    _pdf_keep,
    _take_number,
)
from portal.audit.services import event_record
from portal.notifications.services import notify
from portal.org.models import Role, Unit
from portal.signing import keys
from portal.signing import pdf as signed_pdf
from portal.signing.errors import SigningRefused
from portal.signing.models import Credential
from portal.signing.pdf import Slots


@dataclass(frozen=True)
class OpenKey:
    """A credential with its key open for signing (portal.signing.keys.open_signer's signer)."""

    credential: Credential
    signer: Signer


def _image(credential: Credential) -> bytes:
    """The credential's appearance image (the handwritten signature, or the seal) as PNG bytes."""
    return bytes(credential.image)


def _person_signed(unsigned: bytes, slots: Slots, key: OpenKey) -> bytes:
    """The person's signature on the rendered, unnumbered document (before the number is taken: Art. 13.7,
    15.3), after the fields the number, the date and the body's signature will fill (prepare)."""
    return signed_pdf.sign_person(
        signed_pdf.prepare(unsigned, slots),
        key.signer,
        image_png=_image(key.credential),
        reason="Ký ban hành văn bản",
    )


def _numbered(data: bytes, document: Document) -> bytes:
    """The register's number-symbol and the place-date line, worded and sized as the layout prints them
    (rendering.number_fill), filled into the signed file's fields: an incremental update the person's
    signature permits."""
    fill = rendering.number_fill(document)
    return signed_pdf.fill_number(
        data,
        number_text=str(fill["number_text"]),
        date_text=str(fill["date_text"]),
        number_pt=float(fill["number_pt"]),
        date_pt=float(fill["date_pt"]),
    )


def _sealed(data: bytes, document: Document, key: OpenKey) -> bytes:
    """The body's signature (the electronic seal) over the person's, with the issuer's name as at issue."""
    return signed_pdf.seal_body(
        data, key.signer, seal_png=_image(key.credential), body_name=document.issuer_name
    )


def signed_pdf_for(document: Document, person_signer: OpenKey, body_signer: OpenKey) -> bytes:
    """The whole signed file of a numbered document in one call, as document_sign and document_seal make it
    in two steps: rendered unnumbered, signed by the person, numbered and dated, sealed by the body. Pure: it
    writes nothing (the demo keeps the result on documents it entered already numbered)."""
    unsigned, slots = rendering.document_unsigned_pdf(document)
    data = _numbered(_person_signed(unsigned, slots, person_signer), document)
    return _sealed(data, document, body_signer)


def sealed_pdf_store(document: Document, data: bytes, *, sealed_by_id: int | None) -> None:
    """Keep the signed and sealed file of a document issued without the flow (the demo's documents, entered
    already numbered) with its verification, as document_seal keeps it. Inside the caller's transaction."""
    now = timezone.now()
    _pdf_keep(document, data)
    document.signed_at, document.sealed_at, document.sealed_by_id = now, now, sealed_by_id
    document.signature_report = _report(signed_pdf.verify(data))
    document.save(update_fields=["signed_at", "sealed_at", "sealed_by", "signature_report"])


def _report(verification) -> dict:
    report = verification.to_json()
    return json.loads(report) if isinstance(report, str) else report


def document_sign(*, actor, document: Document, secret: str) -> Document:
    """The competent person signs with their own key; the register then gives the number and the issue date.

    The person's signature is made on the rendered document before the number is taken (Art. 13.7, 15.3);
    number-symbol and place-date line are then filled in as an incremental update the signature permits. The
    document waits at the clerk's desk (SEALING) and the issuing unit's clerks are told.

    Refuses (and writes nothing: no number taken, no file, no status change) what document_issue refuses, a
    signer without a valid certificate of their own (no_certificate, expired, revoked: SigningRefused from
    portal.signing.keys), a wrong PIN, and a document edited or signed elsewhere while the key was working.
    ``secret`` (the PIN or passphrase) is passed to the key and never kept.
    """
    document = Document.objects.select_related("issuer").get(pk=document.pk)
    _check_issuable(actor, document)
    credential = keys.person_credential(actor)
    if credential is None:
        raise SigningRefused("no_certificate")
    seen = (document.version, document.status)
    # Signing (the token, the timestamp) happens outside the transaction: no lock is held while the key works
    # or while the person confirms on another device. What was signed is checked unchanged under the lock.
    # The certificate and the PIN are checked first (open_signer), so a refusal costs no rendering.
    with keys.open_signer(credential, secret, description=document.subject[:200]) as signer:
        unsigned, slots = rendering.document_unsigned_pdf(document)
        signed = _person_signed(unsigned, slots, OpenKey(credential, signer))
    with transaction.atomic():
        document = _locked(document)
        if (document.version, document.status) != seen:
            raise DocumentNotEditable(
                "Văn bản vừa được sửa hoặc đã được ký ở nơi khác; hãy xem lại rồi ký lại."
            )
        issuer = _check_issuable(actor, document)
        now = timezone.now()
        _take_number(document, issuer, day=timezone.localdate(now))
        document.status, document.signed_at, document.signed_by = Status.SEALING, now, actor
        document.save()
        _pdf_keep(document, _numbered(signed, document))
        event_record(
            actor=actor,
            action="document.signed",
            obj=document,
            unit=issuer,
            details={
                "number_symbol": document.number_symbol,
                "certificate_serial": credential.serial_hex,
                "certificate_fingerprint": credential.fingerprint_sha256,
            },
        )
        notify(
            user_ids=issuer.memberships.filter(role=Role.CLERK).values_list("user_id", flat=True),
            kind="document.signed",
            title=f"Văn bản chờ đóng dấu: {document.number_symbol} — {document.subject[:120]}",
            body=(
                f"{actor.get_full_name() or actor.get_username()} đã ký số; văn bản chờ văn thư {issuer.name} "
                "đóng dấu (ký số của cơ quan) để gửi đi."
            ),
            url=f"/van-ban/{document.pk}/",
        )
    return document


def _check_sealable(actor, document: Document) -> Unit:
    if not access.can_seal(actor, document):
        raise NotAllowed(
            f"Chỉ văn thư của {document.issuer_name or 'đơn vị ban hành'} được đóng dấu (ký số của cơ quan) "
            "văn bản này."
        )
    if document.status != Status.SEALING:
        raise DocumentNotEditable("Chỉ đóng dấu được văn bản đã ký số và đang chờ đóng dấu.")
    return issuing_unit(document)


def document_seal(*, actor, document: Document, secret: str) -> Document:
    """The clerk of the issuing body applies the body's signature, then the document is dispatched.

    Only to a document the competent person has signed (Art. 14.3, 17.2, 32.2): the stored file is verified
    first, and one whose person's signature is not intact and trusted is refused. The dispatch is
    document_issue's (deliveries, the documents it implements, reporting's obligations, notifications); the
    verification of the sealed file is kept as signature_report. Events document.sealed and document.issued.

    Refuses (writing nothing) a document not awaiting the seal, anyone but a clerk of the issuing unit, a body
    without a valid certificate, a wrong PIN, and a file whose person's signature fails.
    """
    document = Document.objects.select_related("issuer").get(pk=document.pk)
    issuer = _check_sealable(actor, document)
    credential = keys.body_credential(issuer)
    if credential is None:
        raise SigningRefused(
            "no_certificate",
            f"{issuer.name} chưa có chứng thư số của cơ quan còn hiệu lực để đóng dấu (ký số của cơ quan). "
            "Hãy liên hệ quản trị để được cấp chứng thư số.",
        )
    with document.pdf.open("rb") as handle:
        data = handle.read()
    digest = hashlib.sha256(data).hexdigest()
    checks = signed_pdf.verify(data).signatures if digest == document.pdf_sha256 else []
    if len(checks) != 1 or not (checks[0].intact and checks[0].trusted and not checks[0].revoked):
        problems = "; ".join(p for c in checks for p in c.problems) or "tệp không còn nguyên vẹn"
        raise SigningRefused(
            "not_trusted",
            f"Chữ ký số của người ký trên văn bản không hợp lệ ({problems}); không đóng dấu được. "
            "Hãy báo người ký để ký lại.",
        )
    with keys.open_signer(
        credential, secret, description=f"Đóng dấu văn bản số {document.number_symbol}"
    ) as signer:
        sealed = _sealed(data, document, OpenKey(credential, signer))
    report = _report(signed_pdf.verify(sealed))
    with transaction.atomic():
        document = _locked(document)
        if document.pdf_sha256 != digest:
            raise DocumentNotEditable("Văn bản vừa được đóng dấu ở nơi khác; hãy tải lại trang.")
        issuer = _check_sealable(actor, document)
        now = timezone.now()
        _pdf_keep(document, sealed)
        document.status, document.issued_at = Status.ISSUED, now
        document.sealed_at, document.sealed_by, document.signature_report = now, actor, report
        document.save(update_fields=["status", "issued_at", "sealed_at", "sealed_by", "signature_report"])
        event_record(
            actor=actor,
            action="document.sealed",
            obj=document,
            unit=issuer,
            details={
                "number_symbol": document.number_symbol,
                "certificate_serial": credential.serial_hex,
                "certificate_fingerprint": credential.fingerprint_sha256,
            },
        )
        _dispatch_issued(document, issuer, actor=actor, delivered_at=now, today=timezone.localdate(now))
    return document
