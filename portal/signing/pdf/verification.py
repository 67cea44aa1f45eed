"""What a PDF's signatures are worth: verify() and the report it returns (stored as JSON, shown on the pages,
printed by ``manage.py verify_pdf``). Never raises on a bad file."""

from __future__ import annotations

import dataclasses
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import parser as asn1_parser
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy

from portal.signing import validation
from portal.signing.pdf.appearance import DISPLAY_ZONE
from portal.signing.pdf.signing import off_loop

logger = logging.getLogger(__name__)

MSG_CHANGED = "Tệp đã bị thay đổi sau khi ký"
MSG_NO_SIGNATURES = "Tệp không có chữ ký số"
MSG_UNREADABLE = "Không đọc được tệp PDF (tệp hỏng hoặc không phải PDF)"


def _parse_dt(value: Any) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _format_vn(moment: datetime) -> str:
    local = moment.astimezone(DISPLAY_ZONE)
    return local.strftime("%d/%m/%Y %H:%M:%S") + " +07:00"


@dataclass
class SignatureCheck:
    """One signature of a PDF as verified: who, when, and whether it holds."""

    field: str
    signer_name: str
    organisation: str
    signing_time: datetime | None
    timestamp_time: datetime | None
    intact: bool
    trusted: bool
    revoked: bool
    covers_whole_file: bool
    modification: str
    problems: list[str] = dataclasses.field(default_factory=list)
    timestamped: bool = False
    coverage: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def when(self) -> datetime | None:
        """The time the signature is known to exist: its trusted timestamp, else what the signer declared."""
        return self.timestamp_time or self.signing_time

    @property
    def who(self) -> str:
        if self.organisation and self.organisation != self.signer_name:
            return f"{self.signer_name} — {self.organisation}"
        return self.signer_name

    @property
    def summary_vi(self) -> str:
        when = f", ký lúc {_format_vn(self.when)}" if self.when else ""
        if self.ok:
            return f"Chữ ký số hợp lệ: {self.who}{when}"
        return f"Chữ ký số không hợp lệ: {self.who}{when} — {'; '.join(self.problems)}"

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "signer_name": self.signer_name,
            "organisation": self.organisation,
            "signing_time": self.signing_time.isoformat() if self.signing_time else None,
            "timestamp_time": self.timestamp_time.isoformat() if self.timestamp_time else None,
            "intact": self.intact,
            "trusted": self.trusted,
            "revoked": self.revoked,
            "timestamped": self.timestamped,
            "covers_whole_file": self.covers_whole_file,
            "coverage": self.coverage,
            "later_changes": self.modification,
            "modification": self.modification,
            "ok": self.ok,
            "problems": list(self.problems),
            "summary": self.summary_vi,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SignatureCheck:
        return cls(
            field=str(data.get("field", "")),
            signer_name=str(data.get("signer_name", "")),
            organisation=str(data.get("organisation", "")),
            signing_time=_parse_dt(data.get("signing_time")),
            timestamp_time=_parse_dt(data.get("timestamp_time")),
            intact=bool(data.get("intact")),
            trusted=bool(data.get("trusted")),
            revoked=bool(data.get("revoked")),
            covers_whole_file=bool(data.get("covers_whole_file")),
            modification=str(data.get("modification", data.get("later_changes", ""))),
            problems=[str(p) for p in data.get("problems", [])],
            timestamped=bool(data.get("timestamped")),
            coverage=str(data.get("coverage", "")),
        )


@dataclass
class Verification:
    """Every signature of a PDF, in signing order; ``error`` when the file could not be read at all."""

    signatures: list[SignatureCheck] = dataclasses.field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        """Readable, signed, every signature holds, and the last one covers the whole file."""
        return (
            not self.error
            and bool(self.signatures)
            and all(check.ok for check in self.signatures)
            and self.signatures[-1].covers_whole_file
        )

    @property
    def summary_vi(self) -> str:
        if self.error:
            return self.error
        if not self.signatures:
            return MSG_NO_SIGNATURES
        lines = [check.summary_vi for check in self.signatures]
        if not self.signatures[-1].covers_whole_file:
            lines.append("Chữ ký cuối cùng không bao trùm toàn bộ tệp: tệp đã bị thêm nội dung sau khi ký")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "error": self.error,
            "summary": self.summary_vi,
            "signatures": [check.to_json() for check in self.signatures],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Verification:
        if not data:
            return cls(signatures=[], error="")
        return cls(
            signatures=[SignatureCheck.from_json(item) for item in data.get("signatures", [])],
            error=str(data.get("error", "")),
        )


