"""Settings of the signing app, each with its default (portal/settings/ may set any of them).

Where Phụ lục I of Nghị định 30/2020 leaves a detail of the appearance unconfirmed (the seal's size, how far it
covers the signature image), the value is a setting, not a constant (STANDARDS.md §8).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

DEFAULT_PKCS11_MODULE = "/usr/lib/softhsm/libsofthsm2.so"


def data_dir() -> Path:
    """Where the demo PKI (``pki/``) and the SoftHSM2 tokens (``softhsm/``) live: THONGSUOT_DATA_DIR unless
    SIGNING_DATA_DIR names another folder (the tests give each run a folder of its own)."""
    return Path(getattr(settings, "SIGNING_DATA_DIR", None) or settings.DATA_DIR)


def pki_dir() -> Path:
    return data_dir() / "pki"


def softhsm_dir() -> Path:
    return data_dir() / "softhsm"


def pkcs11_module() -> str:
    """The PKCS#11 library of the key devices (a CA's USB token driver; SoftHSM2 in the demo and the tests)."""
    return getattr(settings, "SIGNING_PKCS11_MODULE", DEFAULT_PKCS11_MODULE)


def demo_pki() -> bool:
    """The embedded default creates the demo PKI on first start and trusts its root; production does not."""
    return bool(getattr(settings, "SIGNING_DEMO_PKI", not getattr(settings, "PRODUCTION", False)))


def trust_roots() -> list[str]:
    """PEM files of the roots trusted besides the demo root (the government CA's and licensed CAs' roots)."""
    return list(getattr(settings, "SIGNING_TRUST_ROOTS", []))


def tsa_url() -> str:
    """An RFC 3161 timestamp authority; empty: the demo TSA, in-process."""
    return getattr(settings, "SIGNING_TSA_URL", "")


def allow_fetching() -> bool:
    """May the validator fetch CRLs and OCSP answers from the certificates' URLs (production: yes)."""
    return bool(getattr(settings, "SIGNING_ALLOW_FETCHING", getattr(settings, "PRODUCTION", False)))


def remote_provider() -> str:
    """Dotted path of the remote-signing provider class (see portal.signing.remote)."""
    return getattr(settings, "SIGNING_REMOTE_PROVIDER", "portal.signing.remote.HttpRemoteProvider")


def remote_url() -> str:
    """Base URL of the remote-signing service (the HTTP provider posts to ``<url>/sign-requests``)."""
    return getattr(settings, "SIGNING_REMOTE_URL", "")


def remote_timeout_seconds() -> float:
    """How long a remote signature waits for the person to confirm on their other device."""
    return float(getattr(settings, "SIGNING_REMOTE_TIMEOUT_SECONDS", 120))


def remote_poll_seconds() -> float:
    """How often the remote signer asks whether the person has confirmed."""
    return float(getattr(settings, "SIGNING_REMOTE_POLL_SECONDS", 1.0))


def signing_required() -> bool:
    """Issuing goes through sign → number → seal (False: the old one-step issue, for legacy deployments)."""
    return bool(getattr(settings, "SIGNING_REQUIRED", True))


required = signing_required  # the shorter name some callers already use


def seal_diameter_mm() -> float:
    """The seal image's diameter, actual size (Phụ lục I: unconfirmed)."""
    return float(getattr(settings, "SIGNING_SEAL_DIAMETER_MM", 36))


def seal_overlap() -> float:
    """How much of the signature image the seal covers, from its left (Phụ lục I: "about a third")."""
    return float(getattr(settings, "SIGNING_SEAL_OVERLAP", 1 / 3))


def image_height_mm() -> float:
    """The height of the signature image between the title line and the name."""
    return float(getattr(settings, "SIGNING_IMAGE_HEIGHT_MM", 18))


def attachment_font_pt() -> float:
    """The size of the number-symbol and time on an attachment's signature (Phụ lục I: 10 pt)."""
    return float(getattr(settings, "SIGNING_ATTACHMENT_FONT_PT", 10))


SOFTHSM_CONF_NAME = "softhsm2.conf"


def pkcs11_environment() -> Path:
    """Make the SoftHSM2 configuration of this data folder and point SOFTHSM2_CONF at it.

    SoftHSM2 reads SOFTHSM2_CONF when the module is initialised, so this runs before every load of the module
    (portal.signing.keys.pkcs11_lib) and before every ``softhsm2-util`` call. A real CA's token driver ignores
    the variable. Returns the configuration file."""
    folder = softhsm_dir()
    tokens = folder / "tokens"
    conf = folder / SOFTHSM_CONF_NAME
    if not conf.exists():
        tokens.mkdir(parents=True, exist_ok=True, mode=0o700)
        text = (
            f"directories.tokendir = {tokens}\n"
            "objectstore.backend = file\n"
            "log.level = ERROR\n"
            "slots.removable = false\n"
            "slots.mechanisms = ALL\n"
            "library.reset_on_fork = false\n"
        )
        partial = conf.with_suffix(".tmp")
        partial.write_text(text)
        partial.chmod(0o600)
        partial.replace(conf)  # a second process never reads half a file
    os.environ["SOFTHSM2_CONF"] = str(conf)
    return conf
