"""The incoming register (sổ văn bản đến, Nghị định 30/2020 Art. 20–22, STANDARDS.md §9).

The unit's clerk (văn thư) registers what arrives: a document delivered through the portal (its ``Delivery``), or a
paper one typed in by hand with its scan. Each entry takes the next number of the unit's incoming series (from 01 on
1 January, gap-free, ``directives.numbering.next_incoming_number``); registering a delivery also acknowledges it, so
the sender sees «Đã tiếp nhận — số đến 01» the same day. The clerk then routes the entry to the leader who gives the
instruction (``entry_route``).

Every service here refuses with a ``HandlingRefused`` subclass and writes nothing then; every change is an audited
event (``incoming.registered``, ``incoming.routed``) and tells the leader who must give the instruction.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from directives.handling import access
from directives.handling.errors import AlreadyDone, AttachmentRefused, Incomplete, NotAllowed
from directives.handling.models import EntryState, IncomingEntry
from directives.models import Delivery, DocType, Status
from directives.numbering import next_incoming_number
from directives.services.receipt import delivery_acknowledge
from portal.audit.services import event_record
from portal.lib.uploads import Readable, attachment_check, safe_upload_name
from portal.notifications.services import notify, notify_members
from portal.org.models import Membership, Role, Unit

#: A scan of a paper document: a PDF or a picture (recognised by its first bytes: portal.lib.uploads.MAGIC).
SCAN_TYPES = ("pdf", "jpg", "jpeg", "png")


def scan_check(scan: Readable) -> str:
    """The scan's safe file name; refuses a type other than PDF/JPEG/PNG, content that is not what its name
    says, an empty file and one over ATTACHMENT_MAX_BYTES (field ``scan``): the portal's one check."""
    name = safe_upload_name(scan.name or "", default_stem="ban-quet")
    attachment_check(
        scan,
        allowed=SCAN_TYPES,
        max_bytes=settings.ATTACHMENT_MAX_BYTES,
        field="scan",
        subject="Bản quét",
        kinds_label="tệp PDF, JPG hoặc PNG",
        refusal=AttachmentRefused,
    )
    return name


def _check_clerk(actor, unit: Unit) -> None:
    if not access.can_register(actor, unit):
        raise NotAllowed("Chỉ văn thư của đơn vị được vào sổ văn bản đến của đơn vị.")


def _check_handler(handler, unit: Unit) -> None:
    """The leader named to give the instruction leads this unit (its head or a deputy: a signer of it)."""
    if handler is None:
        return
    if not Membership.objects.filter(user_id=handler.pk, unit_id=unit.pk, role=Role.SIGNER).exists():
        raise Incomplete(
            "Lãnh đạo cho ý kiến chỉ đạo phải là lãnh đạo (người ký) của đơn vị.", field="handler"
        )


def _check_pages(pages: int | None) -> None:
    if pages is not None and not 1 <= pages <= 10000:
        raise Incomplete("Số tờ phải từ 1 đến 10.000.", field="pages")


def _tell_leaders(entry: IncomingEntry) -> None:
    """The leader named to give the instruction is told; with nobody named yet, the unit's leaders are."""
    title = f"Văn bản đến số {entry.number_label} chờ ý kiến chỉ đạo"
    body = f"{entry.sender_name}: {entry.number_symbol + ' — ' if entry.number_symbol else ''}{entry.subject}"
    url = entry.get_absolute_url()
    if entry.handler_id is not None:
        notify(user_ids=[entry.handler_id], kind="incoming.registered", title=title, body=body, url=url)
    else:
        notify_members(
            unit_ids=Unit.objects.filter(pk=entry.unit_id).values("id"),
            roles=[Role.SIGNER],
            kind="incoming.registered",
            title=title,
            body=body,
            url=url,
        )


def _number(entry: IncomingEntry) -> IncomingEntry:
    """Give the entry its number and save it: the year is the register's (the day it is registered, local
    time), so a document that arrived on 31 December and is registered on 2 January opens the new book."""
    entry.year = timezone.localdate().year
    entry.number = next_incoming_number(unit=entry.unit, year=entry.year)
    entry.full_clean(exclude=["scan", "registered_by"], validate_unique=False, validate_constraints=False)
    entry.save()
    return entry


