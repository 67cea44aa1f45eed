"""Who may see and act on incoming entries and tasks — written once, used by every page, API view and service.

The scope rule of the organisation (portal.org.access) applies: a leader (signer) or unit administrator sees the whole
subtree of the unit; everyone else works inside the own unit. On top of it:

- the incoming register of a unit is kept by its clerks and read by its clerks, leaders and administrators (and by the
  leaders above); a person to whom an entry was assigned reads that entry;
- a person sees the tasks assigned to them, to their department, and those assigned to their unit as a whole; a leader
  those of the subtree; whoever assigned a task sees it too;
- the one who assigned a task (or a leader of the assigning unit) decides its extensions and chases it; the assignee
  (the person, a member of the department, or a member of the unit for a unit-wide task) works on it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from directives.handling.models import Assignment, IncomingEntry
from directives.models import Delivery
from portal.org.access import scope_for
from portal.org.models import Membership, Role, Unit

#: Roles of a unit that read its incoming register.
REGISTER_READERS = (Role.CLERK, Role.SIGNER, Role.UNIT_ADMIN)


def department_ids(user) -> list[int]:
    """The departments the user belongs to, cached on the user for the rest of the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_thongsuot_departments", None)
    if cached is None:
        cached = sorted(
            Membership.objects.filter(user=user, department__isnull=False).values_list(
                "department_id", flat=True
            )
        )
        user._thongsuot_departments = cached
    return cached


# --- the incoming register ------------------------------------------------------------------------------------


def can_register(user, unit: Unit) -> bool:
    """The clerk (văn thư) of the unit registers what arrives (Nghị định 30/2020, Art. 20–22)."""
    return scope_for(user).has_role(unit.pk, Role.CLERK)


def register_units(user) -> list[int]:
    """The units whose incoming register the user keeps."""
    return scope_for(user).unit_ids_with_role(Role.CLERK)


def can_read_register(user, unit: Unit) -> bool:
    scope = scope_for(user)
    return scope.leads(unit) or scope.has_role(unit.pk, *REGISTER_READERS)


def entries_visible_q(user, prefix: str = "") -> Q:
    scope = scope_for(user)
    if scope.is_system_admin:
        return Q()
    q = Q(**{f"{prefix}unit_id__in": scope.unit_ids_with_role(*REGISTER_READERS)})
    for path in scope.subtree_paths:
        q |= Q(**{f"{prefix}unit__path__startswith": path})
    mine = Q(person_id=user.pk) | Q(department_id__in=department_ids(user))
    q |= Q(**{f"{prefix}pk__in": Assignment.objects.filter(mine, entry__isnull=False).values("entry_id")})
    return q


def entries_visible_to(user) -> QuerySet[IncomingEntry]:
    if not getattr(user, "is_authenticated", False):
        return IncomingEntry.objects.none()
    return IncomingEntry.objects.filter(entries_visible_q(user))


