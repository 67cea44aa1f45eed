"""The system checks of the signing settings (portal/signing/checks.py): a production deployment that requires
signatures is told when it has no root to trust, no timestamp authority, or no PKCS#11 driver; the embedded
default (demo PKI) and a deployment without signatures are not."""

from __future__ import annotations

import pytest
from django.core import checks as django_checks

from portal.signing import checks

PRODUCTION = dict(
    PRODUCTION=True,
    SIGNING_REQUIRED=True,
    SIGNING_DEMO_PKI=False,
    SIGNING_PKCS11_MODULE="/usr/lib/softhsm/libsofthsm2.so",
)


@pytest.fixture
def root_pem(tmp_path):
    path = tmp_path / "root-ca.pem"
    path.write_text("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
    return str(path)


@pytest.fixture
def production(settings, root_pem):
    """A production deployment configured as it should be: every check is quiet."""
    for name, value in PRODUCTION.items():
        setattr(settings, name, value)
    settings.SIGNING_TRUST_ROOTS = [root_pem]
    settings.SIGNING_TSA_URL = "https://tsa.example.vn/tsr"
    return settings


def signing_ids() -> list[str]:
    found = (
        checks.check_trust_roots(None)
        + checks.check_timestamp_authority(None)
        + checks.check_pkcs11_module(None)
    )
    return [m.id for m in found]


def test_a_configured_production_deployment_is_quiet(production):
    assert signing_ids() == []


def test_the_checks_are_registered_with_django(production):
    """SigningConfig.ready() registers them, so `manage.py check` runs them (tests/core/test_deploy.py)."""
    registered = django_checks.registry.registry.get_checks()
    for check in (checks.check_trust_roots, checks.check_timestamp_authority, checks.check_pkcs11_module):
        assert check in registered
    production.SIGNING_TRUST_ROOTS = []
    assert checks.check_trust_roots(None)[0].level == django_checks.WARNING


def test_no_trust_root_is_reported(production):
    production.SIGNING_TRUST_ROOTS = []
    (warning,) = checks.check_trust_roots(None)
    assert warning.id == "thongsuot.W005"
    assert "chứng thư gốc tin cậy" in warning.msg and "THONGSUOT_SIGNING_TRUST_ROOTS" in warning.hint


def test_a_trust_root_file_that_is_not_there_is_reported(production, tmp_path):
    production.SIGNING_TRUST_ROOTS = [str(tmp_path / "khong-co.pem")]
    (warning,) = checks.check_trust_roots(None)
    assert warning.id == "thongsuot.W006" and "khong-co.pem" in warning.msg


def test_no_timestamp_authority_is_reported(production):
    production.SIGNING_TSA_URL = ""
    (warning,) = checks.check_timestamp_authority(None)
    assert warning.id == "thongsuot.W007"
    assert "dấu thời gian" in warning.msg and "THONGSUOT_SIGNING_TSA_URL" in warning.hint


def test_a_missing_pkcs11_module_is_reported(production, tmp_path):
    production.SIGNING_PKCS11_MODULE = str(tmp_path / "libkhongco.so")
    (warning,) = checks.check_pkcs11_module(None)
    assert warning.id == "thongsuot.W008" and "libkhongco.so" in warning.msg


def test_all_three_at_once(production, tmp_path):
    production.SIGNING_TRUST_ROOTS = []
    production.SIGNING_TSA_URL = ""
    production.SIGNING_PKCS11_MODULE = str(tmp_path / "libkhongco.so")
    assert signing_ids() == ["thongsuot.W005", "thongsuot.W007", "thongsuot.W008"]


# --- refused cases: where the checks must stay quiet -----------------------------------------------------------


def test_the_demo_pki_stands_in_for_roots_and_tsa(production):
    production.SIGNING_DEMO_PKI = True
    production.SIGNING_TRUST_ROOTS = []
    production.SIGNING_TSA_URL = ""
    assert signing_ids() == []


def test_outside_production_nothing_is_reported(production, tmp_path):
    production.PRODUCTION = False
    production.SIGNING_TRUST_ROOTS = []
    production.SIGNING_TSA_URL = ""
    production.SIGNING_PKCS11_MODULE = str(tmp_path / "libkhongco.so")
    assert signing_ids() == []


def test_a_deployment_without_signatures_is_not_told_about_them(production, tmp_path):
    production.SIGNING_REQUIRED = False
    production.SIGNING_TRUST_ROOTS = []
    production.SIGNING_TSA_URL = ""
    production.SIGNING_PKCS11_MODULE = str(tmp_path / "libkhongco.so")
    assert signing_ids() == []
