"""Who a leader may assign an incoming entry's handling to, and how the tasks are made (ý kiến chỉ đạo,
Nghị định 30/2020 Art. 22): an ``Assignee`` is one department or one person of the entry's own unit; each gets its
tracked ``Assignment`` with its role (chủ trì, phối hợp, để biết) and deadline, its reminders scheduled, and is told.
The decisions that use this are in ``instruction.py``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from directives.handling.errors import HandlingRefused, Incomplete
from directives.handling.models import AssigneeRole, Assignment, IncomingEntry, Instruction
from directives.handling.services import chase
from portal.lib.dates import vn_short
from portal.notifications.services import notify
from portal.org.models import Department, Membership


class OutsideUnit(HandlingRefused):
    """An assignee (department or person) that is not of the entry's unit: a leader assigns inside the own unit."""

    code = "handling_outside_unit"
    status = 403


@dataclass(frozen=True)
class Assignee:
    """One department or one person of the entry's unit to whom the handling is assigned."""

    department: Department | None = None
    person: Any = None  # a user

    def __post_init__(self) -> None:
        if (self.department is None) == (self.person is None):
            raise ValueError("Assignee takes exactly one of department or person.")

    @property
    def key(self) -> tuple[str, int]:
        if self.department is not None:
            return ("d", self.department.pk)
        return ("p", self.person.pk)

    @property
    def label(self) -> str:
        if self.department is not None:
            return self.department.name
        person = self.person
        return person.get_full_name() or person.get_username()


def check_assignees(
    entry: IncomingEntry,
    lead: Assignee | None,
    supports: Sequence[Assignee],
    informs: Sequence[Assignee],
) -> list[tuple[Assignee, str]]:
    """Every assignee must be an active department or a member of the entry's unit, and appear once."""
    if lead is None:
        raise Incomplete("Hãy chọn ban hoặc người chủ trì xử lý.", field="lead")
    rows: list[tuple[Assignee, str]] = [(lead, AssigneeRole.LEAD)]
    rows += [(a, AssigneeRole.SUPPORT) for a in supports]
    rows += [(a, AssigneeRole.INFORM) for a in informs]
    field_of: dict[str, str] = {
        AssigneeRole.LEAD: "lead",
        AssigneeRole.SUPPORT: "supports",
        AssigneeRole.INFORM: "informs",
    }
    dept_ids = {a.department.pk for a, _ in rows if a.department is not None}
    person_ids = {a.person.pk for a, _ in rows if a.person is not None}
    own_depts = set(
        Department.objects.filter(pk__in=dept_ids, unit_id=entry.unit_id, active=True).values_list(
            "pk", flat=True
        )
    )
    members = set(
        Membership.objects.filter(user_id__in=person_ids, unit_id=entry.unit_id, user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    seen: set[tuple[str, int]] = set()
    for assignee, role in rows:
        field = field_of[role]
        if assignee.department is not None and assignee.department.pk not in own_depts:
            raise OutsideUnit(
                f"«{assignee.label}» không phải là ban, phòng của {entry.unit.name}: chỉ giao việc trong đơn vị.",
                field=field,
            )
        if assignee.person is not None and assignee.person.pk not in members:
            raise OutsideUnit(
                f"«{assignee.label}» không thuộc {entry.unit.name}: chỉ giao việc trong đơn vị.", field=field
            )
        if assignee.key in seen:
            raise Incomplete(f"«{assignee.label}» được chọn nhiều lần; mỗi nơi chỉ một vai trò.", field=field)
        seen.add(assignee.key)
    return rows


def check_due(entry: IncomingEntry, due_date: dt.date | None, field: str = "due_date") -> None:
    if due_date is None:
        raise Incomplete("Hãy ghi hạn xử lý.", field=field)
    arrived = timezone.localtime(entry.arrived_at).date()
    if due_date < arrived:
        raise Incomplete(
            f"Hạn xử lý {vn_short(due_date)} trước ngày văn bản đến ({vn_short(arrived)}).", field=field
        )


def notify_assignees(entry: IncomingEntry, assignments: list[Assignment], actor) -> None:
    """Each assignee is told: the person, or every member of the department."""
    dept_ids = [a.department_id for a in assignments if a.department_id]
    members: dict[int, set[int]] = {}
    for dept_id, user_id in Membership.objects.filter(
        department_id__in=dept_ids, user__is_active=True
    ).values_list("department_id", "user_id"):
        members.setdefault(dept_id, set()).add(user_id)
    leader = actor.get_full_name() or actor.get_username()
    for a in assignments:
        users = {a.person_id} if a.person_id else members.get(a.department_id or 0, set())
        users.discard(actor.pk)
        if not users:
            continue
        role = AssigneeRole(a.role).label.lower()
        due = f", hạn {vn_short(a.due_date)}" if a.due_date else ""
        notify(
            user_ids=users,
            kind="task.assigned",
            title=f"Văn bản đến số {entry.number_label}: giao {role}{due}",
            body=f"{leader} giao: {a.text}\n{entry.subject}",
            url=a.get_absolute_url(),
        )


def create_assignments(
    *,
    actor,
    entry: IncomingEntry,
    instruction: Instruction,
    rows: list[tuple[Assignee, str]],
    text: str,
    due_date: dt.date,
    due_dates: Mapping[Assignee, dt.date | None] | None,
    now: dt.datetime,
) -> list[Assignment]:
    overrides = {a.key: d for a, d in (due_dates or {}).items()}
    built = []
    for assignee, role in rows:
        due = overrides.get(assignee.key, None if role == AssigneeRole.INFORM else due_date)
        if role != AssigneeRole.INFORM:
            check_due(entry, due, field="due_date" if role == AssigneeRole.LEAD else "support_due")
        elif due is not None:
            check_due(entry, due, field="informs")
        built.append(
            Assignment(
                instruction=instruction,
                entry=entry,
                document_id=entry.document_id,
                unit_id=entry.unit_id,
                department=assignee.department,
                person_id=assignee.person.pk if assignee.person is not None else None,
                role=role,
                title=entry.subject[:500],
                text=text,
                due_date=due,
                original_due_date=due,
                assigned_by=actor,
                assigned_at=now,
            )
        )
    created = Assignment.objects.bulk_create(built)
    chase.schedule(created)
    return created


def assignment_details(rows: list[tuple[Assignee, str]], due_date: dt.date | None) -> dict:
    return {
        "lead": [a.label for a, r in rows if r == AssigneeRole.LEAD],
        "supports": [a.label for a, r in rows if r == AssigneeRole.SUPPORT],
        "informs": [a.label for a, r in rows if r == AssigneeRole.INFORM],
        "due_date": due_date.isoformat() if due_date else None,
    }
