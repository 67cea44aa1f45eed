"""What the portal trusts and where it gets its time: one validation context for signing and verifying, one
timestamp authority.

- Trust roots: the demo root when SIGNING_DEMO_PKI (the embedded default), plus every certificate in the PEM
  files of SIGNING_TRUST_ROOTS (the government CA's and licensed CAs' roots in production).
- Revocation: the demo CAs' CRLs are handed to the context in-process, so nothing is fetched for the demo;
  SIGNING_ALLOW_FETCHING lets the validator fetch the CRLs and OCSP answers the certificates name. Signing
  checks revocation hard (no answer → refused); verifying softly (no answer → reported, not fatal).
- Timestamps: SIGNING_TSA_URL (RFC 3161), else the demo TSA in-process; its tokens validate with the same
  context (the TSA's certificate chains to the demo root).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ImproperlyConfigured
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from portal.signing import conf, pki


def _asn1(cert) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def pem_certificates(path: str | Path) -> list[asn1_x509.Certificate]:
    """Every certificate of a PEM (or a single DER) file."""
    data = Path(path).read_bytes()
    if pem.detect(data):
        return [asn1_x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, multiple=True)]
    return [asn1_x509.Certificate.load(data)]


def trust_roots() -> list[asn1_x509.Certificate]:
    roots = []
    if conf.demo_pki():
        roots.append(_asn1(pki.root_certificate()))
    for path in conf.trust_roots():
        roots.extend(pem_certificates(path))
    return roots


def demo_certificates() -> list[asn1_x509.Certificate]:
    """The demo PKI's intermediate and TSA certificates (they help build paths; they are not trusted as roots)."""
    if not conf.demo_pki():
        return []
    return [_asn1(pki.intermediate_certificate()), _asn1(pki.authority("tsa").certificate)]


def demo_crls() -> list[bytes]:
    if not conf.demo_pki():
        return []
    return [pki.crl_bytes(name) for name in pki.CRL_NAMES]


def validation_context(*, for_signing: bool = False, moment: dt.datetime | None = None) -> ValidationContext:
    """A fresh pyHanko validation context with the configured roots and revocation information.

    for_signing: revocation is checked hard (a certificate whose status cannot be established is refused)
    and the signer's own certificate is judged at ``moment`` (default: the validator's now)."""
    if conf.demo_pki() and not pki.demo_exists():
        pki.ensure_demo_pki()
    roots = trust_roots()
    if not roots:
        raise ImproperlyConfigured(
            "Chưa cấu hình chứng thư gốc tin cậy: đặt SIGNING_TRUST_ROOTS (hoặc SIGNING_DEMO_PKI cho bản dùng thử)."
        )
    return ValidationContext(
        trust_roots=roots,
        other_certs=demo_certificates(),
        crls=demo_crls(),
        allow_fetching=conf.allow_fetching(),
        revocation_mode="hard-fail" if for_signing else "soft-fail",
        moment=moment,
    )


def timestamper() -> TimeStamper:
    """The timestamp authority signatures are stamped by: SIGNING_TSA_URL, else the demo TSA in-process."""
    url = conf.tsa_url()
    if url:
        return HTTPTimeStamper(url)
    if not conf.demo_pki():
        raise ImproperlyConfigured("Chưa cấu hình dịch vụ cấp dấu thời gian: đặt SIGNING_TSA_URL.")
    tsa = pki.authority("tsa")
    key = asn1_keys.PrivateKeyInfo.load(
        tsa.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return DummyTimeStamper(
        tsa_cert=_asn1(tsa.certificate),
        tsa_key=key,
        certs_to_embed=SimpleCertificateStore.from_certs([_asn1(pki.intermediate_certificate())]),
    )
