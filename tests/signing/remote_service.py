"""A local remote-signing service for the tests: the protocol portal.signing.remote.HttpRemoteProvider speaks,
on 127.0.0.1, holding the keys of its accounts (loaded from PKCS#12 files) as a real provider's HSM would.

    POST /sign-requests                  {"remote_id", "digest", "digest_algorithm", "signature_algorithm"}
                                         → 201 {"id"}; 404 for an unknown account
    POST /sign-requests/<id>/confirm     the person's other device says yes: the digest is signed
    POST /sign-requests/<id>/refuse      … or no
    GET  /sign-requests/<id>             → {"status": "pending" | "signed" (+ "signature") | "refused"}
"""

from __future__ import annotations

import base64
import json
import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.hazmat.primitives.serialization import pkcs12

_HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


class RemoteSigningService:
    def __init__(self) -> None:
        self.keys: dict[str, object] = {}
        self.requests: dict[str, dict] = {}
        self.lock = threading.Lock()
        self.created = threading.Event()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet tests
                pass

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                if self.path == "/sign-requests":
                    if payload.get("remote_id") not in service.keys:
                        return self._answer(404, {"error": "unknown account"})
                    request_id = uuid.uuid4().hex
                    with service.lock:
                        service.requests[request_id] = {**payload, "status": "pending"}
                    service.created.set()
                    return self._answer(201, {"id": request_id})
                match = re.fullmatch(r"/sign-requests/(\w+)/(confirm|refuse)", self.path)
                if not match or match[1] not in service.requests:
                    return self._answer(404, {"error": "no such request"})
                service.decide(match[1], confirm=match[2] == "confirm")
                return self._answer(200, {"status": service.requests[match[1]]["status"]})

            def do_GET(self):
                match = re.fullmatch(r"/sign-requests/(\w+)", self.path)
                if not match or match[1] not in service.requests:
                    return self._answer(404, {"error": "no such request"})
                request = service.requests[match[1]]
                body = {"status": request["status"]}
                if request["status"] == "signed":
                    body["signature"] = request["signature"]
                return self._answer(200, body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def add_account(self, remote_id: str, pkcs12_bytes: bytes, passphrase: str) -> None:
        key, _cert, _others = pkcs12.load_key_and_certificates(pkcs12_bytes, passphrase.encode())
        self.keys[remote_id] = key

    def decide(self, request_id: str, *, confirm: bool) -> None:
        with self.lock:
            request = self.requests[request_id]
            if request["status"] != "pending":
                return
            if not confirm:
                request["status"] = "refused"
                return
            key = self.keys[request["remote_id"]]
            digest = base64.b64decode(request["digest"])
            algorithm = utils.Prehashed(_HASHES[request["digest_algorithm"]]())
            if isinstance(key, rsa.RSAPrivateKey):
                signature = key.sign(digest, padding.PKCS1v15(), algorithm)
            elif isinstance(key, ec.EllipticCurvePrivateKey):
                signature = key.sign(digest, ec.ECDSA(algorithm))
            else:  # pragma: no cover
                raise TypeError(type(key))
            request["status"] = "signed"
            request["signature"] = base64.b64encode(signature).decode()

    def pending(self) -> list[str]:
        with self.lock:
            return [i for i, r in self.requests.items() if r["status"] == "pending"]

    def start(self) -> RemoteSigningService:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def confirm_when_asked(
    service: RemoteSigningService, *, confirm: bool = True, timeout: float = 10
) -> threading.Thread:
    """The person's phone: waits for the next request and answers it over HTTP, in a thread of its own."""
    import urllib.request

    def run():
        if not service.created.wait(timeout):
            return
        service.created.clear()
        for request_id in service.pending():
            action = "confirm" if confirm else "refuse"
            req = urllib.request.Request(
                f"{service.url}/sign-requests/{request_id}/{action}", data=b"{}", method="POST"
            )
            urllib.request.urlopen(req, timeout=5).close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread
