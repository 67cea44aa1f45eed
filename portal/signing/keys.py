"""Opening a signer: the certificate is checked, then the key is unlocked where it lives — a PKCS#11 token (the
USB tokens of the government and commercial CAs; SoftHSM2 in the demo and the tests), a PKCS#12 file, or a
remote-signing provider — and a pyHanko ``Signer`` is handed out for the duration of a ``with`` block.

The secret (PIN, passphrase) is used to unlock and dropped: it is never stored, logged or put in an error.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import pkcs11
from django.utils import timezone
from pkcs11 import exceptions as p11_errors
from pyhanko.sign.pkcs11 import PKCS11Signer
from pyhanko.sign.signers import Signer, SimpleSigner
from pyhanko_certvalidator import CertificateValidator
from pyhanko_certvalidator import errors as cv_errors

from portal.signing import conf, tokens
from portal.signing.errors import SigningRefused
from portal.signing.models import Credential, CredentialKind
from portal.signing.remote import RemoteSigner
from portal.signing.validation import validation_context

T = TypeVar("T")


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end from synchronous code, also where the thread already runs an event loop
    (Playwright's sync API runs one in the tests' thread): then it runs in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


# --- Which credential ---------------------------------------------------------------------------------------------


def _current(queryset) -> Credential | None:
    now = timezone.now()
    return (
        queryset.filter(active=True, not_before__lte=now, not_after__gte=now)
        .select_related("user", "unit")
        .order_by("-created_at", "-id")
        .first()
    )


def person_credential(user) -> Credential | None:
    """The person's own credential that can sign now (active, within its validity), the newest first."""
    return _current(Credential.objects.filter(user=user))


def body_credential(unit) -> Credential | None:
    """The body's credential that can sign now, held by its clerks."""
    return _current(Credential.objects.filter(unit=unit))


# --- The certificate, before any signature -------------------------------------------------------------------


def certificate_check(credential: Credential | None) -> None:
    """Refuse a credential that must not sign now: none, retired, outside its validity, revoked (the CRL), or
    not chaining to a trusted root. Checked before the key is even unlocked."""
    if credential is None:
        raise SigningRefused("no_certificate")
    if credential.revoked_at is not None:
        raise SigningRefused("certificate_revoked")
    if not credential.active:
        raise SigningRefused("no_certificate")
    now = timezone.now()
    if now < credential.not_before:
        raise SigningRefused("certificate_not_yet_valid")
    if now > credential.not_after:
        raise SigningRefused("certificate_expired")
    validator = CertificateValidator(
        credential.certificate,
        intermediate_certs=credential.chain,
        validation_context=validation_context(for_signing=True, moment=now),
    )
    try:
        run_sync(validator.async_validate_usage({"digital_signature"}))
    except cv_errors.RevokedError as exc:
        raise SigningRefused("certificate_revoked") from exc
    except cv_errors.ExpiredError as exc:
        raise SigningRefused("certificate_expired") from exc
    except cv_errors.NotYetValidError as exc:
        raise SigningRefused("certificate_not_yet_valid") from exc
    except cv_errors.InsufficientRevinfoError as exc:
        raise SigningRefused("revocation_unknown") from exc
    except (
        cv_errors.PathBuildingError,
        cv_errors.PathValidationError,
        cv_errors.InvalidCertificateError,
    ) as exc:
        raise SigningRefused("not_trusted") from exc


# --- PKCS#11 --------------------------------------------------------------------------------------------------------

_lib_lock = threading.Lock()
_lib_conf: dict[str, str] = {}  # module → the SOFTHSM2_CONF it was initialised with
# PKCS#11 logs in per application, not per session: while one thread's session is logged in to a token, another
# thread's login to it would answer "already logged in" whatever PIN it gave. One signer per token at a time.
_token_locks: dict[str, threading.Lock] = {}


def pkcs11_lib(*, refresh: bool = False):
    """The PKCS#11 module, initialised with this data folder's SoftHSM2 configuration.

    A module sees the tokens that exist when it is initialised: after a token was added (by softhsm2-util, in
    another process) or the configuration changed (the tests' own data folder), it is initialised again."""
    module = conf.pkcs11_module()
    with _lib_lock:
        conf_path = str(conf.pkcs11_environment())
        lib = pkcs11.lib(module)
        if refresh or _lib_conf.get(module, conf_path) != conf_path:
            lib.reinitialize()
        _lib_conf[module] = conf_path
        return lib


