"""Reads of the leader's instruction: what awaits a leader's instruction, whom an entry can be assigned to (the unit's
departments and people, by name), and the instruction section of an entry's page (its history and assignments)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from directives.handling import access
from directives.handling.models import (
    AssigneeRole,
    Assignment,
    EntryState,
    IncomingEntry,
    Instruction,
)
from portal.org.access import scope_for
from portal.org.models import Department, Membership, Role, Unit

ROLE_ORDER: dict[str, int] = {AssigneeRole.LEAD: 0, AssigneeRole.SUPPORT: 1, AssigneeRole.INFORM: 2}


# --- what awaits the leader --------------------------------------------------------------------------------------


def instructing_units(user) -> list[int]:
    """The units the user leads (signer): their entries may await this user's instruction."""
    return scope_for(user).unit_ids_with_role(Role.SIGNER)


def awaiting_instruction(user) -> QuerySet[IncomingEntry]:
    """Entries of the user's units awaiting the user's instruction: no leader named yet, this user named, or a
    named leader who no longer leads the unit (``access.can_instruct`` as one query), oldest arrival first."""
    units = instructing_units(user)
    if not units:
        return IncomingEntry.objects.none()
    handler_still_leads = Exists(
        Membership.objects.filter(
            user_id=OuterRef("handler_id"), unit_id=OuterRef("unit_id"), role=Role.SIGNER
        )
    )
    return (
        IncomingEntry.objects.filter(unit_id__in=units, state=EntryState.REGISTERED)
        .filter(Q(handler__isnull=True) | Q(handler_id=user.pk) | ~handler_still_leads)
        .select_related("unit", "handler", "sender_unit")
        .order_by("arrived_at", "id")
    )


def awaiting_instruction_count(user) -> int | None:
    """None for someone who leads no unit (no menu entry); else how many entries await the instruction."""
    if not getattr(user, "is_authenticated", False) or not instructing_units(user):
        return None
    return awaiting_instruction(user).count()


# --- whom to assign -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    user_id: int
    name: str
    detail: str  # the title or the department, so two people of the same name can be told apart


@dataclass
class AssigneeChoices:
    """The unit's active departments and its people, by name — what the instruction form offers."""

    departments: list[Department]
    people: list[Person]
    users: dict[int, object] = field(default_factory=dict)

    def as_choices(self) -> list[tuple[str, list[tuple[str, str]]]]:
        groups = []
        if self.departments:
            groups.append(("Ban, phòng", [(f"d:{d.pk}", d.name) for d in self.departments]))
        if self.people:
            groups.append(
                (
                    "Cá nhân",
                    [
                        (f"p:{p.user_id}", f"{p.name} ({p.detail})" if p.detail else p.name)
                        for p in self.people
                    ],
                )
            )
        return groups

    def flat(self) -> list[tuple[str, str]]:
        return [choice for _, group in self.as_choices() for choice in group]


def assignee_choices(unit: Unit) -> AssigneeChoices:
    """Two queries whatever the size of the unit."""
    departments = list(Department.objects.filter(unit=unit, active=True).order_by("order", "name"))
    rows = (
        Membership.objects.filter(unit=unit, user__is_active=True)
        .select_related("user", "department")
        .order_by("user__first_name", "user__username", "role")
    )
    people: dict[int, Person] = {}
    users: dict[int, object] = {}
    for m in rows:
        if m.user_id in people:
            continue
        name = m.user.get_full_name() or m.user.get_username()
        detail = m.department.name if m.department is not None else (m.title or m.get_role_display())
        people[m.user_id] = Person(m.user_id, name, detail)
        users[m.user_id] = m.user
    return AssigneeChoices(departments=departments, people=list(people.values()), users=users)


def _delegate_rows(entry: IncomingEntry, user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(unit_id=entry.unit_id, role=Role.SIGNER, user__is_active=True)
        .exclude(user_id=user.pk)
        .select_related("user")
        .order_by("user__first_name", "user__username")
    )


def delegate_choices(entry: IncomingEntry, user) -> list[tuple[int, str]]:
    """The unit's other leaders, for «Chuyển lãnh đạo khác»."""
    out: dict[int, str] = {}
    for m in _delegate_rows(entry, user):
        name = m.user.get_full_name() or m.user.get_username()
        out[m.user_id] = f"{name} ({m.title})" if m.title else name
    return list(out.items())


def delegate_candidate(entry: IncomingEntry, user, user_id: int):
    """The leader picked in «Chuyển lãnh đạo khác», or None when that person is not one of the choices."""
    m = _delegate_rows(entry, user).filter(user_id=user_id).first()
    return m.user if m else None


# --- the entry page's section ------------------------------------------------------------------------------------


@dataclass
class InstructionPanel:
    entry: IncomingEntry
    instructions: list[Instruction]
    assignments: list[Assignment]
    can_instruct: bool  # the form «Giao xử lý», «Trả lại văn thư», «Lưu, không xử lý», «Chuyển lãnh đạo khác»
    can_reassign: bool  # «Giao lại» while it is being handled
    today: dt.date  # an open task past this day shows «Quá hạn»
    readable: frozenset[int] = frozenset()  # the tasks this user may open (the others are listed, not linked)

    @property
    def current(self) -> list[Assignment]:
        return [a for a in self.assignments if a.replaced_by_id is None]

    @property
    def replaced(self) -> list[Assignment]:
        return [a for a in self.assignments if a.replaced_by_id is not None]


def entry_assignments(entry: IncomingEntry) -> list[Assignment]:
    """The entry's assignments, newest instruction first, lead → support → inform (one query)."""
    rows = list(
        Assignment.objects.filter(entry=entry, instruction__isnull=False).select_related(
            "department", "person", "instruction"
        )
    )
    rows.sort(key=lambda a: (-(a.instruction_id or 0), ROLE_ORDER.get(a.role, 9), a.pk))
    return rows


def instruction_panel(entry: IncomingEntry, user) -> InstructionPanel:
    """What everyone who reads the entry sees of its instruction, and what this user may decide (four queries)."""
    instructions = list(
        Instruction.objects.filter(entry=entry)
        .select_related("author", "delegate_to")
        .order_by("created_at", "id")
    )
    leader = access.can_instruct(user, entry)
    assignments = entry_assignments(entry)
    readable = frozenset(
        access.assignments_visible_to(user)
        .filter(pk__in=[a.pk for a in assignments])
        .values_list("pk", flat=True)
    )
    return InstructionPanel(
        entry=entry,
        instructions=instructions,
        assignments=assignments,
        can_instruct=leader and entry.state == EntryState.REGISTERED,
        can_reassign=leader and entry.state == EntryState.HANDLING,
        today=timezone.localdate(),
        readable=readable,
    )
