"""Import of units and people from .xlsx and .csv (issue 2, item 4).

A good file creates units under the right parents and people with their roles; the same
file imported again changes nothing; a file with bad rows is refused whole, every bad row
listed, and the database is left exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from portal.audit.models import Event
from portal.org.imports import PERSON_COLUMNS, UNIT_COLUMNS, ImportRefused, import_file
from portal.org.models import Membership, Unit

U = UNIT_COLUMNS
P = PERSON_COLUMNS
UNIT_HEADER = [
    U["code"],
    U["name"],
    U["short_name"],
    U["kind"],
    U["regime"],
    U["parent"],
    U["parent_line"],
    U["place_name"],
    U["email"],
]
PERSON_HEADER = [P["username"], P["full_name"], P["email"], P["unit"], P["role"], P["title"]]

# Two new district federations under the cast's LĐLĐ tỉnh Bắc Giang, and a grassroots union
# under one of them that appears *before* its parent in the file.
GOOD_UNITS = [
    [
        "bg-cdcs-thpt-luc-nam",
        "Công đoàn Trường THPT Lục Nam",
        "CĐCS",
        "Công đoàn cơ sở",
        "Công đoàn",
        "bg-ldld-lucnam",
        "LĐLĐ HUYỆN LỤC NAM",
        "Lục Nam",
        "",
    ],
    [
        "bg-ldld-lucnam",
        "Liên đoàn Lao động huyện Lục Nam",
        "LĐLĐ",
        "union_district",
        "union",
        "bg-ldld",
        "LĐLĐ TỈNH BẮC GIANG",
        "Lục Nam",
        "ldld.lucnam@bacgiang.vn",
    ],
    [
        "bg-ldld-lucngan",
        "Liên đoàn Lao động huyện Lục Ngạn",
        "LĐLĐ",
        "LĐLĐ huyện, xã, phường",
        "Công đoàn",
        "bg-ldld",
        "LĐLĐ TỈNH BẮC GIANG",
        "Lục Ngạn",
        "",
    ],
]
GOOD_PEOPLE = [
    ["thao", "Nguyễn Thị Thảo", "thao@bacgiang.vn", "bg-ldld-lucnam", "Lãnh đạo", "Chủ tịch"],
    ["quang", "Vũ Đức Quang", "", "bg-cdcs-thpt-luc-nam", "reporter", ""],
    ["thao", "Nguyễn Thị Thảo", "thao@bacgiang.vn", "bg-ldld-lucngan", "Văn thư", ""],
]


def xlsx(units=GOOD_UNITS, people=GOOD_PEOPLE) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    sheet.append(UNIT_HEADER)
    for row in units:
        sheet.append(row)
    people_sheet = book.create_sheet("Người dùng")
    people_sheet.append(PERSON_HEADER)
    for row in people:
        people_sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(header, rows, encoding="utf-8") -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def counts() -> dict[str, int]:
    return {
        "units": Unit.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
        "events": Event.objects.count(),
    }


# Seven different mistakes, one per row (rows 2-8 of the sheet; row 1 is the header).
BAD_UNITS = [
    ["bg-a", "Đơn vị A", "A", "hợp tác xã", "union", "bg-ldld", "", "", ""],  # 2: unknown kind
    ["bg-b", "Đơn vị B", "B", "union_district", "union", "khong-co", "", "", ""],  # 3: unknown parent
    ["bg-ldld-lucnam", "Lục Nam", "LĐLĐ", "union_district", "union", "bg-ldld", "", "", ""],  # 4: ok
    [
        "bg-ldld-lucnam",
        "Lục Nam lặp",
        "LĐLĐ",
        "union_district",
        "union",
        "bg-ldld",
        "",
        "",
        "",
    ],  # 5: duplicate
    [
        "bg-c",
        "Đơn vị C",
        "C",
        "union_district",
        "union",
        "bg-ldld",
        "",
        "",
        "khong-phai-email",
    ],  # 6: bad e-mail
    ["bg-d", "", "D", "union_district", "union", "bg-ldld", "", "", ""],  # 7: missing name
]
BAD_PEOPLE = [
    ["an", "Lê Văn An", "an@bacgiang.vn", "bg-ldld-lucnam", "thủ quỹ", ""],  # 2: unknown role
    ["ba", "Trần Văn Ba", "", "khong-co-don-vi", "reporter", ""],  # 3: unknown unit
]


# --- the service ------------------------------------------------------------------------------------


def test_it_imports_units_under_their_parents_and_people_with_roles(cast):
    result = import_file(actor=cast.son, filename="don-vi.xlsx", data=xlsx())

    assert (result.units_created, result.users_created, result.memberships_created) == (3, 2, 3)
    lucnam = Unit.objects.get(code="bg-ldld-lucnam")
    school = Unit.objects.get(code="bg-cdcs-thpt-luc-nam")
    assert lucnam.get_parent() == cast.ldld
    assert school.get_parent() == lucnam
    assert (lucnam.kind, lucnam.regime, lucnam.email) == (
        "union_district",
        "union",
        "ldld.lucnam@bacgiang.vn",
    )
    assert (school.kind, school.regime) == ("union_grassroots", "union")
    thao = get_user_model().objects.get(username="thao")
    assert thao.first_name == "Nguyễn Thị Thảo" and not thao.has_usable_password()
    assert set(thao.memberships.values_list("unit__code", "role", "title")) == {
        ("bg-ldld-lucnam", "signer", "Chủ tịch"),
        ("bg-ldld-lucngan", "clerk", ""),
    }
    actions = list(Event.objects.filter(actor=cast.son).values_list("action", flat=True))
    assert actions.count("unit.created") == 3
    assert actions.count("user.created") == 2
    assert actions.count("membership.granted") == 3


def test_it_imports_a_csv_of_units_and_then_one_of_people(cast):
    import_file(actor=cast.son, filename="don-vi.csv", data=csv_bytes(UNIT_HEADER, GOOD_UNITS))
    result = import_file(
        actor=cast.son, filename="nguoi-dung.csv", data=csv_bytes(PERSON_HEADER, GOOD_PEOPLE)
    )

    assert Unit.objects.get(code="bg-cdcs-thpt-luc-nam").get_parent().code == "bg-ldld-lucnam"
    assert (result.users_created, result.memberships_created) == (2, 3)


def test_it_accepts_a_csv_saved_by_excel_with_a_byte_order_mark(cast):
    data = "\ufeff".encode() + csv_bytes(UNIT_HEADER, GOOD_UNITS)
    assert import_file(actor=cast.son, filename="don-vi.csv", data=data).units_created == 3


@pytest.mark.parametrize(
    "name, make", [("don-vi.xlsx", xlsx), ("don-vi.csv", lambda: csv_bytes(UNIT_HEADER, GOOD_UNITS))]
)
def test_it_changes_nothing_when_the_same_file_is_imported_again(cast, name, make):
    import_file(actor=cast.son, filename=name, data=make())
    before = counts()
    paths = dict(Unit.objects.values_list("code", "path"))

    again = import_file(actor=cast.son, filename=name, data=make())

    assert again.changed is False
    assert counts() == before
    assert dict(Unit.objects.values_list("code", "path")) == paths


def test_it_updates_a_renamed_unit_on_a_later_import(cast):
    import_file(actor=cast.son, filename="don-vi.xlsx", data=xlsx(people=[]))
    renamed = [row[:] for row in GOOD_UNITS]
    renamed[2][1] = "Liên đoàn Lao động huyện Lục Ngạn (mới)"

    result = import_file(actor=cast.son, filename="don-vi.xlsx", data=xlsx(units=renamed, people=[]))

    assert (result.changed, result.units_created, result.units_updated) == (True, 0, 1)
    assert Unit.objects.get(code="bg-ldld-lucngan").name.endswith("(mới)")


def test_it_keeps_the_former_name_of_a_unit_the_import_renames(cast):
    """The import renames through unit_rename: documents issued under the old name keep it in the history."""
    import_file(actor=cast.son, filename="don-vi.xlsx", data=xlsx(people=[]))
    renamed = [row[:] for row in GOOD_UNITS]
    renamed[2][1], renamed[2][2] = "Liên đoàn Lao động thị xã Lục Ngạn", "LĐLĐ TX"

    with time_machine.travel(
        dt.datetime(2025, 7, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False
    ):
        import_file(actor=cast.son, filename="don-vi.xlsx", data=xlsx(units=renamed, people=[]))

    lucngan = Unit.objects.get(code="bg-ldld-lucngan")
    assert (lucngan.name, lucngan.short_name) == ("Liên đoàn Lao động thị xã Lục Ngạn", "LĐLĐ TX")
    assert list(lucngan.former_names.values_list("name", "short_name", "used_until")) == [
        ("Liên đoàn Lao động huyện Lục Ngạn", "LĐLĐ", dt.date(2025, 7, 1))
    ]
    renamed_event = Event.objects.get(action="unit.renamed", object_id=str(lucngan.pk))
    assert renamed_event.actor == cast.son
    assert renamed_event.details["from"] == {
        "name": "Liên đoàn Lao động huyện Lục Ngạn",
        "short_name": "LĐLĐ",
    }


def test_it_records_an_event_when_the_import_updates_a_person(cast):
    import_file(actor=cast.son, filename="don-vi.xlsx", data=xlsx())
    people = [["thao", "Nguyễn Thị Phương Thảo", "thao.nguyen@bacgiang.vn", "bg-ldld-lucnam", "Lãnh đạo", ""]]

    result = import_file(actor=cast.son, filename="nguoi-dung.xlsx", data=xlsx(units=[], people=people))

    assert result.users_updated == 1
    thao = get_user_model().objects.get(username="thao")
    assert (thao.first_name, thao.email) == ("Nguyễn Thị Phương Thảo", "thao.nguyen@bacgiang.vn")
    (event,) = Event.objects.filter(action="user.updated", object_id=str(thao.pk))
    assert event.actor == cast.son and event.unit.code == "bg-ldld-lucnam"
    assert event.details == {
        "from": {"full_name": "Nguyễn Thị Thảo", "email": "thao@bacgiang.vn"},
        "to": {"full_name": "Nguyễn Thị Phương Thảo", "email": "thao.nguyen@bacgiang.vn"},
    }


def test_it_refuses_an_import_renaming_a_unit_to_its_neighbours_name_and_writes_nothing(cast):
    """unit_rename's refusal reaches the importer as a refused row; the rest of the file is not written."""
    import_file(actor=cast.son, filename="don-vi.xlsx", data=xlsx(people=[]))
    clash = [row[:] for row in GOOD_UNITS]
    clash[2][1] = "Liên đoàn Lao động huyện Lục Nam"  # Lục Ngạn takes its neighbour's name
    clash.append(
        [
            "bg-ldld-hiephoa",
            "Liên đoàn Lao động huyện Hiệp Hòa",
            "LĐLĐ",
            "union_district",
            "union",
            "bg-ldld",
            "",
            "",
            "",
        ]
    )
    before = counts()

    with pytest.raises(ImportRefused) as refused:
        import_file(actor=cast.son, filename="don-vi.xlsx", data=xlsx(units=clash, people=[]))

    (error,) = refused.value.errors
    assert (error.sheet, error.row, error.column) == ("Đơn vị", 4, U["name"])
    assert "Liên đoàn Lao động huyện Lục Nam" in error.reason
    assert counts() == before
    assert Unit.objects.get(code="bg-ldld-lucngan").name == "Liên đoàn Lao động huyện Lục Ngạn"
    assert not Unit.objects.filter(code="bg-ldld-hiephoa").exists()


