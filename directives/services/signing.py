"""Submit → return, issue in one step, revoke; the numbering and dispatch the digital flow shares.

``document_issue`` numbers and dispatches in one step: for documents entered from paper (legacy numbers) and
for deployments where SIGNING_REQUIRED is off. When it is on, a document is signed and sealed through
directives.services.digital (``document_sign`` → ``document_seal``). The two halves of issuing — taking the
number (``_take_number``) and dispatching (``_dispatch_issued``) — are written once here and shared by both.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils import timezone

from directives import access, rendering
from directives.errors import DocumentError, DocumentIncomplete, DocumentNotEditable, NotAllowed
from directives.models import Delivery, Document, Purpose, RelationKind, Selection, Status
from directives.numbering import next_number, number_symbol_for, register_past
from directives.services.compose import check_addressing, content_of, issuing_unit, search_text_for
from portal.audit.services import event_record
from portal.notifications.services import notify, notify_members
from portal.org.models import Role, Unit
from portal.signing import conf as signing_conf

# Sent inside the issuing transaction, after the deliveries exist. kwargs: document, actor.
document_issued = Signal()
# Sent inside the revoking transaction (reporting excuses the pending obligations). kwargs: document, actor, reason.
document_revoked = Signal()

# When a unit is reached by several lines, the strongest purpose wins (lines are expanded in this order).
PURPOSE_ORDER: list[str] = [Purpose.THUC_HIEN, Purpose.PHOI_HOP, Purpose.BAO_CAO, Purpose.DE_BIET]


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update(of=("self",)).select_related("issuer").get(pk=document.pk)


def missing_parts(document: Document) -> list[str]:
    """What stops a document from being issued, in the words of the form."""
    missing = []
    if not document.subject.strip():
        missing.append("trích yếu")
    if not document.signer_name.strip() or not document.signer_title.strip():
        missing.append("người ký (chức vụ và họ tên)")
    deliverable = [
        r
        for r in document.recipients.all()
        if r.selection != Selection.NONE and r.purpose != Purpose.LUU and r.unit_id
    ]
    if not deliverable:
        missing.append("nơi nhận (ít nhất một đơn vị được gửi)")
    if not (document.body or document.opening.strip()):
        missing.append("nội dung")
    return missing


def _check_addressing(document: Document) -> None:
    check_addressing(issuing_unit(document), content_of(document))


def _notify_recipients(document: Document, *, kind: str, title: str, body: str) -> None:
    """Tell the receiving units, as far as the reach rule lets the issuer address them: every member of a
    unit below (the work is theirs), only the leaders and clerks of a unit above or beside it that gets a
    copy "để báo cáo" / "để biết" (a province is not woken, member by member, by a district's copy)."""
    deliveries = Delivery.objects.filter(document=document)
    issuer = issuing_unit(document)
    url = f"/van-ban/{document.pk}/"
    notify_members(
        unit_ids=deliveries.filter(access.reach_down_q(issuer, "unit__")).values("unit_id"),
        roles=None,
        kind=kind,
        title=title,
        body=body,
        url=url,
    )
    notify_members(
        unit_ids=deliveries.filter(
            ~access.reach_down_q(issuer, "unit__"), access.delivered_within_reach_q(issuer)
        ).values("unit_id"),
        roles=[Role.SIGNER, Role.CLERK],
        kind=kind,
        title=title,
        body=body,
        url=url,
    )


@transaction.atomic
def document_submit(*, actor, document: Document) -> Document:
    """The drafter sends the draft to the signers of the issuing unit."""
    document = _locked(document)
    if document.status != Status.DRAFT:
        raise DocumentNotEditable("Chỉ trình ký được văn bản đang là dự thảo.")
    issuer = issuing_unit(document)
    if not access.can_draft_for(actor, issuer):
        raise NotAllowed("Bạn không có quyền trình văn bản của đơn vị này.")
    missing = missing_parts(document)
    if missing:
        raise DocumentIncomplete("Văn bản còn thiếu: " + "; ".join(missing) + ".")
    _check_addressing(document)
    document.status, document.submitted_at, document.return_comment = Status.SUBMITTED, timezone.now(), ""
    document.save(update_fields=["status", "submitted_at", "return_comment"])
    event_record(actor=actor, action="document.submitted", obj=document, unit=issuer)
    signers = issuer.memberships.filter(role=Role.SIGNER).values_list("user_id", flat=True)
    notify(
        user_ids=signers,
        kind="document.submitted",
        title=f"Văn bản chờ ký: {document.subject[:150]}",
        body=f"{actor.get_full_name() or actor.get_username()} trình ký văn bản của {issuer.name}.",
        url=f"/van-ban/{document.pk}/",
    )
    return document


@transaction.atomic
def document_return(*, actor, document: Document, comment: str) -> Document:
    """A signer sends the draft back to the drafters with a comment."""
    document = _locked(document)
    if document.status != Status.SUBMITTED:
        raise DocumentNotEditable("Chỉ trả lại được văn bản đang chờ ký.")
    if not access.can_issue(actor, document):
        raise NotAllowed("Chỉ lãnh đạo (người ký) của đơn vị ban hành được trả lại văn bản.")
    comment = (comment or "").strip()
    if not comment:
        raise DocumentIncomplete("Hãy ghi ý kiến để người soạn biết cần sửa gì.", field="comment")
    document.status, document.return_comment = Status.DRAFT, comment
    document.save(update_fields=["status", "return_comment"])
    event_record(
        actor=actor,
        action="document.returned",
        obj=document,
        unit=document.issuer,
        details={"comment": comment},
    )
    if document.created_by_id:
        notify(
            user_ids=[document.created_by_id],
            kind="document.returned",
            title=f"Văn bản bị trả lại: {document.subject[:150]}",
            body=comment,
            url=f"/van-ban/{document.pk}/sua/",
        )
    return document


def _dispatch(document: Document, issuer: Unit, now, today) -> int:
    """One INSERT … SELECT per Nơi nhận line: the statement count does not grow with the recipients."""
    table = Delivery._meta.db_table
    lines = [
        (r, r.unit)
        for r in document.recipients.select_related("unit")
        if r.unit is not None and r.selection != Selection.NONE and r.purpose != Purpose.LUU
    ]
    lines.sort(key=lambda line: PURPOSE_ORDER.index(line[0].purpose))
    with connection.cursor() as cursor:
        for line, unit in lines:
            units = access.expand_recipient(
                issuer=issuer, selection=line.selection, unit=unit, kind=line.kind, today=today
            )
            sql, params = units.values("id").query.sql_with_params()
            cursor.execute(
                f"INSERT INTO {table} (document_id, unit_id, purpose, delivered_at) "
                # "WHERE true" lets SQLite tell the upsert clause from a join (its documented quirk).
                f"SELECT %s, u.id, %s, %s FROM ({sql}) u WHERE true ON CONFLICT (document_id, unit_id) DO NOTHING",
                [document.pk, line.purpose, now, *params],
            )
    return Delivery.objects.filter(document=document).count()


def _check_issuable(actor, document: Document) -> Unit:
    """What issuing and signing both refuse: a document past signing, an actor who is not a signer of the
    issuing unit, missing parts, and recipients out of the issuer's reach. Returns the issuing unit."""
    if document.status not in (Status.SUBMITTED, Status.DRAFT):
        raise DocumentNotEditable("Văn bản đã ký số, đã ban hành hoặc đã thu hồi; không thể ban hành lại.")
    if not access.can_issue(actor, document):
        raise NotAllowed("Chỉ lãnh đạo (người ký) của đơn vị ban hành được ký ban hành văn bản.")
    missing = missing_parts(document)
    if missing:
        raise DocumentIncomplete("Văn bản còn thiếu: " + "; ".join(missing) + ".")
    # Checked again on the saved draft and today's tree: a unit may have moved, an addressee link may have
    # been removed, or the draft may have been written before the rule (issue 20).
    _check_addressing(document)
    return issuing_unit(document)


def _take_number(document: Document, issuer: Unit, *, day: dt.date, legacy_number: int | None = None) -> None:
    """The register's next number (or a legacy one, moving the register past it), the issue date, the place
    and what the issuer is called today, set on the document (the caller saves it inside its transaction:
    the counter row's update rolls back with a refusal, so a number is never lost or given twice)."""
    if legacy_number:
        register_past(unit=issuer, doc_type=document.doc_type, year=day.year, number=legacy_number)
        document.number = legacy_number
    else:
        document.number = next_number(unit=issuer, doc_type=document.doc_type, year=day.year)
    document.number_symbol = number_symbol_for(
        number=document.number, doc_type=document.doc_type, issuer=issuer, department=document.department
    )
    document.issue_date = day
    document.place = document.place or issuer.place_name
    document.issuer_snapshot = {
        "name": issuer.name,
        "short_name": issuer.short_name,
        "parent_line": issuer.parent_line,
        "regime": issuer.regime,
        # The letterhead as it stood at issue: a later change of the unit's header lines leaves it as printed.
        "header_lines": list(rendering.letterhead_lines(issuer)),
    }
    document.search_text = search_text_for(document)


def _dispatch_issued(document: Document, issuer: Unit, *, actor, delivered_at, today: dt.date) -> int:
    """Send the issued document out: deliveries, the documents it implements marked done, reporting's
    obligations (the signal), the event and the recipients' notifications. Inside the caller's transaction."""
    count = _dispatch(document, issuer, delivered_at, today)
    # The units this document implements or forwards for have now done their part.
    Delivery.objects.filter(
        document__in=document.relations_out.filter(
            kind__in=[RelationKind.IMPLEMENTS, RelationKind.FORWARDS]
        ).values("target_id"),
        unit=issuer,
        implemented_by__isnull=True,
    ).update(
        implemented_by=document,
        acknowledged_at=Coalesce("acknowledged_at", Value(delivered_at)),
        read_at=Coalesce("read_at", Value(delivered_at)),
    )
    # Reporting builds its obligations from the document's requirements in this same transaction.
    document_issued.send(sender=Document, document=document, actor=actor)
    event_record(
        actor=actor,
        action="document.issued",
        obj=document,
        unit=issuer,
        details={"number_symbol": document.number_symbol, "deliveries": count},
    )
    _notify_recipients(
        document,
        kind="document.received",
        title=f"Văn bản đến: {document.number_symbol} — {document.subject[:120]}",
        body=f"{issuer.name} gửi {document.get_doc_type_display().lower()} số {document.number_symbol}.",
    )
    return count


@transaction.atomic
def document_issue(
    *, actor, document: Document, legacy_number: int | None = None, legacy_date=None, render: bool = True
) -> Document:
    """Issue in one step: take the next register number, freeze, dispatch, notify, render the PDF.

    For a document entered from paper (legacy_number / legacy_date: the clerk's import of the register; the
    register is moved past that number), and for every document when SIGNING_REQUIRED is off. When it is on,
    a document written in the portal is issued through document_sign and document_seal, and this refuses it.
    Everything happens in one transaction; a refusal or a failure leaves the draft untouched and the register
    number unused (the counter row update rolls back with it).
    """
    document = _locked(document)
    issuer = _check_issuable(actor, document)
    if not legacy_number and signing_conf.required():
        raise DocumentError(
            "Văn bản điện tử phải có chữ ký số: người ký ký số (Ký số), văn thư đóng dấu (ký số của cơ quan), "
            "rồi văn bản mới được gửi đi.",
            code="signature_required",
        )
    now = timezone.now()
    today = legacy_date or timezone.localdate(now)
    _take_number(document, issuer, day=today, legacy_number=legacy_number)
    document.status, document.issued_at, document.signed_by = Status.ISSUED, now, actor
    document.save()
    # A legacy document was delivered on its own date, to the units active then.
    delivered_at = (
        now if not legacy_date else timezone.make_aware(dt.datetime.combine(legacy_date, dt.time(8, 0)))
    )
    _dispatch_issued(document, issuer, actor=actor, delivered_at=delivered_at, today=today)
    if render:
        issued_pdf_store(document)
    return document


def issued_pdf_store(document: Document) -> None:
    """Render the issued document once and keep the file with its SHA-256 (at issue, or by the batch for one
    issued without it), inside the caller's transaction: a document's stored PDF never changes afterwards."""
    # Looked up on the module (not imported by name) so one render function serves the issue and the batch.
    _pdf_keep(document, rendering.document_pdf_bytes(document, draft=False))


def _pdf_keep(document: Document, data: bytes) -> None:
    """Store the document's file and its SHA-256 (the signed file is replaced once: by the sealed one)."""
    document.pdf_sha256 = hashlib.sha256(data).hexdigest()
    safe = document.number_symbol.replace("/", "_").replace("&", "va") or f"vb-{document.pk}"
    document.pdf.save(f"{safe}.pdf", ContentFile(data), save=False)
    document.save(update_fields=["pdf", "pdf_sha256"])


@transaction.atomic
def document_revoke(*, actor, document: Document, reason: str) -> Document:
    """Recall (thu hồi) an issued document, Nghị định 30/2020 Art. 18.4b. Its content and number stay; every
    recipient's copy reads «Đã thu hồi» with the reason, and each recipient's clerk confirms the withdrawal
    (receipt.delivery_recall_confirm), which the issuer's page counts. ``document_revoked`` is sent in the same
    transaction: reporting cancels the document's open obligations, the incoming register marks its entries
    recalled and cancels the tasks it assigned. Refuses a document that is not issued, anyone but a signer of
    the issuing unit, and an empty reason."""
    document = _locked(document)
    if document.status != Status.ISSUED:
        raise DocumentNotEditable("Chỉ thu hồi được văn bản đã ban hành.")
    if not access.can_issue(actor, document):
        raise NotAllowed("Chỉ lãnh đạo (người ký) của đơn vị ban hành được thu hồi văn bản.")
    if not (reason or "").strip():
        raise DocumentIncomplete("Hãy ghi lý do thu hồi.", field="reason")
    document.status, document.revoked_at, document.revoked_reason = (
        Status.REVOKED,
        timezone.now(),
        reason.strip(),
    )
    document.save(update_fields=["status", "revoked_at", "revoked_reason"])
    event_record(
        actor=actor,
        action="document.revoked",
        obj=document,
        unit=document.issuer,
        details={"reason": reason.strip()},
    )
    document_revoked.send(sender=Document, document=document, actor=actor, reason=reason.strip())
    _notify_recipients(
        document,
        kind="document.revoked",
        title=f"Thu hồi văn bản {document.number_symbol}",
        body=f"Lý do: {reason.strip()}. Văn thư đơn vị nhận xác nhận đã thu hồi trên trang văn bản.",
    )
    return document


# The digital flow lives in directives.services.digital (it builds on this module's numbering and dispatch, so it
# is imported last); its names stay reachable here for callers written against signing.
from directives.services.digital import (  # noqa: E402
    OpenKey as OpenKey,
)
from directives.services.digital import (  # noqa: E402
    document_seal as document_seal,
)
from directives.services.digital import (  # noqa: E402
    document_sign as document_sign,
)
from directives.services.digital import (  # noqa: E402
    sealed_pdf_store as sealed_pdf_store,
)
from directives.services.digital import (  # noqa: E402
    signed_pdf_for as signed_pdf_for,
)
