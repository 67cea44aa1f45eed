"""The demo PKI of the embedded default: a root, an issuing CA, a timestamp authority, CRLs, and a key and
certificate per demo signer and per demo body, the keys kept in SoftHSM2 tokens (real PKCS#11 devices).

Created once, on first start, under ``<data>/pki/`` (keys 0600) and ``<data>/softhsm/``; every later call finds
the files and changes nothing. Production trusts the CAs named in settings instead (SIGNING_TRUST_ROOTS) and
never creates any of this.

Validity windows are fixed, not derived from today, so nothing here depends on the date the tests run:
the CAs 2020-01-01 → 2050-01-01, the certificates of persons and bodies 2024-01-01 → 2045-01-01 unless the
caller names a window (the tests make expired and not-yet-valid ones). The CRLs are dated from the CAs'
start (thisUpdate 2020-01-01, nextUpdate 2050-01-01) for the same reason; each revoked entry carries its own
revocation date, which is what a validator compares with the signing time.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID
from django.utils import timezone

from portal.signing import conf
from portal.signing.certificates import (
    Authority,
    Issued,
    _builder,
    _ca_usage,
    _cert_pem,
    _crl_dp,
    _key_pem,
    _name,
    _new_key,
    _signing_usage,
)

if TYPE_CHECKING:  # revoke() reads a Credential; the writes that make one live in portal.signing.services
    from portal.signing.models import Credential

#: The user PIN of every demo token, and the passphrase of every demo PKCS#12 file (README documents it).
DEMO_PIN = "123456"

ROOT_NAME = "Thông Suốt Demo Root CA"
INTERMEDIATE_NAME = "Thông Suốt Demo Issuing CA"
TSA_NAME = "Thông Suốt Demo TSA"
DEMO_ORGANISATION = "Thông Suốt (chứng thư số thử nghiệm)"

UTC = dt.UTC
CA_NOT_BEFORE = dt.datetime(2020, 1, 1, tzinfo=UTC)
CA_NOT_AFTER = dt.datetime(2050, 1, 1, tzinfo=UTC)
EE_NOT_BEFORE = dt.datetime(2024, 1, 1, tzinfo=UTC)
EE_NOT_AFTER = dt.datetime(2045, 1, 1, tzinfo=UTC)

#: The two CRLs the portal serves at /pki/<name>.crl (portal.signing.views).
CRL_NAMES = ("root", "intermediate")


# --- Files ------------------------------------------------------------------------------------------------------


def _path(name: str) -> Path:
    return conf.pki_dir() / name


def _write_private(path: Path, data: bytes) -> None:
    """Write a secret file readable by its owner only, atomically (no reader ever sees half of it)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_public(path: Path, data: bytes) -> None:
    _write_private(path, data)
    path.chmod(0o644)


@contextmanager
def _locked() -> Iterator[None]:
    """One process at a time creates or changes the PKI (the web workers, the worker and a command may all
    start at once)."""
    folder = conf.pki_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(folder / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# Loading an RSA key checks it (tens of milliseconds): each authority is loaded once per file version.
_authorities: dict[tuple[str, int, int], Authority] = {}


def _load_authority(name: str) -> Authority | None:
    cert_file, key_file = _path(f"{name}.cert.pem"), _path(f"{name}.key.pem")
    try:
        stamp = (str(cert_file), cert_file.stat().st_mtime_ns, key_file.stat().st_mtime_ns)
    except FileNotFoundError:
        return None
    found = _authorities.get(stamp)
    if found is None:
        key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
        assert isinstance(key, rsa.RSAPrivateKey)
        cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
        found = _authorities[stamp] = Authority(name=name, certificate=cert, key=key)
    return found


def _save_authority(authority: Authority) -> None:
    _write_private(_path(f"{authority.name}.key.pem"), _key_pem(authority.key))
    _write_public(_path(f"{authority.name}.cert.pem"), _cert_pem(authority.certificate))


# --- The authorities ---------------------------------------------------------------------------------------------


def _authority_builder(
    common_name: str, issuer: Authority | None, key: rsa.RSAPrivateKey
) -> x509.CertificateBuilder:
    """The builder of a demo authority's certificate: its name in the demo organisation, the CAs' window."""
    return _builder(
        subject=_name(common_name, DEMO_ORGANISATION),
        issuer=issuer,
        public_key=key.public_key(),
        not_before=CA_NOT_BEFORE,
        not_after=CA_NOT_AFTER,
    )


def _make_root() -> Authority:
    key = _new_key()
    cert = (
        _authority_builder(ROOT_NAME, None, key)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_ca_usage(), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Authority("root", cert, key)


def _make_intermediate(root: Authority) -> Authority:
    key = _new_key()
    cert = (
        _authority_builder(INTERMEDIATE_NAME, root, key)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_ca_usage(), critical=True)
        .add_extension(_crl_dp("root"), critical=False)
        .sign(root.key, hashes.SHA256())
    )
    return Authority("intermediate", cert, key)


def _make_tsa(intermediate: Authority) -> Authority:
    key = _new_key()
    cert = (
        _authority_builder(TSA_NAME, intermediate, key)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_signing_usage(non_repudiation=False), critical=True)
        # RFC 3161 §2.3: the TSA's certificate has exactly this one extended key usage, marked critical.
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(_crl_dp("intermediate"), critical=False)
        .sign(intermediate.key, hashes.SHA256())
    )
    return Authority("tsa", cert, key)


def ensure_demo_pki() -> bool:
    """Create the demo root, issuing CA, TSA and both CRLs unless they exist. True when something was created;
    a second call finds everything and changes nothing (not a byte of any file)."""
    with _locked():
        created = False
        root = _load_authority("root")
        if root is None:
            root = _make_root()
            _save_authority(root)
            created = True
        intermediate = _load_authority("intermediate")
        if intermediate is None:
            intermediate = _make_intermediate(root)
            _save_authority(intermediate)
            created = True
        if _load_authority("tsa") is None:
            _save_authority(_make_tsa(intermediate))
            created = True
        for name in CRL_NAMES:
            if not _path(f"{name}.crl").exists():
                _write_crl(name)
                created = True
        conf.pkcs11_environment()
        return created


def demo_exists() -> bool:
    return all(_path(f).exists() for f in ("root.cert.pem", "intermediate.cert.pem", "tsa.cert.pem"))


def authority(name: str) -> Authority:
    """The root, intermediate or TSA of the demo PKI (created on first use)."""
    found = _load_authority(name)
    if found is None:
        ensure_demo_pki()
        found = _load_authority(name)
    assert found is not None
    return found


def root_certificate() -> x509.Certificate:
    return authority("root").certificate


def intermediate_certificate() -> x509.Certificate:
    return authority("intermediate").certificate


# --- Revocation ---------------------------------------------------------------------------------------------------


def _revoked() -> dict[str, dict[str, str]]:
    """serial (hex) → {"issuer": CA name, "when": ISO time} of every certificate the demo CAs revoked."""
    path = _path("revoked.json")
    return json.loads(path.read_text()) if path.exists() else {}


def _write_crl(name: str) -> None:
    issuer = _load_authority(name)
    assert issuer is not None
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.certificate.subject)
        .last_update(CA_NOT_BEFORE)
        .next_update(CA_NOT_AFTER)
        .add_extension(x509.CRLNumber(len(_revoked()) + 1), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False
        )
    )
    for serial, entry in sorted(_revoked().items()):
        if entry["issuer"] != name:
            continue
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(int(serial, 16))
            .revocation_date(dt.datetime.fromisoformat(entry["when"]))
            .build()
        )
    crl = builder.sign(issuer.key, hashes.SHA256())
    _write_public(_path(f"{name}.crl"), crl.public_bytes(serialization.Encoding.DER))


def crl_bytes(name: str) -> bytes:
    """A CRL of the demo PKI, DER (what /pki/<name>.crl serves and the validation context is given)."""
    path = _path(f"{name}.crl")
    if not path.exists():
        ensure_demo_pki()
    return path.read_bytes()


def revoke(credential: Credential, when: dt.datetime | None = None) -> None:
    """Put the credential's certificate on the issuing CA's CRL from ``when`` (default now) and regenerate the
    CRL. Only the PKI's files change: portal.signing.services.credential_revoke also retires the credential."""
    revoke_serial(credential.serial_hex, when)


def revoke_serial(serial_hex: str, when: dt.datetime | None = None) -> None:
    when = when or timezone.now()
    with _locked():
        revoked = _revoked()
        revoked[serial_hex.lower()] = {"issuer": "intermediate", "when": when.astimezone(UTC).isoformat()}
        _write_public(_path("revoked.json"), json.dumps(revoked, indent=1, sort_keys=True).encode())
        _write_crl("intermediate")


# --- Certificates of persons and bodies ------------------------------------------------------------------------


def issue_certificate(
    *,
    common_name: str,
    organisation: str,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
) -> Issued:
    """A new key and its certificate from the demo issuing CA: a person's (CN = full name, O = the unit) or a
    body's (CN = O = the unit's name), both for digital signature and non-repudiation."""
    ca = authority("intermediate")
    key = _new_key()
    cert = (
        _builder(
            subject=_name(common_name, organisation or common_name),
            issuer=ca,
            public_key=key.public_key(),
            not_before=not_before or EE_NOT_BEFORE,
            not_after=not_after or EE_NOT_AFTER,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_signing_usage(non_repudiation=True), critical=True)
        .add_extension(_crl_dp("intermediate"), critical=False)
        .sign(ca.key, hashes.SHA256())
    )
    return Issued(certificate=cert, key=key)


def issued_by_demo(certificate_pem_text: str) -> bool:
    """Was this certificate issued by the demo issuing CA of this data folder (its signature checks out)?"""
    if not demo_exists():
        return False
    cert = x509.load_pem_x509_certificate(certificate_pem_text.encode("ascii"))
    try:
        cert.verify_directly_issued_by(intermediate_certificate())
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def chain_pem() -> str:
    """The intermediate's certificate: the chain a signer embeds up to the root."""
    return _cert_pem(intermediate_certificate()).decode("ascii")


def certificate_pem(cert: x509.Certificate) -> str:
    return _cert_pem(cert).decode("ascii")


def fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
