"""Checking an import file before anything is written: every unit row, every person row, the departments they
name, and whether the importer may touch each of them (the scope rule)."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Exists, OuterRef, Q

from portal.org.identifiers import organ_id_pattern
from portal.org.imports.tables import (
    KIND_LOOKUP,
    PERSON_COLUMNS,
    REGIME_LOOKUP,
    ROLE_LOOKUP,
    UNIT_COLUMNS,
    YES_NO_LOOKUP,
    RowError,
    _fold,
)
from portal.org.models import Department, Membership, Role, Unit, UnitIdentifier


def _check_units(records, errors, sheet="Đơn vị") -> dict[str, dict]:
    seen: dict[str, dict] = {}
    existing = set(
        Unit.objects.filter(code__in=[r["code"] for _, r in records]).values_list("code", flat=True)
    )
    parents = {r.get("parent") for _, r in records if r.get("parent")}
    known_parents = set(Unit.objects.filter(code__in=parents).values_list("code", flat=True))
    for n, rec in records:
        code = rec.get("code", "")
        if code and not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", code):
            errors.append(
                RowError(sheet, n, UNIT_COLUMNS["code"], "Chỉ dùng chữ thường không dấu, số, '-' và '_'.")
            )
        if code in seen:
            errors.append(
                RowError(
                    sheet, n, UNIT_COLUMNS["code"], f"Mã «{code}» bị lặp (đã có ở dòng {seen[code]['_row']})."
                )
            )
        if rec.get("kind") and _fold(rec["kind"]) not in KIND_LOOKUP:
            errors.append(RowError(sheet, n, UNIT_COLUMNS["kind"], f"Loại «{rec['kind']}» không hợp lệ."))
        if rec.get("regime") and _fold(rec["regime"]) not in REGIME_LOOKUP:
            errors.append(
                RowError(
                    sheet,
                    n,
                    UNIT_COLUMNS["regime"],
                    f"Thể thức «{rec['regime']}» không hợp lệ (Đảng, Nhà nước hoặc Công đoàn).",
                )
            )
        if rec.get("email"):
            try:
                validate_email(rec["email"])
            except ValidationError:
                errors.append(RowError(sheet, n, UNIT_COLUMNS["email"], "Địa chỉ thư điện tử không hợp lệ."))
        _check_organ_id(rec, n, errors, sheet)
        rec["_row"] = n
        rec["_exists"] = code in existing
        seen[code] = rec
    _check_organ_ids_free(records, errors, sheet)
    for n, rec in records:
        parent = rec.get("parent")
        if parent and parent not in seen and parent not in known_parents:
            errors.append(
                RowError(sheet, n, UNIT_COLUMNS["parent"], f"Không có đơn vị cấp trên mã «{parent}».")
            )
        if parent and parent == rec.get("code"):
            errors.append(
                RowError(sheet, n, UNIT_COLUMNS["parent"], "Đơn vị không thể là cấp trên của chính nó.")
            )
    return seen


def _check_organ_id(rec: dict, n: int, errors, sheet: str) -> None:
    """The row's «Mã định danh» (stored upper case) and «Liên thông qua trục» (Có / Không, blank: unchanged)."""
    rec["organ_id"] = (rec.get("organ_id") or "").strip().upper()
    if rec["organ_id"] and (len(rec["organ_id"]) > 64 or not organ_id_pattern().match(rec["organ_id"])):
        errors.append(
            RowError(
                sheet,
                n,
                UNIT_COLUMNS["organ_id"],
                f"Mã định danh «{rec['organ_id'][:64]}» không đúng dạng (ví dụ: 000.00.12.H10).",
            )
        )
    hub = rec.get("exchange_hub", "")
    if hub and _fold(hub) not in YES_NO_LOOKUP:
        errors.append(
            RowError(sheet, n, UNIT_COLUMNS["exchange_hub"], f"Ghi «Có» hoặc «Không», không phải «{hub}».")
        )
    rec["exchange_hub"] = YES_NO_LOOKUP.get(_fold(hub)) if hub else None


def _check_organ_ids_free(records, errors, sheet: str) -> None:
    """A code appears on one row only, and is not another unit's open code (one query)."""
    rows: dict[str, int] = {}
    for n, rec in records:
        organ_id = rec.get("organ_id")
        if organ_id and organ_id in rows:
            errors.append(
                RowError(
                    sheet,
                    n,
                    UNIT_COLUMNS["organ_id"],
                    f"Mã định danh «{organ_id}» bị lặp (dòng {rows[organ_id]}).",
                )
            )
        elif organ_id:
            rows[organ_id] = n
    held = UnitIdentifier.objects.filter(code__in=list(rows), valid_to__isnull=True).select_related("unit")
    for identifier in held:
        n = rows[identifier.code]
        rec = next(r for m, r in records if m == n)
        if identifier.unit.code != rec.get("code"):
            errors.append(
                RowError(
                    sheet,
                    n,
                    UNIT_COLUMNS["organ_id"],
                    f"Mã định danh «{identifier.code}» đang là mã của {identifier.unit.name}.",
                )
            )


