"""Tasks followed to done (SPEC.md §12, STANDARDS.md §9): what the assignee and the assigner do with them. Where
they come from: services.directive_tasks (a directive's «Tổ chức thực hiện», at issue) and services.instruction (the
leader's instruction on an incoming entry).

- The assignee posts progress with evidence (``assignment_note``), completes with the result
  (``assignment_complete``) and asks for more time (``extension_request``); the assigner decides
  (``extension_decide``) and chases in person (``assignment_chase``: nhắc nhở, phê bình, kiểm điểm).
- ``assignments_cancel``: the recall of a document closes its open tasks (nothing else is touched).

Every change writes its audit event in the same transaction and tells the other side; a refusal writes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from directives.handling import access
from directives.handling.errors import AlreadyDone, AttachmentRefused, Incomplete, NotAllowed
from directives.handling.models import (
    AssigneeRole,
    Assignment,
    AssignmentState,
    Chase,
    ChaseKind,
    ExtensionRequest,
    ExtensionState,
    ProgressNote,
)
from directives.handling.services import chase
from directives.handling.services.instruction import entry_refresh
from directives.models import Document
from portal.audit.services import event_record
from portal.lib.uploads import attachment_check, safe_upload_name
from portal.notifications.services import notify
from portal.org.models import Membership, Role

#: Who carries out a task of a unit as a whole (the clerk registers, it does not carry out) — access.can_work_on.
WORKER_ROLES = (Role.SIGNER, Role.DRAFTER, Role.REPORTER, Role.UNIT_ADMIN)


# --- who is told ------------------------------------------------------------------------------------------------


def assignee_user_ids(assignment: Assignment) -> set[int]:
    """The people who carry out the task: the person; else the department's members and the unit's leaders; else
    the unit's leaders, specialists and reporters."""
    if assignment.person_id:
        return {assignment.person_id}
    if assignment.department_id:
        q = Q(department_id=assignment.department_id) | Q(unit_id=assignment.unit_id, role=Role.SIGNER)
    else:
        q = Q(unit_id=assignment.unit_id, role__in=WORKER_ROLES)
    return set(Membership.objects.filter(q, user__is_active=True).values_list("user_id", flat=True))


def assigner_user_ids(assignment: Assignment) -> set[int]:
    """Whoever assigned the task; when nobody is named (a directive signed by someone since gone), the assigning
    unit's leaders."""
    if assignment.assigned_by_id:
        return {assignment.assigned_by_id}
    unit_id = access.assigning_unit_id(assignment)
    if unit_id is None:
        return set()
    return set(
        Membership.objects.filter(unit_id=unit_id, role=Role.SIGNER, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )


def _tell(
    user_ids: Iterable[int], *, actor, kind: str, title: str, body: str, assignment: Assignment
) -> None:
    ids = set(user_ids) - {getattr(actor, "pk", None)}
    notify(user_ids=ids, kind=kind, title=title, body=body, url=assignment.get_absolute_url())


# --- evidence ---------------------------------------------------------------------------------------------------


def evidence_check(upload: UploadedFile) -> str:
    """The evidence file's safe name; refuses a type the portal does not keep, a file whose content is not what its
    name says, an empty or too large one (ATTACHMENT_ALLOWED_EXTENSIONS, ATTACHMENT_MAX_BYTES): the portal's one
    check."""
    attachment_check(
        upload,
        allowed=settings.ATTACHMENT_ALLOWED_EXTENSIONS,
        max_bytes=settings.ATTACHMENT_MAX_BYTES,
        refusal=AttachmentRefused,
    )
    return safe_upload_name(os.path.basename(upload.name or ""))


def _note_write(*, actor, assignment: Assignment, text: str, file: UploadedFile | None) -> ProgressNote:
    note = ProgressNote(assignment=assignment, author=actor, text=text)
    if file is not None:
        name = evidence_check(file)
        note.file_name, note.file_size = name, file.size or 0
        note.file.save(name, file, save=False)
    note.save()
    return note


# --- the assignee -----------------------------------------------------------------------------------------------


def _locked(assignment: Assignment) -> Assignment:
    """The task row locked for the change, with what the checks and the messages read."""
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("unit", "document", "entry", "task", "parent", "department", "person")
        .get(pk=assignment.pk)
    )