def test_it_refuses_a_file_with_bad_rows_whole_listing_every_one(cast):
    before = counts()

    with pytest.raises(ImportRefused) as refused:
        import_file(actor=cast.son, filename="loi.xlsx", data=xlsx(units=BAD_UNITS, people=BAD_PEOPLE))

    found = {(e.sheet, e.row, e.column) for e in refused.value.errors}
    assert found == {
        ("Đơn vị", 2, U["kind"]),
        ("Đơn vị", 3, U["parent"]),
        ("Đơn vị", 5, U["code"]),
        ("Đơn vị", 6, U["email"]),
        ("Đơn vị", 7, U["name"]),
        ("Người dùng", 2, P["role"]),
        ("Người dùng", 3, P["unit"]),
    }
    reasons = {(e.sheet, e.row): e.reason for e in refused.value.errors}
    assert reasons[("Đơn vị", 2)] == "Loại «hợp tác xã» không hợp lệ."
    assert reasons[("Đơn vị", 3)] == "Không có đơn vị cấp trên mã «khong-co»."
    assert reasons[("Đơn vị", 5)] == "Mã «bg-ldld-lucnam» bị lặp (đã có ở dòng 4)."
    assert reasons[("Đơn vị", 6)] == "Địa chỉ thư điện tử không hợp lệ."
    assert reasons[("Đơn vị", 7)] == "Không được để trống."
    assert reasons[("Người dùng", 2)] == "Vai trò «thủ quỹ» không hợp lệ."
    assert reasons[("Người dùng", 3)] == "Không có đơn vị mã «khong-co-don-vi»."
    assert "dòng 5, cột «Mã đơn vị»" in str(refused.value)
    # The good row 4 was not written either: all or nothing.
    assert counts() == before
    assert not Unit.objects.filter(code="bg-ldld-lucnam").exists()