def _check_people(records, unit_codes: set[str], errors, sheet="Người dùng") -> None:
    known = set(
        Unit.objects.filter(code__in=[r.get("unit") for _, r in records]).values_list("code", flat=True)
    )
    departments = _departments_by_unit(
        {r["unit"] for _, r in records if r.get("department") and r.get("unit")}
    )
    for n, rec in records:
        if rec.get("username") and not re.fullmatch(r"[\w.@+-]{1,150}", rec["username"]):
            errors.append(RowError(sheet, n, PERSON_COLUMNS["username"], "Chỉ dùng chữ, số và . @ + - _"))
        if rec.get("unit") and rec["unit"] not in known and rec["unit"] not in unit_codes:
            errors.append(RowError(sheet, n, PERSON_COLUMNS["unit"], f"Không có đơn vị mã «{rec['unit']}»."))
        if rec.get("role") and _fold(rec["role"]) not in ROLE_LOOKUP:
            errors.append(
                RowError(sheet, n, PERSON_COLUMNS["role"], f"Vai trò «{rec['role']}» không hợp lệ.")
            )
        if rec.get("department") and _department_of(departments, rec) is None:
            message = f"Đơn vị «{rec.get('unit')}» không có ban, phòng «{rec['department']}»" + (
                "." if rec.get("unit") in known else "; thêm ban, phòng của đơn vị mới trước, rồi nhập lại."
            )
            errors.append(RowError(sheet, n, PERSON_COLUMNS["department"], message))
        if rec.get("email"):
            try:
                validate_email(rec["email"])
            except ValidationError:
                errors.append(
                    RowError(sheet, n, PERSON_COLUMNS["email"], "Địa chỉ thư điện tử không hợp lệ.")
                )


def _departments_by_unit(codes: set[str]) -> dict[str, list[Department]]:
    """The active departments of the named units, by unit code (one query)."""
    out: dict[str, list[Department]] = {}
    if codes:
        for d in Department.objects.filter(unit__code__in=codes, active=True).select_related("unit"):
            out.setdefault(d.unit.code, []).append(d)
    return out


def _department_of(departments: dict[str, list[Department]], rec: dict) -> Department | None:
    """The row's department among its unit's, by code («TG&NC») or by name, whatever the case and the marks."""
    wanted = _fold(rec.get("department", ""))
    return next(
        (d for d in departments.get(rec.get("unit", ""), []) if wanted in (_fold(d.code), _fold(d.name))),
        None,
    )


def _check_scope(actor, units: dict[str, dict], people_records, errors) -> None:
    """A unit admin imports only inside the subtree they administer; a system administrator
    (or the command line without --actor) anywhere. Without this a unit admin could attach
    units to another line, grant themselves a role in any unit, or change the e-mail of an
    account elsewhere and take it over with a reset link."""
    if actor is None or getattr(actor, "is_superuser", False):
        return
    admin_paths = tuple(
        Unit.objects.filter(memberships__user=actor, memberships__role=Role.UNIT_ADMIN).values_list(
            "path", flat=True
        )
    )
    codes = set(units) | {r["parent"] for r in units.values() if r.get("parent")}
    codes |= {r["unit"] for _, r in people_records if r.get("unit")}
    existing = dict(Unit.objects.filter(code__in=codes).values_list("code", "path"))

    def refused(code: str) -> bool:
        return code in existing and not existing[code].startswith(admin_paths)

    for code, rec in units.items():
        parent = rec.get("parent")
        if refused(code):
            errors.append(
                RowError(
                    "Đơn vị",
                    rec["_row"],
                    UNIT_COLUMNS["code"],
                    f"Bạn không có quyền quản trị đơn vị «{code}».",
                )
            )
        elif parent and refused(parent):
            errors.append(
                RowError(
                    "Đơn vị",
                    rec["_row"],
                    UNIT_COLUMNS["parent"],
                    f"Bạn không có quyền quản trị đơn vị «{parent}».",
                )
            )
        elif not parent and code not in existing:
            errors.append(
                RowError(
                    "Đơn vị",
                    rec["_row"],
                    UNIT_COLUMNS["parent"],
                    "Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất.",
                )
            )
    for n, rec in people_records:
        if rec.get("unit") and refused(rec["unit"]):
            errors.append(
                RowError(
                    "Người dùng",
                    n,
                    PERSON_COLUMNS["unit"],
                    f"Bạn không có quyền quản trị đơn vị «{rec['unit']}».",
                )
            )
    # A row rewrites the account it names (name, e-mail) whatever unit it gives: only accounts that lie
    # wholly inside the admin's subtree may be touched — every role they hold is there, and they are no
    # system or staff account (nor an account with no role at all, which no unit admin manages). The
    # refusal is the same for every other account, so it says nothing of who they are.
    inside = Q()
    for path in admin_paths:
        inside |= Q(unit__path__startswith=path)
    held_outside = (
        Membership.objects.filter(user=OuterRef("pk")).exclude(inside)
        if admin_paths
        else Membership.objects.filter(user=OuterRef("pk"))
    )
    untouchable = set(
        get_user_model()
        .objects.filter(username__in=[r.get("username") for _, r in people_records])
        .filter(
            Q(is_superuser=True)
            | Q(is_staff=True)
            | ~Exists(Membership.objects.filter(user=OuterRef("pk")))
            | Exists(held_outside)
        )
        .values_list("username", flat=True)
    )
    for n, rec in people_records:
        if rec.get("username") in untouchable:
            errors.append(
                RowError(
                    "Người dùng",
                    n,
                    PERSON_COLUMNS["username"],
                    f"Tên đăng nhập «{rec['username']}» đã được dùng cho một tài khoản ngoài "
                    f"phạm vi bạn quản trị; tệp nhập không sửa được tài khoản này.",
                )
            )
