"""The folder drop: packets written to EXCHANGE_FOLDER_OUT and picked up from EXCHANGE_FOLDER_IN, for a gateway
agent (the hub's connector) that moves files between those folders and the hub.

A packet is written whole or not at all: into a hidden temporary file in the same folder, flushed, then renamed to
``<sha256 of key>.xml`` — the agent never sees half a packet. The name is the key's hash, so a packet sent again
after a failure lands on the same name (``duplicate`` when it is already there or already taken by the agent into
``sent/``). What was fetched is acked by moving it into ``processed/`` beside it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from directives.exchange.transports.base import Sent, Transport, TransportError, key_name


class FolderTransport(Transport):
    name = "folder"

    def __init__(self, out_dir: str | Path, in_dir: str | Path):
        self.out_dir = Path(out_dir)
        self.in_dir = Path(in_dir)

    def send(self, key: str, data: bytes, *, to_organ: str = "") -> Sent:
        name = f"{key_name(key)}.xml"
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            target = self.out_dir / name
            if target.exists() or (self.out_dir / "sent" / name).exists():
                return Sent("duplicate", name)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".xml", dir=self.out_dir)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise TransportError(f"Không ghi được gói tin vào thư mục {self.out_dir}: {exc}") from exc
        return Sent("created", name)

    def fetch(self) -> list[tuple[str, bytes]]:
        if not self.in_dir.is_dir():
            return []
        found = []
        for path in sorted(self.in_dir.iterdir()):
            if path.name.startswith(".") or not path.is_file() or path.suffix.lower() != ".xml":
                continue
            try:
                found.append((path.name, path.read_bytes()))
            except OSError:  # moved away by another poller meanwhile
                continue
        return found

    def ack(self, name: str) -> None:
        if "/" in name or name.startswith("."):
            raise TransportError(f"Tên gói tin không hợp lệ: {name!r}")
        done = self.in_dir / "processed"
        done.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(self.in_dir / name, done / name)
        except FileNotFoundError:
            pass  # another poller acked it first
        except OSError as exc:
            raise TransportError(f"Không chuyển được gói tin {name} vào processed/: {exc}") from exc