def test_it_refuses_a_unit_admin_writing_outside_the_subtree_they_administer(cast):
    """Sơn administers LĐLĐ tỉnh Bắc Giang: not the Lai Châu party line, not the top of the tree."""
    units = [
        ["lc-chibo-1", "Chi bộ thôn 1", "CB", "party_cell", "party", "lc-dangu", "", "", ""],  # 2
        ["bg-ldld", "LĐLĐ Bắc Giang đổi tên", "LĐLĐ", "union_province", "union", "tld", "", "", ""],  # 3
        ["moi-goc", "Đơn vị gốc mới", "MG", "other", "state", "", "", "", ""],  # 4
    ]
    people = [
        ["son", "Phạm Văn Sơn", "", "lc-dangu", "signer", ""],  # 2
        ["admin", "Kẻ mạo danh", "gia@mao.vn", "bg-ldld", "reporter", ""],  # 3
    ]
    before = counts()

    with pytest.raises(ImportRefused) as refused:
        import_file(actor=cast.son, filename="vuot-quyen.xlsx", data=xlsx(units=units, people=people))

    assert {(e.sheet, e.row, e.column, e.reason) for e in refused.value.errors} == {
        ("Đơn vị", 2, U["parent"], "Bạn không có quyền quản trị đơn vị «lc-dangu»."),
        ("Đơn vị", 3, U["parent"], "Bạn không có quyền quản trị đơn vị «tld»."),
        ("Đơn vị", 4, U["parent"], "Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất."),
        ("Người dùng", 2, P["unit"], "Bạn không có quyền quản trị đơn vị «lc-dangu»."),
        # The same refusal as for any account outside the subtree: nothing tells it is a system administrator.
        (
            "Người dùng",
            3,
            P["username"],
            "Tên đăng nhập «admin» đã được dùng cho một tài khoản ngoài phạm vi bạn "
            "quản trị; tệp nhập không sửa được tài khoản này.",
        ),
    }
    assert counts() == before
    assert cast.admin.email == type(cast.admin).objects.get(pk=cast.admin.pk).email


