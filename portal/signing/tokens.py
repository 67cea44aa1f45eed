"""Where the demo PKI keeps issued keys: SoftHSM2 tokens (PKCS#11) and PKCS#12 files, under the data folder."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from portal.signing import conf
from portal.signing.certificates import Issued, _key_pem
from portal.signing.pki import DEMO_PIN, _write_private, intermediate_certificate

# The security officer's PIN of the demo tokens: only needed to initialise a token, never to sign.
_DEMO_SO_PIN = "ts-demo-so-7351"


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
