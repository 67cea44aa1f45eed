"""The HTTP client to the exchange hub (EXCHANGE_HUB_URL, bearer EXCHANGE_HUB_TOKEN), standard library only.

- ``POST /packets`` with the packet as body and its key in ``X-Packet-Key`` (and the recipient's OrganId in
  ``X-To-Organ``): 201 received, 200 already received under that key (a repeat is not delivered twice).
- ``GET /packets?to=<OrganId>&to=…``: the packets waiting for the organisations hosted here, as JSON
  ``[{"id", "key", "to", "data" (base64)}]``.
- ``POST /packets/<id>/ack``: taken, the hub stops offering it.

A 400, 409, 413, 415 or 422 answer to a POST is about the packet itself (``TransportRefused``: the outbox marks it
failed); anything else that is not a success — the hub down, a timeout, 5xx, 401/403 (our token), 404, 429 — is a
``TransportError`` and the packet waits for the next attempt.
"""

from __future__ import annotations

import base64
import binascii
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable

from directives.exchange.transports.base import Sent, Transport, TransportError, TransportRefused

PACKET_REFUSALS = frozenset({400, 409, 413, 415, 422})


class HttpTransport(Transport):
    name = "http"

    def __init__(self, url: str, token: str = "", *, organ_ids: Iterable[str] = (), timeout: float = 10.0):
        if not url:
            raise TransportError("Chưa cấu hình địa chỉ trục liên thông (EXCHANGE_HUB_URL).")
        self.url = url.rstrip("/")
        self.token = token
        self.organ_ids = [o for o in organ_ids if o]
        self.timeout = timeout

    def _request(self, method: str, path: str, *, data: bytes | None = None, headers: dict | None = None):
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - settings URL
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            body = exc.read()[:500].decode("utf-8", "replace")
            if method == "POST" and path == "/packets" and exc.code in PACKET_REFUSALS:
                raise TransportRefused(f"Trục liên thông từ chối gói tin (HTTP {exc.code}): {body}") from exc
            raise TransportError(f"Trục liên thông trả lời HTTP {exc.code}: {body}") from exc
        except (OSError, http.client.HTTPException) as exc:  # refused, reset, timed out, cut short
            reason = getattr(exc, "reason", exc)
            raise TransportError(f"Không kết nối được trục liên thông {self.url}: {reason}") from exc

    def send(self, key: str, data: bytes, *, to_organ: str = "") -> Sent:
        headers = {
            "Content-Type": "application/xml",
            # Header values are Latin-1: the key (Vietnamese notations) travels percent-encoded.
            "X-Packet-Key": urllib.parse.quote(key, safe=""),
        }
        if to_organ:
            headers["X-To-Organ"] = to_organ
        status, body = self._request("POST", "/packets", data=data, headers=headers)
        try:
            reference = str(json.loads(body or b"{}").get("id", ""))
        except ValueError:
            reference = ""
        if status == 201:
            return Sent("created", reference)
        if status == 200:
            return Sent("duplicate", reference)
        raise TransportError(f"Trục liên thông trả lời HTTP {status} khi nhận gói tin.")

    def fetch(self) -> list[tuple[str, bytes]]:
        if not self.organ_ids:
            return []
        query = urllib.parse.urlencode([("to", organ) for organ in self.organ_ids])
        _status, body = self._request("GET", f"/packets?{query}")
        try:
            rows = json.loads(body)
            return [(str(row["id"]), base64.b64decode(row["data"], validate=True)) for row in rows]
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            raise TransportError(f"Trục liên thông trả về danh sách gói tin không đọc được: {exc}") from exc

    def ack(self, name: str) -> None:
        self._request("POST", f"/packets/{urllib.parse.quote(name, safe='')}/ack", data=b"")
