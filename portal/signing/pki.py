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
import io
import json
import math
import os
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.utils import timezone

from portal.signing import conf

if TYPE_CHECKING:  # revoke() reads a Credential; the writes that make one live in portal.signing.services
    from portal.signing.models import Credential

#: The user PIN of every demo token, and the passphrase of every demo PKCS#12 file (README documents it).
DEMO_PIN = "123456"
# The security officer's PIN of the demo tokens: only needed to initialise a token, never to sign.
_DEMO_SO_PIN = "ts-demo-so-7351"

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


def _make_root() -> Authority:
    key = _new_key()
    subject = _name(ROOT_NAME, DEMO_ORGANISATION)
    cert = (
        _builder(
            subject=subject,
            issuer=None,
            public_key=key.public_key(),
            not_before=CA_NOT_BEFORE,
            not_after=CA_NOT_AFTER,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_ca_usage(), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Authority("root", cert, key)


def _make_intermediate(root: Authority) -> Authority:
    key = _new_key()
    cert = (
        _builder(
            subject=_name(INTERMEDIATE_NAME, DEMO_ORGANISATION),
            issuer=root,
            public_key=key.public_key(),
            not_before=CA_NOT_BEFORE,
            not_after=CA_NOT_AFTER,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_ca_usage(), critical=True)
        .add_extension(_crl_dp("root"), critical=False)
        .sign(root.key, hashes.SHA256())
    )
    return Authority("intermediate", cert, key)


def _make_tsa(intermediate: Authority) -> Authority:
    key = _new_key()
    cert = (
        _builder(
            subject=_name(TSA_NAME, DEMO_ORGANISATION),
            issuer=intermediate,
            public_key=key.public_key(),
            not_before=CA_NOT_BEFORE,
            not_after=CA_NOT_AFTER,
        )
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


# --- SoftHSM2 tokens ----------------------------------------------------------------------------------------------


def _softhsm(*args: str) -> str:
    conf.pkcs11_environment()
    done = subprocess.run(
        ["softhsm2-util", *args], capture_output=True, text=True, check=False, env=dict(os.environ)
    )
    if done.returncode != 0:
        raise RuntimeError(f"softhsm2-util {args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def token_labels() -> set[str]:
    """The labels of the initialised SoftHSM2 tokens of this data folder."""
    labels = set()
    for line in _softhsm("--show-slots").splitlines():
        line = line.strip()
        if line.startswith("Label:"):
            label = line.removeprefix("Label:").strip()
            if label:
                labels.add(label)
    return labels


# Labels of the tokens known to exist, per SoftHSM2 folder: each softhsm2-util call reads every token, so the
# calls are kept few (about a tenth of a second each with thirty tokens).
_known_tokens: dict[str, set[str]] = {}


def token_import(issued: Issued, *, token_label: str, pin: str = DEMO_PIN) -> str:
    """Put an issued key into the SoftHSM2 token ``token_label`` (initialised with ``pin`` when new) and return
    the key's label. The key file exists only for the import, 0600, and is gone afterwards: from then on the
    key lives in the token alone."""
    key_label = f"key-{issued.serial_hex[:24]}"
    folder = conf.softhsm_dir()
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".import-", suffix=".pem")
    command = [
        "--import", tmp, "--token", token_label, "--label", key_label,
        "--id", issued.serial_hex[:16].rjust(16, "0"), "--pin", pin,
    ]  # fmt: skip
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(_key_pem(issued.key))
        known = _known_tokens.setdefault(str(folder), set())
        # A token once seen stays (nothing here deletes one); one not seen yet is looked for again, since
        # another process may have made it — two tokens of one label would make the label ambiguous.
        if token_label not in known:
            known.update(token_labels())
        if token_label not in known:
            _softhsm("--init-token", "--free", "--label", token_label, "--pin", pin, "--so-pin", _DEMO_SO_PIN)
            known.add(token_label)
        _softhsm(*command)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return key_label


def pkcs12_write(issued: Issued, *, name: str, passphrase: str = DEMO_PIN) -> str:
    """Write the key and its chain as a PKCS#12 file (a body's key for small deployments) and return its path
    relative to the data folder, as Credential.pkcs12_path keeps it."""
    data = pkcs12.serialize_key_and_certificates(
        name=name.encode(),
        key=issued.key,
        cert=issued.certificate,
        cas=[intermediate_certificate()],
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
    )
    relative = Path("pki") / "p12" / f"{name}-{issued.serial_hex[:16]}.p12"
    _write_private(conf.data_dir() / relative, data)
    return str(relative)


def pkcs12_path(relative: str) -> Path:
    return conf.data_dir() / relative


# --- Demo images ---------------------------------------------------------------------------------------------------

_DPI = 300
_SERIF_BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
_SERIF_ITALIC = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf"


def _font(path: str, size: int):
    from PIL import ImageFont

    for candidate in (path, path.replace("liberation2", "liberation"), "DejaVuSerif.ttf"):
        try:
            return ImageFont.truetype(candidate, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(_DPI, _DPI))
    return out.getvalue()


#: Width to height of the demo signature: the person's signature widget's proportions (portal.signing.pdf).
SIGNATURE_ASPECT = 3


def demo_signature_png(name: str) -> bytes:
    """A handwriting-like signature for a demo person: blue ink on a transparent ground, the given name
    slanted with a flourish under it (the real one is a scan of the person's signature)."""
    from PIL import Image, ImageDraw

    ink = (20, 50, 170, 255)
    height = round(conf.image_height_mm() / 25.4 * _DPI)
    width = height * SIGNATURE_ASPECT
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    given = (name.split() or ["Ký"])[-1]
    font = _font(_SERIF_ITALIC, round(height * 0.5))
    draw.text((width * 0.30, height * 0.08), given, font=font, fill=ink)
    # The flourish: a sine stroke under the name and a quick tick through it.
    points = [
        (width * (0.12 + 0.76 * t / 60), height * (0.74 + 0.08 * math.sin(t / 60 * 2.6 * math.pi)))
        for t in range(61)
    ]
    draw.line(points, fill=ink, width=max(3, height // 50), joint="curve")
    draw.line(
        [(width * 0.66, height * 0.14), (width * 0.76, height * 0.64)], fill=ink, width=max(3, height // 55)
    )
    return _png(image)


def demo_seal_png(unit_name: str) -> bytes:
    """A round red seal for a demo body at its actual size (SIGNING_SEAL_DIAMETER_MM), transparent: two rings,
    the body's name around the inside of the outer ring, a star in the middle."""
    from PIL import Image, ImageDraw

    red = (200, 16, 46, 255)
    size = round(conf.seal_diameter_mm() / 25.4 * _DPI)
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    c = size / 2
    stroke = max(4, size // 60)
    draw.ellipse([stroke, stroke, size - stroke, size - stroke], outline=red, width=stroke * 2)
    inner = size * 0.30
    draw.ellipse([c - inner, c - inner, c + inner, c + inner], outline=red, width=stroke)
    star = [
        (
            c + (size * (0.16 if i % 2 == 0 else 0.065)) * math.sin(i * math.pi / 5),
            c - (size * (0.16 if i % 2 == 0 else 0.065)) * math.cos(i * math.pi / 5),
        )
        for i in range(10)
    ]
    draw.polygon(star, fill=red)
    text = unit_name.upper()
    font = _font(_SERIF_BOLD, max(12, round(size * 0.075)))
    radius = size * 0.385
    # The name runs clockwise around the top, centred on 12 o'clock, over at most 300 degrees.
    step = min(300 / max(len(text), 1), 16.0)
    start = -step * (len(text) - 1) / 2
    for i, char in enumerate(text):
        angle = start + i * step
        glyph_size = round(size * 0.12)
        glyph = Image.new("RGBA", (glyph_size, glyph_size), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((glyph_size / 2, glyph_size / 2), char, font=font, fill=red, anchor="mm")
        glyph = glyph.rotate(-angle, resample=Image.Resampling.BICUBIC)
        x = c + radius * math.sin(math.radians(angle)) - glyph_size / 2
        y = c - radius * math.cos(math.radians(angle)) - glyph_size / 2
        image.alpha_composite(glyph, (round(x), round(y)))
    return _png(image)
