"""Reading an import file: its columns, the Excel or CSV tables, the rows as records, and the words accepted for
each choice (kinds, regimes, roles), compared without marks or case."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from portal.lib.search import fold
from portal.lib.uploads import UnsafeArchive, ZipLimits, inspect_zip
from portal.org.models import Regime, Role, UnitKind

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
    # Optional (issue 18): the unit's electronic identifier code, valid from the import day when it is new, and
    # whether the unit is reached through the national exchange hub (Có / Không; blank leaves it as it is).
    "organ_id": "Mã định danh",
    "exchange_hub": "Liên thông qua trục",
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
    """A header or a choice as compared: the portal's search folding, punctuation read as spaces."""
    return re.sub(r"[^a-z0-9]+", " ", fold(str(text))).strip()


def _choice_lookup(choices) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[_fold(value)] = value
        table[_fold(label)] = value
    return table


KIND_LOOKUP = _choice_lookup(UnitKind.choices)
REGIME_LOOKUP = _choice_lookup(Regime.choices) | {"dang": "party", "nha nuoc": "state", "cong doan": "union"}
YES_NO_LOOKUP = {
    word: value
    for value, words in (
        (True, ("co", "x", "1", "true", "yes", "dung")),
        (False, ("khong", "0", "false", "no")),
    )
    for word in words
}
ROLE_LOOKUP = _choice_lookup(Role.choices) | {
    "lanh dao": "signer",
    "van thu": "clerk",
    "soan thao": "drafter",
    "bao cao": "reporter",
    "quan tri": "unit_admin",
}


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
