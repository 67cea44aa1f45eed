"""The building blocks of the demo PKI's X.509 certificates: keys, names, extensions and the builder."""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings


@dataclass(frozen=True)
class Authority:
    """A CA or the TSA: its certificate and private key."""

    name: str
    certificate: x509.Certificate
    key: rsa.RSAPrivateKey


@dataclass(frozen=True)
class Issued:
    """A freshly issued end-entity certificate with its key (before the key goes into a token)."""

    certificate: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def serial_hex(self) -> str:
        return format(self.certificate.serial_number, "x")


def _new_key() -> rsa.RSAPrivateKey:
    # RSA 2048: every USB token of the Vietnamese CAs signs with it, and so does SoftHSM2.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _key_pem(key: rsa.RSAPrivateKey, passphrase: bytes | None = None) -> bytes:
    encryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    )
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


def _cert_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


#: RFC 5280's upper bound of a common name: 64 characters (ub-common-name), not bytes.
CN_MAX_CHARS = 64


def common_name_fit(name: str) -> str:
    """A name within the common name's 64 characters: cut at a word with "…" when longer (a body's full name
    stays whole in O, which has no such bound)."""
    name = " ".join(name.split())
    if len(name) <= CN_MAX_CHARS:
        return name
    return name[: CN_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            # cryptography counts the bound in UTF-8 bytes, which would cut a Vietnamese name of 40 letters;
            # the standard counts characters, and common_name_fit keeps to them.
            _common_name(common_name),
        ]
    )


def subject_value(cert: x509.Certificate, oid) -> str:
    """The first value of a subject attribute, read without cryptography's warning about a common name over 64
    UTF-8 bytes (a Vietnamese name of 40 letters): the standard counts characters, common_name_fit keeps to them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        found = cert.subject.get_attributes_for_oid(oid)
    return str(found[0].value) if found else ""


def _common_name(name: str) -> x509.NameAttribute:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the byte count it would have refused
        return x509.NameAttribute(NameOID.COMMON_NAME, common_name_fit(name), _validate=False)


def crl_url(name: str) -> str:
    """Where the portal serves a CRL of the demo PKI (the URL is written into the certificates)."""
    base = getattr(settings, "PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    return f"{base}/pki/{name}.crl"


def _crl_dp(name: str) -> x509.CRLDistributionPoints:
    return x509.CRLDistributionPoints(
        [
            x509.DistributionPoint(
                full_name=[x509.UniformResourceIdentifier(crl_url(name))],
                relative_name=None,
                reasons=None,
                crl_issuer=None,
            )
        ]
    )


def _builder(
    *,
    subject: x509.Name,
    issuer: Authority | None,
    public_key,
    not_before: dt.datetime,
    not_after: dt.datetime,
) -> x509.CertificateBuilder:
    issuer_name = issuer.certificate.subject if issuer else subject
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False
        )
    return builder


def _ca_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=False,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )


def _signing_usage(*, non_repudiation: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=non_repudiation,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