def test_it_lets_the_system_administrator_import_anywhere(cast):
    units = [
        ["lc-chibo-1", "Chi bộ thôn 1", "CB", "Chi bộ", "Đảng", "lc-dangu", "ĐẢNG ỦY XÃ BẢN LANG", "", ""]
    ]
    result = import_file(actor=cast.admin, filename="don-vi.xlsx", data=xlsx(units=units, people=[]))
    assert result.units_created == 1
    assert Unit.objects.get(code="lc-chibo-1").get_parent() == cast.laichau


def test_it_refuses_a_file_missing_a_required_column(cast):
    header = [h for h in UNIT_HEADER if h != U["kind"]]
    rows = [[v for h, v in zip(UNIT_HEADER, row, strict=True) if h != U["kind"]] for row in GOOD_UNITS]

    with pytest.raises(ImportRefused) as refused:
        import_file(actor=cast.son, filename="don-vi.csv", data=csv_bytes(header, rows))

    assert [(e.row, e.column, e.reason) for e in refused.value.errors] == [(1, "Loại", "Thiếu cột bắt buộc.")]


def test_it_refuses_a_corrupt_xlsx_with_a_clear_message(cast):
    before = counts()
    with pytest.raises(ImportRefused) as refused:
        import_file(actor=cast.son, filename="hong.xlsx", data=b"PK\x03\x04 day khong phai la tep Excel")
    assert "Không đọc được tệp Excel (.xlsx)" in str(refused.value)
    assert counts() == before


def test_it_refuses_a_csv_that_is_not_utf8(cast):
    # Excel's "Unicode Text" is UTF-16: a real file a clerk will try.
    data = csv_bytes(UNIT_HEADER, GOOD_UNITS, encoding="utf-16")
    with pytest.raises(ImportRefused) as refused:
        import_file(actor=cast.son, filename="don-vi.csv", data=data)
    assert "Tệp CSV phải được lưu với mã hóa UTF-8." in str(refused.value)


def test_it_refuses_a_file_that_is_neither_xlsx_nor_csv(cast):
    with pytest.raises(ImportRefused) as refused:
        import_file(actor=cast.son, filename="don-vi.xls", data=b"\xd0\xcf\x11\xe0")
    assert "Chỉ nhận tệp .xlsx hoặc .csv." in str(refused.value)


