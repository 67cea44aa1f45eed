"""The demo's status trail (helper E, issue 18): a document the demo issued to a unit reached through the hub
(Sở Ngoại vụ) is answered as that unit's own system would — received, registered with its incoming number, assigned
— by signed status packets that come in through the receive service, so the issuer's delivery tracking shows
«Qua trục liên thông: Đã nhận → Đã vào sổ (số đến …) → Đã giao xử lý». Idempotent: a delivery with a trail is
left alone."""

from __future__ import annotations

import datetime as dt
import logging

from directives.exchange import packet
from directives.exchange.errors import ExchangeRefused
from directives.exchange.models import Direction, Kind, Packet, StatusEvent
from directives.exchange.services.receive import packet_receive

log = logging.getLogger(__name__)

# (status, minutes after delivery, description)
ANSWERS = [
    ("received", 12, ""),
    ("registered", 47, "số đến {number:02d}/{year}"),
    ("assigned", 26 * 60, "Giao Phòng Hợp tác quốc tế chủ trì"),
]


def demo_trail_build() -> int:
    """Answer each demo document packet sent to a hub unit; returns how many status packets came in."""
    received = 0
    sent = Packet.objects.filter(
        direction=Direction.OUT, kind=Kind.DOCUMENT, delivery__isnull=False
    ).select_related("delivery__unit", "document")
    for number, out in enumerate(sent, start=15):
        delivery = out.delivery
        if delivery is None or StatusEvent.objects.filter(delivery=delivery, direction=Direction.IN).exists():
            continue
        for code, minutes, description in ANSWERS:
            at = delivery.delivered_at + dt.timedelta(minutes=minutes)
            data = packet.build_status_packet(
                document_id=out.edxml_id,
                from_unit=delivery.unit,
                to_organ=out.from_organ,
                status=code,
                at=at,
                staff="Văn thư Sở Ngoại vụ",
                description=description.format(number=number, year=at.year),
            )
            try:
                packet_receive(data, via="demo")
                received += 1
            except ExchangeRefused as refusal:  # the demo goes on; the log says why
                log.warning("demo status %s for %s refused: %s", code, out.edxml_id, refusal)
    return received