def _check_worker(actor, assignment: Assignment) -> None:
    if not access.can_work_on(actor, assignment):
        raise NotAllowed("Chỉ người, ban hoặc đơn vị được giao nhiệm vụ được cập nhật nhiệm vụ này.")


def _check_open(assignment: Assignment) -> None:
    if assignment.state == AssignmentState.DONE:
        raise AlreadyDone("Nhiệm vụ đã hoàn thành; không thể thay đổi.")
    if assignment.state == AssignmentState.CANCELLED:
        raise AlreadyDone("Nhiệm vụ đã bị hủy (văn bản giao nhiệm vụ đã thu hồi hoặc đã giao lại).")


@transaction.atomic
def assignment_note(
    *, actor, assignment: Assignment, text: str, file: UploadedFile | None = None
) -> ProgressNote:
    """Progress on an open task, with an evidence file if any (cập nhật tiến độ). The assigner is told."""
    assignment = _locked(assignment)
    _check_worker(actor, assignment)
    _check_open(assignment)
    text = (text or "").strip()
    if not text:
        raise Incomplete("Hãy ghi nội dung tiến độ.", field="text")
    note = _note_write(actor=actor, assignment=assignment, text=text, file=file)
    event_record(
        actor=actor,
        action="task.noted",
        obj=assignment,
        unit=assignment.unit,
        details={"note": note.pk, "file": note.file_name},
    )
    _tell(
        assigner_user_ids(assignment),
        actor=actor,
        kind="task.noted",
        title=f"Cập nhật tiến độ: {assignment.title[:150]}",
        body=f"{assignment.unit.name}: {text[:500]}",
        assignment=assignment,
    )
    return note


@transaction.atomic
def assignment_complete(
    *, actor, assignment: Assignment, result: str, file: UploadedFile | None = None
) -> Assignment:
    """The task is done (hoàn thành), with its result and an evidence file if any. Refused twice. Completing the
    lead task of an incoming entry may complete the entry; the last unit below to finish a cascaded task tells the
    higher task's assignee."""
    assignment = _locked(assignment)
    _check_worker(actor, assignment)
    _check_open(assignment)
    result = (result or "").strip()
    if not result:
        raise Incomplete("Hãy ghi kết quả thực hiện nhiệm vụ.", field="result")
    note = _note_write(actor=actor, assignment=assignment, text=f"Hoàn thành: {result}", file=file)
    now = timezone.now()
    assignment.state, assignment.completed_at, assignment.completed_by, assignment.result = (
        AssignmentState.DONE,
        now,
        actor,
        result,
    )
    assignment.save(update_fields=["state", "completed_at", "completed_by", "result"])
    chase.unschedule([assignment])
    due = assignment.due_date
    on_time = due is None or timezone.localdate(now) <= due
    event_record(
        actor=actor,
        action="task.completed",
        obj=assignment,
        unit=assignment.unit,
        details={"on_time": on_time, "note": note.pk, "file": note.file_name},
    )
    _tell(
        assigner_user_ids(assignment),
        actor=actor,
        kind="task.completed",
        title=f"Hoàn thành {'đúng hạn' if on_time else 'quá hạn'}: {assignment.title[:150]}",
        body=f"{assignment.unit.name}: {result[:500]}",
        assignment=assignment,
    )
    if assignment.entry is not None and assignment.role == AssigneeRole.LEAD:
        # The entry is done when every lead task of it is (the instruction's rule, services.instruction).
        entry_refresh(assignment.entry, actor=actor)
    if assignment.parent_id:
        _parent_climb(actor, assignment.parent_id)
    return assignment


