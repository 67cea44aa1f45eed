"""Fixtures of the signing tests, shared with every test that signs (directives, verification, the browser).

- ``signing_pki`` (session): a demo PKI of its own in a temporary folder — root, issuing CA, TSA, CRLs, the
  SoftHSM2 configuration — with the settings pointed at it (SIGNING_DATA_DIR, SIGNING_DEMO_PKI=True, the demo
  TSA in-process, no fetching). Created once per test run.
- ``person_credential_factory(user, *, kind="pkcs11", not_before=None, not_after=None)`` and
  ``body_credential_factory(unit, …)``: a fresh key and certificate from that PKI, the key in the SoftHSM2 token
  ``ts-u<user id>`` / ``ts-b<unit id>`` (PIN ``DEMO_PIN``), or a PKCS#12 file (kind="pkcs12", passphrase
  ``DEMO_PIN``), saved as a Credential. Call them inside a test that has database access.
- ``DEMO_PIN``: the PIN of every demo token ("123456").
"""

from __future__ import annotations

import pytest
from django.test import override_settings

# One PKI per run even when another module re-exports the fixture (tests/directives/test_sign_flow.py does):
# pytest then holds two session fixtures of the same name; the second finds the first's folder and reuses it.
_active: list = []


@pytest.fixture(scope="session")
def signing_pki(tmp_path_factory):
    from portal.signing import pki

    if _active:
        yield _active[0]
        return
    folder = tmp_path_factory.mktemp("signing-data")
    # Session-wide: enabled before any test's own `settings` changes (pytest sets up the wider scope first),
    # so those nest inside it and undo only themselves.
    override = override_settings(
        SIGNING_DATA_DIR=str(folder),
        SIGNING_DEMO_PKI=True,
        SIGNING_TSA_URL="",
        SIGNING_ALLOW_FETCHING=False,
    )
    override.enable()
    pki.ensure_demo_pki()
    _active.append(folder)
    yield folder
    _active.clear()
    override.disable()


@pytest.fixture(scope="session")
def DEMO_PIN():  # noqa: N802 - the constant's own name, as the contract spells it
    from portal.signing.pki import DEMO_PIN

    return DEMO_PIN


@pytest.fixture
def person_credential_factory(signing_pki):
    from portal.signing.services import credential_issue_demo

    def make(user, *, kind="pkcs11", not_before=None, not_after=None, **extra):
        return credential_issue_demo(
            actor=None, user=user, kind=kind, not_before=not_before, not_after=not_after, **extra
        )

    return make


@pytest.fixture
def body_credential_factory(signing_pki):
    from portal.signing.services import credential_issue_demo

    def make(unit, *, kind="pkcs11", not_before=None, not_after=None, **extra):
        return credential_issue_demo(
            actor=None, unit=unit, kind=kind, not_before=not_before, not_after=not_after, **extra
        )

    return make


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The cast's accounts hash their passwords fast here: these tests are about keys, not logins."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
