"""A unit's departments (ban, phòng) and who works in which: the unit's administrator keeps them.

A department's code goes into the symbol of a công văn the department drafts ("05/LĐLĐ-TG&NC"), so it is
unique in the unit and printable; a department that is no longer used is switched off (``active=False``),
never deleted, because documents already carry its code and tasks were assigned to it.

Each service is atomic, writes one audit event and refuses (``DepartmentError``, ``NotAllowed``) with nothing
written. ``actor=None`` is the system (the demo loader, migrations and tests building a cast).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from portal.audit.services import event_record
from portal.lib.errors import NotAllowed, Refused
from portal.lib.params import clean_name
from portal.org.access import administers
from portal.org.models import Department, Membership, Unit

#: The characters a symbol's department code may hold: letters (Vietnamese ones too), digits and & (TG&NC).
_CODE = re.compile(r"^[^\W_]+(?:[&.][^\W_]+)*$")


class DepartmentError(Refused):
    """A refused change to a unit's departments; the message is shown beside the field it names."""

    code = "department_refused"


class DepartmentNotAllowed(NotAllowed):
    code = "department_not_allowed"


def _check_admin(actor, unit: Unit) -> None:
    if actor is not None and not administers(actor, unit):
        raise DepartmentNotAllowed("Chỉ quản trị của đơn vị được sắp xếp các ban, phòng của đơn vị.")


def _clean_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not code:
        raise DepartmentError("Hãy nhập ký hiệu của ban, phòng (ví dụ: TG&NC).", field="code")
    if len(code) > 20 or not _CODE.match(code):
        raise DepartmentError(
            "Ký hiệu chỉ gồm chữ, số và dấu & (không dấu cách, tối đa 20 ký tự), ví dụ: TG&NC, VP.",
            field="code",
        )
    return code


def _clean_title(name: str) -> str:
    try:
        name = clean_name(name or "", label="Tên ban, phòng")
    except ValidationError as exc:
        raise DepartmentError(exc.messages[0], field="name") from None
    if not name:
        raise DepartmentError("Hãy nhập tên ban, phòng.", field="name")
    if len(name) > 255:
        raise DepartmentError("Tên ban, phòng dài quá 255 ký tự.", field="name")
    return name


def _check_unique(unit: Unit, *, code: str, name: str, exclude: int | None = None) -> None:
    others = Department.objects.filter(unit=unit)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.filter(code=code).exists():
        raise DepartmentError(f"Đơn vị đã có ban, phòng ký hiệu «{code}».", field="code")
    if others.filter(name__iexact=name, active=True).exists():
        raise DepartmentError(f"Đơn vị đã có «{name}».", field="name")


@transaction.atomic
def department_create(*, actor, unit: Unit, code: str, name: str, order: int | None = None) -> Department:
    """Add a department to unit (placed last unless order is given). Refuses an actor who does not administer
    the unit, an empty or unprintable code, a code or an active name the unit already has."""
    _check_admin(actor, unit)
    code, name = _clean_code(code), _clean_title(name)
    # The unit's row serialises two administrators adding the same code at once (the unique constraint would
    # refuse the second with an IntegrityError instead of a sentence).
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    _check_unique(unit, code=code, name=name)
    if order is None:
        order = (Department.objects.filter(unit=unit).aggregate(m=Max("order"))["m"] or 0) + 1
    department = Department.objects.create(unit=unit, code=code, name=name, order=order)
    event_record(
        actor=actor,
        action="department.created",
        obj=department,
        unit=unit,
        details={"code": code, "name": name},
    )
    return department


@transaction.atomic
def department_update(
    *,
    actor,
    department: Department,
    code: str | None = None,
    name: str | None = None,
    order: int | None = None,
    active: bool | None = None,
) -> list[str]:
    """Change a department's code, name, order or whether it is in use; returns the fields changed.

    Switching a department off keeps its rows (documents carry its code, tasks were assigned to it) and takes
    its people out of it, so nobody is left placed in a department that no longer exists; a code already
    printed on issued công văn stays on them."""
    department = Department.objects.select_for_update().select_related("unit").get(pk=department.pk)
    unit = department.unit
    _check_admin(actor, unit)
    new_code = department.code if code is None else _clean_code(code)
    new_name = department.name if name is None else _clean_title(name)
    new_active = department.active if active is None else bool(active)
    new: dict[str, object] = {
        "code": new_code,
        "name": new_name,
        "order": department.order if order is None else max(0, int(order)),
        "active": new_active,
    }
    changed = [f for f, value in new.items() if getattr(department, f) != value]
    if not changed:
        return []
    _check_unique(unit, code=new_code, name=new_name if new_active else "", exclude=department.pk)
    before = {f: getattr(department, f) for f in changed}
    for f in changed:
        setattr(department, f, new[f])
    department.save(update_fields=changed)
    released = 0
    if "active" in changed and not department.active:
        released = Membership.objects.filter(department=department).update(department=None)
    event_record(
        actor=actor,
        action="department.updated",
        obj=department,
        unit=unit,
        details={"from": before, "to": {f: new[f] for f in changed}, "people_released": released},
    )
    return changed


@transaction.atomic
def membership_set_department(*, actor, membership: Membership, department: Department | None) -> bool:
    """Place the person holding membership in department (None: the unit's leadership, or not placed).

    Refuses a department of another unit or one switched off, and an actor who does not administer the unit.
    False when the person is already there."""
    membership = Membership.objects.select_for_update().select_related("unit", "user").get(pk=membership.pk)
    _check_admin(actor, membership.unit)
    if department is not None:
        # Read afresh: the caller's copy may predate the department being switched off.
        department = Department.objects.get(pk=department.pk)
        if department.unit_id != membership.unit_id:
            raise DepartmentError("Ban, phòng này không thuộc đơn vị.", field="department")
        if not department.active:
            raise DepartmentError(f"«{department.name}» đã ngừng hoạt động.", field="department")
    if membership.department_id == (department.pk if department else None):
        return False
    before = membership.department.code if membership.department is not None else None
    membership.department = department
    membership.save(update_fields=["department"])
    event_record(
        actor=actor,
        action="membership.department_set",
        obj=membership,
        unit=membership.unit,
        details={
            "user": membership.user.get_username(),
            "role": membership.role,
            "from": before,
            "to": department.code if department else None,
        },
    )
    return True


@transaction.atomic
def person_set_department(*, actor, unit: Unit, person, department: Department | None) -> int:
    """Place a person in one department of unit across all the roles they hold there (a person works in one
    department of a unit whatever their roles); returns how many memberships changed."""
    memberships = list(Membership.objects.filter(unit=unit, user=person))
    return sum(
        membership_set_department(actor=actor, membership=m, department=department) for m in memberships
    )


def department_code_for(*, unit: Unit, user=None) -> str:
    """The department code a new công văn of unit drafted by user carries: the drafter's department in the
    unit, else the unit's first department in use, else "" (a unit without departments)."""
    if user is not None and getattr(user, "pk", None):
        code = (
            Membership.objects.filter(unit=unit, user=user, department__active=True)
            .order_by("department__order", "department__id")
            .values_list("department__code", flat=True)
            .first()
        )
        if code:
            return code
    return (
        Department.objects.filter(unit=unit, active=True)
        .order_by("order", "id")
        .values_list("code", flat=True)
        .first()
        or ""
    )