def _name_parts(cert: asn1_x509.Certificate | None) -> tuple[str, str]:
    if cert is None:
        return "", ""
    subject = cert.subject.native
    name = subject.get("common_name") or cert.subject.human_friendly
    organisation = subject.get("organization_name") or ""
    if isinstance(name, list):
        name = ", ".join(name)
    if isinstance(organisation, list):
        organisation = ", ".join(organisation)
    return str(name), str(organisation)


def _padding_untouched(sig: EmbeddedPdfSignature) -> bool:
    """The room reserved for the signature after its DER value is zeros, as the signer wrote it.

    The /Contents string is the one part of the file a signature cannot cover; a byte changed in its padding
    leaves the signature valid for pyHanko, but the file is no longer the one signed."""
    raw = sig.pkcs7_content
    try:
        _, _, _, header, contents, trailer = asn1_parser.parse(raw)
    except ValueError:
        return False
    return not raw[len(header) + len(contents) + len(trailer) :].strip(b"\x00")


def _embedded_certificates_untouched(
    sig: EmbeddedPdfSignature, status: PdfSignatureStatus, dss_certs: list
) -> bool:
    """Every certificate carried in the signature still bears its issuer's signature.

    CMS does not sign the certificates it carries beside the signer's own (the chain): a byte changed in an
    intermediate certificate leaves the signature valid when the validator finds the chain elsewhere, yet the
    file is no longer the one signed. A certificate whose issuer is nowhere to be found is left to the trust
    check."""
    carried = [choice.chosen for choice in sig.signed_data["certificates"]]
    paths = [status.validation_path]
    for attribute in sig.signer_info["unsigned_attrs"] or []:
        if attribute["type"].native == "signature_time_stamp_token":  # the TSA's token carries its chain too
            for token in attribute["values"]:
                carried += [choice.chosen for choice in token["content"]["certificates"] or []]
    if status.timestamp_validity is not None:
        paths.append(status.timestamp_validity.validation_path)
    known = list(carried) + dss_certs
    for path in paths:
        if path is not None:
            known += list(path.iter_certs(include_root=True))
    try:
        pool = [x509.load_der_x509_certificate(cert.dump()) for cert in known]
    except ValueError:
        return False
    for cert in pool[: len(carried)]:
        issuers = [candidate for candidate in pool if candidate.subject == cert.issuer]
        if issuers and not any(_issued_by(cert, issuer) for issuer in issuers):
            return False
    return True


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _signer_cert_or_none(sig: EmbeddedPdfSignature) -> asn1_x509.Certificate | None:
    try:
        return sig.signer_cert
    except Exception:  # a damaged CMS blob: no name to show
        return None


def _context_at(
    base: ValidationContext, moment: datetime, extra_crls: list, extra_ocsps: list, certs: list
) -> ValidationContext:
    """A point-in-time copy of ``base``: the same trust roots and revocation policy, the revocation data
    ``base`` holds plus the document's own (its DSS), checked at ``moment`` — a certificate revoked or expired
    after a timestamped signature does not undo it. Revocation data issued after ``moment`` is accepted
    (retroactive): a CRL published later still tells whether the certificate was revoked before ``moment``."""
    policy = base.revinfo_policy
    return ValidationContext(
        trust_manager=base.path_builder.trust_manager,
        other_certs=certs,
        crls=list(base.crls) + extra_crls,
        ocsps=list(base.ocsps) + extra_ocsps,
        moment=moment,
        revinfo_policy=CertRevTrustPolicy(policy.revocation_checking_policy, retroactive_revinfo=True),
    )


def _dss_material(reader: PdfFileReader) -> tuple[list, list, list]:
    """(CRLs, OCSP answers, certificates) of the document security store, parsed; empty without one."""
    try:
        dss = DocumentSecurityStore.read_dss(reader)
        crls = [asn1_crl.CertificateList.load(ref.get_object().data) for ref in dss.crls]
        ocsps = [asn1_ocsp.OCSPResponse.load(ref.get_object().data) for ref in dss.ocsps]
        return crls, ocsps, list(dss.load_certs())
    except Exception as exc:  # no DSS, or one pyHanko cannot read: validate with the configured data alone
        logger.info("verify: no usable DSS: %s", exc)
        return [], [], []


