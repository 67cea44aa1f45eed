"""Import of units and people from an Excel (.xlsx) or CSV file.

All-or-nothing: every row is checked first and every problem is reported (row,
column, reason in Vietnamese); only a clean file is written, in one transaction.
Rows are matched by unit code and user name, so importing the same file again
changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from portal.lib.uploads import UnsafeArchive, ZipLimits, inspect_zip
from portal.org.models import Department, Membership, Regime, Role, Unit, UnitKind
from portal.org.services import UnitData, UnitError, membership_grant, unit_create, unit_move, unit_update
from portal.org.services.departments import membership_set_department
from portal.org.services.people import PersonData, PersonError, person_create, person_details_set

UNIT_COLUMNS = {
    "code": "Mã đơn vị",
    "name": "Tên đơn vị",
    "short_name": "Tên viết tắt",
    "kind": "Loại",
    "regime": "Thể thức",
    "parent": "Mã đơn vị cấp trên",
    "parent_line": "Cơ quan chủ quản",
    "place_name": "Địa danh",
    "email": "Thư điện tử",
}
PERSON_COLUMNS = {
    "username": "Tên đăng nhập",
    "full_name": "Họ và tên",
    "email": "Thư điện tử",
    "unit": "Mã đơn vị",
    "role": "Vai trò",
    "title": "Chức vụ",
    # Optional: the code or the name of one of the unit's departments (ban, phòng) the person works in.
    "department": "Ban, phòng",
}
REQUIRED_UNIT = ("code", "name", "short_name", "kind", "regime")
REQUIRED_PERSON = ("username", "full_name", "unit", "role")
MAX_ROWS = 200_000
#: 200,000 rows of nine columns is about 150 MB of sheet XML.
XLSX_LIMITS = ZipLimits(max_total=200 * 1024 * 1024, max_entries=2000)
CORRUPT_XLSX = "Không đọc được tệp Excel (.xlsx) — tệp hỏng hoặc không phải tệp .xlsx thật."


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.sheet}, dòng {self.row}, cột «{self.column}»: {self.reason}"


@dataclass
class ImportResult:
    units_created: int = 0
    units_updated: int = 0
    users_created: int = 0
    users_updated: int = 0
    memberships_created: int = 0
    # People created without a password: they get the first-login link (portal.org.tasks.send_password_links).
    new_user_ids: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(
            (
                self.units_created,
                self.units_updated,
                self.users_created,
                self.users_updated,
                self.memberships_created,
            )
        )


@dataclass
class ImportRefused(Exception):
    errors: list[RowError] = field(default_factory=list)

    def __str__(self) -> str:
        return "Tệp bị từ chối, không có gì được ghi:\n" + "\n".join(str(e) for e in self.errors)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    return re.sub(
        r"[^a-z0-9]+", " ", "".join(c for c in text if not unicodedata.combining(c)).lower()
    ).strip()


def _choice_lookup(choices) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[_fold(value)] = value
        table[_fold(label)] = value
    return table


KIND_LOOKUP = _choice_lookup(UnitKind.choices)
REGIME_LOOKUP = _choice_lookup(Regime.choices) | {"dang": "party", "nha nuoc": "state", "cong doan": "union"}
ROLE_LOOKUP = _choice_lookup(Role.choices) | {
    "lanh dao": "signer",
    "van thu": "clerk",
    "soan thao": "drafter",
    "bao cao": "reporter",
    "quan tri": "unit_admin",
}


# --- reading ----------------------------------------------------------------------------------------


def _header_map(header: list[str], columns: dict[str, str]) -> dict[str, int]:
    wanted = {_fold(label): key for key, label in columns.items()} | {_fold(k): k for k in columns}
    return {wanted[_fold(h)]: i for i, h in enumerate(header) if h and _fold(h) in wanted}


def read_tables(*, filename: str, data: bytes) -> dict[str, list[list[str]]]:
    """Return {"units": rows, "people": rows} with the header as the first row of each."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith(".csv"):
        return _read_csv(data)
    raise ImportRefused([RowError("Tệp", 0, "Tên tệp", "Chỉ nhận tệp .xlsx hoặc .csv.")])


