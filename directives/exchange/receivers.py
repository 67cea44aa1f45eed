"""What the exchange does when something happens below it (helper E, issue 18).

Sending: a document issued to units reached through the hub (``Unit.exchange_hub``) queues one document packet per
such recipient in the issuing transaction (business type "new", or "replace" when it replaces an earlier
document); a recall queues a "recall" packet to each of them and opens the recall step of their trail. The packet's
bytes are built at its first send, once the issued PDF exists (directives.exchange.outbox).

Answering: on this side, an entry registered from a hub packet answers its steps with status packets — received
and registered when the packet is accepted (refused when it is not), assigned on the leader's instruction, in
progress on the first progress note, done when the entry is done, and the recall accepted. The steps are read from
the audit events the handling services record in their own transactions, so the status packet is queued exactly
when the step is.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.utils import timezone

from directives.exchange import outbox, status
from directives.exchange import packet as packets
from directives.exchange.models import (
    BusinessType,
    Direction,
    Kind,
    Packet,
    PacketState,
    StatusCode,
    StatusEvent,
)
from directives.handling.models import Assignment, IncomingEntry
from directives.models import Delivery, RelationKind
from directives.services.signing import document_issued, document_revoked
from portal.audit.models import Event


def _hub_deliveries(document):
    return Delivery.objects.filter(document=document, unit__exchange_hub=True).select_related("unit")


def _queue_document(document, *, business_type: str, actor) -> list[Packet]:
    ident = packets.document_ident(document)
    sender = packets.organ_id_for(document.issuer, document.issue_date)
    queued = []
    for delivery in _hub_deliveries(document):
        to_organ = packets.organ_id_for(delivery.unit)
        if not to_organ:
            continue  # no code: the unit cannot be reached; the issuer's page says so (no packet)
        queued.append(
            outbox.outbox_enqueue(
                data=None,
                key=f"{ident}|{business_type}|{to_organ}",
                to_organ=to_organ,
                kind=Kind.DOCUMENT,
                document=document,
                delivery=delivery,
                document_id=ident,
                from_organ=sender,
                business_type=business_type,
                actor=actor,
            )
        )
    return queued


def send_on_document_issued(sender, *, document, actor, **kwargs) -> None:
    replaces = document.relations_out.filter(kind=RelationKind.REPLACES).exists()
    _queue_document(
        document, business_type=BusinessType.REPLACE if replaces else BusinessType.NEW, actor=actor
    )


def send_on_document_revoked(sender, *, document, actor, reason="", **kwargs) -> None:
    now = timezone.now()
    for packet in _queue_document(document, business_type=BusinessType.RECALL, actor=actor):
        StatusEvent.objects.get_or_create(
            delivery=packet.delivery,
            direction=Direction.OUT,
            code=StatusCode.RECALL_REQUESTED,
            defaults={"at": now, "organ_id": packet.to_organ, "description": reason, "packet": packet},
        )


document_issued.connect(send_on_document_issued, dispatch_uid="exchange.send_on_document_issued")
document_revoked.connect(send_on_document_revoked, dispatch_uid="exchange.send_on_document_revoked")


# --- the recipient's answers ----------------------------------------------------------------------------------

# Audit action → (status answered, how to reach the entry from the event's object).
STEPS = {
    "incoming.instructed": StatusCode.ASSIGNED,
    "task.noted": StatusCode.IN_PROGRESS,
    "incoming.done": StatusCode.DONE,
}


def _staff(event: Event) -> str:
    actor = event.actor
    return (actor.get_full_name() or actor.get_username()) if actor else ""


def answer_step(sender, instance: Event, created: bool, **kwargs) -> None:
    code = STEPS.get(instance.action)
    if not created or code is None:
        return
    if instance.object_type == "handling.incomingentry":
        entry = IncomingEntry.objects.filter(pk=instance.object_id).select_related("unit").first()
    elif instance.object_type == "handling.assignment":
        entry_id = Assignment.objects.filter(pk=instance.object_id).values_list("entry_id", flat=True).first()
        entry = IncomingEntry.objects.filter(pk=entry_id).select_related("unit").first() if entry_id else None
    else:
        entry = None
    if entry is None:
        return
    status.status_send(entry=entry, code=code, at=instance.created_at, staff=_staff(instance))


def answer_packet(sender, instance: Packet, created: bool, **kwargs) -> None:
    """An inbound document packet accepted (received, registered; a recall: accepted) or refused."""
    if instance.direction != Direction.IN or instance.kind != Kind.DOCUMENT or not instance.from_organ:
        return
    recall = instance.business_type == BusinessType.RECALL
    if instance.state == PacketState.ACCEPTED and instance.entry_id:
        entry = instance.entry
        if recall:
            status.status_send(
                entry=entry, code=StatusCode.RECALL_ACCEPTED, origin=status.hub_origin(entry) or instance
            )
            return
        status.status_send(
            entry=entry,
            code=StatusCode.RECEIVED,
            at=min(entry.arrived_at, entry.registered_at),
            origin=instance,
        )
        status.status_send(
            entry=entry,
            code=StatusCode.REGISTERED,
            at=entry.registered_at,
            origin=instance,
            description=f"số đến {entry.number_label}/{entry.year}",
        )
    elif instance.state == PacketState.REFUSED and instance.edxml_id:
        status.status_refuse(
            record=instance, code=StatusCode.RECALL_REFUSED if recall else StatusCode.REFUSED
        )


post_save.connect(answer_step, sender=Event, dispatch_uid="exchange.answer_step")
post_save.connect(answer_packet, sender=Packet, dispatch_uid="exchange.answer_packet")