def _validate(embedded: EmbeddedPdfSignature, context: ValidationContext) -> PdfSignatureStatus:
    return off_loop(validate_pdf_signature, embedded, signer_validation_context=context)


def verify(pdf: bytes, *, validation_context: Callable[[], ValidationContext] | None = None) -> Verification:
    """Every signature of ``pdf``: intact, trusted (chain to the configured roots, revocation checked at the
    signature's timestamp), timestamped, what it covers and what changed after it. Never raises on bad input.

    ``validation_context``: a callable returning a fresh pyhanko ValidationContext (default
    portal.signing.validation.validation_context)."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except Exception as exc:  # any parse failure is an answer, not a crash
        logger.info("verify: unreadable PDF: %s", exc)
        return Verification(signatures=[], error=MSG_UNREADABLE)
    new_context: Callable[[], ValidationContext] = validation_context or validation.validation_context

    @cache
    def document_dss() -> tuple[list, list, list]:
        return _dss_material(reader)

    checks = []
    for sig in embedded:
        try:
            checks.append(_check(sig, new_context, document_dss))
        except ImproperlyConfigured:  # no trust roots configured: the deployment's fault, not the file's
            raise
        except Exception as exc:
            logger.info("verify: signature %s could not be validated: %s", sig.field_name, exc)
            name, organisation = _name_parts(_signer_cert_or_none(sig))
            checks.append(
                SignatureCheck(
                    field=sig.field_name or "",
                    signer_name=name,
                    organisation=organisation,
                    signing_time=None,
                    timestamp_time=None,
                    intact=False,
                    trusted=False,
                    revoked=False,
                    covers_whole_file=False,
                    modification="",
                    problems=[f"{MSG_CHANGED} hoặc chữ ký số bị hỏng: không kiểm tra được chữ ký"],
                )
            )
    return Verification(signatures=checks)


def _check(
    sig: EmbeddedPdfSignature,
    new_context: Callable[[], ValidationContext],
    dss: Callable[[], tuple[list, list, list]],
) -> SignatureCheck:
    status = _validate(sig, new_context())
    tst = status.timestamp_validity
    timestamped = bool(tst is not None and tst.intact and tst.valid and tst.trusted)
    timestamp_time = tst.timestamp if tst is not None and timestamped else None
    trusted, revoked = status.trusted, status.revoked
    if status.intact and status.valid and not trusted and timestamp_time is not None:
        # Validated again at the timestamp: a certificate revoked or expired since still signed validly then.
        crls, ocsps, certs = dss()
        base = new_context()
        again = _validate(sig, _context_at(base, timestamp_time, crls, ocsps, certs))
        trusted, revoked = again.trusted, again.revoked
    name, organisation = _name_parts(status.signing_cert)
    coverage = status.coverage
    level = status.modification_level
    covers = coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and level is not None
        and level <= ModificationLevel.LTA_UPDATES
    )
    problems = []
    intact = bool(
        status.intact
        and status.valid
        and _padding_untouched(sig)
        and _embedded_certificates_untouched(sig, status, dss()[2])
    )
    if not intact:
        problems.append(MSG_CHANGED)
    elif status.docmdp_ok is False or (level is not None and level == ModificationLevel.OTHER):
        problems.append("Tệp đã bị sửa đổi sau khi ký theo cách chữ ký không cho phép")
    if revoked:
        problems.append("Chứng thư số của người ký đã bị thu hồi")
    elif not trusted:
        problems.append("Chứng thư số không được xác thực tới tổ chức cung cấp dịch vụ chứng thực tin cậy")
    if not timestamped:
        problems.append("Chữ ký không có dấu thời gian tin cậy")
    return SignatureCheck(
        field=sig.field_name or "",
        signer_name=name,
        organisation=organisation,
        signing_time=status.signer_reported_dt,
        timestamp_time=timestamp_time,
        intact=intact,
        trusted=bool(trusted),
        revoked=bool(revoked),
        covers_whole_file=covers,
        modification=level.name if level is not None else "",
        problems=problems,
        timestamped=timestamped,
        coverage=coverage.name if coverage is not None else "",
    )
