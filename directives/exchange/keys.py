"""The instance's exchange credential: the key its packets are signed with and the certificates it trusts.

The key is a PEM file (settings EXCHANGE_SIGNING_KEY, its certificate EXCHANGE_SIGNING_CERT), not a PKCS#11
token like a person's or a body's PDF signature: packets are signed unattended by the outbox worker, at any
hour, many a minute — a server credential of the instance (as a TLS key is), protected by the file system.

Trust: a packet is accepted when the certificate in its signature is one of EXCHANGE_TRUSTED_CERTS, or was
issued directly by one of them, and is valid at the time of checking. The instance's own certificate is always
trusted; with the demo PKI (SIGNING_DEMO_PKI) so is the demo issuing CA of this data folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from django.conf import settings

from directives.exchange import conf
from portal.signing import conf as signing_conf
from portal.signing import pki


@dataclass(frozen=True)
class Credential:
    key_pem: bytes
    cert_pems: list[str]  # the certificate first, then its chain

    @property
    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_pems[0].encode("ascii"))


def _split_pems(text: str) -> list[str]:
    marker = "-----END CERTIFICATE-----"
    return [part.strip() + "\n" + marker + "\n" for part in text.split(marker) if "BEGIN CERTIFICATE" in part]


def demo_key_ensure() -> bool:
    """Create the demo exchange credential (a certificate of the demo issuing CA) when the files are missing and
    the demo PKI is on; True when created. Production names a real CA's key and certificate in the settings."""
    key_path, cert_path = conf.signing_key_path(), conf.signing_cert_path()
    if key_path.exists() and cert_path.exists():
        return False
    if not signing_conf.demo_pki():
        return False
    pki.ensure_demo_pki()
    name = getattr(settings, "EXCHANGE_INSTANCE_NAME", "") or "Thông Suốt — liên thông văn bản"
    issued = pki.issue_certificate(common_name=name, organisation=name)
    key_path.parent.mkdir(parents=True, exist_ok=True)
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    key_bytes = issued.key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key_bytes)
    cert_path.write_text(pki.certificate_pem(issued.certificate) + pki.chain_pem(), encoding="ascii")
    _load.cache_clear()
    return True


@lru_cache(maxsize=4)
def _load(key_path: str, cert_path: str, mtime: float) -> Credential:
    with open(key_path, "rb") as handle:
        key = handle.read()
    with open(cert_path, encoding="ascii") as handle:
        certs = _split_pems(handle.read())
    return Credential(key_pem=key, cert_pems=certs)


def credential() -> Credential:
    """The signing credential (created for the demo on first use); FileNotFoundError when none is configured."""
    demo_key_ensure()
    key_path, cert_path = conf.signing_key_path(), conf.signing_cert_path()
    mtime = max(key_path.stat().st_mtime, cert_path.stat().st_mtime)
    return _load(str(key_path), str(cert_path), mtime)


def trusted_certificates() -> list[x509.Certificate]:
    found: list[x509.Certificate] = []
    for path in conf.trusted_cert_paths():
        try:
            text = path.read_text(encoding="ascii")
        except OSError:
            continue
        found.extend(x509.load_pem_x509_certificate(p.encode("ascii")) for p in _split_pems(text))
    with contextlib.suppress(FileNotFoundError):
        found.append(credential().certificate)
    if signing_conf.demo_pki() and pki.demo_exists():
        found.append(pki.intermediate_certificate())
    return found


def is_trusted(cert: x509.Certificate, *, moment: dt.datetime | None = None) -> bool:
    """The certificate is trusted itself or issued directly by a trusted one, and valid at ``moment``."""
    moment = moment or dt.datetime.now(dt.UTC)
    if not cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc:
        return False
    for anchor in trusted_certificates():
        if anchor == cert:
            return True
        try:
            cert.verify_directly_issued_by(anchor)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return True
    return False
