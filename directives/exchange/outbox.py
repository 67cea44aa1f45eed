"""The outbox: packets leave through the transport after the transaction that made them commits, and each
arrives once.

``outbox_enqueue`` records the packet (state "queued") inside the caller's transaction — issuing a document, a
recipient's step — so a packet exists exactly when what it reports does; the same key twice gives the packet
already queued. After commit the ``exchange.outbox_flush`` task is published (and beat publishes it every
EXCHANGE_SWEEP_SECONDS, which catches up whatever a broker outage dropped).

``outbox_flush_run`` claims due queued packets in batches (SELECT … FOR UPDATE SKIP LOCKED: two workers never send
the same packet at once) and hands each to the transport with its key. The hub treats a repeat of a key as already
received, so a packet sent again after a crash between the send and the commit is still delivered once.

- Sent (or "already received"): state "sent", sent_at.
- A transient failure (hub down, timeout, 5xx): the packet stays "queued" with attempts + 1, last_error and
  next_attempt_at = now + base·2^(attempts−1) seconds (at most EXCHANGE_RETRY_MAX_SECONDS); the run stops there —
  the hub is likely down for the rest of the batch too — and the next tick tries again.
- The hub refused the packet itself: state "failed" with the reason, the sender's clerks are told.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from directives.exchange import packet as packets
from directives.exchange import status  # a cycle by design: status queues here, the outbox builds from there
from directives.exchange import tasks as exchange_tasks  # a cycle by design: the tasks call back in here
from directives.exchange.errors import ExchangeRefused
from directives.exchange.models import BusinessType, Direction, Kind, Packet, PacketState
from directives.exchange.transports import (
    Transport,
    TransportRefused,
    get_transport,
    key_name,
)
from portal.audit.services import event_record
from portal.lib.queue import enqueue_on_commit
from portal.notifications.services import notify, notify_members
from portal.org.models import Role, Unit

log = logging.getLogger(__name__)


def retry_delay(attempts: int) -> dt.timedelta:
    """How long a packet waits after its n-th failed attempt: exponential, capped."""
    base = int(getattr(settings, "EXCHANGE_RETRY_BASE_SECONDS", 30))
    cap = int(getattr(settings, "EXCHANGE_RETRY_MAX_SECONDS", 3600))
    return dt.timedelta(seconds=min(cap, base * 2 ** max(0, min(attempts - 1, 30))))


def flush_soon() -> None:
    """Publish the flush once the current transaction commits (a broker outage is left to beat's tick)."""
    enqueue_on_commit(exchange_tasks.outbox_flush, queue=getattr(settings, "EXCHANGE_QUEUE", None))


def outbox_enqueue(
    *,
    data: bytes | None,
    key: str,
    to_organ: str,
    kind: str,
    document=None,
    delivery=None,
    entry=None,
    document_id: str = "",
    from_organ: str = "",
    business_type: str = "",
    status_code: str = "",
    actor=None,
) -> Packet:
    """Queue one outbound packet inside the caller's transaction; a key already queued returns that packet.

    ``data`` None: a document packet whose bytes are built at its first send (by then the issued PDF, its main
    attachment, is stored), then kept — every later attempt sends the same bytes."""
    existing = Packet.objects.filter(direction=Direction.OUT, key=key).first()
    if existing is not None:
        return existing
    now = timezone.now()
    packet = Packet(
        direction=Direction.OUT,
        kind=kind,
        key=key,
        edxml_id=document_id,
        from_organ=from_organ,
        to_organ=to_organ,
        business_type=business_type,
        status_code=status_code,
        sha256=hashlib.sha256(data).hexdigest() if data is not None else "",
        size=len(data) if data is not None else 0,
        state=PacketState.QUEUED,
        next_attempt_at=now,
        created_at=now,  # the payload's folder is named by it, before the row exists
        document=document,
        delivery=delivery,
        entry=entry,
    )
    if data is not None:
        packet.payload.save(f"{key_name(key)}.xml", ContentFile(data), save=False)
    try:
        with (
            transaction.atomic()
        ):  # a savepoint: a concurrent enqueue of the same key wins, the caller goes on
            packet.save()
    except IntegrityError:
        if packet.payload:
            packet.payload.delete(save=False)
        return Packet.objects.get(direction=Direction.OUT, key=key)
    event_record(
        actor=actor,
        action="exchange.packet_queued",
        obj=packet,
        unit=_unit_of(packet),
        details={"key": key, "kind": kind, "to": to_organ, "size": packet.size},
    )
    flush_soon()
    return packet


def _unit_of(packet: Packet):
    """The unit on whose behalf the packet goes out: the document's issuer, or the unit of the entry answered."""
    if packet.entry is not None:
        return packet.entry.unit
    if packet.document is not None:
        return packet.document.issuer
    return None


@dataclass
class FlushResult:
    sent: int = 0
    duplicates: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.duplicates + self.retried + self.failed


def _due(now: dt.datetime):
    return (
        Packet.objects.filter(direction=Direction.OUT, state=PacketState.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("next_attempt_at", "id")
    )


def _tell_failed(packet: Packet, reason: str) -> None:
    """The sending unit's clerks (and the document's signer) see that the hub refused the packet, and why."""
    unit = _unit_of(packet)
    document = packet.document if packet.document_id else None
    label = (document.number_symbol if document else "") or packet.edxml_id or packet.key
    title = f"Trục liên thông từ chối gói tin: {label}"[:255]
    body = f"Gửi đến {packet.to_organ}. Lý do: {reason}"
    url = f"/van-ban/{document.pk}/" if document else ""
    if unit is not None:
        notify_members(
            unit_ids=Unit.objects.filter(pk=unit.pk).values("id"),
            roles=[Role.CLERK],
            kind="exchange.packet_failed",
            title=title,
            body=body,
            url=url,
        )
    if document is not None and document.signed_by_id:
        notify(
            user_ids=[document.signed_by_id], kind="exchange.packet_failed", title=title, body=body, url=url
        )


def _payload(packet: Packet) -> bytes:
    """The bytes to send: as stored, or built now (the first send) and stored — every retry sends the same bytes."""
    if packet.payload:
        with packet.payload.open("rb") as fh:
            return fh.read()
    if packet.kind == Kind.STATUS:
        data = status.status_packet_bytes(packet)
    else:
        document = packet.document
        if document is None or packet.delivery is None:
            raise ExchangeRefused("Văn bản hoặc nơi nhận của gói tin không còn; không dựng được gói tin.")
        reason = document.revoked_reason if packet.business_type == BusinessType.RECALL else ""
        data = packets.build_document_packet(
            document, to_unit=packet.delivery.unit, business_type=packet.business_type, reason=reason
        )
    packet.payload.save(f"{key_name(packet.key)}.xml", ContentFile(data), save=False)
    packet.sha256, packet.size = hashlib.sha256(data).hexdigest(), len(data)
    packet.save(update_fields=["payload", "sha256", "size"])
    return data


def _send_one(packet: Packet, transport: Transport, result: FlushResult) -> bool:
    """Send one claimed packet and record the outcome; False when the run should stop (transient failure)."""
    now = timezone.now()
    packet.attempts += 1
    try:
        data = _payload(packet)
        sent = transport.send(packet.key, data, to_organ=packet.to_organ)
    except (TransportRefused, ExchangeRefused) as exc:
        packet.state, packet.last_error, packet.refusal_reason = PacketState.FAILED, str(exc), str(exc)
        packet.next_attempt_at = None
        packet.save(update_fields=["state", "attempts", "last_error", "refusal_reason", "next_attempt_at"])
        event_record(
            actor=None,
            action="exchange.packet_failed",
            obj=packet,
            unit=_unit_of(packet),
            details={"key": packet.key, "reason": str(exc)},
        )
        _tell_failed(packet, str(exc))
        result.failed += 1
        return True
    except Exception as exc:  # noqa: BLE001 - transient (hub down, timeout, 5xx) or a build that may work later
        packet.last_error = str(exc)[:2000] or exc.__class__.__name__
        packet.next_attempt_at = now + retry_delay(packet.attempts)
        packet.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        log.warning("exchange packet %s not sent (attempt %s): %s", packet.key, packet.attempts, exc)
        result.retried += 1
        return False
    packet.state, packet.sent_at, packet.last_error, packet.next_attempt_at = PacketState.SENT, now, "", None
    packet.save(update_fields=["state", "sent_at", "attempts", "last_error", "next_attempt_at"])
    event_record(
        actor=None,
        action="exchange.packet_sent",
        obj=packet,
        unit=_unit_of(packet),
        details={"key": packet.key, "to": packet.to_organ, "hub": sent.outcome, "reference": sent.reference},
    )
    if sent.outcome == "duplicate":
        result.duplicates += 1
    else:
        result.sent += 1
    return True


def outbox_flush_run(*, batch_size: int | None = None, transport: Transport | None = None) -> FlushResult:
    """Send every due queued packet, a batch per transaction; stops at the first transient failure."""
    size = batch_size or int(getattr(settings, "EXCHANGE_FLUSH_BATCH", 50))
    result = FlushResult()
    transport = transport or get_transport()
    while True:
        with transaction.atomic():
            batch = list(
                _due(timezone.now())
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("document", "document__issuer", "delivery__unit", "entry__unit")[:size]
            )
            going = all(_send_one(packet, transport, result) for packet in batch)
        if not going or len(batch) < size:
            return result
