"""Import of units and people from an Excel (.xlsx) or CSV file.

All-or-nothing: every row is checked first and every problem is reported (row,
column, reason in Vietnamese); only a clean file is written, in one transaction.
Rows are matched by unit code and user name, so importing the same file again
changes nothing.

The file is read (``tables.py``), checked whole (``checks.py``), then written here through the organisation's services.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from portal.org.identifiers import organ_id_for
from portal.org.imports.checks import (
    _check_people,
    _check_scope,
    _check_units,
    _department_of,
    _departments_by_unit,
)
from portal.org.imports.tables import (
    KIND_LOOKUP,
    PERSON_COLUMNS,
    REGIME_LOOKUP,
    REQUIRED_PERSON,
    REQUIRED_UNIT,
    ROLE_LOOKUP,
    UNIT_COLUMNS,
    ImportRefused,
    ImportResult,
    RowError,
    _fold,
    _records,
    read_tables,
)
from portal.org.models import Membership, Unit
from portal.org.services import UnitData, UnitError, membership_grant, unit_create, unit_move, unit_update
from portal.org.services.departments import membership_set_department
from portal.org.services.identifiers import IdentifierRefused, unit_exchange_hub_set, unit_identifier_set
from portal.org.services.people import PersonData, PersonError, person_create, person_details_set

__all__ = [
    "PERSON_COLUMNS",
    "UNIT_COLUMNS",
    "ImportRefused",
    "ImportResult",
    "RowError",
    "import_file",
    "read_tables",
]


def _unit_data(rec: dict) -> UnitData:
    return UnitData(
        code=rec["code"],
        name=rec["name"],
        short_name=rec["short_name"],
        kind=KIND_LOOKUP[_fold(rec["kind"])],
        regime=REGIME_LOOKUP[_fold(rec["regime"])],
        parent_line=rec.get("parent_line", ""),
        place_name=rec.get("place_name", ""),
        email=rec.get("email", ""),
    )


def import_file(*, actor, filename: str, data: bytes) -> ImportResult:
    """Check the whole file, then write it in one transaction. Raises ImportRefused with every bad row."""
    tables = read_tables(filename=filename, data=data)
    errors: list[RowError] = []
    unit_records = (
        _records(tables["units"], UNIT_COLUMNS, "Đơn vị", REQUIRED_UNIT, errors) if "units" in tables else []
    )
    people_records = (
        _records(tables["people"], PERSON_COLUMNS, "Người dùng", REQUIRED_PERSON, errors)
        if "people" in tables
        else []
    )
    units = _check_units(unit_records, errors)
    _check_people(people_records, set(units), errors)
    _check_scope(actor, units, people_records, errors)
    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    with transaction.atomic():
        _write_units(actor, units, result)
        _write_people(actor, people_records, result)
    return result


def _write_units(actor, units: dict[str, dict], result: ImportResult) -> None:
    pending = dict(units)
    today = timezone.localdate()
    by_code = {
        u.code: u
        for u in Unit.objects.filter(
            code__in=list(units) + [r["parent"] for r in units.values() if r.get("parent")]
        )
    }
    while pending:
        ready = [c for c, r in pending.items() if not r.get("parent") or r["parent"] in by_code]
        if not ready:  # a cycle among new rows
            raise ImportRefused(
                [
                    RowError("Đơn vị", r["_row"], UNIT_COLUMNS["parent"], "Quan hệ cấp trên tạo vòng lặp.")
                    for r in pending.values()
                ]
            )
        for code in ready:
            rec = pending.pop(code)
            counted = result.units_created + result.units_updated
            try:
                _write_unit(actor, rec, by_code, result, today)
            except UnitError as exc:  # refused by a service (a neighbour's name …): the whole file is refused
                raise ImportRefused(
                    [RowError("Đơn vị", rec["_row"], UNIT_COLUMNS["name"], str(exc))]
                ) from exc
            rec["_counted"] = result.units_created + result.units_updated > counted
            try:
                _write_exchange(actor, rec, by_code[code], result, today)
            except IdentifierRefused as exc:  # e.g. a code changed twice on the same day
                raise ImportRefused(
                    [RowError("Đơn vị", rec["_row"], UNIT_COLUMNS["organ_id"], exc.message)]
                ) from exc


def _write_unit(actor, rec: dict, by_code: dict[str, Unit], result: ImportResult, today: dt.date) -> None:
    code = rec["code"]
    data = _unit_data(rec)
    parent = by_code.get(rec.get("parent") or "")
    unit = by_code.get(code)
    if unit is None:
        by_code[code] = unit_create(actor=actor, data=data, parent=parent)
        result.units_created += 1
        return
    # Through the services: a new name keeps the former one (the unit's documents were issued under it).
    if unit_update(actor=actor, unit=unit, data=data, on_date=today):
        result.units_updated += 1
    if parent is not None and unit.parent_path != parent.path:
        by_code[code] = unit_move(actor=actor, unit=unit, parent=parent)
        result.units_updated += 1


def _write_exchange(actor, rec: dict, unit: Unit, result: ImportResult, today: dt.date) -> None:
    """The row's identifier code (a new one is valid from the import day; the previous one closes the day
    before) and its «Liên thông qua trục» flag, through the identifier services."""
    changed = False
    if rec.get("organ_id") and organ_id_for(unit, today) != rec["organ_id"]:
        unit_identifier_set(
            actor=actor, unit=unit, code=rec["organ_id"], valid_from=today, note="Nhập từ tệp"
        )
        changed = True
    if rec.get("exchange_hub") is not None:
        changed = unit_exchange_hub_set(actor=actor, unit=unit, reached=rec["exchange_hub"]) or changed
    if changed and not rec["_counted"]:
        result.units_updated += 1


def _write_people(actor, records, result: ImportResult) -> None:
    User = get_user_model()
    units = {u.code: u for u in Unit.objects.filter(code__in=[r["unit"] for _, r in records])}
    users = {u.username: u for u in User.objects.filter(username__in=[r["username"] for _, r in records])}
    departments = _departments_by_unit({r["unit"] for _, r in records if r.get("department")})
    for n, rec in records:
        try:
            user = _write_person(actor, rec, users, units[rec["unit"]], result)
        except PersonError as exc:  # refused by a service (a name too long …): the whole file is refused
            raise ImportRefused([RowError("Người dùng", n, PERSON_COLUMNS["full_name"], str(exc))]) from exc
        role = ROLE_LOOKUP[_fold(rec["role"])]
        membership = Membership.objects.filter(user=user, unit=units[rec["unit"]], role=role).first()
        if membership is None:
            membership = membership_grant(
                actor=actor, user=user, unit=units[rec["unit"]], role=role, title=rec.get("title", "")
            )
            result.memberships_created += 1
        department = _department_of(departments, rec) if rec.get("department") else None
        if department is not None:
            membership_set_department(actor=actor, membership=membership, department=department)


def _write_person(actor, rec: dict, users: dict, unit: Unit, result: ImportResult):
    """The row's account, created or brought up to date through the people services (each with its event).
    A blank e-mail in the file keeps the one the account has."""
    user = users.get(rec["username"])
    if user is None:
        user = users[rec["username"]] = person_create(
            actor=actor,
            unit=unit,
            data=PersonData(username=rec["username"], full_name=rec["full_name"], email=rec.get("email", "")),
        )
        result.users_created += 1
        result.new_user_ids.append(user.pk)
    elif person_details_set(
        actor=actor, person=user, full_name=rec["full_name"], email=rec.get("email") or user.email, unit=unit
    ):
        result.users_updated += 1
    return user
