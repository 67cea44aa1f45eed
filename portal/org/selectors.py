"""Reads of the organisation tree. Each answers in a fixed number of queries."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from portal.org.access import admin_paths, scope_for
from portal.org.models import Department, Membership, Role, Unit


def unit_ancestors(unit: Unit) -> list[Unit]:
    """The chain from the root down to the unit's parent, in one query on computed paths."""
    return list(Unit.objects.filter(path__in=unit.ancestor_paths()).order_by("depth"))


def unit_children(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("path")


def unit_subtree(unit: Unit, *, include_self: bool = True, kind: str = "", query: str = "") -> QuerySet[Unit]:
    """The unit's whole subtree in tree order: one prefix scan on the indexed path."""
    # A path range (not LIKE 'prefix%') lets the ordered scan start at the unit instead of
    # walking the index from the first path: constant cost wherever the unit sits in the tree.
    qs = Unit.objects.filter(path__gte=unit.path, path__lt=unit._inc_path())
    if not include_self:
        qs = qs.filter(depth__gt=unit.depth)
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(code__icontains=query) | Q(short_name__icontains=query))
    return qs.order_by("path")


def successor_candidates(user, unit: Unit) -> QuerySet[Unit]:
    """Units that may take over a closing unit, as services.unit_close accepts them: active, outside the
    unit's own subtree, and administered by the user (the subtrees of the units where they are unit admin;
    everything for a system administrator)."""
    scope = scope_for(user)
    units = Unit.objects.filter(active_to__isnull=True).exclude(path__startswith=unit.path)
    if scope.is_system_admin:
        return units
    administered = Unit.objects.filter(pk__in=scope.unit_ids_with_role(Role.UNIT_ADMIN)).values_list(
        "path", flat=True
    )
    within = Q(pk__in=[])
    for path in administered:
        within |= Q(path__startswith=path)
    return units.filter(within)


def addable_people(user) -> QuerySet:
    """People an administrator may give a role by picking them (the person picker of «Thêm người vào đơn vị»):
    active accounts holding a role inside the units the user administers and none outside —
    access.person_manageable, set-based — never a system administrator; everyone active for a system admin."""
    people = get_user_model().objects.filter(is_active=True)
    if scope_for(user).is_system_admin:
        return people
    paths = admin_paths(user)
    if not paths:
        return people.none()
    inside = Q(pk__in=[])
    for path in paths:
        inside |= Q(unit__path__startswith=path)
    held = Membership.objects.filter(user=OuterRef("pk"))
    return (
        people.filter(is_superuser=False)
        .filter(Exists(held.filter(inside)))
        .exclude(Exists(held.exclude(inside)))
    )


def memberships_of(user) -> QuerySet[Membership]:
    """The user's own roles, with their units, in tree order."""
    return Membership.objects.filter(user=user).select_related("unit").order_by("unit__path", "role")


def unit_members(unit: Unit) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(unit=unit)
        .select_related("user", "department")
        .order_by("user__last_name", "user__username", "role")
    )


def units_for_home(user) -> QuerySet[Unit]:
    """The units the user belongs to (own units), for the shell's unit switcher."""
    scope = scope_for(user)
    return Unit.objects.filter(pk__in=list(scope.own_unit_ids)).order_by("path")


def unit_roots_visible_to(user) -> list[Unit]:
    """Top-most units of the user's scope: roots for a system admin, else the led or own units."""
    scope = scope_for(user)
    if scope.is_system_admin:
        return list(Unit.objects.get_root_nodes())
    led = Q(pk__in=[])
    for path in scope.subtree_paths:
        led |= Q(path=path)
    units = list(Unit.objects.filter(led | Q(pk__in=list(scope.own_unit_ids))).order_by("path"))
    return [
        u
        for u in units
        if not any(o is not u and u.path.startswith(o.path) and o.path in scope.subtree_paths for o in units)
    ]


def unit_departments(unit: Unit, *, with_inactive: bool = False) -> list[tuple[Department, list[Membership]]]:
    """The unit's departments in their order, each with the memberships placed in it (two queries whatever the
    number of departments and people); switched-off ones only for the unit's administrator."""
    departments = Department.objects.filter(unit=unit)
    if not with_inactive:
        departments = departments.filter(active=True)
    placed: dict[int, list[Membership]] = {}
    for m in (
        Membership.objects.filter(unit=unit, department__isnull=False)
        .select_related("user")
        .order_by("user__first_name", "user__username", "role")
    ):
        placed.setdefault(m.department_id, []).append(m)  # type: ignore[arg-type]
    return [(d, _one_per_person(placed.get(d.pk, []))) for d in departments.order_by("order", "id")]


def unplaced_members(unit: Unit) -> list[Membership]:
    """The unit's people in no department (its leadership, or not placed yet): one row per person."""
    return _one_per_person(
        list(
            Membership.objects.filter(unit=unit, department__isnull=True)
            .select_related("user")
            .order_by("user__first_name", "user__username", "role")
        )
    )


def _one_per_person(memberships: list[Membership]) -> list[Membership]:
    seen: set[int] = set()
    out = []
    for m in memberships:
        if m.user_id not in seen:
            seen.add(m.user_id)
            out.append(m)
    return out
