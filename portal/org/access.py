"""Who may see which units — written once, used by every page and API view.

Rule (SPEC.md §3): a leader (signer) or unit admin sees the unit's whole
subtree; every other member sees the own unit only; a system administrator
sees everything. The scope is computed once per request from one query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from portal.org.models import SUBTREE_ROLES, Membership, Role, Unit


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    is_system_admin: bool = False
    own_unit_ids: frozenset[int] = frozenset()
    subtree_paths: tuple[str, ...] = ()
    roles: frozenset[tuple[int, str]] = field(default_factory=frozenset)  # (unit_id, role)

    def unit_q(self, prefix: str = "") -> Q:
        """A filter selecting the units in scope, through the relation named by prefix."""
        if self.is_system_admin:
            return Q()
        q = Q(**{f"{prefix}id__in": list(self.own_unit_ids)}) if self.own_unit_ids else Q(pk__in=[])
        for path in self.subtree_paths:
            q |= Q(**{f"{prefix}path__startswith": path})
        return q

    def unit_ids(self) -> QuerySet[Unit]:
        """The ids of the units in scope, as a sub-select on the path index: the own units, and each subtree as
        a range (path >= p AND path < the next sibling's) rather than a LIKE the planner cannot bound."""
        where = Q(pk__in=sorted(self.own_unit_ids))
        for path in self.subtree_paths:
            where |= Q(path__gte=path, path__lt=Unit(path=path)._inc_path())
        return Unit.objects.filter(where).values("id")

    @property
    def below_national(self) -> bool:
        """The scope's subtrees are provinces or smaller (no root of the tree): few units, few rows of theirs —
        a list or a search over many rows starts from them rather than from what matches in the country."""
        return not self.is_system_admin and all(len(path) > Unit.steplen for path in self.subtree_paths)

    def sees_unit(self, unit: Unit) -> bool:
        if self.is_system_admin or unit.pk in self.own_unit_ids:
            return True
        return any(unit.path.startswith(p) for p in self.subtree_paths)

    def has_role(self, unit_id: int, *roles: str) -> bool:
        return any((unit_id, r) in self.roles for r in roles)

    def leads(self, unit: Unit) -> bool:
        """True when the user holds a subtree role on this unit or on one of its ancestors."""
        return self.is_system_admin or any(unit.path.startswith(p) for p in self.subtree_paths)

    def unit_ids_with_role(self, *roles: str) -> list[int]:
        return sorted({u for (u, r) in self.roles if r in roles})

    @property
    def is_member(self) -> bool:
        return self.is_system_admin or bool(self.own_unit_ids)


_ANONYMOUS = Scope(user_id=None)


def scope_for(user) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    if not getattr(user, "is_authenticated", False):
        return _ANONYMOUS
    cached = getattr(user, "_thongsuot_scope", None)
    if cached is not None:
        return cached
    rows = list(Membership.objects.filter(user=user).values_list("unit_id", "role", "unit__path"))
    paths = sorted({path for (_, role, path) in rows if role in SUBTREE_ROLES})
    # Drop paths already covered by a shorter one so filters stay small.
    minimal = tuple(p for p in paths if not any(p != q and p.startswith(q) for q in paths))
    scope = Scope(
        user_id=user.pk,
        is_system_admin=bool(user.is_superuser),
        own_unit_ids=frozenset(u for (u, _, _) in rows),
        subtree_paths=minimal,
        roles=frozenset((u, r) for (u, r, _) in rows),
    )
    user._thongsuot_scope = scope
    return scope


def units_visible_to(user) -> QuerySet[Unit]:
    return Unit.objects.filter(scope_for(user).unit_q())


def unit_for_user(user, unit_id: int) -> Unit:
    """Fetch a unit the user may see, or 404 — never a hint that it exists."""
    unit = Unit.objects.select_related("successor").filter(pk=unit_id).first()
    if unit is None or not scope_for(user).sees_unit(unit):
        raise Http404("Không tìm thấy đơn vị.")
    return unit


def unit_for_admin(user, unit_id: int) -> Unit:
    """A unit the user may administer: system admin, or unit admin of the unit or an ancestor."""
    unit = unit_for_user(user, unit_id)
    if administers(user, unit):
        return unit
    raise Http404("Không tìm thấy đơn vị.")


def administered_paths(user) -> tuple[str, ...] | None:
    """The paths of the units the user administers (each with its whole subtree); None for everything."""
    if scope_for(user).is_system_admin:
        return None
    return admin_paths(user)


def administers(user, unit: Unit) -> bool:
    """A system administrator, or a unit admin of the unit or of an ancestor: the admin's reach, which is
    also where a merger's successor must lie."""
    paths = administered_paths(user)
    return paths is None or unit.path.startswith(paths)


def lists_children(scope: Scope, unit: Unit) -> bool:
    """Whether the unit's page lists the units below it: its leaders (who also open them) and its drafters and
    clerks, who address documents and tasks to them without opening them (SPEC §3: they see their own unit)."""
    return scope.leads(unit) or scope.has_role(unit.pk, Role.DRAFTER, Role.CLERK)


def unit_for_leader(user, unit_id: int) -> Unit:
    """A unit whose whole subtree the user may list (a leader of it or of a unit above): 404 if unseen, 403 if
    seen but not led."""
    unit = unit_for_user(user, unit_id)
    if not scope_for(user).leads(unit):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị được xem toàn bộ đơn vị cấp dưới.")
    return unit


def can_administer_units(user) -> bool:
    scope = scope_for(user)
    return scope.is_system_admin or bool(scope.unit_ids_with_role(Role.UNIT_ADMIN))


def can_read_audit(user) -> bool:
    scope = scope_for(user)
    return scope.is_system_admin or bool(scope.subtree_paths)


def admin_paths(user) -> tuple[str, ...]:
    """Paths of the units the user administers as unit_admin (a system administrator's powers aside); the whole
    subtree under each is theirs."""
    ids = scope_for(user).unit_ids_with_role(Role.UNIT_ADMIN)
    return tuple(Unit.objects.filter(pk__in=ids).values_list("path", flat=True)) if ids else ()


def person_manageable(actor, person) -> bool:
    """May actor change this person's account (name, e-mail) — not only their roles in one unit?

    Only when every role the person holds is inside the actor's administration, and the person is no system
    administrator: otherwise a district's administrator could change a provincial leader's e-mail and take the
    account over with a reset link."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if actor.is_superuser:
        return True
    if person.is_superuser:
        return False
    paths = admin_paths(actor)
    if not paths:
        return False
    held = Membership.objects.filter(user=person).values_list("unit__path", flat=True)
    return all(any(p.startswith(a) for a in paths) for p in held)


def member_for_admin(user, unit_id: int, person_id: int):
    """(unit, person): a unit the user administers and a person who holds a role in it — or 404."""
    unit = unit_for_admin(user, unit_id)
    person = get_user_model().objects.filter(pk=person_id, memberships__unit=unit).distinct().first()
    if person is None:
        raise Http404("Không tìm thấy người này trong đơn vị.")
    return unit, person