def _parent_climb(actor, parent_id: int) -> None:
    """Completion climbs the cascade: when every unit below has done its part of a higher task, that task's assignee
    is told (the higher task itself is completed by its own unit, with its own result)."""
    parent = Assignment.objects.select_related("unit").filter(pk=parent_id).first()
    if parent is None or parent.state != AssignmentState.OPEN:
        return
    counts = parent.children.exclude(state=AssignmentState.CANCELLED).aggregate(
        total=Count("id"), done=Count("id", filter=Q(state=AssignmentState.DONE))
    )
    if counts["total"] and counts["done"] == counts["total"]:
        _tell(
            assignee_user_ids(parent),
            actor=actor,
            kind="task.children_done",
            title=f"Các đơn vị cấp dưới đã hoàn thành ({counts['done']}/{counts['total']}): {parent.title[:120]}",
            body="Hãy báo cáo kết quả và đánh dấu hoàn thành nhiệm vụ của đơn vị.",
            assignment=parent,
        )


@transaction.atomic
def extension_request(
    *, actor, assignment: Assignment, new_due: dt.date | None, reason: str
) -> ExtensionRequest:
    """Ask whoever assigned the task for more time (xin gia hạn). One open request at a time; the new date comes
    after the current one and is not in the past."""
    assignment = _locked(assignment)
    _check_worker(actor, assignment)
    _check_open(assignment)
    reason = (reason or "").strip()
    errors = {}
    if new_due is None:
        errors["new_due"] = "Hãy chọn ngày xin gia hạn đến."
    elif new_due < timezone.localdate():
        errors["new_due"] = "Ngày gia hạn đã qua."
    elif assignment.due_date is not None and new_due <= assignment.due_date:
        errors["new_due"] = f"Ngày gia hạn phải sau hạn hiện tại ({assignment.due_date:%d/%m/%Y})."
    if not reason:
        errors["reason"] = "Hãy ghi lý do xin gia hạn."
    if errors or new_due is None:
        raise Incomplete(next(iter(errors.values())), errors=errors)
    if assignment.extensions.filter(state=ExtensionState.PENDING).exists():
        raise AlreadyDone("Nhiệm vụ đã có một đề nghị gia hạn đang chờ xem xét.", field="new_due")
    request = ExtensionRequest.objects.create(
        assignment=assignment,
        requested_by=actor,
        current_due=assignment.due_date,
        new_due=new_due,
        reason=reason,
    )
    event_record(
        actor=actor,
        action="task.extension_requested",
        obj=assignment,
        unit=assignment.unit,
        details={
            "request": request.pk,
            "current_due": str(assignment.due_date or ""),
            "new_due": str(new_due),
        },
    )
    _tell(
        assigner_user_ids(assignment),
        actor=actor,
        kind="task.extension_requested",
        title=f"Xin gia hạn đến {new_due:%d/%m/%Y}: {assignment.title[:140]}",
        body=f"{assignment.unit.name}: {reason[:500]}",
        assignment=assignment,
    )
    return request


# --- the assigner -----------------------------------------------------------------------------------------------


def _check_director(actor, assignment: Assignment) -> None:
    if not access.can_direct(actor, assignment):
        raise NotAllowed("Chỉ người giao nhiệm vụ (hoặc lãnh đạo đơn vị giao) được thực hiện việc này.")


