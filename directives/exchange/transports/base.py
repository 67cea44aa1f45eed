"""What every transport answers, and how its failures read.

A transport carries packets between this instance and the exchange hub. Sending is told the packet's key (its
natural key, see directives.exchange.models.Packet): the far side treats a second packet with the same key as
already received, so the outbox may send again after any failure and the packet still arrives once.

Two kinds of failure: ``TransportError`` (the hub is unreachable, times out, answers 5xx, refuses our token — the
packet stays queued and is tried again later) and ``TransportRefused`` (the hub answered that this packet itself is
unacceptable — sending it again cannot help, the outbox marks it failed and the clerk sees why).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


class TransportError(Exception):
    """A transient failure: try the packet again later."""


class TransportRefused(TransportError):
    """The hub refused the packet itself (a 4xx about the packet): sending it again would be refused again."""


@dataclass(frozen=True)
class Sent:
    """What the far side said: ``created`` (first time) or ``duplicate`` (this key was already received)."""

    outcome: str
    reference: str = ""


def key_name(key: str) -> str:
    """A file or header-safe name for a packet key (keys hold commas, slashes and Vietnamese letters)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class Transport:
    """The interface: ``send`` one packet, ``fetch`` what waits for us, ``ack`` what we took."""

    name = "base"

    def send(self, key: str, data: bytes, *, to_organ: str = "") -> Sent:  # pragma: no cover - interface
        raise NotImplementedError

    def fetch(self) -> list[tuple[str, bytes]]:  # pragma: no cover - interface
        """Packets waiting for this instance, as (name, bytes); each is acked once taken."""
        raise NotImplementedError

    def ack(self, name: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError
