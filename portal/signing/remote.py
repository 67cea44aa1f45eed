"""Remote signing: the key stays with a provider; the document's digest goes out, the person confirms on their
other device (a phone app), the signature comes back.

A provider is a class named by SIGNING_REMOTE_PROVIDER with two methods, ``request`` and ``status`` (see
:class:`RemoteProvider`); :class:`HttpRemoteProvider` speaks the small JSON protocol below to SIGNING_REMOTE_URL,
and a real provider's adapter plugs in by settings the same way:

    POST <url>/sign-requests        {"remote_id", "digest" (base64), "digest_algorithm", "signature_algorithm",
                                     "description"}                              → 201 {"id": "…"}
    GET  <url>/sign-requests/<id>   → {"status": "pending"} | {"status": "signed", "signature": base64}
                                      | {"status": "refused"}

:class:`RemoteSigner` is a pyHanko ``Signer`` whose raw signature is that round trip: it polls every
SIGNING_REMOTE_POLL_SECONDS until the person confirmed, refused, or SIGNING_REMOTE_TIMEOUT_SECONDS passed.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from asn1crypto import x509 as asn1_x509
from django.utils.module_loading import import_string
from pyhanko.sign.signers import Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore

from portal.signing import conf
from portal.signing.errors import SigningRefused


@dataclass(frozen=True)
class RemoteStatus:
    state: str  # "pending" | "signed" | "refused"
    signature: bytes = b""


class RemoteProvider(Protocol):
    def request(
        self,
        *,
        remote_id: str,
        digest: bytes,
        digest_algorithm: str,
        signature_algorithm: str,
        description: str,
    ) -> str:
        """Ask the person (``remote_id`` at the provider) to sign ``digest``; return the request's id."""
        ...

    def status(self, request_id: str) -> RemoteStatus:
        """Where the request stands."""
        ...


class HttpRemoteProvider:
    """The JSON protocol of the module's docstring, over HTTP(S) to SIGNING_REMOTE_URL."""

    def __init__(self, url: str | None = None, *, timeout: float = 10.0) -> None:
        self.url = (url or conf.remote_url()).rstrip("/")
        self.timeout = timeout

    def _call(self, method: str, path: str, payload: dict | None = None) -> dict:
        if not self.url:
            raise SigningRefused("remote_unavailable")
        data = json.dumps(payload).encode() if payload is not None else None
        req = urllib.request.Request(
            self.url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as response:  # noqa: S310 - a configured URL
                return json.loads(response.read() or b"{}")
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise SigningRefused("remote_unavailable") from exc

    def request(
        self,
        *,
        remote_id: str,
        digest: bytes,
        digest_algorithm: str,
        signature_algorithm: str,
        description: str,
    ) -> str:
        answer = self._call(
            "POST",
            "/sign-requests",
            {
                "remote_id": remote_id,
                "digest": base64.b64encode(digest).decode("ascii"),
                "digest_algorithm": digest_algorithm,
                "signature_algorithm": signature_algorithm,
                "description": description,
            },
        )
        return str(answer["id"])

    def status(self, request_id: str) -> RemoteStatus:
        answer = self._call("GET", f"/sign-requests/{request_id}")
        state = answer.get("status", "pending")
        if state == "signed":
            return RemoteStatus("signed", base64.b64decode(answer["signature"]))
        return RemoteStatus("refused" if state == "refused" else "pending")


def provider() -> RemoteProvider:
    return import_string(conf.remote_provider())()


class RemoteSigner(Signer):
    """A pyHanko signer whose key is at a remote-signing provider."""

    def __init__(
        self,
        *,
        remote_id: str,
        signing_cert: asn1_x509.Certificate,
        chain: list[asn1_x509.Certificate],
        remote: RemoteProvider | None = None,
        description: str = "",
        timeout: float | None = None,
        poll: float | None = None,
    ) -> None:
        super().__init__(
            signing_cert=signing_cert, cert_registry=SimpleCertificateStore.from_certs([signing_cert, *chain])
        )
        self.remote_id = remote_id
        self.remote = remote or provider()
        self.description = description
        self.timeout = conf.remote_timeout_seconds() if timeout is None else timeout
        self.poll = conf.remote_poll_seconds() if poll is None else poll

    def _placeholder_size(self) -> int:
        assert self.signing_cert is not None  # given at construction
        key = self.signing_cert.public_key
        if key.algorithm == "rsa":
            return key.byte_size
        return 2 * key.byte_size + 16  # an ECDSA signature in DER, with room to spare

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        if dry_run:
            return bytes(self._placeholder_size())
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        digest = hashlib.new(digest_algorithm, data).digest()
        request_id = await asyncio.to_thread(
            self.remote.request,
            remote_id=self.remote_id,
            digest=digest,
            digest_algorithm=digest_algorithm,
            signature_algorithm=mechanism["algorithm"].native,
            description=self.description,
        )
        deadline = time.monotonic() + self.timeout
        while True:
            status = await asyncio.to_thread(self.remote.status, request_id)
            if status.state == "signed":
                return status.signature
            if status.state == "refused":
                raise SigningRefused("remote_refused")
            if time.monotonic() >= deadline:
                raise SigningRefused("remote_timeout")
            await asyncio.sleep(self.poll)
