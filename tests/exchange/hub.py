"""A local exchange hub for the tests: a small standard-library HTTP service standing in for the national hub.

    python tests/exchange/hub.py --port 8765 --token secret [--db /tmp/hub.sqlite3]

It keeps packets per recipient OrganId (in a SQLite file when --db is given, so a restart keeps them, else in
memory) and answers the three calls of directives.exchange.transports.http:

- ``POST /packets`` — body: the packet; ``X-Packet-Key``: its key (percent-encoded); ``X-To-Organ``: the
  recipient (else read from the packet's first ``To/OrganId``). 201 ``{"id": …}`` the first time, 200 with the same
  id for a repeat of the key (counted as a duplicate, not stored again); 409 when the same key comes with other
  bytes; 400 without key or recipient; 413 over --max-bytes.
- ``GET /packets?to=<OrganId>&to=…`` — the packets not yet acked for those recipients, ``[{"id", "key", "to",
  "data" (base64)}]``.
- ``POST /packets/<id>/ack`` — taken.

Every call needs ``Authorization: Bearer <token>`` (401 otherwise). For the tests: ``GET /_stats`` (packets
received, duplicates, acks, per key how many times it was accepted) and ``POST /_down`` / ``POST /_up`` — while down
it answers 503 to everything but ``/_up`` and ``/_stats`` (a hub that is up but refusing); stopping the process
is the other way down.
"""

from __future__ import annotations