@transaction.atomic
def extension_decide(
    *, actor, request: ExtensionRequest, approve: bool, comment: str = ""
) -> ExtensionRequest:
    """Decide a request for more time. Approved: the task's due date becomes the new one (the first due date stays
    in ``original_due_date``) and its reminders start again for it. Refused: a reason is given. Decided once."""
    request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
    assignment = _locked(request.assignment)
    _check_director(actor, assignment)
    if request.state != ExtensionState.PENDING:
        raise AlreadyDone("Đề nghị gia hạn này đã được xem xét.")
    _check_open(assignment)
    comment = (comment or "").strip()
    if not approve and not comment:
        raise Incomplete("Hãy ghi lý do không đồng ý gia hạn.", field="comment")
    request.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
    request.decided_by, request.decided_at, request.decision_comment = actor, timezone.now(), comment
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_comment"])
    if approve:
        if assignment.original_due_date is None:
            assignment.original_due_date = assignment.due_date
        assignment.due_date = request.new_due
        assignment.save(update_fields=["due_date", "original_due_date"])
        chase.schedule([assignment])
    event_record(
        actor=actor,
        action="task.extension_approved" if approve else "task.extension_refused",
        obj=assignment,
        unit=assignment.unit,
        details={"request": request.pk, "new_due": str(request.new_due), "comment": comment},
    )
    verdict = "Đồng ý gia hạn" if approve else "Không đồng ý gia hạn"
    _tell(
        {request.requested_by_id} | assignee_user_ids(assignment),
        actor=actor,
        kind="task.extension_decided",
        title=f"{verdict} đến {request.new_due:%d/%m/%Y}: {assignment.title[:140]}",
        body=comment,
        assignment=assignment,
    )
    return request


CHASE_TITLES = {
    ChaseKind.REMIND: "Nhắc nhở",
    ChaseKind.CRITICISE: "Phê bình",
    ChaseKind.REVIEW: "Yêu cầu kiểm điểm",
}


@transaction.atomic
def assignment_chase(*, actor, assignment: Assignment, kind: str, text: str) -> Chase:
    """A chase by a person on an open task: nhắc nhở, phê bình or kiểm điểm — typed and counted on the task's
    trail; the assignee is told. A criticism or a review states why."""
    assignment = _locked(assignment)
    _check_director(actor, assignment)
    _check_open(assignment)
    if kind not in ChaseKind.values:
        raise Incomplete("Hãy chọn hình thức đôn đốc: nhắc nhở, phê bình hoặc kiểm điểm.", field="kind")
    text = (text or "").strip()
    if kind != ChaseKind.REMIND and not text:
        raise Incomplete("Hãy ghi nội dung phê bình hoặc yêu cầu kiểm điểm.", field="text")
    row = Chase.objects.create(assignment=assignment, kind=kind, text=text, by=actor)
    event_record(
        actor=actor,
        action="task.chased",
        obj=assignment,
        unit=assignment.unit,
        details={"kind": kind, "chase": row.pk},
    )
    due = f" (hạn {assignment.due_date:%d/%m/%Y})" if assignment.due_date else ""
    _tell(
        assignee_user_ids(assignment),
        actor=actor,
        kind=f"task.{kind}",
        title=f"{CHASE_TITLES[ChaseKind(kind)]}: {assignment.title[:150]}{due}",
        body=text or "Đề nghị khẩn trương thực hiện và cập nhật tiến độ nhiệm vụ.",
        assignment=assignment,
    )
    return row


# --- the recall -------------------------------------------------------------------------------------------------


@transaction.atomic
def assignments_cancel(*, document: Document, reason: str, actor) -> int:
    """The document was recalled (thu hồi): its open tasks are cancelled with the reason and leave the chase; done
    tasks, the trail and every other document's tasks are untouched. Returns how many were cancelled."""
    open_tasks = Assignment.objects.filter(document=document, state=AssignmentState.OPEN)
    ids = list(open_tasks.values_list("pk", flat=True))
    if not ids:
        return 0
    Assignment.objects.filter(pk__in=ids, state=AssignmentState.OPEN).update(
        state=AssignmentState.CANCELLED,
        cancelled_at=timezone.now(),
        cancelled_reason=(reason or "").strip(),
        next_stage="",
        next_action_at=None,
    )
    # A pending request for more time has nothing left to decide.
    ExtensionRequest.objects.filter(assignment_id__in=ids, state=ExtensionState.PENDING).update(
        state=ExtensionState.REFUSED,
        decided_at=timezone.now(),
        decision_comment="Văn bản giao nhiệm vụ đã bị thu hồi.",
    )
    event_record(
        actor=actor,
        action="task.cancelled",
        obj=document,
        unit=document.issuer,
        details={"tasks": len(ids), "reason": (reason or "").strip()},
    )
    return len(ids)
