"""Tasks from an issued directive (SPEC.md §12): the ``document_issued`` receiver's work.

One Assignment per (item of «Tổ chức thực hiện», assigned unit that received the document), set-based in the issuing
transaction. When the issued document implements a higher one and its issuer was assigned there, each new task points
to that assignment (``parent``): the higher task shows how many units below have done their part, and its assignee is
told when the last one has (services.tasks.assignment_complete).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from directives.handling.models import AssigneeRole, Assignment, AssignmentState
from directives.handling.services import chase
from directives.models import Delivery, Document, DocumentRelation, RelationKind, Task
from portal.audit.services import event_record
from portal.notifications.services import notify
from portal.org.models import Membership, Role

TITLE_MAX = 300


def _short(text: str, limit: int = TITLE_MAX) -> str:
    """A task's title from its text: the first line without the list dash or bullet an item starts with
    ("- Phối hợp …" → "Phối hợp …"), cut at a word when long."""
    line = next((ln.strip() for ln in (text or "").splitlines() if ln.strip()), "")
    line = line.lstrip("-–•+* \t")
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


def _parent_candidates(document: Document) -> list[Assignment]:
    """The issuer's own tasks in the documents this one implements, best first: the items assigned to the issuer
    there (open first, in the higher document's order), then — when the higher document reached it as an incoming
    entry whose handling its leader assigned — the lead task of that instruction."""
    targets = DocumentRelation.objects.filter(source=document, kind=RelationKind.IMPLEMENTS).values(
        "target_id"
    )
    rows = list(
        Assignment.objects.filter(document_id__in=targets, unit_id=document.issuer_id)
        .filter(Q(task__isnull=False) | Q(role=AssigneeRole.LEAD, replaced_by__isnull=True))
        .exclude(state=AssignmentState.CANCELLED)
        .select_related("task")
    )
    rows.sort(
        key=lambda a: (
            a.task_id is None,
            a.state != AssignmentState.OPEN,
            a.task.order if a.task is not None else 0,
            a.pk,
        )
    )
    return rows


def _parent_for(task: Task, pool: list[Assignment]) -> Assignment | None:
    """The higher task this item carries out: the one whose text (or heading) it repeats — derive copies them —
    else the best of the issuer's tasks there."""
    if not pool:
        return None
    text = " ".join(task.text.split())
    for a in pool:
        if a.task is not None and " ".join(a.task.text.split()) == text:
            return a
    for a in pool:
        if a.task is not None and a.task.title.strip() == task.title.strip():
            return a
    return pool[0]


def assignments_create_for_document(*, document: Document, actor=None) -> list[Assignment]:
    """One task per (item of "Tổ chức thực hiện", assigned unit that received the document), in the issuing
    transaction: two reads and one INSERT whatever the number of units. Idempotent (the (task, unit) constraint):
    a second call creates nothing. Returns the tasks created."""
    pairs = list(
        Task.units.through.objects.filter(
            task__document=document,
            unit_id__in=Delivery.objects.filter(document=document, returned_at__isnull=True).values(
                "unit_id"
            ),
        )
        .exclude(
            task_id__in=Assignment.objects.filter(document=document, task__isnull=False).values("task_id")
        )
        .select_related("task")
        .order_by("task__order", "task_id", "unit_id")
    )
    if not pairs:
        return []
    candidates = _parent_candidates(document)
    parents = {}
    for pair in pairs:
        if pair.task_id not in parents:
            parents[pair.task_id] = _parent_for(pair.task, candidates)
    assigned_at = document.issued_at or timezone.now()
    rows = [
        Assignment(
            task_id=pair.task_id,
            document=document,
            unit_id=pair.unit_id,
            role=AssigneeRole.LEAD,
            title=_short(pair.task.text) or pair.task.title,
            text=pair.task.text,
            due_date=pair.task.due_date,
            parent=parents[pair.task_id],
            assigned_by_id=document.signed_by_id,
            assigned_at=assigned_at,
        )
        for pair in pairs
    ]
    # The issuing transaction holds the document's row: nobody else creates its tasks meanwhile.
    created = Assignment.objects.bulk_create(rows, batch_size=2000)
    chase.schedule(created)
    linked = sorted({p.pk for p in parents.values() if p is not None})
    event_record(
        actor=actor,
        action="task.assigned",
        obj=document,
        unit=document.issuer,
        details={"tasks": len(created), "units": len({a.unit_id for a in created}), "parents": linked},
    )
    _tell_new_tasks(document, created)
    return created


def _tell_new_tasks(document: Document, created: list[Assignment]) -> None:
    """The leaders of each assigned unit hear of their tasks (the document itself was announced by the issue)."""
    per_unit: dict[int, int] = defaultdict(int)
    for a in created:
        per_unit[a.unit_id] += 1
    leaders: dict[int, set[int]] = defaultdict(set)
    for unit_id, user_id in Membership.objects.filter(
        unit_id__in=per_unit, role=Role.SIGNER, user__is_active=True
    ).values_list("unit_id", "user_id"):
        leaders[unit_id].add(user_id)
    by_count: dict[int, set[int]] = defaultdict(set)
    for unit_id, count in per_unit.items():
        by_count[count] |= leaders[unit_id]
    for count, user_ids in by_count.items():
        notify(
            user_ids=user_ids,
            kind="task.assigned",
            title=f"Được giao {count} nhiệm vụ tại {document.get_doc_type_display().lower()} "
            f"số {document.number_symbol}",
            body=document.subject[:500],
            url="/nhiem-vu/",
        )
