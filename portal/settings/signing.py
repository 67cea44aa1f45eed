"""Settings of digital signatures (portal/signing/conf.py says what each SIGNING_* does)."""

from __future__ import annotations

from portal.env import env_bool, env_int, env_list, env_str, env_url
from portal.settings.base import PRODUCTION

# --- Digital signatures (issue 15; portal/signing/conf.py says what each SIGNING_* does) ----------------
# Production trusts the CAs named here, checks revocation at their CRL/OCSP addresses and stamps with their TSA;
# the embedded default makes and trusts a demo PKI under THONGSUOT_DATA_DIR/pki (demo token PIN 123456) and
# stamps in-process. A key's PIN or passphrase is never a setting: it is asked at signing time.
SIGNING_REQUIRED = env_bool("THONGSUOT_SIGNING_REQUIRED", default=True)
SIGNING_DEMO_PKI = env_bool("THONGSUOT_SIGNING_DEMO_PKI", default=not PRODUCTION)
SIGNING_TRUST_ROOTS = env_list("THONGSUOT_SIGNING_TRUST_ROOTS", [])  # PEM files, comma-separated
SIGNING_TSA_URL = env_url("THONGSUOT_SIGNING_TSA_URL", schemes=("http", "https"))
SIGNING_ALLOW_FETCHING = env_bool("THONGSUOT_SIGNING_ALLOW_FETCHING", default=PRODUCTION)
SIGNING_PKCS11_MODULE = env_str("THONGSUOT_SIGNING_PKCS11_MODULE", "/usr/lib/softhsm/libsofthsm2.so")
SIGNING_REMOTE_PROVIDER = env_str(
    "THONGSUOT_SIGNING_REMOTE_PROVIDER", "portal.signing.remote.HttpRemoteProvider"
)
SIGNING_REMOTE_URL = env_url("THONGSUOT_SIGNING_REMOTE_URL", schemes=("http", "https"))
SIGNING_REMOTE_TIMEOUT_SECONDS = env_int("THONGSUOT_SIGNING_REMOTE_TIMEOUT_SECONDS", 120, minimum=5)
