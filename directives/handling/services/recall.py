"""A recalled document (thu hồi, Nghị định 30/2020 Art. 18.4b) in the receiving units' registers and task lists.

``directives.services.signing.document_revoke`` recalls the document and sends ``document_revoked`` inside its
transaction; the receiver (``directives.handling.receivers``) calls :func:`document_recall_apply`, which

- marks every incoming entry that registered the document «Đã bị thu hồi» (state RECALLED, recalled_at), whatever
  it had reached: the register keeps the row and its number (a register is never rewritten), and the entry page
  reads why;
- cancels the document's open tasks through ``services.tasks.assignments_cancel`` (done tasks and their trail stay);
- tells the leader who still had to give an instruction on the entry that there is nothing left to instruct.

Reporting cancels the document's obligations from its own receiver on the same signal. The receiving clerk then
confirms the withdrawal of the unit's copy (``directives.services.receipt.delivery_recall_confirm``).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from directives.handling.models import EntryState, IncomingEntry
from directives.handling.services.tasks import assignments_cancel
from directives.models import Document
from portal.audit.services import events_record_bulk
from portal.notifications.services import notify


@transaction.atomic
def document_recall_apply(*, document: Document, actor, reason: str = "") -> dict[str, int]:
    """Apply a recall to the receiving side; returns {"entries": n, "tasks": m}. Idempotent: a second call finds
    nothing left to mark or cancel."""
    reason = (reason or "").strip()
    now = timezone.now()
    entries = list(
        IncomingEntry.objects.select_for_update()
        .filter(document=document)
        .exclude(state=EntryState.RECALLED)
        .select_related("unit")
    )
    # The leaders still asked for an instruction on an entry: (entry, leader id).
    awaiting = [
        (e, e.handler_id) for e in entries if e.state == EntryState.REGISTERED and e.handler_id is not None
    ]
    if entries:
        before = {e.pk: e.state for e in entries}
        IncomingEntry.objects.filter(pk__in=list(before)).update(state=EntryState.RECALLED, recalled_at=now)
        events_record_bulk(
            actor=actor,
            action="incoming.recalled",
            items=[(e, e.unit) for e in entries],
            details_of=lambda e: {"from": before[e.pk], "reason": reason, "document": document.pk},
        )
    label = document.number_symbol or document.subject[:150]
    for entry, handler_id in awaiting:
        notify(
            user_ids=[handler_id],
            kind="incoming.recalled",
            title=f"Văn bản đến số {entry.number_label} đã bị thu hồi",
            body=f"{document.issuer_name} thu hồi văn bản {label}; không cần cho ý kiến chỉ đạo. Lý do: {reason}",
            url=entry.get_absolute_url(),
        )
    tasks = assignments_cancel(document=document, reason=reason or "Văn bản đã bị thu hồi.", actor=actor)
    return {"entries": len(entries), "tasks": tasks}