@transaction.atomic
def entry_register_delivery(
    *, actor, delivery: Delivery, handler=None, pages: int | None = None
) -> IncomingEntry:
    """Register a document that arrived through the portal in the receiving unit's incoming register.

    The clerk of ``delivery.unit`` only (NotAllowed). The entry copies the sender, number-symbol, date, type and
    subject from the document; its time of arrival is the delivery's. The delivery is acknowledged in the same
    transaction (the sender sees «Đã tiếp nhận — số đến …»). Refuses a delivery registered already (AlreadyDone,
    409), one returned to its sender and a document its issuer recalled (AlreadyDone), a handler who is not a
    leader of the unit (Incomplete). Event ``incoming.registered``; the handler (or the unit's leaders) is told.
    """
    delivery = (
        Delivery.objects.select_for_update(of=("self",))
        .select_related("unit", "document", "document__issuer")
        .get(pk=delivery.pk)
    )
    _check_clerk(actor, delivery.unit)
    if IncomingEntry.objects.filter(delivery=delivery).exists():
        raise AlreadyDone("Văn bản này đã được vào sổ văn bản đến.", code="handling_already_registered")
    if delivery.returned_at:
        raise AlreadyDone(
            "Văn bản đã được trả lại cho nơi gửi; không vào sổ được.", code="handling_delivery_returned"
        )
    document = delivery.document
    if document.status == Status.REVOKED:
        raise AlreadyDone(
            "Văn bản đã bị nơi ban hành thu hồi; không vào sổ được.", code="handling_document_revoked"
        )
    _check_handler(handler, delivery.unit)
    _check_pages(pages)
    entry = IncomingEntry(
        unit=delivery.unit,
        arrived_at=delivery.delivered_at,
        delivery=delivery,
        document=document,
        sender_unit=document.issuer,
        sender_name=document.issuer_name[:255],
        number_symbol=document.number_symbol,
        document_date=document.issue_date,
        doc_type=document.get_doc_type_display()[:40],
        subject=document.subject[:500],
        pages=pages,
        handler=handler,
        registered_by=actor,
    )
    try:
        with transaction.atomic():
            _number(entry)
    except IntegrityError as exc:  # the delivery's one-to-one: another clerk registered it a moment ago
        raise AlreadyDone(
            "Văn bản này vừa được vào sổ văn bản đến.", code="handling_already_registered"
        ) from exc
    delivery_acknowledge(actor=actor, delivery=delivery)
    event_record(
        actor=actor,
        action="incoming.registered",
        obj=entry,
        unit=entry.unit,
        details={
            "number": entry.number,
            "year": entry.year,
            "document": document.pk,
            "delivery": delivery.pk,
            "handler": handler.pk if handler else None,
        },
    )
    _tell_leaders(entry)
    return entry


