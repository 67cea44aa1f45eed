"""Reads of tasks: the «Nhiệm vụ» lists (tabs «Của tôi», «Đơn vị», «Tôi giao» with filters), the menu's count and the
task page's trail. Every list is a fixed number of queries whatever its length (joins and annotations, no per-row
reads); visibility is always access.assignments_visible_to's.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from directives.handling import access
from directives.handling.models import (
    Assignment,
    AssignmentState,
    Chase,
    ChaseKind,
    ExtensionRequest,
    ExtensionState,
    ProgressNote,
)
from directives.handling.selectors.buckets import BUCKET_LABELS, in_bucket
from directives.handling.services.chase import stage_label
from directives.models import Status
from portal.lib.search import Folded, fold
from portal.org.access import scope_for
from portal.org.models import Role, Unit

MINE, UNIT, ASSIGNED = "cua-toi", "don-vi", "toi-giao"
TAB_LABELS = {MINE: "Của tôi", UNIT: "Đơn vị", ASSIGNED: "Tôi giao"}
#: The «Trạng thái» filter: open (the default), done, cancelled, or all of them.
STATES = {"": "Đang thực hiện", "hoan-thanh": "Đã hoàn thành", "da-huy": "Đã hủy", "tat-ca": "Tất cả"}
_STATE_FILTER = {
    "": Q(state=AssignmentState.OPEN),
    "hoan-thanh": Q(state=AssignmentState.DONE),
    "da-huy": Q(state=AssignmentState.CANCELLED),
    "tat-ca": Q(),
}
#: Who carries out a unit-wide task (access.can_work_on): its «Của tôi» tab shows it.
_WORKER_ROLES = (Role.SIGNER, Role.DRAFTER, Role.REPORTER, Role.UNIT_ADMIN)


def mine_q(user) -> Q:
    """Tasks the user carries out: assigned to them, to their department, or to their unit as a whole."""
    scope = scope_for(user)
    q = Q(person_id=user.pk) | Q(department_id__in=access.department_ids(user))
    worker_units = scope.unit_ids_with_role(*_WORKER_ROLES)
    if worker_units:
        q |= Q(unit_id__in=worker_units, department__isnull=True, person__isnull=True)
    return q


def unit_q(user) -> Q | None:
    """The «Đơn vị» tab: a leader's (or unit administrator's) subtree, a clerk's unit; None for anyone else."""
    scope = scope_for(user)
    if scope.is_system_admin:
        return Q()
    q = Q(pk__in=[])
    clerk_units = scope.unit_ids_with_role(Role.CLERK)
    if not scope.subtree_paths and not clerk_units:
        return None
    for path in scope.subtree_paths:
        q |= Q(unit__path__startswith=path)
    if clerk_units:
        q |= Q(unit_id__in=clerk_units)
    return q


def assigned_q(user) -> Q | None:
    """The «Tôi giao» tab: tasks the user assigned, and — for a leader — every task the unit assigned (its
    directives' items, its register's instructions). None for someone who never assigned anything and leads
    nothing."""
    scope = scope_for(user)
    leads = scope.unit_ids_with_role(Role.SIGNER)
    q = Q(assigned_by_id=user.pk)
    if leads:
        q |= Q(task__isnull=False, document__issuer_id__in=leads) | Q(entry__unit_id__in=leads)
    elif not Assignment.objects.filter(assigned_by_id=user.pk).exists():
        return None
    return q


def tabs_for(user) -> list[tuple[str, str]]:
    """The tabs the user has, in order («Của tôi» always)."""
    tabs = [(MINE, TAB_LABELS[MINE])]
    if unit_q(user) is not None:
        tabs.append((UNIT, TAB_LABELS[UNIT]))
    if assigned_q(user) is not None:
        tabs.append((ASSIGNED, TAB_LABELS[ASSIGNED]))
    return tabs