def _pkcs11_token(label: str):
    try:
        return pkcs11_lib().get_token(token_label=label)
    except p11_errors.NoSuchToken:
        pass
    except (OSError, RuntimeError) as exc:  # the module is not installed, or will not initialise
        raise SigningRefused(
            "token_missing",
            "Máy chủ chưa nạp được trình điều khiển thiết bị ký số (PKCS#11). Hãy báo quản trị.",
        ) from exc
    try:
        return pkcs11_lib(refresh=True).get_token(token_label=label)
    except p11_errors.NoSuchToken as exc:
        raise SigningRefused("token_missing") from exc


@contextmanager
def _pkcs11_signer(credential: Credential, secret: str) -> Iterator[Signer]:
    if not secret:
        raise SigningRefused("wrong_pin", "Hãy nhập mã PIN của thiết bị ký số.")
    with _lib_lock:
        token_lock = _token_locks.setdefault(credential.token_label, threading.Lock())
    with token_lock:
        token = _pkcs11_token(credential.token_label)
        with _pkcs11_session(token, secret) as session:
            signer = PKCS11Signer(
                session,
                key_label=credential.key_label,
                signing_cert=credential.certificate,
                ca_chain=credential.chain,
                other_certs_to_pull=(),
            )
            try:
                signer._load_objects()  # the key is looked up now: a token without it refuses before signing
            except p11_errors.PKCS11Error as exc:
                raise SigningRefused("token_missing") from exc
            yield signer


@contextmanager
def _pkcs11_session(token, secret: str) -> Iterator[Any]:
    try:
        session = token.open(user_pin=secret)
    except p11_errors.PinLocked as exc:
        raise SigningRefused("pin_locked") from exc
    except (p11_errors.PinIncorrect, p11_errors.PinLenRange, p11_errors.PinInvalid) as exc:
        raise SigningRefused("wrong_pin") from exc
    except (p11_errors.TokenNotPresent, p11_errors.TokenNotRecognised, p11_errors.SlotIDInvalid) as exc:
        raise SigningRefused("token_missing") from exc
    try:
        yield session
    finally:
        session.close()  # logs out first


# --- PKCS#12 and remote ---------------------------------------------------------------------------------------------


def _pkcs12_signer(credential: Credential, secret: str) -> Signer:
    path = tokens.pkcs12_path(credential.pkcs12_path)
    if not path.exists():
        raise SigningRefused("token_missing", "Không tìm thấy tệp khóa PKCS#12 của cơ quan trên máy chủ.")
    try:
        signer = SimpleSigner.load_pkcs12_data(
            path.read_bytes(), other_certs=credential.chain, passphrase=secret.encode() if secret else None
        )
    except ValueError as exc:
        raise SigningRefused("wrong_pin", "Mật khẩu của tệp khóa không đúng.") from exc
    if signer.signing_cert.dump() != credential.certificate.dump():
        raise SigningRefused("token_missing", "Tệp khóa PKCS#12 không chứa chứng thư số của cơ quan.")
    return signer


@contextmanager
def open_signer(credential: Credential | None, secret: str, *, description: str = "") -> Iterator[Signer]:
    """A pyHanko signer for the credential, its ``signing_cert`` and ``cert_registry`` holding the chain.

    Refuses with SigningRefused before any signature: no credential, a certificate retired, expired, not yet
    valid, revoked or untrusted; a wrong or locked PIN (field "pin"); a token or key file that is not there.
    A remote signer may still refuse during the signature (the person declined: remote_refused; no answer in
    time: remote_timeout) — nothing is signed then. ``description`` is what a remote provider shows the person."""
    certificate_check(credential)
    assert credential is not None
    if credential.kind == CredentialKind.PKCS11:
        with _pkcs11_signer(credential, secret) as signer:
            yield signer
    elif credential.kind == CredentialKind.PKCS12:
        yield _pkcs12_signer(credential, secret)
    elif credential.kind == CredentialKind.REMOTE:
        yield RemoteSigner(
            remote_id=credential.remote_id,
            signing_cert=credential.certificate,
            chain=credential.chain,
            description=description,
        )
    else:  # pragma: no cover - the model's constraint allows no other kind
        raise SigningRefused("token_missing")