# --- the upload page ----------------------------------------------------------------------------------


def upload(client, name="don-vi.xlsx", data=None):
    content = xlsx() if data is None else data
    return client.post(reverse("org:unit_import"), {"file": SimpleUploadedFile(name, content)})


def test_it_lets_the_unit_admin_import_from_the_upload_page(cast, login):
    client = login(cast.son)
    assert client.get(reverse("org:unit_import")).status_code == 200

    response = upload(client)

    assert response.status_code == 200
    assert "Đã nhập xong" in response.content.decode()
    assert Unit.objects.filter(code__startswith="bg-ldld-luc").count() == 2
    assert "Không có thay đổi" in upload(client).content.decode()


def test_it_lists_every_bad_row_on_the_upload_page(cast, login):
    before = counts()
    response = upload(login(cast.son), "loi.xlsx", xlsx(units=BAD_UNITS, people=BAD_PEOPLE))

    page = response.content.decode()
    assert "Tệp bị từ chối — không có gì được ghi" in page
    assert "Loại «hợp tác xã» không hợp lệ." in page
    assert "Vai trò «thủ quỹ» không hợp lệ." in page
    assert page.count("<tr><td>Đơn vị</td>") == 5 and page.count("<tr><td>Người dùng</td>") == 2
    assert counts() == before


def test_it_refuses_a_wrong_file_type_on_the_upload_page(cast, login):
    response = upload(login(cast.son), "don-vi.pdf", b"%PDF-1.4")
    assert "Chỉ nhận tệp .xlsx hoặc .csv." in response.content.decode()


@pytest.mark.parametrize("who", ["tuan", "charlie", "hung"])
def test_it_refuses_the_upload_page_to_anyone_but_an_administrator(cast, login, who):
    client = login(getattr(cast, who))
    before = counts()
    assert client.get(reverse("org:unit_import")).status_code == 403
    assert upload(client).status_code == 403
    assert counts() == before


def test_it_sends_an_anonymous_visitor_to_the_login_page(cast, client):
    response = upload(client)
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    assert not Unit.objects.filter(code="bg-ldld-lucnam").exists()


# --- the management command ---------------------------------------------------------------------------


def test_it_imports_from_the_command_line(cast, tmp_path, capsys):
    path = tmp_path / "don-vi.xlsx"
    path.write_bytes(xlsx())

    call_command("import_units", str(path), "--actor", "son")

    out = capsys.readouterr().out
    assert "Thêm 3 đơn vị" in out and "thêm 2 người dùng" in out
    assert Event.objects.filter(actor=cast.son, action="unit.created").count() == 3
    call_command("import_units", str(path))
    assert "Không có thay đổi" in capsys.readouterr().out


def test_it_prints_every_error_and_fails_on_the_command_line(cast, tmp_path, capsys):
    path = tmp_path / "loi.xlsx"
    path.write_bytes(xlsx(units=BAD_UNITS, people=BAD_PEOPLE))
    before = counts()

    with pytest.raises(CommandError, match="7 lỗi"):
        call_command("import_units", str(path))

    err = capsys.readouterr().err
    assert "Đơn vị, dòng 2, cột «Loại»: Loại «hợp tác xã» không hợp lệ." in err
    assert "Người dùng, dòng 3, cột «Mã đơn vị»: Không có đơn vị mã «khong-co-don-vi»." in err
    assert counts() == before


def test_it_refuses_a_missing_file_or_an_unknown_actor_on_the_command_line(cast, tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_units", str(tmp_path / "khong-co.xlsx"))
    path = tmp_path / "don-vi.xlsx"
    path.write_bytes(xlsx())
    with pytest.raises(CommandError, match="Không có người dùng «ai-do»"):
        call_command("import_units", str(path), "--actor", "ai-do")
    assert not Unit.objects.filter(code="bg-ldld-lucnam").exists()


def test_it_exits_non_zero_when_run_as_a_process(cast, tmp_path):
    """The exit status scripts rely on; the command runs in a real process against its own database."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    path = tmp_path / "hong.csv"
    path.write_bytes(csv_bytes(UNIT_HEADER, GOOD_UNITS, encoding="utf-16"))
    env = {**os.environ, "THONGSUOT_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)  # the embedded SQLite: the check fails before any write anyway
    proc = subprocess.run(
        [sys.executable, "manage.py", "import_units", str(path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0
    assert "mã hóa UTF-8" in proc.stderr