def entry_for_user(user, entry_id: int) -> IncomingEntry:
    """Fetch an entry the user may read, with what its page shows, or 404 — never a hint that it exists."""
    entry = (
        entries_visible_to(user)
        .select_related("unit", "sender_unit", "delivery", "document", "handler", "registered_by")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise Http404("Không tìm thấy văn bản đến.")
    return entry


def entry_for_clerk(user, entry_id: int) -> IncomingEntry:
    entry = entry_for_user(user, entry_id)
    if not can_register(user, entry.unit):
        raise PermissionDenied("Chỉ văn thư của đơn vị được thực hiện việc này.")
    return entry


def can_instruct(user, entry: IncomingEntry) -> bool:
    """The head of the unit or a deputy (its signers) gives the instruction; once the clerk or the head named a
    leader for the entry, that leader does (or any signer, if that person no longer leads the unit)."""
    scope = scope_for(user)
    if not scope.has_role(entry.unit_id, Role.SIGNER):
        return False
    return entry.handler_id is None or entry.handler_id == user.pk or not _still_signer(entry)


def _still_signer(entry: IncomingEntry) -> bool:
    if entry.handler_id is None:
        return False
    return Membership.objects.filter(
        user_id=entry.handler_id, unit_id=entry.unit_id, role=Role.SIGNER
    ).exists()


def entry_for_leader(user, entry_id: int) -> IncomingEntry:
    entry = entry_for_user(user, entry_id)
    if not can_instruct(user, entry):
        raise PermissionDenied("Chỉ lãnh đạo được giao cho ý kiến chỉ đạo văn bản này.")
    return entry


# --- tasks ------------------------------------------------------------------------------------------------------


def assignments_visible_q(user, prefix: str = "") -> Q:
    scope = scope_for(user)
    if scope.is_system_admin:
        return Q()
    q = Q(**{f"{prefix}person_id": user.pk}) | Q(**{f"{prefix}assigned_by_id": user.pk})
    q |= Q(**{f"{prefix}department_id__in": department_ids(user)})
    # A task of the unit as a whole: every member of the unit.
    q |= Q(
        **{
            f"{prefix}unit_id__in": sorted(scope.own_unit_ids),
            f"{prefix}department__isnull": True,
            f"{prefix}person__isnull": True,
        }
    )
    # The unit's clerks and administrators follow all of its tasks; leaders the whole subtree.
    q |= Q(**{f"{prefix}unit_id__in": scope.unit_ids_with_role(Role.CLERK, Role.UNIT_ADMIN)})
    for path in scope.subtree_paths:
        q |= Q(**{f"{prefix}unit__path__startswith": path})
    return q


def assignments_visible_to(user) -> QuerySet[Assignment]:
    if not getattr(user, "is_authenticated", False):
        return Assignment.objects.none()
    return Assignment.objects.filter(assignments_visible_q(user))


def assignment_for_user(user, assignment_id: int) -> Assignment:
    assignment = (
        assignments_visible_to(user)
        .select_related(
            "unit",
            "department",
            "person",
            "assigned_by",
            "document",
            "entry",
            "task",
            "parent",
            "instruction",
        )
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        raise Http404("Không tìm thấy nhiệm vụ.")
    return assignment


def assigning_unit_id(assignment: Assignment) -> int | None:
    """The unit that assigned the task: the directive's issuer, or the unit whose register holds the entry."""
    if assignment.task_id is not None:
        return assignment.document.issuer_id if assignment.document is not None else None
    return assignment.entry.unit_id if assignment.entry is not None else None


def can_work_on(user, assignment: Assignment) -> bool:
    """The assignee posts progress, completes it and asks for more time."""
    scope = scope_for(user)
    if assignment.person_id is not None:
        return assignment.person_id == user.pk
    if assignment.department_id is not None:
        return assignment.department_id in department_ids(user) or scope.has_role(
            assignment.unit_id, Role.SIGNER
        )
    # A task of the unit as a whole: its leaders, specialists and reporters (the clerk registers, it does not
    # carry out).
    return scope.has_role(assignment.unit_id, Role.SIGNER, Role.DRAFTER, Role.REPORTER, Role.UNIT_ADMIN)


def can_direct(user, assignment: Assignment) -> bool:
    """Whoever assigned the task, or a leader of the assigning unit: decides extensions and chases."""
    if assignment.assigned_by_id is not None and assignment.assigned_by_id == user.pk:
        return True
    unit_id = assigning_unit_id(assignment)
    return unit_id is not None and scope_for(user).has_role(unit_id, Role.SIGNER)


def assignment_for_worker(user, assignment_id: int) -> Assignment:
    assignment = assignment_for_user(user, assignment_id)
    if not can_work_on(user, assignment):
        raise PermissionDenied("Chỉ người, ban hoặc đơn vị được giao nhiệm vụ được cập nhật nhiệm vụ này.")
    return assignment


def assignment_for_director(user, assignment_id: int) -> Assignment:
    assignment = assignment_for_user(user, assignment_id)
    if not can_direct(user, assignment):
        raise PermissionDenied("Chỉ người giao nhiệm vụ (hoặc lãnh đạo đơn vị giao) được thực hiện việc này.")
    return assignment


# --- helper A: the register's pages -------------------------------------------------------------------------


def register_for_user(user, unit_id: int | None) -> Unit:
    """The unit whose register a page shows: the one asked for (``?don-vi=``) when the user reads it, else the
    first unit whose register the user keeps or reads. 404 for a unit the user may not read (never a hint that it
    exists); 403 for someone who reads no register at all."""
    if unit_id is not None:
        unit = Unit.objects.filter(pk=unit_id).first()
        if unit is None or not can_read_register(user, unit):
            raise Http404("Không tìm thấy sổ văn bản đến của đơn vị này.")
        return unit
    ids = scope_for(user).unit_ids_with_role(*REGISTER_READERS)
    unit = Unit.objects.filter(pk__in=ids).order_by("path").first()
    if unit is None:
        raise PermissionDenied("Chỉ văn thư và lãnh đạo của đơn vị được xem sổ văn bản đến.")
    return unit


def delivery_for_clerk(user, delivery_id: int) -> Delivery:
    """A delivery to a unit whose register the user keeps, or 404."""
    delivery = (
        Delivery.objects.select_related("unit", "document")
        .filter(pk=delivery_id, unit_id__in=register_units(user))
        .first()
    )
    if delivery is None:
        raise Http404("Không tìm thấy văn bản đến.")
    return delivery
