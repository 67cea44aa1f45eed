"""Taking what the transport holds for this instance: each packet goes to the receive service, then is acked.

A packet the portal refuses (malformed, badly signed, for nobody here, a duplicate) is acked too — the refusal is
recorded and answered by the receive service, and offering it again would change nothing. A failure that is not a
refusal (the database went away mid-way) leaves the packet un-acked for the next poll; the receive service knows
a packet it already took by its key, so taking it twice registers nothing twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from directives.exchange.errors import ExchangeRefused
from directives.exchange.services import receive
from directives.exchange.transports import Transport, TransportError, get_transport

log = logging.getLogger(__name__)


@dataclass
class PollResult:
    received: int = 0
    refused: int = 0
    left: int = 0


def inbox_poll_run(*, transport: Transport | None = None) -> PollResult:
    result = PollResult()
    transport = transport or get_transport()
    for name, data in transport.fetch():
        try:
            receive.packet_receive(data, via=transport.name)
            result.received += 1
        except ExchangeRefused as exc:
            log.info("exchange packet %s refused: %s", name, exc)
            result.refused += 1
        except Exception:  # noqa: BLE001 - anything else: keep the packet for the next poll
            log.exception("exchange packet %s not received; left for the next poll", name)
            result.left += 1
            continue
        try:
            transport.ack(name)
        except TransportError as exc:  # offered again next time: received once by its key
            log.warning("exchange packet %s not acked: %s", name, exc)
    return result
