"""The recipient side: opening marks a delivery read; acknowledging records receipt (đã tiếp nhận); the
receiving clerk returns a document whose digital signatures fail the check (trả lại văn bản) and confirms that the
copy of a recalled document is withdrawn (xác nhận thu hồi)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from directives import access, selectors
from directives.errors import DeliveryAlreadyReturned, DeliveryRefused, NotAllowed, RecallAlreadyConfirmed
from directives.models import Delivery, Status
from portal.audit.services import event_record
from portal.notifications.services import notify, notify_members
from portal.org.access import scope_for
from portal.org.models import Role, Unit


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
    if delivery.returned_at:
        raise DeliveryAlreadyReturned("Văn bản đã được trả lại cho nơi gửi; không xác nhận tiếp nhận được.")
    now = timezone.now()
    delivery.acknowledged_at, delivery.acknowledged_by = now, actor
    delivery.read_at = delivery.read_at or now
    delivery.read_by_id = delivery.read_by_id or actor.pk
    delivery.save(update_fields=["acknowledged_at", "acknowledged_by", "read_at", "read_by"])
    event_record(actor=actor, action="delivery.acknowledged", obj=delivery.document, unit=delivery.unit)
    return delivery


@transaction.atomic
def delivery_return(*, actor, delivery: Delivery, reason: str) -> Delivery:
    """The receiving unit's clerk returns a document that fails the check of its digital signatures
    (Nghị định 30/2020, Art. 21.2: the clerk checks authenticity and integrity and returns what fails).

    The file is checked here again, not taken from the page: a document whose signatures are all valid is
    refused (DeliveryRefused), and so is a return by anyone but a clerk of the receiving unit (NotAllowed), one
    without a reason, or a second return (DeliveryAlreadyReturned). The sender's clerks and the signer are told
    why; event ``delivery.returned``.
    """
    if not access.can_return_delivery(actor, delivery):
        raise NotAllowed("Chỉ văn thư của đơn vị nhận được trả lại văn bản.")
    reason = (reason or "").strip()
    if not reason:
        raise DeliveryRefused("Hãy ghi lý do trả lại văn bản.", field="reason")
    delivery = (
        Delivery.objects.select_for_update(of=("self",))
        .select_related("unit", "document", "document__issuer")
        .get(pk=delivery.pk)
    )
    if delivery.returned_at:
        raise DeliveryAlreadyReturned("Văn bản này đã được trả lại.")
    document = delivery.document
    check = selectors.document_signatures(document)
    if check is None or not check.fails_receipt():
        raise DeliveryRefused(
            "Chữ ký số của văn bản hợp lệ; chỉ trả lại văn bản không qua được kiểm tra chữ ký số."
        )
    delivery.returned_at, delivery.returned_by, delivery.returned_reason = timezone.now(), actor, reason
    delivery.save(update_fields=["returned_at", "returned_by", "returned_reason"])
    event_record(
        actor=actor,
        action="delivery.returned",
        obj=document,
        unit=delivery.unit,
        details={"reason": reason, "check": check.summary_vi(), "sha256": check.sha256},
    )
    title = f"Văn bản bị trả lại: {document.number_symbol or document.subject[:150]}"
    body = f"{delivery.unit.name} trả lại văn bản. Lý do: {reason}"
    url = f"/van-ban/{document.pk}/?loc=bi-tra-lai"
    if document.issuer_id:
        notify_members(
            unit_ids=Unit.objects.filter(pk=document.issuer_id).values("id"),
            roles=[Role.CLERK],
            kind="delivery.returned",
            title=title,
            body=body,
            url=url,
        )
    if document.signed_by_id:
        notify(user_ids=[document.signed_by_id], kind="delivery.returned", title=title, body=body, url=url)
    return delivery


@transaction.atomic
def delivery_recall_confirm(*, actor, delivery: Delivery) -> Delivery:
    """The receiving unit's clerk confirms that its copy of a recalled document is withdrawn (thu hồi văn bản,
    Nghị định 30/2020 Art. 18.4b): recorded once for the unit, with who and when; the issuing unit's signer and
    clerks are told, and the issuer's page counts the confirmations.

    Refuses anyone but a clerk of the receiving unit (NotAllowed), a document that is not recalled and a copy
    returned to the sender (DeliveryRefused), and a second confirmation (RecallAlreadyConfirmed, 409).
    Event ``delivery.recall_confirmed``."""
    if delivery is None or not scope_for(actor).has_role(delivery.unit_id, Role.CLERK):
        raise NotAllowed("Chỉ văn thư của đơn vị nhận được xác nhận thu hồi văn bản.")
    delivery = (
        Delivery.objects.select_for_update(of=("self",))
        .select_related("unit", "document", "document__issuer")
        .get(pk=delivery.pk)
    )
    document = delivery.document
    if document.status != Status.REVOKED:
        raise DeliveryRefused("Văn bản chưa bị nơi ban hành thu hồi; không có gì để xác nhận.")
    if delivery.recall_confirmed_at:
        when = timezone.localtime(delivery.recall_confirmed_at).strftime("%H:%M ngày %d/%m/%Y")
        raise RecallAlreadyConfirmed(f"Đơn vị đã xác nhận thu hồi văn bản này lúc {when}.")
    if delivery.returned_at:
        raise DeliveryRefused("Văn bản đã được trả lại cho nơi gửi; không cần xác nhận thu hồi.")
    delivery.recall_confirmed_at, delivery.recall_confirmed_by = timezone.now(), actor
    delivery.save(update_fields=["recall_confirmed_at", "recall_confirmed_by"])
    event_record(
        actor=actor,
        action="delivery.recall_confirmed",
        obj=document,
        unit=delivery.unit,
        details={"delivery": delivery.pk},
    )
    label = document.number_symbol or document.subject[:150]
    title = f"Đã xác nhận thu hồi: {label}"
    body = f"{delivery.unit.name} xác nhận đã thu hồi văn bản {label}."
    url = f"/van-ban/{document.pk}/?loc=da-xac-nhan-thu-hoi"
    if document.issuer_id:
        notify_members(
            unit_ids=Unit.objects.filter(pk=document.issuer_id).values("id"),
            roles=[Role.CLERK],
            kind="delivery.recall_confirmed",
            title=title,
            body=body,
            url=url,
        )
    if document.signed_by_id:
        notify(
            user_ids=[document.signed_by_id],
            kind="delivery.recall_confirmed",
            title=title,
            body=body,
            url=url,
        )
    return delivery