@transaction.atomic
def entry_register_paper(
    *,
    actor,
    unit: Unit,
    sender_name: str,
    subject: str,
    arrived_at: dt.datetime | None,
    number_symbol: str = "",
    document_date: dt.date | None = None,
    doc_type: str = "",
    sender_unit: Unit | None = None,
    scan: Readable | None = None,
    pages: int | None = None,
    handler=None,
) -> IncomingEntry:
    """Register a paper document typed in by the clerk of ``unit``, with its scan (PDF, JPG or PNG).

    Refuses another unit's clerk (NotAllowed); a missing sender, subject or scan, an arrival in the future or a
    document dated after it arrived, a handler who is not a leader of the unit (Incomplete, each naming its field);
    a scan of another type, mislabelled, empty or too large (AttachmentRefused). Event ``incoming.registered``;
    the handler (or the unit's leaders) is told.
    """
    _check_clerk(actor, unit)
    sender_name, subject = (sender_name or "").strip(), (subject or "").strip()
    number_symbol, doc_type = (number_symbol or "").strip(), (doc_type or "").strip()
    # The register writes the type by its name («Công văn»), as the book prints it; a code («CV») is read as one.
    if doc_type in DocType.values:
        doc_type = DocType(doc_type).label
    errors: dict[str, str] = {}
    if not sender_name:
        errors["sender_name"] = "Hãy ghi nơi gửi (tác giả) của văn bản."
    if not subject:
        errors["subject"] = "Hãy ghi trích yếu của văn bản."
    if arrived_at is None:
        errors["arrived_at"] = "Hãy ghi thời gian văn bản đến."
    elif timezone.is_naive(arrived_at):
        arrived_at = timezone.make_aware(arrived_at)
    if arrived_at is not None and arrived_at > timezone.now() + dt.timedelta(minutes=5):
        errors["arrived_at"] = "Thời gian đến không thể ở tương lai."
    if document_date and arrived_at is not None and document_date > timezone.localtime(arrived_at).date():
        errors["document_date"] = "Ngày văn bản không thể sau ngày văn bản đến."
    if scan is None:
        errors["scan"] = "Hãy đính kèm bản quét của văn bản giấy."
    if errors:
        first = next(iter(errors.values()))
        raise Incomplete(first, errors=errors)
    assert scan is not None and arrived_at is not None  # checked above
    scan_name = scan_check(scan)
    _check_handler(handler, unit)
    _check_pages(pages)
    entry = IncomingEntry(
        unit=unit,
        arrived_at=arrived_at,
        sender_unit=sender_unit,
        sender_name=sender_name[:255],
        number_symbol=number_symbol[:80],
        document_date=document_date,
        doc_type=doc_type[:40],
        subject=subject[:500],
        pages=pages,
        handler=handler,
        registered_by=actor,
        scan_name=scan_name,
        scan_size=scan.size or 0,
    )
    _number(entry)
    # The file is stored once the entry has its number (the path names the unit and year); a failure from here on
    # rolls the number back with the row.
    digest = hashlib.sha256()
    scan.seek(0)
    data = scan.read()
    digest.update(data)
    entry.scan.save(f"{entry.number:02d}-{scan_name}", ContentFile(data), save=False)
    entry.scan_size = len(data)
    entry.save(update_fields=["scan", "scan_size"])
    event_record(
        actor=actor,
        action="incoming.registered",
        obj=entry,
        unit=unit,
        details={
            "number": entry.number,
            "year": entry.year,
            "paper": True,
            "scan": scan_name,
            "sha256": digest.hexdigest(),
            "handler": handler.pk if handler else None,
        },
    )
    _tell_leaders(entry)
    return entry


@transaction.atomic
def entry_route(*, actor, entry: IncomingEntry, handler) -> IncomingEntry:
    """The clerk names the leader who gives the instruction (trình lãnh đạo) — on a new entry, or again after the
    leader returned it (the entry is then back to «Chờ ý kiến chỉ đạo»).

    Refuses anyone but the unit's clerk (NotAllowed), a handler who is not a leader (signer) of the unit, and an
    entry already being handled, filed, done or recalled (AlreadyDone). Event ``incoming.routed``; the leader is
    told."""
    entry = IncomingEntry.objects.select_for_update().select_related("unit").get(pk=entry.pk)
    _check_clerk(actor, entry.unit)
    if entry.state not in (EntryState.REGISTERED, EntryState.RETURNED):
        raise AlreadyDone(
            f"Văn bản đến số {entry.number_label} đã ở trạng thái «{entry.get_state_display()}»; "
            "không trình lại được."
        )
    if handler is None:
        raise Incomplete("Hãy chọn lãnh đạo cho ý kiến chỉ đạo.", field="handler")
    _check_handler(handler, entry.unit)
    previous = entry.handler_id
    entry.handler = handler
    entry.state = EntryState.REGISTERED
    entry.save(update_fields=["handler", "state"])
    event_record(
        actor=actor,
        action="incoming.routed",
        obj=entry,
        unit=entry.unit,
        details={"handler": handler.pk, "previous": previous},
    )
    _tell_leaders(entry)
    return entry
