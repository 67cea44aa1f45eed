"""The recipient side: opening marks a delivery read; acknowledging records receipt (đã tiếp nhận)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from directives.errors import NotAllowed
from directives.models import Delivery
from portal.audit.services import event_record
from portal.org.access import scope_for


def delivery_mark_read(*, actor, delivery: Delivery) -> bool:
    """First opening by a member of the recipient unit; later openings change nothing."""
    if delivery.unit_id not in scope_for(actor).own_unit_ids:
        return False
    with transaction.atomic():
        changed = Delivery.objects.filter(pk=delivery.pk, read_at__isnull=True).update(
            read_at=timezone.now(), read_by=actor
        )
        if changed:
            event_record(actor=actor, action="delivery.read", obj=delivery.document, unit=delivery.unit)
    return bool(changed)


@transaction.atomic
def delivery_acknowledge(*, actor, delivery: Delivery) -> Delivery:
    """Record receipt for the whole recipient unit (any member of it may do so, once)."""
    if delivery.unit_id not in scope_for(actor).own_unit_ids:
        raise NotAllowed("Chỉ thành viên của đơn vị nhận được xác nhận tiếp nhận văn bản.")
    delivery = Delivery.objects.select_for_update().select_related("unit", "document").get(pk=delivery.pk)
    if delivery.acknowledged_at:
        return delivery
    now = timezone.now()
    delivery.acknowledged_at, delivery.acknowledged_by = now, actor
    delivery.read_at = delivery.read_at or now
    delivery.read_by_id = delivery.read_by_id or actor.pk
    delivery.save(update_fields=["acknowledged_at", "acknowledged_by", "read_at", "read_by"])
    event_record(actor=actor, action="delivery.acknowledged", obj=delivery.document, unit=delivery.unit)
    return delivery