def _classify(header: list[str]) -> str | None:
    folded = {_fold(h) for h in header if h}
    if _fold(PERSON_COLUMNS["username"]) in folded or "username" in folded:
        return "people"
    if _fold(UNIT_COLUMNS["code"]) in folded or "code" in folded:
        return "units"
    return None


def _read_csv(data: bytes) -> dict[str, list[list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            [RowError("Tệp", 0, "Mã hóa", "Tệp CSV phải được lưu với mã hóa UTF-8.")]
        ) from exc
    rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text))]
    if not rows:
        raise ImportRefused([RowError("Tệp", 0, "Tiêu đề", "Tệp trống.")])
    kind = _classify(rows[0])
    if kind is None:
        raise ImportRefused(
            [
                RowError(
                    "Tệp",
                    1,
                    "Tiêu đề",
                    "Không nhận ra dòng tiêu đề (cần cột «Mã đơn vị» hoặc «Tên đăng nhập»).",
                )
            ]
        )
    return {kind: rows}


def _read_xlsx(data: bytes) -> dict[str, list[list[str]]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        inspect_zip(data, label=".xlsx", limits=XLSX_LIMITS)
    except UnsafeArchive as exc:
        reason = CORRUPT_XLSX if exc.code == "corrupt_file" else exc.message
        raise ImportRefused([RowError("Tệp", 0, "Tệp", reason)]) from exc
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportRefused([RowError("Tệp", 0, "Tệp", CORRUPT_XLSX)]) from exc
    tables: dict[str, list[list[str]]] = {}
    for sheet in book.worksheets:
        rows = [["" if v is None else str(v).strip() for v in r] for r in sheet.iter_rows(values_only=True)]
        rows = [r for r in rows if any(r)]
        if rows and (kind := _classify(rows[0])):
            tables[kind] = rows
    if not tables:
        raise ImportRefused(
            [
                RowError(
                    "Tệp",
                    1,
                    "Tiêu đề",
                    "Không có trang tính nào có tiêu đề «Mã đơn vị» hoặc «Tên đăng nhập».",
                )
            ]
        )
    return tables


# --- checking -----------------------------------------------------------------------------------------


def _records(
    rows: list[list[str]], columns: dict[str, str], sheet: str, required, errors
) -> list[tuple[int, dict]]:
    index = _header_map(rows[0], columns)
    for key in required:
        if key not in index:
            errors.append(RowError(sheet, 1, columns[key], "Thiếu cột bắt buộc."))
    if len(rows) - 1 > MAX_ROWS:
        errors.append(RowError(sheet, MAX_ROWS + 2, "", f"Quá {MAX_ROWS} dòng."))
        return []
    out = []
    for n, row in enumerate(rows[1:], start=2):
        rec = {k: unicodedata.normalize("NFC", row[i]) if i < len(row) else "" for k, i in index.items()}
        for key in required:
            if key in index and not rec.get(key):
                errors.append(RowError(sheet, n, columns[key], "Không được để trống."))
        out.append((n, rec))
    return out


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
        rec["_row"] = n
        rec["_exists"] = code in existing
        seen[code] = rec
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


# --- writing ------------------------------------------------------------------------------------------


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
            try:
                _write_unit(actor, rec, by_code, result, today)
            except UnitError as exc:  # refused by a service (a neighbour's name …): the whole file is refused
                raise ImportRefused(
                    [RowError("Đơn vị", rec["_row"], UNIT_COLUMNS["name"], str(exc))]
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
        if not Membership.objects.filter(user=user, unit=units[rec["unit"]], role=role).exists():
            membership_grant(
                actor=actor, user=user, unit=units[rec["unit"]], role=role, title=rec.get("title", "")
            )
            result.memberships_created += 1
        department = _department_of(departments, rec) if rec.get("department") else None
        if department is not None:
            membership = Membership.objects.get(user=user, unit=units[rec["unit"]], role=role)
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
