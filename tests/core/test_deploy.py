"""`manage.py check --deploy` with production settings gives no warnings (issue 2, "What it must show")."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

STRIPPED = ("DATABASE_URL", "REDIS_URL", "DJANGO_", "THONGSUOT_", "EMAIL_", "CELERY_", "SECURE_", "SESSION_")


def _root_certificate_pem() -> bytes:
    """A self-signed root, standing in for the licensed CA's root certificate."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Root CA (kiểm thử triển khai)")])
    start = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=365 * 30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def check_deploy(tmp_path, **env) -> subprocess.CompletedProcess:
    for name in ("DATABASE_URL", "REDIS_URL"):
        if not os.environ.get(name):
            pytest.skip(
                f"{name} chưa đặt: kiểm tra triển khai cần PostgreSQL và Redis (scripts/test.sh khởi động cả hai)."
            )
    production = {k: v for k, v in os.environ.items() if not k.startswith(STRIPPED)}
    # Signing as a real deployment configures it: the CA's root to trust and its timestamp authority (the key
    # devices' PKCS#11 driver is the default SoftHSM2 module, installed here); see portal/signing/checks.py.
    root = tmp_path / "root-ca.pem"
    root.write_bytes(_root_certificate_pem())
    production.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        THONGSUOT_PRODUCTION="1",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
        DJANGO_ALLOWED_HOSTS="portal.example.vn",
        THONGSUOT_DATA_DIR=str(tmp_path / "data"),
        EMAIL_HOST="mailpit",
        EMAIL_PORT="1025",
        THONGSUOT_SIGNING_TRUST_ROOTS=str(root),
        THONGSUOT_SIGNING_TSA_URL="https://tsa.example.vn/tsr",
    )
    production.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=production,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deployment_checklist_without_a_single_warning(tmp_path):
    proc = check_deploy(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "System check identified no issues (0 silenced)." in proc.stdout
    assert "WARNING" not in proc.stderr.upper()


def test_it_fails_the_checklist_with_a_weak_secret_key(tmp_path):
    """The same command is not a rubber stamp: a short key is reported."""
    proc = check_deploy(tmp_path, DJANGO_SECRET_KEY="ngan-qua")
    assert proc.returncode != 0
    assert "security.W009" in proc.stderr


def test_it_fails_the_checklist_when_https_redirect_is_turned_off(tmp_path):
    proc = check_deploy(tmp_path, SECURE_SSL_REDIRECT="0")
    assert proc.returncode != 0
    assert "security.W008" in proc.stderr


def test_it_fails_the_checklist_when_signing_has_no_trust_root_and_no_timestamp_authority(tmp_path):
    """Production requires signatures but names no CA root and no TSA (portal/signing/checks.py)."""
    proc = check_deploy(tmp_path, THONGSUOT_SIGNING_TRUST_ROOTS="", THONGSUOT_SIGNING_TSA_URL="")
    assert proc.returncode != 0
    assert "thongsuot.W005" in proc.stderr and "thongsuot.W007" in proc.stderr
