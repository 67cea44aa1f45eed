"""Receiving a packet from the hub (or by hand: the command, the API): ``packet_receive``.

A document packet is checked (size, XML, XSD, XML signature: ``packet.parse_packet``), then in one transaction the
inbound ``Packet`` is recorded with its bytes and the document is registered in the incoming register of the unit
named by To/OrganId — sender from From, number-symbol from Code, date, type, subject, handling due date; the signer,
priority and every other header field are kept on the packet (``Packet.header``) — with its files (the signed PDF
as the entry's scan; every PDF and Word file, also zipped, as the entry's files) and the verification of the PDF's
signatures (``Packet.pdf_signatures``). The entry's number is the unit's next incoming number; the hub is the one
who registers it (a service account, «Trục liên thông»), and the unit's leaders are told as for any entry.

A packet received twice (same key: DocumentId, business type, recipient) registers nothing twice: it is recorded
as "duplicate" and refused with PacketDuplicate naming the entry that holds it. A refused packet is recorded as
"refused" with its reason (nothing else written) and answered by a status packet "refused" (the exchange's
receivers queue it when they see the record). A recall packet marks the entry it recalls as the in-portal recall
does (state «Đã bị thu hồi», its open tasks cancelled). A status packet goes to ``status.status_apply``.
"""

from __future__ import annotations

import hashlib
import logging

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from directives.exchange import packet as packets
from directives.exchange import status
from directives.exchange.access import can_import_for
from directives.exchange.errors import (
    ExchangeRefused,
    NotAllowed,
    PacketDuplicate,
    PacketRecipientUnknown,
    PacketUnsupported,
)
from directives.exchange.models import BusinessType, Direction, Kind, Packet, PacketFile, PacketState
from directives.handling.models import (
    Assignment,
    AssignmentState,
    EntryState,
    ExtensionRequest,
    ExtensionState,
    IncomingEntry,
)
from directives.models import DocType
from directives.numbering import next_incoming_number
from portal.audit.services import event_record
from portal.notifications.services import notify, notify_members
from portal.org.models import Role, Unit
from portal.signing.pdf import verification

log = logging.getLogger(__name__)

#: The service account the hub registers and recalls entries as (never logs in).
HUB_USERNAME = "truc-lien-thong"


