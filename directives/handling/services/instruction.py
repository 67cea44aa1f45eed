"""The leader's instruction on an incoming entry (ý kiến chỉ đạo, bút phê — Nghị định 30/2020, Art. 22).

The head of the unit (or the deputy the head or the clerk named as the entry's handler) decides what becomes of an
incoming document:

- ``entry_instruct``: assign the handling — one lead (chủ trì), supporting (phối hợp) and for-information (để biết)
  departments or people of the entry's own unit, each with a handling deadline (để biết may have none). Every
  assignee gets its tracked ``Assignment``; the entry is then being handled (HANDLING) until its lead task is done.
- ``entry_reassign``: change who handles it. The open assignments are closed (CANCELLED, ``replaced_by`` the new
  one) and new ones created — nothing is deleted, the trail keeps who had it before.
- ``entry_return``: back to the clerk (RETURNED) with what to correct; the clerk routes it again.
- ``entry_file``: «Lưu, không xử lý» (FILED).
- ``entry_delegate``: the head hands the instruction to another leader of the unit (the handler becomes the deputy).
- ``entry_refresh``: the entry is DONE once every lead task of it is done (the task completion service calls it).

Every decision is a new ``Instruction`` row (never edited) and an audit event; every refusal raises a
``HandlingRefused`` and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from directives.handling import access
from directives.handling.errors import AlreadyDone, Incomplete, NotAllowed
from directives.handling.models import (
    AssigneeRole,
    Assignment,
    AssignmentState,
    Decision,
    EntryState,
    IncomingEntry,
    Instruction,
)

# The assigning part (who may be assigned, the tasks made, who is told) — named here too, because the pages, the API
# and the tests speak of Assignee and OutsideUnit as the instruction's.
from directives.handling.services.assigning import (
    Assignee,
    OutsideUnit,
    assignment_details,
    check_assignees,
    check_due,
    create_assignments,
    notify_assignees,
)
from portal.audit.services import event_record
from portal.lib.dates import vn_short
from portal.notifications.services import notify
from portal.org.access import scope_for
from portal.org.models import Membership, Role

#: What a decision may act on: the entry must still be in one of these states.
AWAITING = (EntryState.REGISTERED,)


def _locked(entry: IncomingEntry) -> IncomingEntry:
    """The entry row, locked for the decision: two leaders deciding at once are served one after the other, and the
    second finds the entry moved on."""
    return IncomingEntry.objects.select_for_update(of=("self",)).select_related("unit").get(pk=entry.pk)


def _require_leader(actor, entry: IncomingEntry, states: Iterable[str]) -> None:
    """Only a leader (signer) of the entry's unit decides; one who finds the entry already decided — by a colleague
    a moment earlier, say — is told it moved on (AlreadyDone) rather than refused; then only the leader named for
    it (access.can_instruct) may."""
    if not scope_for(actor).has_role(entry.unit_id, Role.SIGNER):
        raise NotAllowed("Chỉ lãnh đạo được giao cho ý kiến chỉ đạo văn bản này mới được quyết định.")
    if entry.state not in tuple(states):
        raise AlreadyDone(
            f"Văn bản đến số {entry.number_label} đã ở trạng thái «{entry.get_state_display()}»."
        )
    if not access.can_instruct(actor, entry):
        raise NotAllowed("Chỉ lãnh đạo được giao cho ý kiến chỉ đạo văn bản này mới được quyết định.")


# --- the decisions ------------------------------------------------------------------------------------------------


def entry_instruct(
    *,
    actor,
    entry: IncomingEntry,
    text: str,
    lead: Assignee | None,
    supports: Sequence[Assignee] = (),
    informs: Sequence[Assignee] = (),
    due_date: dt.date | None,
    due_dates: Mapping[Assignee, dt.date | None] | None = None,
) -> Instruction:
    """The leader assigns the handling of an entry awaiting the instruction.

    Guarantees: one ``Instruction`` (ASSIGN) and one ``Assignment`` per assignee (role, the entry's subject as
    title, the instruction as text, ``due_date`` for the lead and the supports unless ``due_dates`` names another,
    none for the informed unless named), their chase scheduled, the entry HANDLING with ``handling_due`` = the
    lead's deadline, event ``incoming.instructed``, the assignees notified.

    Refuses: someone who is not the entry's leader (NotAllowed), an entry no longer awaiting the instruction
    (AlreadyDone), no text / no lead / no deadline or one before the arrival (Incomplete), a department or person
    outside the entry's unit (OutsideUnit), the same assignee twice (Incomplete).
    """
    text = (text or "").strip()
    with transaction.atomic():
        entry = _locked(entry)
        _require_leader(actor, entry, AWAITING)
        if not text:
            raise Incomplete("Hãy ghi ý kiến chỉ đạo.", field="text")
        rows = check_assignees(entry, lead, supports, informs)
        check_due(entry, due_date)
        assert due_date is not None  # check_due refuses None
        now = timezone.now()
        instruction = Instruction.objects.create(
            entry=entry, author=actor, decision=Decision.ASSIGN, text=text
        )
        created = create_assignments(
            actor=actor,
            entry=entry,
            instruction=instruction,
            rows=rows,
            text=text,
            due_date=due_date,
            due_dates=due_dates,
            now=now,
        )
        entry.state, entry.handling_due, entry.handler = EntryState.HANDLING, due_date, actor
        entry.save(update_fields=["state", "handling_due", "handler"])
        event_record(
            actor=actor,
            action="incoming.instructed",
            obj=entry,
            unit=entry.unit,
            details={"instruction": instruction.pk, "text": text, **assignment_details(rows, due_date)},
        )
        notify_assignees(entry, created, actor)
        _notify_clerk(entry, actor, f"lãnh đạo đã giao {rows[0][0].label} chủ trì, hạn {vn_short(due_date)}")
    return instruction


def _notify_clerk(entry: IncomingEntry, actor, what: str) -> None:
    """The clerk who registered the entry follows what became of it (and hands the paper on)."""
    if entry.registered_by_id == actor.pk:
        return
    notify(
        user_ids=[entry.registered_by_id],
        kind="incoming.decided",
        title=f"Văn bản đến số {entry.number_label}: {what}",
        body=entry.subject,
        url=entry.get_absolute_url(),
        email=False,
    )


def entry_reassign(
    *,
    actor,
    entry: IncomingEntry,
    text: str,
    lead: Assignee | None,
    supports: Sequence[Assignee] = (),
    informs: Sequence[Assignee] = (),
    due_date: dt.date | None,
    due_dates: Mapping[Assignee, dt.date | None] | None = None,
) -> Instruction:
    """Give the handling of an entry being handled to others (giao lại).

    The open assignments of the entry are closed — CANCELLED, with ``replaced_by`` the new assignment of the same
    assignee, else the new lead one — and the new ones created; finished ones stay as they are; nothing is deleted.
    Event ``incoming.reassigned``. Refuses as ``entry_instruct``, and an entry not being handled (AlreadyDone).
    """
    text = (text or "").strip()
    with transaction.atomic():
        entry = _locked(entry)
        _require_leader(actor, entry, (EntryState.HANDLING,))
        if not text:
            raise Incomplete("Hãy ghi ý kiến chỉ đạo khi giao lại.", field="text")
        rows = check_assignees(entry, lead, supports, informs)
        check_due(entry, due_date)
        assert due_date is not None
        now = timezone.now()
        instruction = Instruction.objects.create(
            entry=entry, author=actor, decision=Decision.REASSIGN, text=text
        )
        old = list(
            Assignment.objects.select_for_update()
            .filter(entry=entry, instruction__isnull=False, state=AssignmentState.OPEN)
            .order_by("id")
        )
        created = create_assignments(
            actor=actor,
            entry=entry,
            instruction=instruction,
            rows=rows,
            text=text,
            due_date=due_date,
            due_dates=due_dates,
            now=now,
        )
        by_key = {(("d", a.department_id) if a.department_id else ("p", a.person_id)): a for a in created}
        new_lead = created[0]
        for a in old:
            key = ("d", a.department_id) if a.department_id else ("p", a.person_id)
            a.state = AssignmentState.CANCELLED
            a.cancelled_at = now
            a.cancelled_reason = "Giao lại: " + text
            a.replaced_by = by_key.get(key, new_lead)
            a.next_stage, a.next_action_at = "", None
        Assignment.objects.bulk_update(
            old, ["state", "cancelled_at", "cancelled_reason", "replaced_by", "next_stage", "next_action_at"]
        )
        entry.handling_due = due_date
        entry.save(update_fields=["handling_due"])
        event_record(
            actor=actor,
            action="incoming.reassigned",
            obj=entry,
            unit=entry.unit,
            details={
                "instruction": instruction.pk,
                "text": text,
                "replaced": [a.pk for a in old],
                **assignment_details(rows, due_date),
            },
        )
        notify_assignees(entry, created, actor)
        _notify_replaced(entry, old, actor)
    return instruction


def _notify_replaced(entry: IncomingEntry, old: list[Assignment], actor) -> None:
    person_ids = {a.person_id for a in old if a.person_id}
    dept_ids = [a.department_id for a in old if a.department_id]
    person_ids |= set(
        Membership.objects.filter(department_id__in=dept_ids, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
    person_ids.discard(actor.pk)
    notify(
        user_ids=person_ids,
        kind="task.reassigned",
        title=f"Văn bản đến số {entry.number_label} đã được giao lại",
        body=entry.subject,
        url=entry.get_absolute_url(),
    )


def entry_return(*, actor, entry: IncomingEntry, text: str) -> Instruction:
    """Return the entry to the clerk (trả lại văn thư) with what to correct: RETURNED, the clerks of the unit told;
    the clerk corrects it and routes it again. Event ``incoming.returned``. Refuses without a reason (Incomplete)."""
    text = (text or "").strip()
    with transaction.atomic():
        entry = _locked(entry)
        _require_leader(actor, entry, AWAITING)
        if not text:
            raise Incomplete("Hãy ghi lý do trả lại để văn thư biết cần sửa gì.", field="text")
        instruction = Instruction.objects.create(
            entry=entry, author=actor, decision=Decision.RETURN, text=text
        )
        entry.state = EntryState.RETURNED
        entry.save(update_fields=["state"])
        event_record(
            actor=actor,
            action="incoming.returned",
            obj=entry,
            unit=entry.unit,
            details={"instruction": instruction.pk, "text": text},
        )
        clerks = set(
            Membership.objects.filter(unit_id=entry.unit_id, role=Role.CLERK).values_list(
                "user_id", flat=True
            )
        )
        clerks.add(entry.registered_by_id)
        clerks.discard(actor.pk)
        notify(
            user_ids=clerks,
            kind="incoming.returned",
            title=f"Văn bản đến số {entry.number_label} bị trả lại văn thư",
            body=f"{actor.get_full_name() or actor.get_username()}: {text}",
            url=entry.get_absolute_url(),
        )
    return instruction


def entry_file(*, actor, entry: IncomingEntry, text: str = "") -> Instruction:
    """«Lưu, không xử lý»: the entry is kept for reference and handled by no one (FILED). Event ``incoming.filed``."""
    text = (text or "").strip()
    with transaction.atomic():
        entry = _locked(entry)
        _require_leader(actor, entry, AWAITING)
        instruction = Instruction.objects.create(entry=entry, author=actor, decision=Decision.FILE, text=text)
        entry.state = EntryState.FILED
        entry.save(update_fields=["state"])
        event_record(
            actor=actor,
            action="incoming.filed",
            obj=entry,
            unit=entry.unit,
            details={"instruction": instruction.pk, "text": text},
        )
        _notify_clerk(entry, actor, "lãnh đạo cho lưu, không xử lý")
    return instruction


def entry_delegate(*, actor, entry: IncomingEntry, to_user, text: str = "") -> Instruction:
    """The head hands the instruction to another leader of the unit (thường là cấp phó): the entry's handler becomes
    ``to_user``, who is told. Event ``incoming.delegated``. Refuses a person who is not a leader (signer) of the
    entry's unit, or oneself (Incomplete, field ``to_user``)."""
    text = (text or "").strip()
    with transaction.atomic():
        entry = _locked(entry)
        _require_leader(actor, entry, AWAITING)
        if to_user is None:
            raise Incomplete("Hãy chọn lãnh đạo nhận chuyển.", field="to_user")
        if to_user.pk == actor.pk:
            raise Incomplete("Hãy chọn một lãnh đạo khác.", field="to_user")
        if not Membership.objects.filter(
            user_id=to_user.pk, unit_id=entry.unit_id, role=Role.SIGNER, user__is_active=True
        ).exists():
            raise OutsideUnit(
                f"{to_user.get_full_name() or to_user.get_username()} không phải lãnh đạo của {entry.unit.name}.",
                field="to_user",
            )
        instruction = Instruction.objects.create(
            entry=entry, author=actor, decision=Decision.DELEGATE, text=text, delegate_to=to_user
        )
        entry.handler = to_user
        entry.save(update_fields=["handler"])
        event_record(
            actor=actor,
            action="incoming.delegated",
            obj=entry,
            unit=entry.unit,
            details={"instruction": instruction.pk, "to": to_user.pk, "text": text},
        )
        notify(
            user_ids=[to_user.pk],
            kind="incoming.delegated",
            title=f"Văn bản đến số {entry.number_label} chờ ý kiến chỉ đạo",
            body=f"{actor.get_full_name() or actor.get_username()} chuyển đồng chí cho ý kiến. {text}".strip(),
            url=entry.get_absolute_url(),
        )
    return instruction


def entry_refresh(entry: IncomingEntry, *, actor=None) -> bool:
    """Close the entry (DONE) once every lead task of it that still counts is done; True when it changed.

    Called by the task completion service inside its transaction. An entry not being handled is left alone."""
    with transaction.atomic():
        entry = _locked(entry)
        if entry.state != EntryState.HANDLING:
            return False
        leads = Assignment.objects.filter(entry=entry, role=AssigneeRole.LEAD).exclude(
            state=AssignmentState.CANCELLED
        )
        if not leads.exists() or leads.filter(~Q(state=AssignmentState.DONE)).exists():
            return False
        entry.state = EntryState.DONE
        entry.save(update_fields=["state"])
        event_record(actor=actor, action="incoming.done", obj=entry, unit=entry.unit)
    return True
