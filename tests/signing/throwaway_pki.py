"""A throwaway PKI for the PDF signature tests (root, intermediate, a person, a body, a TSA, a CRL), built in
memory with cryptography: pyHanko SimpleSigners and a DummyTimeStamper, no tokens, no files.

portal.signing.pki builds the demo PKI the product uses (SoftHSM2 tokens); these tests exercise the PDF
operations alone and must stay fast. ``document_stages`` signs one small document through every step
(prepare → person → number → body) for the tests to look at from many sides.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image, ImageDraw
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from weasyprint import HTML

from portal.signing import pdf
from portal.signing.pdf import Rect, Slots

EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2045, 1, 1, tzinfo=dt.UTC)


def _name(cn: str, org: str = "") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if org:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(parts)


@dataclass
class Issued:
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

    @property
    def asn1(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.cert.public_bytes(serialization.Encoding.DER))

    @property
    def asn1_key(self) -> asn1_keys.PrivateKeyInfo:
        der = self.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return asn1_keys.PrivateKeyInfo.load(der)


def _issue(
    subject: x509.Name,
    issuer: Issued | None,
    *,
    ca: bool,
    eku=None,
    not_before=EPOCH,
    not_after=END,
    crl_url: str | None = None,
    use_rsa: bool = False,
) -> Issued:
    # pyHanko's DummyTimeStamper signs with RSA only; everything else uses a fast EC key.
    key = rsa.generate_private_key(65537, 2048) if use_rsa else ec.generate_private_key(ec.SECP256R1())
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False
        )
    if ca:
        usage = dict(key_cert_sign=True, crl_sign=True, digital_signature=False, content_commitment=False)
    else:
        usage = dict(key_cert_sign=False, crl_sign=False, digital_signature=True, content_commitment=True)
    builder = builder.add_extension(
        x509.KeyUsage(
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            encipher_only=False,
            decipher_only=False,
            **usage,
        ),
        critical=True,
    )
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    if crl_url:
        builder = builder.add_extension(
            x509.CRLDistributionPoints(
                [x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)]
            ),
            critical=False,
        )
    signer_key = issuer.key if issuer else key
    return Issued(builder.sign(signer_key, hashes.SHA256()), key)


@dataclass
class ThrowawayPki:
    root: Issued
    intermediate: Issued
    person: Issued
    body: Issued
    tsa: Issued
    revoked: dict[int, dt.datetime] = field(default_factory=dict)

    def crls(self, at: dt.datetime | None = None) -> list[asn1_crl.CertificateList]:
        at = at or dt.datetime.now(dt.UTC)
        result = []
        for issuer in (self.root, self.intermediate):
            builder = (
                x509.CertificateRevocationListBuilder()
                .issuer_name(issuer.cert.subject)
                .last_update(at - dt.timedelta(hours=1))
                .next_update(at + dt.timedelta(days=7))
            )
            if issuer is self.intermediate:
                for serial, when in self.revoked.items():
                    builder = builder.add_revoked_certificate(
                        x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
                    )
            crl = builder.sign(issuer.key, hashes.SHA256())
            result.append(asn1_crl.CertificateList.load(crl.public_bytes(serialization.Encoding.DER)))
        return result

    def signer(self, who: Issued) -> SimpleSigner:
        return SimpleSigner(
            signing_cert=who.asn1,
            signing_key=who.asn1_key,
            cert_registry=SimpleCertificateStore.from_certs([self.intermediate.asn1, self.root.asn1]),
        )

    def timestamper(self) -> DummyTimeStamper:
        return DummyTimeStamper(
            tsa_cert=self.tsa.asn1,
            tsa_key=self.tsa.asn1_key,
            certs_to_embed=SimpleCertificateStore.from_certs([self.intermediate.asn1]),
        )

    def validation_context(self, **kwargs) -> ValidationContext:
        return ValidationContext(
            trust_roots=[self.root.asn1],
            other_certs=[self.intermediate.asn1],
            crls=self.crls(),
            revocation_mode="hard-fail",
            **kwargs,
        )


def build() -> ThrowawayPki:
    crl_root = "http://127.0.0.1:9/root.crl"
    crl_int = "http://127.0.0.1:9/intermediate.crl"
    root = _issue(_name("Throwaway Root CA"), None, ca=True)
    intermediate = _issue(_name("Throwaway Intermediate CA"), root, ca=True, crl_url=crl_root)
    person = _issue(
        _name("Nguyễn Thị Hạnh", "Ban Tuyên giáo Tỉnh ủy Bắc Giang"), intermediate, ca=False, crl_url=crl_int
    )
    body = _issue(
        _name("Ban Tuyên giáo Tỉnh ủy Bắc Giang", "Ban Tuyên giáo Tỉnh ủy Bắc Giang"),
        intermediate,
        ca=False,
        crl_url=crl_int,
    )
    tsa = _issue(
        _name("Throwaway TSA"),
        intermediate,
        ca=False,
        eku=[ExtendedKeyUsageOID.TIME_STAMPING],
        crl_url=crl_int,
        use_rsa=True,
    )
    return ThrowawayPki(root, intermediate, person, body, tsa)


BODY = "Ban Tuyên giáo Tỉnh ủy Bắc Giang"
NUMBER = "97-HD/BTGTU"
DATE_LINE = "Bắc Giang, ngày 06 tháng 02 năm 2024"

# A one-page A4 document with the three blanks where the official layout leaves them (helper C measures the
# real ones); the slots below are the blanks' places in PDF points.
SLOTS = Slots(
    number=Rect(0, 160.0, 712.0, 263.0, 729.0),
    date=Rect(0, 319.0, 712.0, 553.0, 729.0),
    signature=Rect(0, 330.0, 330.0, 553.0, 400.0),
)
HTML_PAGE = """<html><head><style>@page { size: A4; margin: 0 } body { font-family: 'Liberation Serif'; }
p { position: absolute; margin: 0 } </style></head><body>
<p style="left: 120pt; top: 113pt; font-size: 13pt">Số:</p>
<p style="left: 385pt; top: 422pt; font-weight: bold; font-size: 14pt">K/T TRƯỞNG BAN</p>
<p style="left: 385pt; top: 516pt; font-weight: bold; font-size: 14pt">Nguyễn Thị Hạnh</p>
<p style="left: 90pt; top: 300pt; font-size: 14pt">Nội dung hướng dẫn công tác thông tin đối ngoại năm 2024.</p>
</body></html>"""


def png(color: tuple[int, int, int, int], size: tuple[int, int]) -> bytes:
    """A transparent PNG with a coloured ring: a stand-in for a signature or seal image."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((6, 6, size[0] - 6, size[1] - 6), outline=color, width=10)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def unsigned_pdf() -> bytes:
    """The one-page document HTML_PAGE describes, rendered (no fields, no signatures)."""
    return HTML(string=HTML_PAGE).write_pdf()


def document_stages(pki: ThrowawayPki) -> dict[str, bytes]:
    """Every stage of one document: unsigned, prepared, signed by the person, numbered, sealed."""
    unsigned = unsigned_pdf()
    prepared = pdf.prepare(unsigned, SLOTS)
    signed = pdf.sign_person(
        prepared,
        pki.signer(pki.person),
        image_png=png((20, 40, 200, 255), (600, 200)),
        reason="Ký ban hành văn bản",
        timestamper=pki.timestamper(),
        validation_context=pki.validation_context(),
    )
    numbered = pdf.fill_number(signed, number_text=NUMBER, date_text=DATE_LINE)
    sealed = pdf.seal_body(
        numbered,
        pki.signer(pki.body),
        seal_png=png((220, 0, 0, 255), (400, 400)),
        body_name=BODY,
        timestamper=pki.timestamper(),
        validation_context=pki.validation_context(),
    )
    return {
        "unsigned": unsigned,
        "prepared": prepared,
        "signed": signed,
        "numbered": numbered,
        "sealed": sealed,
    }
