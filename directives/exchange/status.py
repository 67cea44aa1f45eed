"""The status trail both ways.

Sender side — ``status_apply``: a status packet from a recipient reached through the hub updates that
recipient's delivery as an in-portal recipient's own actions would (received → read, registered → acknowledged,
refused → returned with the reason, recall accepted → recall confirmed) and adds a StatusEvent to the trail the
delivery tracking shows («Đã nhận → Đã vào sổ (số đến …) → Đã giao xử lý → Hoàn thành»).

Recipient side — ``status_send``: an entry registered from a hub packet answers each step of its handling with a
status packet to the sender (queued in the outbox inside the step's transaction, once per entry and step), and
records it as an outbound StatusEvent. The steps are picked up by the receivers (directives.exchange.receivers).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from directives.exchange import outbox
from directives.exchange import packet as packets
from directives.exchange.errors import PacketUnsupported
from directives.exchange.models import Direction, Kind, Packet, PacketState, StatusCode, StatusEvent
from directives.handling.models import IncomingEntry
from directives.models import Delivery
from portal.audit.services import event_record
from portal.notifications.services import notify, notify_members
from portal.org.models import Role, Unit

log = logging.getLogger(__name__)

# The words of the trail, as the delivery tracking prints them.
TRAIL_LABELS = {
    StatusCode.RECEIVED: "Đã nhận",
    StatusCode.REFUSED: "Từ chối tiếp nhận",
    StatusCode.REGISTERED: "Đã vào sổ",
    StatusCode.ASSIGNED: "Đã giao xử lý",
    StatusCode.IN_PROGRESS: "Đang xử lý",
    StatusCode.DONE: "Hoàn thành",
    StatusCode.RECALL_REQUESTED: "Đề nghị thu hồi",
    StatusCode.RECALL_ACCEPTED: "Đã thu hồi",
    StatusCode.RECALL_REFUSED: "Từ chối thu hồi",
}


# --- the sender's side ----------------------------------------------------------------------------------------


def delivery_for(*, document_id: str, organ_id: str) -> Delivery | None:
    """The delivery a status answers: the one our document packet with that DocumentId went out for to that organ."""
    sent = (
        Packet.objects.filter(
            direction=Direction.OUT,
            kind=Kind.DOCUMENT,
            edxml_id=document_id,
            to_organ=organ_id,
            delivery__isnull=False,
        )
        .select_related("delivery")
        .order_by("id")
        .first()
    )
    return sent.delivery if sent else None


def _tell_sender(delivery: Delivery, *, kind: str, title: str, body: str, url: str) -> None:
    document = delivery.document
    if document.issuer_id:
        notify_members(
            unit_ids=Unit.objects.filter(pk=document.issuer_id).values("id"),
            roles=[Role.CLERK],
            kind=kind,
            title=title,
            body=body,
            url=url,
        )
    if document.signed_by_id:
        notify(user_ids=[document.signed_by_id], kind=kind, title=title, body=body, url=url)


@transaction.atomic
def status_apply(packet, record: Packet) -> StatusEvent | None:
    """Apply one inbound status packet (D's StatusPacket) to our delivery; None when it answers nothing we sent."""
    sender = getattr(packet, "from_organ", None)
    organ = getattr(sender, "organ_id", "") or record.from_organ
    organ_name = getattr(sender, "name", "")
    document_id = getattr(packet, "document_id", "") or record.edxml_id
    code = getattr(packet, "status", "") or record.status_code
    at = getattr(packet, "at", None) or timezone.now()
    description = getattr(packet, "description", "") or ""
    staff = getattr(packet, "staff", None) or ""
    if isinstance(staff, dict):  # StatusPacket.staff: {"department": …, "staff": …}
        staff = " — ".join(v for v in (staff.get("staff", ""), staff.get("department", "")) if v)
    found = delivery_for(document_id=document_id, organ_id=organ)
    if found is None:
        log.warning("status %s for %s from %s answers no delivery of ours", code, document_id, organ)
        return None
    delivery = (
        Delivery.objects.select_for_update(of=("self",))
        .select_related("unit", "document", "document__issuer")
        .get(pk=found.pk)
    )
    changed: list[str] = []
    if code in (StatusCode.RECEIVED, StatusCode.REGISTERED, StatusCode.ASSIGNED, StatusCode.DONE) and not (
        delivery.read_at
    ):
        delivery.read_at = at
        changed.append("read_at")
    if code == StatusCode.REGISTERED and not delivery.acknowledged_at and not delivery.returned_at:
        delivery.acknowledged_at = at
        changed.append("acknowledged_at")
    if code == StatusCode.REFUSED and not delivery.returned_at:
        delivery.returned_at, delivery.returned_reason = at, description or "Nơi nhận từ chối tiếp nhận."
        changed += ["returned_at", "returned_reason"]
    if code == StatusCode.RECALL_ACCEPTED and not delivery.recall_confirmed_at:
        delivery.recall_confirmed_at = at
        changed.append("recall_confirmed_at")
    if changed:
        delivery.save(update_fields=changed)
    event = StatusEvent.objects.create(
        delivery=delivery,
        direction=Direction.IN,
        code=code,
        at=at,
        organ_id=organ,
        organ_name=(organ_name or delivery.unit.name)[:255],
        staff=staff[:255],
        description=description,
        packet=record,
    )
    document = delivery.document
    event_record(
        actor=None,
        action=f"delivery.hub_{code}",
        obj=document,
        unit=delivery.unit,
        details={
            "delivery": delivery.pk,
            "organ": organ,
            "packet": record.pk,
            "description": description[:500],
        },
    )
    label = document.number_symbol or document.subject[:150]
    url = f"/van-ban/{document.pk}/"
    if code == StatusCode.REFUSED:
        _tell_sender(
            delivery,
            kind="delivery.returned",
            title=f"Văn bản bị trả lại: {label}",
            body=f"{delivery.unit.name} (qua trục liên thông) từ chối tiếp nhận. Lý do: {description}",
            url=url + "?loc=bi-tra-lai",
        )
    elif code == StatusCode.RECALL_ACCEPTED:
        _tell_sender(
            delivery,
            kind="delivery.recall_confirmed",
            title=f"Đã xác nhận thu hồi: {label}",
            body=f"{delivery.unit.name} (qua trục liên thông) xác nhận đã thu hồi văn bản {label}.",
            url=url + "?loc=da-xac-nhan-thu-hoi",
        )
    return event


def trails_for(delivery_ids) -> dict[int, list[StatusEvent]]:
    """The status trail of each delivery (one query for a page of them), oldest step first."""
    trails: dict[int, list[StatusEvent]] = {}
    for event in StatusEvent.objects.filter(delivery_id__in=list(delivery_ids)).order_by("at", "id"):
        if event.delivery_id is not None:
            trails.setdefault(event.delivery_id, []).append(event)
    return trails


# --- the recipient's side -------------------------------------------------------------------------------------


def hub_origin(entry: IncomingEntry) -> Packet | None:
    """The accepted inbound document packet an entry was registered from (None for an entry of this portal)."""
    return (
        Packet.objects.filter(
            direction=Direction.IN, kind=Kind.DOCUMENT, entry=entry, state=PacketState.ACCEPTED
        )
        .order_by("id")
        .first()
    )


def _queue_status(
    *,
    entry: IncomingEntry | None,
    edxml_id: str,
    code: str,
    at: dt.datetime,
    from_organ: str,
    to_organ: str,
    staff: str = "",
    description: str = "",
    organ_name: str = "",
) -> Packet:
    """The status packet and its outbound StatusEvent; the packet's bytes are built and signed at its first send
    from the event (outbox), so a step never fails for the signing key, and every retry sends the same bytes."""
    sent = outbox.outbox_enqueue(
        data=None,
        key=f"{edxml_id}|{code}|{from_organ}|{at.astimezone(dt.UTC).isoformat()}",
        to_organ=to_organ,
        kind=Kind.STATUS,
        entry=entry,
        document_id=edxml_id,
        from_organ=from_organ,
        status_code=code,
    )
    StatusEvent.objects.get_or_create(
        packet=sent,
        direction=Direction.OUT,
        defaults={
            "entry": entry,
            "code": code,
            "at": at,
            "organ_id": to_organ,
            "organ_name": organ_name[:255],
            "staff": staff[:255],
            "description": description,
        },
    )
    return sent


def status_send(
    *,
    entry: IncomingEntry,
    code: str,
    at: dt.datetime | None = None,
    staff: str = "",
    description: str = "",
    origin: Packet | None = None,
    once: bool = True,
) -> Packet | None:
    """Queue the status packet answering ``entry``'s step ``code`` to the organisation that sent it, inside the
    caller's transaction; None for an entry that did not come through the hub (or a step already answered)."""
    origin = origin or hub_origin(entry)
    if origin is None or not origin.from_organ:
        return None
    if once and StatusEvent.objects.filter(entry=entry, direction=Direction.OUT, code=code).exists():
        return None
    header = origin.header if isinstance(origin.header, dict) else {}
    sender: dict = header.get("from") or {} if isinstance(header.get("from"), dict) else {}
    return _queue_status(
        entry=entry,
        edxml_id=origin.edxml_id,
        code=code,
        at=at or timezone.now(),
        from_organ=packets.organ_id_for(entry.unit) or origin.to_organ,
        to_organ=origin.from_organ,
        staff=staff,
        description=description,
        organ_name=str(sender.get("name", "")),
    )


def status_refuse(*, record: Packet, code: str = StatusCode.REFUSED) -> Packet | None:
    """Answer a refused inbound document packet with a "refused" status (its reason) to the sender, once; not
    when it named no unit of ours (there is no body here to answer for)."""
    if not record.from_organ or not record.edxml_id or not record.to_organ:
        return None
    unit = packets.unit_for_organ_id(record.to_organ)
    if unit is None or unit.exchange_hub:  # not a unit hosted here: nobody here answers for it
        return None
    return _queue_status(
        entry=None,
        edxml_id=record.edxml_id,
        code=code,
        at=record.created_at or timezone.now(),
        from_organ=record.to_organ,
        to_organ=record.from_organ,
        description=record.refusal_reason or "Gói tin không hợp lệ.",
    )


def status_packet_bytes(packet: Packet) -> bytes:
    """Build and sign an outbound status packet from its StatusEvent (called by the outbox at the first send)."""
    event = (
        StatusEvent.objects.select_related("entry__unit")
        .filter(packet=packet, direction=Direction.OUT)
        .first()
    )
    if event is None:
        raise PacketUnsupported("Gói tin trạng thái không còn bước xử lý tương ứng; không dựng được gói tin.")
    unit = event.entry.unit if event.entry is not None else packets.unit_for_organ_id(packet.from_organ)
    if unit is None:
        raise PacketUnsupported(f"Không có đơn vị mang mã {packet.from_organ} để ký gói tin trạng thái.")
    return packets.build_status_packet(
        document_id=packet.edxml_id,
        from_unit=unit,
        to_organ=packet.to_organ,
        status=packet.status_code,
        at=event.at,
        staff=event.staff,
        description=event.description,
    )