import argparse
import base64
import json
import sqlite3
import threading
import urllib.parse
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SCHEMA = """
CREATE TABLE IF NOT EXISTS packet (id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, recipient TEXT NOT NULL,
    data BLOB NOT NULL, acked INTEGER NOT NULL DEFAULT 0, accepted INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


def recipient_of(data: bytes) -> str:
    """The first To/OrganId of the packet, whatever its namespace (the hub reads the header, not the body)."""
    try:
        root = ET.fromstring(data)  # noqa: S314 - the tests' own packets
    except ET.ParseError:
        return ""
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "To":
            for child in element:
                if child.tag.rsplit("}", 1)[-1] == "OrganId" and (child.text or "").strip():
                    return child.text.strip()
    return ""


class HubStore:
    def __init__(self, path: str = ":memory:"):
        self.lock = threading.Lock()
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.executescript(SCHEMA)

    def _count(self, name: str) -> None:
        self.db.execute(
            "INSERT INTO counter(name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1",
            (name,),
        )

    def put(self, key: str, recipient: str, data: bytes) -> tuple[int, int]:
        """(HTTP status, id): 201 new, 200 repeat of the key, 409 the key with other bytes."""
        with self.lock:
            row = self.db.execute("SELECT id, data FROM packet WHERE key = ?", (key,)).fetchone()
            if row:
                if bytes(row[1]) != data:
                    self._count("conflicts")
                    return 409, row[0]
                self._count("duplicates")
                self.db.execute("UPDATE packet SET accepted = accepted WHERE id = ?", (row[0],))
                return 200, row[0]
            cur = self.db.execute(
                "INSERT INTO packet(key, recipient, data) VALUES (?, ?, ?)", (key, recipient, data)
            )
            self._count("received")
            return 201, int(cur.lastrowid or 0)

    def waiting(self, recipients: list[str]) -> list[dict]:
        with self.lock:
            marks = ",".join("?" * len(recipients))
            rows = self.db.execute(
                f"SELECT id, key, recipient, data FROM packet WHERE acked = 0 AND recipient IN ({marks}) ORDER BY id",
                recipients,
            ).fetchall()
        return [
            {"id": r[0], "key": r[1], "to": r[2], "data": base64.b64encode(bytes(r[3])).decode()}
            for r in rows
        ]

    def ack(self, packet_id: int) -> bool:
        with self.lock:
            cur = self.db.execute("UPDATE packet SET acked = 1 WHERE id = ? AND acked = 0", (packet_id,))
            if cur.rowcount:
                self._count("acks")
            return bool(cur.rowcount) or bool(
                self.db.execute("SELECT 1 FROM packet WHERE id = ?", (packet_id,)).fetchone()
            )

    def stats(self) -> dict:
        with self.lock:
            counters = dict(self.db.execute("SELECT name, value FROM counter").fetchall())
            keys = self.db.execute("SELECT key, recipient, acked FROM packet ORDER BY id").fetchall()
        return {
            "received": counters.get("received", 0),
            "duplicates": counters.get("duplicates", 0),
            "conflicts": counters.get("conflicts", 0),
            "acks": counters.get("acks", 0),
            "packets": [{"key": k, "to": t, "acked": bool(a)} for k, t, a in keys],
        }


class Hub(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, *, token: str, store: HubStore, max_bytes: int = 50 * 1024 * 1024):
        super().__init__(address, HubHandler)
        self.token = token
        self.store = store
        self.max_bytes = max_bytes
        self.down = False

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class HubHandler(BaseHTTPRequestHandler):
    server: Hub
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def _answer(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _gate(self, path: str) -> bool:
        if path in ("/_stats", "/_up", "/_down"):
            return True
        if self.server.down:
            self._body()
            self._answer(503, {"error": "hub down"})
            return False
        if self.headers.get("Authorization") != f"Bearer {self.server.token}":
            self._body()
            self._answer(401, {"error": "token"})
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        url = urllib.parse.urlsplit(self.path)
        if not self._gate(url.path):
            return
        if url.path == "/_stats":
            self._answer(200, self.server.store.stats())
        elif url.path == "/packets":
            recipients = urllib.parse.parse_qs(url.query).get("to", [])
            self._answer(200, self.server.store.waiting(recipients) if recipients else [])
        else:
            self._answer(404, {"error": "not found"})

    def do_POST(self) -> None:  # noqa: N802 - the base class's name
        url = urllib.parse.urlsplit(self.path)
        if not self._gate(url.path):
            return
        parts = url.path.strip("/").split("/")
        if url.path in ("/_down", "/_up"):
            self._body()
            self.server.down = url.path == "/_down"
            self._answer(200, {"down": self.server.down})
        elif url.path == "/packets":
            length = int(self.headers.get("Content-Length") or 0)
            if length > self.server.max_bytes:
                self._answer(413, {"error": "packet too large"})
                self.close_connection = True
                return
            data = self._body()
            key = urllib.parse.unquote(self.headers.get("X-Packet-Key", ""))
            recipient = self.headers.get("X-To-Organ", "") or recipient_of(data)
            if not key or not recipient or not data:
                self._answer(400, {"error": "key, recipient and body are required"})
                return
            status, packet_id = self.server.store.put(key, recipient, data)
            self._answer(status, {"id": packet_id})
        elif len(parts) == 3 and parts[0] == "packets" and parts[2] == "ack" and parts[1].isdigit():
            self._body()
            found = self.server.store.ack(int(parts[1]))
            self._answer(200 if found else 404, {"id": int(parts[1])})
        else:
            self._body()
            self._answer(404, {"error": "not found"})


def serve_in_thread(*, token: str = "test-token", db: str = ":memory:", port: int = 0) -> Hub:
    """A hub in this process (the unit tests): returns the server; call ``shutdown()`` and ``server_close()``."""
    hub = Hub(("127.0.0.1", port), token=token, store=HubStore(db))
    threading.Thread(target=hub.serve_forever, name="exchange-hub", daemon=True).start()
    return hub


def main() -> None:
    parser = argparse.ArgumentParser(description="Local exchange hub for the tests")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--token", default="test-token")
    parser.add_argument("--db", default=":memory:")
    parser.add_argument("--max-bytes", type=int, default=50 * 1024 * 1024)
    args = parser.parse_args()
    hub = Hub(("127.0.0.1", args.port), token=args.token, store=HubStore(args.db), max_bytes=args.max_bytes)
    print(f"hub listening on {hub.url}", flush=True)
    try:
        hub.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        hub.server_close()


if __name__ == "__main__":
    main()
