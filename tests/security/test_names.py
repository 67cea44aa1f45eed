"""Spoofing and injection (issue 20, finding 12): unit names are stored NFC, bidi controls are refused, two active
units under one parent cannot share a name, and a bare CR in a title never reaches the iCalendar feed.
(Bounded indicators: tests/security/test_parsing.py.)

Cast: ldld has the districts yenthe and tanyen; binh leads yenthe, whose grassroots union is cdcs.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
import time_machine
from django.urls import reverse

from portal.org.models import Unit, UnitNameRecord
from portal.org.services import UnitData, UnitError, unit_create, unit_rename
from reporting.ics import _escape
from reporting.services.obligations import adhoc_request_create
from tests.reporting.conftest import local

pytestmark = pytest.mark.security

TODAY = dt.date(2024, 6, 3)


def test_a_name_typed_with_combining_marks_is_stored_nfc(cast):
    decomposed = unicodedata.normalize("NFD", "Công đoàn Trường Tiểu học Phồn Xương")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    unit = unit_create(
        actor=cast.admin,
        parent=cast.yenthe,
        data=UnitData(
            code="bg-cdcs-th-phonxuong",
            name=decomposed,
            short_name="CĐCS",
            kind="union_grassroots",
            regime="union",
        ),
    )
    unit.refresh_from_db()
    assert unit.name == "Công đoàn Trường Tiểu học Phồn Xương"
    assert unicodedata.is_normalized("NFC", unit.name)


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_bidi_controls_in_a_unit_name_are_refused_and_nothing_is_written(cast, control):
    spoof = f"Liên đoàn Lao động huyện {control}ếhT nêY"
    with pytest.raises(UnitError) as refused:
        unit_rename(actor=cast.admin, unit=cast.tanyen, name=spoof, short_name="LĐLĐ", on_date=TODAY)
    assert "ký tự điều khiển hướng chữ" in str(refused.value)
    assert Unit.objects.get(pk=cast.tanyen.pk).name == "Liên đoàn Lao động huyện Tân Yên"
    assert not UnitNameRecord.objects.filter(unit=cast.tanyen).exists()
    with pytest.raises(UnitError):
        unit_create(
            actor=cast.admin,
            parent=cast.ldld,
            data=UnitData(
                code="bg-ldld-spoof", name=spoof, short_name="LĐLĐ", kind="union_district", regime="union"
            ),
        )
    assert not Unit.objects.filter(code="bg-ldld-spoof").exists()


def test_a_line_break_in_a_unit_name_is_refused(cast):
    with pytest.raises(UnitError) as refused:
        unit_rename(
            actor=cast.admin, unit=cast.tanyen, name="Liên đoàn\rLao động", short_name="LĐLĐ", on_date=TODAY
        )
    assert "ký tự điều khiển" in str(refused.value)


@pytest.mark.parametrize(
    "name",
    [
        "Liên đoàn Lao động huyện Yên Thế",
        "LIÊN ĐOÀN LAO ĐỘNG HUYỆN YÊN THẾ",
        "  Liên đoàn  Lao động huyện Yên Thế ",
    ],
)
def test_a_unit_cannot_take_its_siblings_name(cast, name):
    with pytest.raises(UnitError) as refused:
        unit_rename(actor=cast.admin, unit=cast.tanyen, name=name, short_name="LĐLĐ", on_date=TODAY)
    assert "Đã có đơn vị tên" in str(refused.value) and "Liên đoàn Lao động tỉnh Bắc Giang" in str(
        refused.value
    )
    assert Unit.objects.get(pk=cast.tanyen.pk).name == "Liên đoàn Lao động huyện Tân Yên"
    with pytest.raises(UnitError):
        unit_create(
            actor=cast.admin,
            parent=cast.ldld,
            data=UnitData(
                code="bg-ldld-yenthe-2", name=name, short_name="LĐLĐ", kind="union_district", regime="union"
            ),
        )
    assert not Unit.objects.filter(code="bg-ldld-yenthe-2").exists()


def test_the_same_name_under_another_parent_or_a_units_own_name_is_fine(cast):
    unit_create(
        actor=cast.admin,
        parent=cast.laichau,
        data=UnitData(
            code="lc-ldld-yenthe",
            name="Liên đoàn Lao động huyện Yên Thế",
            short_name="LĐLĐ",
            kind="union_district",
            regime="union",
        ),
    )
    renamed = unit_rename(
        actor=cast.admin,
        unit=cast.yenthe,
        name="Liên đoàn Lao động huyện Yên Thế",
        short_name="LĐ",
        on_date=TODAY,
    )
    assert renamed.short_name == "LĐ"


def test_the_rename_page_shows_the_refusal(cast, client):
    client.force_login(cast.admin)
    response = client.post(
        reverse("org:unit_rename", args=[cast.tanyen.pk]),
        {"name": "Liên đoàn Lao động huyện Yên Thế", "short_name": "LĐLĐ", "on_date": "2024-06-03"},
        follow=True,
    )
    assert "Đã có đơn vị tên «Liên đoàn Lao động huyện Yên Thế»" in response.content.decode()
    assert Unit.objects.get(pk=cast.tanyen.pk).name == "Liên đoàn Lao động huyện Tân Yên"


# --- the iCalendar feed -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Báo cáo\rBEGIN:VEVENT", "Báo cáo\nDTSTART:19700101", "Báo cáo\r\nX", "a\x0bb"]
)
def test_no_line_break_or_control_character_survives_ics_escaping(text):
    escaped = _escape(text)
    assert "\r" not in escaped and "\n" not in escaped and "\x0b" not in escaped


def test_a_bare_cr_in_an_adhoc_title_does_not_reach_the_calendar_feed(cast, client):
    with time_machine.travel(local(2024, 6, 3), tick=False):
        requirement = adhoc_request_create(
            actor=cast.binh,
            from_unit=cast.yenthe,
            to_units=[cast.cdcs],
            title="Báo cáo nhanh\rBEGIN:VEVENT\rSUMMARY:Giả mạo",
            due_date=dt.date(2024, 6, 20),
        )
        assert requirement.title == "Báo cáo nhanh BEGIN:VEVENT SUMMARY:Giả mạo"
        client.force_login(cast.tuan)
        body = client.get(reverse("reporting:unit_calendar", args=[cast.cdcs.pk])).content.decode()
    lines = body.split("\r\n")
    assert "\r" not in "".join(lines)  # every CR is part of a CRLF line ending
    assert sum(1 for line in lines if line == "BEGIN:VEVENT") == 1
    assert not any(line.startswith("SUMMARY:Giả mạo") for line in lines)