def unit_choices(user) -> list[tuple[int, str]]:
    """The «Đơn vị» filter's units: each unit the user leads (or keeps the register of) and the units right below
    it — the drill-down one level at a time, not a list of every unit of a province."""
    scope = scope_for(user)
    q = Q(pk__in=scope.unit_ids_with_role(Role.CLERK))
    for path in scope.subtree_paths:
        q |= Q(path=path) | Q(path__startswith=path, depth=len(path) // Unit.steplen + 1)
    return list(Unit.objects.filter(q).order_by("path").values_list("pk", "name")[:500])


def _tab_q(user, tab: str) -> Q:
    if tab == UNIT:
        q = unit_q(user)
    elif tab == ASSIGNED:
        q = assigned_q(user)
    else:
        q = mine_q(user)
    return q if q is not None else Q(pk__in=[])


@dataclass(frozen=True)
class TaskFilters:
    tab: str = MINE
    state: str = ""  # a key of STATES
    bucket: str = ""  # a key of buckets.BUCKETS
    role: str = ""  # an AssigneeRole value
    query: str = ""
    unit_id: int | None = None  # «Đơn vị»: only this unit's subtree (a unit the user sees)


def tasks_list(user, filters: TaskFilters, *, today: dt.date) -> QuerySet[Assignment]:
    """One tab's tasks with its filters, ready for a page of rows: the assignee, the source, the count of units
    below that have done their part, and whether a request for more time waits. Open tasks by due date first."""
    qs = access.assignments_visible_to(user).filter(_tab_q(user, filters.tab))
    if filters.bucket in BUCKET_LABELS:
        # A bucket names its own state (done or open): the state filter does not apply.
        qs = in_bucket(qs, filters.bucket, today)
    else:
        qs = qs.filter(_STATE_FILTER.get(filters.state, _STATE_FILTER[""]))
    if filters.role:
        qs = qs.filter(role=filters.role)
    if filters.unit_id is not None:
        unit = Unit.objects.filter(pk=filters.unit_id).first()
        # A unit out of the user's sight filters to nothing rather than telling that it exists.
        qs = (
            qs.filter(unit__path__startswith=unit.path)
            if unit and scope_for(user).sees_unit(unit)
            else qs.none()
        )
    # A NUL cannot reach PostgreSQL in a LIKE pattern: it is no letter anyone types.
    words = fold(filters.query.replace("\x00", ""))
    if words:
        qs = qs.annotate(
            _title=Folded("title"), _unit=Folded("unit__name"), _doc=Folded("document__number_symbol")
        )
        for word in words.split()[:8]:
            qs = qs.filter(Q(_title__contains=word) | Q(_unit__contains=word) | Q(_doc__contains=word))
    return with_row_data(qs).order_by("state", "due_date", "id")


def with_row_data(qs: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """What a row shows, joined and counted in the same query."""
    return qs.select_related(
        "unit", "department", "person", "document", "entry", "assigned_by", "parent"
    ).annotate(
        children_total=Count("children", filter=~Q(children__state=AssignmentState.CANCELLED), distinct=True),
        children_done=Count("children", filter=Q(children__state=AssignmentState.DONE), distinct=True),
        extension_pending=Exists(
            ExtensionRequest.objects.filter(assignment=OuterRef("pk"), state=ExtensionState.PENDING)
        ),
    )


def open_count(user) -> int:
    """The menu's badge: the user's own open tasks («Của tôi»)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return access.assignments_visible_to(user).filter(mine_q(user), state=AssignmentState.OPEN).count()


# --- one task ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowStatus:
    label: str
    css: str  # status-… in static/css


def row_status(a: Assignment, today: dt.date) -> RowStatus:
    """The state a person reads on a row: the bucket's words for a counted task, else the state."""
    if a.state == AssignmentState.CANCELLED:
        return RowStatus("Đã hủy", "status-none")
    if a.state == AssignmentState.DONE:
        on_day = timezone.localtime(a.completed_at).date() if a.completed_at else None
        if a.due_date is None or on_day is None or on_day <= a.due_date:
            return RowStatus("Hoàn thành đúng hạn", "status-ok")
        return RowStatus("Hoàn thành quá hạn", "status-late")
    if a.due_date is not None and a.due_date < today:
        return RowStatus(f"Quá hạn {(today - a.due_date).days} ngày", "status-overdue")
    if a.due_date is not None and (a.due_date - today).days <= 3:
        days = (a.due_date - today).days
        return RowStatus("Đến hạn hôm nay" if days == 0 else f"Còn {days} ngày", "status-late")
    return RowStatus("Đang thực hiện trong hạn", "status-open")


def assignee_label(a: Assignment) -> str:
    """«Ban Tuyên giáo - Nữ công — LĐLĐ tỉnh Bắc Giang», a person's name, or the unit."""
    if a.person_id and a.person is not None:
        name = a.person.get_full_name() or a.person.get_username()
        return f"{name} — {a.unit.name}"
    if a.department_id and a.department is not None:
        return f"{a.department.name} — {a.unit.name}"
    return a.unit.name


def source_label(a: Assignment) -> str:
    """Where the task comes from: the directive's number, or the incoming entry's number."""
    if a.entry_id and a.entry is not None:
        return f"Văn bản đến số {a.entry.number_label}/{a.entry.year}" + (
            f" ({a.entry.number_symbol})" if a.entry.number_symbol else ""
        )
    if a.document_id and a.document is not None:
        return f"{a.document.get_doc_type_display()} số {a.document.number_symbol}"
    return ""


@dataclass
class TaskTrail:
    notes: list[ProgressNote]
    extensions: list[ExtensionRequest]
    chases: list[Chase]
    chase_rows: list[tuple[Chase, str]]  # each chase with what the trail reads for it
    chase_counts: list[tuple[str, int]]  # (label, count) per kind, the kinds with none left out
    children: list[Assignment]
    children_done: int
    children_total: int
    siblings_total: int = 0
    pending: ExtensionRequest | None = None
    recalled: bool = False


def task_trail(assignment: Assignment) -> TaskTrail:
    """The task page's trail: progress notes (with evidence), requests for more time, chases with a count per kind,
    and the tasks below it (a derived plan's units) with how many are done. Five queries."""
    notes = list(assignment.notes.select_related("author"))
    extensions = list(assignment.extensions.select_related("requested_by", "decided_by"))
    chases = list(assignment.chases.select_related("by"))
    # What the trail reads: the sweep's stage («Nhắc quá hạn»), or a person's kind («Phê bình»).
    chase_rows = [
        (c, f"Hệ thống: {stage_label(c.stage)}" if c.stage else c.get_kind_display()) for c in chases
    ]
    per_kind = Counter(c.kind for c in chases)
    chase_counts = [(label, per_kind[kind]) for kind, label in ChaseKind.choices if per_kind[kind]]
    children = list(
        assignment.children.select_related("unit", "department", "person", "document").order_by(
            "unit__path", "id"
        )
    )
    counted = [c for c in children if c.state != AssignmentState.CANCELLED]
    return TaskTrail(
        notes=notes,
        extensions=extensions,
        chases=chases,
        chase_rows=chase_rows,
        chase_counts=chase_counts,
        children=children,
        children_done=sum(1 for c in counted if c.state == AssignmentState.DONE),
        children_total=len(counted),
        pending=next((e for e in extensions if e.state == ExtensionState.PENDING), None),
        recalled=assignment.document is not None and assignment.document.status == Status.REVOKED,
    )


def note_for_user(user, assignment_id: int, note_id: int) -> ProgressNote:
    """An evidence file's note, when the user may read its task (404 otherwise — never a hint that it exists)."""
    assignment = access.assignment_for_user(user, assignment_id)
    note = assignment.notes.filter(pk=note_id).exclude(file="").first()
    if note is None:
        raise Http404("Không tìm thấy tệp minh chứng.")
    return note
