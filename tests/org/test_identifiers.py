"""Units' electronic identifier codes (mã định danh điện tử) with their history (issue 18 item 1).

Cast (tests/conftest.py): son administers LĐLĐ tỉnh Bắc Giang (ldld) and its subtree (yenthe, tanyen, cdcs);
charlie (laichau) and mai (a drafter of ldld) must be refused; admin is the system administrator.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from portal.audit.models import Event as AuditEvent
from portal.org.identifiers import current_organ_ids, organ_id_for, unit_for_organ_id, unit_identifiers
from portal.org.imports import ImportRefused, import_file
from portal.org.models import Unit, UnitIdentifier
from portal.org.services import unit_close
from portal.org.services.identifiers import (
    IdentifierNotAllowed,
    IdentifierRefused,
    unit_exchange_hub_set,
    unit_identifier_close,
    unit_identifier_set,
)

D = dt.date


def test_it_sets_a_code_and_closes_the_previous_one_the_day_before(cast):
    first = unit_identifier_set(
        actor=cast.son, unit=cast.ldld, code="000.00.31.h10", valid_from=D(2020, 1, 1)
    )
    assert first.code == "000.00.31.H10"  # stored in upper case
    second = unit_identifier_set(
        actor=cast.son, unit=cast.ldld, code="000.00.32.H10", valid_from=D(2025, 7, 1)
    )
    first.refresh_from_db()
    assert first.valid_to == D(2025, 6, 30) and second.valid_to is None
    assert organ_id_for(cast.ldld, D(2025, 6, 30)) == "000.00.31.H10"
    assert organ_id_for(cast.ldld, D(2025, 7, 1)) == "000.00.32.H10"
    assert organ_id_for(cast.ldld, D(2019, 12, 31)) == ""
    assert [r.code for r in unit_identifiers(cast.ldld)] == ["000.00.32.H10", "000.00.31.H10"]
    assert AuditEvent.objects.filter(action="unit.identifier_set", actor=cast.son).count() == 2


def test_setting_the_same_open_code_again_changes_nothing(cast):
    record = unit_identifier_set(actor=None, unit=cast.ldld, code="000.00.31.H10", valid_from=D(2020, 1, 1))
    again = unit_identifier_set(actor=None, unit=cast.ldld, code="000.00.31.H10", valid_from=D(2024, 1, 1))
    assert again.pk == record.pk and UnitIdentifier.objects.count() == 1


@pytest.mark.parametrize(
    ("code", "valid_from", "field", "message"),
    [
        ("", D(2025, 1, 1), "code", "Hãy nhập mã định danh"),
        ("LĐLĐ-BG", D(2025, 1, 1), "code", "không đúng dạng"),
        ("000.00.31", D(2025, 1, 1), "code", "không đúng dạng"),
        ("000.00.99.H10", D(2025, 1, 1), "code", "đang là mã của Liên đoàn Lao động huyện Tân Yên"),
        ("000.00.32.H10", D(2019, 6, 1), "valid_from", "Ngày bắt đầu phải sau"),
        ("000.00.32.H10", D(2020, 1, 1), "valid_from", "Ngày bắt đầu phải sau"),
    ],
)
def test_it_refuses_a_bad_code_a_taken_code_and_an_earlier_start(cast, code, valid_from, field, message):
    unit_identifier_set(actor=None, unit=cast.ldld, code="000.00.31.H10", valid_from=D(2020, 1, 1))
    unit_identifier_set(actor=None, unit=cast.tanyen, code="000.00.99.H10", valid_from=D(2020, 1, 1))
    with pytest.raises(IdentifierRefused) as refused:
        unit_identifier_set(actor=cast.son, unit=cast.ldld, code=code, valid_from=valid_from)
    assert refused.value.field == field and message in refused.value.message
    assert [r.code for r in unit_identifiers(cast.ldld)] == ["000.00.31.H10"]
    assert unit_identifiers(cast.ldld)[0].valid_to is None


def test_a_code_freed_by_its_holder_may_serve_another_unit_afterwards(cast):
    old = unit_identifier_set(actor=None, unit=cast.tanyen, code="000.00.99.H10", valid_from=D(2020, 1, 1))
    unit_identifier_close(actor=cast.son, identifier=old, valid_to=D(2025, 6, 30))
    with pytest.raises(IdentifierRefused):
        unit_identifier_set(actor=None, unit=cast.yenthe, code="000.00.99.H10", valid_from=D(2025, 6, 30))
    unit_identifier_set(actor=None, unit=cast.yenthe, code="000.00.99.H10", valid_from=D(2025, 7, 1))
    assert unit_for_organ_id("000.00.99.H10", D(2025, 6, 30)) == cast.tanyen
    assert unit_for_organ_id("000.00.99.H10", D(2025, 7, 1)) == cast.yenthe


def test_it_refuses_people_who_do_not_administer_the_unit(cast):
    for person in (cast.charlie, cast.mai, cast.binh):
        with pytest.raises(IdentifierNotAllowed):
            unit_identifier_set(actor=person, unit=cast.ldld, code="000.00.31.H10", valid_from=D(2025, 1, 1))
    with pytest.raises(IdentifierNotAllowed):
        unit_identifier_set(actor=cast.son, unit=cast.btgtu, code="000.00.31.H10", valid_from=D(2025, 1, 1))
    assert not UnitIdentifier.objects.exists()
    unit_identifier_set(actor=cast.admin, unit=cast.btgtu, code="000.00.01.H10", valid_from=D(2025, 1, 1))


def test_a_merger_keeps_the_successors_code_and_closes_the_merged_units_code(cast):
    unit_identifier_set(actor=None, unit=cast.yenthe, code="000.01.01.H10", valid_from=D(2018, 1, 1))
    unit_identifier_set(actor=None, unit=cast.tanyen, code="000.01.02.H10", valid_from=D(2018, 1, 1))
    unit_close(actor=cast.son, unit=cast.tanyen, on_date=D(2025, 6, 30), successor=cast.yenthe)
    tanyen_code = UnitIdentifier.objects.get(code="000.01.02.H10")
    assert tanyen_code.valid_to == D(2025, 6, 30)
    assert organ_id_for(cast.yenthe, D(2025, 7, 1)) == "000.01.01.H10"
    assert organ_id_for(cast.tanyen, D(2025, 7, 1)) == ""
    # The closed code still finds its holder on a day it was valid, and the unit that carries on after.
    assert unit_for_organ_id("000.01.02.H10", D(2025, 6, 30)) == cast.tanyen
    assert unit_for_organ_id("000.01.02.H10", D(2025, 7, 1)) == cast.yenthe
    assert unit_for_organ_id("000.01.01.H10", D(2025, 7, 1)) == cast.yenthe
    assert AuditEvent.objects.filter(action="unit.identifier_closed", actor=cast.son).count() == 1


def test_unit_for_organ_id_follows_a_chain_of_mergers_and_knows_no_unknown_code(cast):
    unit_identifier_set(actor=None, unit=cast.cdcs, code="000.02.01.H10", valid_from=D(2018, 1, 1))
    unit_close(actor=None, unit=cast.cdcs, on_date=D(2024, 12, 31), successor=cast.tanyen)
    unit_close(actor=None, unit=cast.tanyen, on_date=D(2025, 6, 30), successor=cast.yenthe)
    assert unit_for_organ_id("000.02.01.H10", D(2025, 1, 1)) == cast.tanyen
    assert unit_for_organ_id("000.02.01.H10", D(2025, 8, 1)) == cast.yenthe
    assert unit_for_organ_id("000.02.01.H10", D(2017, 1, 1)) is None
    assert unit_for_organ_id("999.99.99.Z99", D(2025, 8, 1)) is None
    assert unit_for_organ_id("", D(2025, 8, 1)) is None


def test_current_organ_ids_answers_a_list_in_one_query(cast, django_assert_num_queries):
    unit_identifier_set(actor=None, unit=cast.ldld, code="000.00.31.H10", valid_from=D(2020, 1, 1))
    unit_identifier_set(actor=None, unit=cast.yenthe, code="000.01.01.H10", valid_from=D(2020, 1, 1))
    with django_assert_num_queries(1):
        codes = current_organ_ids([cast.ldld, cast.yenthe, cast.tanyen])
    assert codes == {cast.ldld.pk: "000.00.31.H10", cast.yenthe.pk: "000.01.01.H10"}


def test_the_accepted_form_is_a_setting(cast, settings):
    settings.ORGAN_ID_PATTERN = r"^[A-Z]{2}\d{4}$"
    unit_identifier_set(actor=None, unit=cast.ldld, code="bg0031", valid_from=D(2020, 1, 1))
    with pytest.raises(IdentifierRefused):
        unit_identifier_set(actor=None, unit=cast.ldld, code="000.00.31.H10", valid_from=D(2021, 1, 1))


# --- the page «Mã định danh điện tử» ------------------------------------------------------------------------------


def page_url(unit) -> str:
    return reverse("org:unit_identifiers", args=[unit.pk])


def test_the_unit_admin_sees_the_current_code_and_its_history(cast, login, django_assert_max_num_queries):
    unit_identifier_set(actor=None, unit=cast.yenthe, code="000.01.01.H10", valid_from=D(2018, 1, 1))
    unit_identifier_set(
        actor=None, unit=cast.yenthe, code="000.01.09.H10", valid_from=D(2025, 7, 1), note="Sau sáp nhập"
    )
    client = login(cast.son)
    with time_machine.travel(dt.datetime(2025, 8, 1, 9, tzinfo=dt.UTC)), django_assert_max_num_queries(12):
        response = client.get(page_url(cast.yenthe))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<dd data-testid="current-code"><strong>000.01.09.H10</strong></dd>' in html
    assert "01/01/2018" in html and "30/06/2025" in html and "01/07/2025" in html and "Sau sáp nhập" in html
    detail = client.get(reverse("org:unit_detail", args=[cast.yenthe.pk])).content.decode()
    assert page_url(cast.yenthe) in detail and "000.01.09.H10" in detail


def test_the_unit_admin_sets_a_new_code_from_the_page(cast, login):
    client = login(cast.son)
    response = client.post(
        page_url(cast.ldld), {"code": "000.00.31.H10", "valid_from": "01/07/2025", "note": "QĐ 123"}
    )
    assert response.status_code == 302 and response["Location"] == page_url(cast.ldld)
    record = UnitIdentifier.objects.get(unit=cast.ldld)
    assert (record.code, record.valid_from, record.note) == ("000.00.31.H10", D(2025, 7, 1), "QĐ 123")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"code": "", "valid_from": "01/07/2025"}, "Hãy nhập mã định danh điện tử của đơn vị."),
        ({"code": "BG-LDLD", "valid_from": "01/07/2025"}, "không đúng dạng"),
        (
            {"code": "000.00.99.H10", "valid_from": "01/07/2025"},
            "đang là mã của Liên đoàn Lao động huyện Tân Yên",
        ),
        ({"code": "000.00.32.H10", "valid_from": "01/01/2019"}, "Ngày bắt đầu phải sau ngày mã hiện tại"),
    ],
)
def test_the_page_shows_each_refusal_beside_its_field(cast, login, data, message):
    unit_identifier_set(actor=None, unit=cast.ldld, code="000.00.31.H10", valid_from=D(2020, 1, 1))
    unit_identifier_set(actor=None, unit=cast.tanyen, code="000.00.99.H10", valid_from=D(2020, 1, 1))
    response = login(cast.son).post(page_url(cast.ldld), data)
    assert response.status_code == 200
    field = "valid_from" if "Ngày" in message else "code"
    assert any(message in error for error in response.context["form"].errors[field])
    assert '<small class="error" role="alert">' in response.content.decode()
    assert list(UnitIdentifier.objects.filter(unit=cast.ldld).values_list("code", "valid_to")) == [
        ("000.00.31.H10", None)
    ]


@pytest.mark.parametrize("person", ["charlie", "mai", "hung", "binh"])
def test_the_page_refuses_anyone_but_the_units_administrators(cast, login, person):
    client = login(getattr(cast, person))
    assert client.get(page_url(cast.ldld)).status_code == 404
    response = client.post(page_url(cast.ldld), {"code": "000.00.31.H10", "valid_from": "01/07/2025"})
    assert response.status_code == 404
    assert not UnitIdentifier.objects.exists()


# --- the unit import's «Mã định danh» and «Liên thông qua trục» columns ----------------------------------------

IMPORT_HEADER = (
    "Mã đơn vị,Tên đơn vị,Tên viết tắt,Loại,Thể thức,Mã đơn vị cấp trên,Mã định danh,Liên thông qua trục\n"
)


def csv_file(*rows: str) -> bytes:
    return (IMPORT_HEADER + "".join(f"{row}\n" for row in rows)).encode()


def test_the_import_gives_units_their_codes_and_marks_the_hub_reached_ones(cast):
    data = csv_file(
        "bg-so-nv,Sở Nội vụ tỉnh Bắc Giang,SNV,Cơ quan nhà nước,Nhà nước,bg-ldld,000.00.12.h10,Có",
        "bg-ldld-yenthe,Liên đoàn Lao động huyện Yên Thế,LĐLĐ,union_district,union,bg-ldld,000.01.01.H10,",
    )
    with time_machine.travel(dt.datetime(2025, 8, 1, 9, tzinfo=dt.UTC)):
        result = import_file(actor=cast.son, filename="don-vi.csv", data=data)
        again = import_file(actor=cast.son, filename="don-vi.csv", data=data)
    so = Unit.objects.get(code="bg-so-nv")
    assert so.exchange_hub and organ_id_for(so, D(2025, 8, 1)) == "000.00.12.H10"
    cast.yenthe.refresh_from_db()
    assert not cast.yenthe.exchange_hub and organ_id_for(cast.yenthe, D(2025, 8, 1)) == "000.01.01.H10"
    assert UnitIdentifier.objects.get(code="000.01.01.H10").valid_from == D(2025, 8, 1)
    assert result.units_created == 1 and result.units_updated == 1  # yenthe: one update, whatever changed
    assert not again.changed and UnitIdentifier.objects.count() == 2


def test_the_import_refuses_bad_codes_and_codes_of_other_units_writing_nothing(cast):
    unit_identifier_set(actor=None, unit=cast.tanyen, code="000.00.99.H10", valid_from=D(2020, 1, 1))
    data = csv_file(
        "bg-a,Đơn vị A,A,Cơ quan nhà nước,Nhà nước,bg-ldld,BG-A,",
        "bg-b,Đơn vị B,B,Cơ quan nhà nước,Nhà nước,bg-ldld,000.00.99.H10,",
        "bg-c,Đơn vị C,C,Cơ quan nhà nước,Nhà nước,bg-ldld,000.00.50.H10,Có lẽ",
        "bg-d,Đơn vị D,D,Cơ quan nhà nước,Nhà nước,bg-ldld,000.00.50.H10,Không",
    )
    with pytest.raises(ImportRefused) as refused:
        import_file(actor=cast.son, filename="don-vi.csv", data=data)
    reasons = [(e.row, e.column, e.reason) for e in refused.value.errors]
    assert (2, "Mã định danh", "Mã định danh «BG-A» không đúng dạng (ví dụ: 000.00.12.H10).") in reasons
    assert (
        3,
        "Mã định danh",
        "Mã định danh «000.00.99.H10» đang là mã của Liên đoàn Lao động huyện Tân Yên.",
    ) in reasons
    assert (4, "Liên thông qua trục", "Ghi «Có» hoặc «Không», không phải «Có lẽ».") in reasons
    assert (5, "Mã định danh", "Mã định danh «000.00.50.H10» bị lặp (dòng 4).") in reasons
    assert not Unit.objects.filter(code__in=["bg-a", "bg-b", "bg-c", "bg-d"]).exists()
    assert UnitIdentifier.objects.count() == 1


# --- the API's unit serializer ---------------------------------------------------------------------------------


def test_the_api_shows_each_units_current_code_in_constant_queries(cast, django_assert_max_num_queries):
    unit_identifier_set(actor=None, unit=cast.ldld, code="000.00.31.H10", valid_from=D(2020, 1, 1))
    unit_identifier_set(actor=None, unit=cast.ldld, code="000.00.32.H10", valid_from=D(2025, 7, 1))
    unit_identifier_set(actor=None, unit=cast.yenthe, code="000.01.01.H10", valid_from=D(2020, 1, 1))
    unit_exchange_hub_set(actor=None, unit=cast.yenthe, reached=True)
    client = APIClient()
    client.force_authenticate(cast.hung)
    with time_machine.travel(dt.datetime(2025, 8, 1, 9, tzinfo=dt.UTC)):
        with django_assert_max_num_queries(8):
            listed = client.get("/api/v1/units/").json()["results"]
        one = client.get(f"/api/v1/units/{cast.ldld.pk}/").json()
        charlie = APIClient()
        charlie.force_authenticate(cast.charlie)
        refused = charlie.get(f"/api/v1/units/{cast.ldld.pk}/")
    by_code = {u["code"]: u for u in listed}
    assert by_code["bg-ldld"]["organ_id"] == "000.00.32.H10" == one["organ_id"]
    assert (
        by_code["bg-ldld-yenthe"]["organ_id"] == "000.01.01.H10" and by_code["bg-ldld-yenthe"]["exchange_hub"]
    )
    assert by_code["bg-ldld-tanyen"]["organ_id"] == "" and not by_code["bg-ldld-tanyen"]["exchange_hub"]
    assert refused.status_code == 404


def test_the_unit_admin_marks_the_unit_as_reached_through_the_hub(cast, login):
    client = login(cast.son)
    response = client.post(page_url(cast.yenthe), {"exchange_hub_form": "1", "exchange_hub": "on"})
    assert response.status_code == 302
    cast.yenthe.refresh_from_db()
    assert cast.yenthe.exchange_hub
    assert AuditEvent.objects.filter(action="unit.exchange_hub_set", actor=cast.son).count() == 1
    client.post(page_url(cast.yenthe), {"exchange_hub_form": "1"})
    cast.yenthe.refresh_from_db()
    assert not cast.yenthe.exchange_hub
    assert (
        login(cast.charlie)
        .post(page_url(cast.yenthe), {"exchange_hub_form": "1", "exchange_hub": "on"})
        .status_code
        == 404
    )
    with pytest.raises(IdentifierNotAllowed):
        unit_exchange_hub_set(actor=cast.mai, unit=cast.ldld, reached=True)