def hub_user():
    user, created = get_user_model().objects.get_or_create(
        username=HUB_USERNAME, defaults={"first_name": "Trục liên thông", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _file_name(record: Packet) -> str:
    return f"{record.sha256[:16]}.xml"


def _refuse(
    data: bytes, refusal: ExchangeRefused, *, via: str, known: dict[str, str] | None = None
) -> Packet:
    """Record the refusal (its own transaction: it stays when the caller's work is rolled back)."""
    digest = hashlib.sha256(data).hexdigest()
    about = known if known is not None else packets.read_unverified(data)
    key = f"refused|{digest}"
    with transaction.atomic():
        existing = Packet.objects.filter(direction=Direction.IN, key=key).first()
        if existing is not None:
            return existing
        record = Packet(
            direction=Direction.IN,
            kind=Kind.DOCUMENT,
            key=key,
            sha256=digest,
            size=len(data),
            state=PacketState.REFUSED,
            refusal_reason=refusal.message,
            via=via,
            edxml_id=about.get("edxml_id", ""),
            from_organ=about.get("from_organ", ""),
            to_organ=about.get("to_organ", ""),
            business_type=about.get("business_type", ""),
            header={"refusal_code": refusal.code},
        )
        record.payload.save(_file_name(record), ContentFile(data), save=False)
        record.save()
        event_record(
            actor=None,
            action="exchange.refused",
            obj=record,
            unit=None,
            details={"code": refusal.code, "reason": refusal.message, "via": via, "sha256": digest},
        )
    return record


def packet_receive(data: bytes, *, via: str, actor=None) -> Packet:
    """Receive one packet; returns the recorded Packet (accepted). Raises the refusal (ExchangeRefused subclasses:
    malformed, too large, schema, signature, unknown recipient, unsupported; PacketDuplicate, 409) after recording
    it. ``actor``: the person who imported it by hand (must keep the register of the recipient unit), None for the
    hub and the command."""
    try:
        parsed = packets.parse_packet(data)
    except ExchangeRefused as refusal:
        refusal.packet = _refuse(data, refusal, via=via)  # type: ignore[attr-defined]
        raise
    if isinstance(parsed, packets.StatusPacket):
        return _status_receive(data, parsed, via=via)
    known = {
        "edxml_id": parsed.document_id[:255],
        "from_organ": parsed.from_organ.organ_id[:64],
        "to_organ": parsed.to[0].organ_id[:64] if parsed.to else "",
        "business_type": parsed.business_type,
    }
    try:
        unit, to_organ = _recipient(parsed)
        if actor is not None and not can_import_for(actor, unit):
            raise NotAllowed("Chỉ văn thư hoặc quản trị của đơn vị nhận được nhập gói tin gửi cho đơn vị.")
        known["to_organ"] = to_organ
        with transaction.atomic():
            return _document_receive(data, parsed, unit=unit, to_organ=to_organ, via=via, actor=actor)
    except PacketDuplicate:
        raise
    except NotAllowed:
        raise
    except ExchangeRefused as refusal:
        refusal.packet = _refuse(data, refusal, via=via, known=known)  # type: ignore[attr-defined]
        raise


def _recipient(parsed: packets.DocumentPacket) -> tuple[Unit, str]:
    for organ in parsed.to:
        unit = packets.unit_for_organ_id(organ.organ_id)
        if unit is not None and not getattr(unit, "exchange_hub", False):
            return unit, organ.organ_id
    names = ", ".join(f"{o.organ_id} ({o.name})" for o in parsed.to)
    raise PacketRecipientUnknown(f"Không có đơn vị nào trên hệ thống này mang mã định danh nơi nhận {names}.")


def _duplicate(held: Packet) -> PacketDuplicate:
    entry = held.entry
    where = (
        f"văn bản đến số {entry.number_label}/{entry.year}" if entry is not None else f"gói tin #{held.pk}"
    )
    refusal = PacketDuplicate(f"Gói tin này đã được tiếp nhận trước đó ({where}); không vào sổ lần nữa.")
    refusal.held = held  # type: ignore[attr-defined]
    return refusal


def _record_duplicate(data: bytes, held: Packet, *, via: str) -> Packet:
    digest = hashlib.sha256(data).hexdigest()
    n = Packet.objects.filter(direction=Direction.IN, key__startswith=f"{held.key}#dup").count() + 1
    record = Packet(
        direction=Direction.IN,
        kind=held.kind,
        key=f"{held.key}#dup{n}"[:255],
        edxml_id=held.edxml_id,
        from_organ=held.from_organ,
        to_organ=held.to_organ,
        business_type=held.business_type,
        status_code=held.status_code,
        sha256=digest,
        size=len(data),
        state=PacketState.DUPLICATE,
        via=via,
        entry=held.entry,
        refusal_reason=f"Trùng gói tin #{held.pk}",
    )
    record.payload.save(_file_name(record), ContentFile(data), save=False)
    record.save()
    return record


def _document_receive(
    data: bytes, parsed: packets.DocumentPacket, *, unit: Unit, to_organ: str, via: str, actor
) -> Packet:
    key = parsed.key_for(to_organ)[:255]
    held = Packet.objects.filter(direction=Direction.IN, key=key).select_related("entry").first()
    if held is not None:
        refusal = _duplicate(held)
        with transaction.atomic():
            refusal.packet = _record_duplicate(data, held, via=via)  # type: ignore[attr-defined]
        raise refusal
    if parsed.business_type == BusinessType.RECALL:
        return _recall_receive(data, parsed, unit=unit, key=key, via=via, actor=actor)
    files = packets.kept_files(parsed.attachments)
    registrar = actor or hub_user()
    arrived = timezone.now()
    document_date = parsed.promulgation_date if parsed.promulgation_date <= timezone.localdate() else None
    doc_type = parsed.type_name or (
        DocType(parsed.type_detail).label if parsed.type_detail in DocType.values else ""
    )
    sender_unit = packets.unit_for_organ_id(parsed.from_organ.organ_id)
    entry = IncomingEntry(
        unit=unit,
        arrived_at=arrived,
        sender_unit=sender_unit,
        sender_name=(parsed.from_organ.name or parsed.from_organ.organ_id)[:255],
        number_symbol=parsed.number_symbol[:80],
        document_date=document_date,
        doc_type=doc_type[:40],
        subject=(parsed.subject or parsed.content or "(không có trích yếu)")[:500],
        pages=_pages(parsed.page_amount),
        handling_due=parsed.due_date,
        registered_by=registrar,
        via_hub=True,
    )
    entry.year = timezone.localdate().year
    entry.number = next_incoming_number(unit=unit, year=entry.year)
    entry.save()
    main = next((f for f in files if f.name.lower().endswith(".pdf")), None)
    if main is not None:
        entry.scan.save(f"{entry.number:02d}-{main.name}", ContentFile(main.data), save=False)
        entry.scan_name, entry.scan_size = main.name[:255], len(main.data)
        entry.save(update_fields=["scan", "scan_name", "scan_size"])
    record = Packet(
        direction=Direction.IN,
        kind=Kind.DOCUMENT,
        key=key,
        edxml_id=parsed.document_id[:255],
        from_organ=parsed.from_organ.organ_id[:64],
        to_organ=to_organ[:64],
        business_type=parsed.business_type,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        state=PacketState.ACCEPTED,
        via=via,
        header=parsed.header_json(),
        pdf_signatures=_pdf_signatures(main.data) if main is not None else {},
        entry=entry,
    )
    record.payload.save(_file_name(record), ContentFile(data), save=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as exc:  # the same packet, received at the same moment by another worker
        raise _duplicate(Packet.objects.get(direction=Direction.IN, key=key)) from exc
    for item in files:
        stored = PacketFile(
            packet=record,
            entry=entry,
            name=item.name[:255],
            content_type=item.content_type[:120],
            description=item.description[:500],
            size=len(item.data),
            sha256=hashlib.sha256(item.data).hexdigest(),
            main=item is main,
        )
        stored.file.save(item.name, ContentFile(item.data), save=False)
        stored.save()
    event_record(
        actor=registrar,
        action="incoming.registered",
        obj=entry,
        unit=unit,
        details={
            "number": entry.number,
            "year": entry.year,
            "exchange": True,
            "packet": record.pk,
            "document_id": parsed.document_id,
            "from": parsed.from_organ.organ_id,
            "via": via,
            "pdf_signatures_ok": record.pdf_signatures.get("ok"),
        },
    )
    _tell_leaders(entry)
    return record


def _pages(text: str) -> int | None:
    try:
        value = int(text)
    except (TypeError, ValueError):
        return None
    return value if 1 <= value <= 10000 else None


def _pdf_signatures(pdf: bytes) -> dict:
    """The PDF's digital signatures as portal.signing reads them (ok, each signature, the error); a PDF whose
    signatures cannot be read is registered all the same and says so: the clerk decides (NĐ 30, Art. 21.2)."""
    try:
        report = verification.verify(pdf).to_json()
    except Exception as exc:  # noqa: BLE001 — a broken PDF is the clerk's to judge, not a reason to lose the packet
        log.warning("PDF signature check failed: %s", exc)
        return {"ok": False, "error": f"Không kiểm tra được chữ ký số của tệp PDF: {exc}"}
    return report if isinstance(report, dict) else {"ok": False, "error": str(report)}


def _tell_leaders(entry: IncomingEntry) -> None:
    title = f"Văn bản đến số {entry.number_label} (qua trục liên thông) chờ ý kiến chỉ đạo"
    body = f"{entry.sender_name}: {entry.number_symbol + ' — ' if entry.number_symbol else ''}{entry.subject}"
    notify_members(
        unit_ids=Unit.objects.filter(pk=entry.unit_id).values("id"),
        roles=[Role.SIGNER, Role.CLERK],
        kind="incoming.registered",
        title=title,
        body=body,
        url=entry.get_absolute_url(),
    )


def _recall_receive(
    data: bytes, parsed: packets.DocumentPacket, *, unit: Unit, key: str, via: str, actor
) -> Packet:
    """The sender recalls a document it sent: the entries that registered it are marked recalled, as the in-portal
    recall marks them (handling/services/recall.py), and their open tasks are cancelled."""
    originals = list(
        Packet.objects.filter(
            direction=Direction.IN,
            kind=Kind.DOCUMENT,
            state=PacketState.ACCEPTED,
            edxml_id=parsed.document_id,
            entry__unit=unit,
        )
        .exclude(business_type=BusinessType.RECALL)
        .select_related("entry")
    )
    entries = [p.entry for p in originals if p.entry is not None]
    if not entries:
        raise PacketUnsupported(
            f"Không có văn bản {parsed.number_symbol or parsed.document_id} nào đã vào sổ để thu hồi."
        )
    recaller = actor or hub_user()
    reason = parsed.business_reason or "Cơ quan ban hành thu hồi văn bản."
    now = timezone.now()
    for entry in entries:
        entry = IncomingEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.state == EntryState.RECALLED:
            continue
        before, awaiting = entry.state, entry.handler_id if entry.state == EntryState.REGISTERED else None
        entry.state, entry.recalled_at = EntryState.RECALLED, now
        entry.save(update_fields=["state", "recalled_at"])
        event_record(
            actor=recaller,
            action="incoming.recalled",
            obj=entry,
            unit=unit,
            details={"from": before, "reason": reason, "exchange": True, "document_id": parsed.document_id},
        )
        entry_assignments_cancel(entry=entry, reason=reason, actor=recaller)
        if awaiting:
            notify(
                user_ids=[awaiting],
                kind="incoming.recalled",
                title=f"Văn bản đến số {entry.number_label} đã bị thu hồi",
                body=f"{entry.sender_name} thu hồi văn bản {entry.number_symbol}; không cần cho ý kiến chỉ đạo. "
                f"Lý do: {reason}",
                url=entry.get_absolute_url(),
            )
    record = Packet(
        direction=Direction.IN,
        kind=Kind.DOCUMENT,
        key=key,
        edxml_id=parsed.document_id[:255],
        from_organ=parsed.from_organ.organ_id[:64],
        to_organ=(parsed.to[0].organ_id if parsed.to else "")[:64],
        business_type=BusinessType.RECALL,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        state=PacketState.ACCEPTED,
        via=via,
        header=parsed.header_json(),
        entry=entries[0],
    )
    record.payload.save(_file_name(record), ContentFile(data), save=False)
    record.save()
    return record


def _status_receive(data: bytes, parsed: packets.StatusPacket, *, via: str) -> Packet:
    key = parsed.key[:255]
    with transaction.atomic():
        held = Packet.objects.filter(direction=Direction.IN, key=key).first()
        if held is not None:
            refusal = _duplicate(held)
            refusal.packet = _record_duplicate(data, held, via=via)  # type: ignore[attr-defined]
            raise refusal
        record = Packet(
            direction=Direction.IN,
            kind=Kind.STATUS,
            key=key,
            edxml_id=parsed.document_id[:255],
            from_organ=parsed.from_organ.organ_id[:64],
            to_organ=parsed.response_organ[:64],
            status_code=parsed.status,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            state=PacketState.ACCEPTED,
            via=via,
            header={
                "status_code": parsed.status_code,
                "description": parsed.description,
                "staff": parsed.staff,
            },
        )
        record.payload.save(_file_name(record), ContentFile(data), save=False)
        record.save()
        status.status_apply(parsed, record)
    return record


def entry_assignments_cancel(*, entry: IncomingEntry, reason: str, actor) -> int:
    """The entry's open tasks are cancelled with the reason (as handling.services.tasks.assignments_cancel does for
    a recalled document of the portal); done tasks and the trail stay."""
    ids = list(
        Assignment.objects.filter(entry=entry, state=AssignmentState.OPEN).values_list("pk", flat=True)
    )
    if not ids:
        return 0
    now = timezone.now()
    Assignment.objects.filter(pk__in=ids, state=AssignmentState.OPEN).update(
        state=AssignmentState.CANCELLED,
        cancelled_at=now,
        cancelled_reason=reason,
        next_stage="",
        next_action_at=None,
    )
    ExtensionRequest.objects.filter(assignment_id__in=ids, state=ExtensionState.PENDING).update(
        state=ExtensionState.REFUSED, decided_at=now, decision_comment="Văn bản giao nhiệm vụ đã bị thu hồi."
    )
    event_record(
        actor=actor,
        action="task.cancelled",
        obj=entry,
        unit=entry.unit,
        details={"tasks": len(ids), "reason": reason},
    )
    return len(ids)


__all__ = ["HUB_USERNAME", "entry_assignments_cancel", "hub_user", "packet_receive"]
