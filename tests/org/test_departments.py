"""A unit's departments (ban, phòng): Sơn, the unit admin of LĐLĐ tỉnh Bắc Giang, adds, renames and switches them off
and places people in them (Mai is in Ban Tuyên giáo - Nữ công). Refused: Quang, the unit admin of LĐLĐ huyện Tân Yên
(another unit), Mai (a drafter), Hùng (a leader, not an administrator) and Charlie (an outsider); a code the unit
already has, a code that cannot stand in a symbol, a department of another unit and one switched off."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.audit.models import Event
from portal.org.models import Department, Membership
from portal.org.services import membership_grant
from portal.org.services.departments import (
    DepartmentError,
    DepartmentNotAllowed,
    department_code_for,
    department_create,
    department_update,
    membership_set_department,
    person_set_department,
)


@pytest.fixture
def quang(cast):
    """The unit admin of LĐLĐ huyện Tân Yên: an administrator, but not of LĐLĐ tỉnh."""
    user = get_user_model().objects.create_user(
        "quang", "quang@thongsuot.test", "x", first_name="Lê Văn Quang"
    )
    membership_grant(actor=None, user=user, unit=cast.tanyen, role="unit_admin")
    return user


def membership(cast, user):
    return Membership.objects.get(user=user, unit=cast.ldld)


# --- the services ----------------------------------------------------------------------------------------------


def test_the_unit_admin_adds_a_department_last_and_it_is_audited(cast):
    department = department_create(actor=cast.son, unit=cast.ldld, code="tc", name="  Ban   Tổ chức ")
    assert (department.code, department.name) == ("TC", "Ban Tổ chức")
    assert list(Department.objects.filter(unit=cast.ldld).values_list("code", flat=True)) == [
        "TG&NC",
        "VP",
        "TC",
    ]
    event = Event.objects.get(action="department.created", object_id=str(department.pk))
    assert event.actor == cast.son and event.details == {"code": "TC", "name": "Ban Tổ chức"}


@pytest.mark.parametrize(
    "code, name, field",
    [
        ("TG&NC", "Ban khác", "code"),  # the unit has the code
        ("VP 2", "Văn phòng 2", "code"),  # cannot stand in a symbol
        ("", "Ban Tổ chức", "code"),
        ("TC", "văn phòng", "name"),  # the unit has the name (case aside)
        ("TC", "   ", "name"),
        ("TC", "Ban\u202eTổ chức", "name"),  # a bidi control
    ],
)
def test_a_bad_department_is_refused_beside_its_field_and_nothing_is_written(cast, code, name, field):
    with pytest.raises(DepartmentError) as refused:
        department_create(actor=cast.son, unit=cast.ldld, code=code, name=name)
    assert field in refused.value.errors
    assert Department.objects.filter(unit=cast.ldld).count() == 2
    assert Event.objects.filter(action="department.created").count() == 2  # the cast's own


def test_only_an_administrator_of_the_unit_changes_its_departments(cast, quang):
    for person in (quang, cast.mai, cast.hung, cast.charlie):
        with pytest.raises(DepartmentNotAllowed) as refused:
            department_create(actor=person, unit=cast.ldld, code="TC", name="Ban Tổ chức")
        assert refused.value.status == 403
        with pytest.raises(DepartmentNotAllowed):
            department_update(actor=person, department=cast.vp, name="Văn phòng Liên đoàn")
        with pytest.raises(DepartmentNotAllowed):
            membership_set_department(actor=person, membership=membership(cast, cast.thu), department=cast.vp)
    assert Department.objects.get(pk=cast.vp.pk).name == "Văn phòng"
    assert membership(cast, cast.thu).department is None
    # The system administrator may, as may the admin of a unit above (none in the cast but admin).
    department_create(actor=cast.admin, unit=cast.ldld, code="TC", name="Ban Tổ chức")


def test_renaming_keeps_the_row_and_switching_off_releases_its_people(cast):
    assert department_update(actor=cast.son, department=cast.tgnc, name="Ban Tuyên giáo - Nữ công") == []
    assert department_update(actor=cast.son, department=cast.tgnc, order=5) == ["order"]
    changed = department_update(actor=cast.son, department=cast.tgnc, active=False)
    assert changed == ["active"]
    assert membership(cast, cast.mai).department is None
    event = Event.objects.filter(action="department.updated").latest("id")
    assert event.details["people_released"] == 1 and event.details["to"] == {"active": False}
    # Its code is still the unit's: a new department cannot take it (issued công văn carry it).
    with pytest.raises(DepartmentError):
        department_create(actor=cast.son, unit=cast.ldld, code="TG&NC", name="Ban Tuyên giáo")


def test_a_person_is_placed_in_one_department_of_the_own_unit(cast):
    person_set_department(actor=cast.son, unit=cast.ldld, person=cast.thu, department=cast.vp)
    assert membership(cast, cast.thu).department == cast.vp
    assert Event.objects.filter(action="membership.department_set").latest("id").details["to"] == "VP"
    other = department_create(actor=None, unit=cast.yenthe, code="VP", name="Văn phòng")
    with pytest.raises(DepartmentError):
        membership_set_department(actor=cast.son, membership=membership(cast, cast.thu), department=other)
    department_update(actor=cast.son, department=cast.tgnc, active=False)
    with pytest.raises(DepartmentError):
        membership_set_department(actor=cast.son, membership=membership(cast, cast.thu), department=cast.tgnc)
    assert membership(cast, cast.thu).department == cast.vp
    assert membership_set_department(actor=cast.son, membership=membership(cast, cast.thu), department=None)
    assert membership(cast, cast.thu).department is None


def test_a_new_cong_van_carries_the_drafters_department_code(cast):
    assert department_code_for(unit=cast.ldld, user=cast.mai) == "TG&NC"
    person_set_department(actor=None, unit=cast.ldld, person=cast.thu, department=cast.vp)
    assert department_code_for(unit=cast.ldld, user=cast.thu) == "VP"
    assert department_code_for(unit=cast.ldld, user=cast.hung) == "TG&NC"  # the unit's first
    assert department_code_for(unit=cast.btgtu, user=cast.lan) == ""


# --- the pages ------------------------------------------------------------------------------------------------


def test_the_admin_manages_departments_on_the_page(cast, login):
    client = login(cast.son)
    url = reverse("org:departments", args=[cast.ldld.pk])
    page = client.get(url).content.decode()
    assert "Ban Tuyên giáo - Nữ công" in page and "Trần Thị Mai" in page and "Thêm ban, phòng" in page
    response = client.post(url, {"code": "CSPL", "name": "Ban Chính sách - Pháp luật"}, follow=True)
    assert "Đã thêm «Ban Chính sách - Pháp luật»." in response.content.decode()
    refused = client.post(url, {"code": "VP", "name": "Văn phòng 2"})
    assert refused.status_code == 400 and "Đơn vị đã có ban, phòng ký hiệu «VP»." in refused.content.decode()

    edit = reverse("org:department_edit", args=[cast.ldld.pk, cast.vp.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"code": "VP", "name": "Văn phòng Liên đoàn", "order": "2", "active": "on"})
    assert Department.objects.get(pk=cast.vp.pk).name == "Văn phòng Liên đoàn"

    person = reverse("org:person_detail", args=[cast.ldld.pk, cast.thu.pk])
    assert "Lưu ban, phòng" in client.get(person).content.decode()
    done = client.post(
        reverse("org:person_department", args=[cast.ldld.pk, cast.thu.pk]),
        {"department": cast.vp.pk},
        follow=True,
    )
    assert "Đã xếp Lê Thị Thu vào Văn phòng Liên đoàn." in done.content.decode()
    members = client.get(reverse("org:unit_members", args=[cast.ldld.pk])).content.decode()
    assert "Văn phòng Liên đoàn" in members


def test_members_read_the_departments_and_others_are_refused(cast, login, quang):
    url = reverse("org:departments", args=[cast.ldld.pk])
    page = login(cast.mai).get(url).content.decode()
    assert "Ban Tuyên giáo - Nữ công" in page and "Thêm ban, phòng" not in page
    assert login(cast.mai).post(url, {"code": "TC", "name": "Ban Tổ chức"}).status_code == 404
    edit = reverse("org:department_edit", args=[cast.ldld.pk, cast.vp.pk])
    place = reverse("org:person_department", args=[cast.ldld.pk, cast.thu.pk])
    for person in (cast.mai, cast.hung, quang, cast.charlie):
        client = login(person)
        assert client.get(edit).status_code == 404
        assert client.post(place, {"department": cast.vp.pk}).status_code == 404
    assert login(cast.charlie).get(url).status_code == 404
    assert login(quang).get(url).status_code == 404
    assert Department.objects.filter(unit=cast.ldld).count() == 2
    assert membership(cast, cast.thu).department is None


def test_the_departments_page_reads_in_constant_queries(cast, login, django_assert_max_num_queries):
    client = login(cast.son)
    url = reverse("org:departments", args=[cast.ldld.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as first:
        client.get(url)
    User = get_user_model()
    for i in range(6):
        user = User.objects.create_user(f"cv{i}", f"cv{i}@thongsuot.test", "x", first_name=f"Chuyên viên {i}")
        m = membership_grant(actor=None, user=user, unit=cast.ldld, role="drafter")
        department = department_create(actor=None, unit=cast.ldld, code=f"B{i}", name=f"Ban số {i}")
        membership_set_department(actor=None, membership=m, department=department)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(url).content.decode()
    assert "Chuyên viên 5" in page and "Ban số 5" in page


def test_a_person_added_to_the_unit_is_placed_in_a_department_at_once(cast, login):
    client = login(cast.son)
    url = reverse("org:person_add", args=[cast.ldld.pk])
    assert "Ban, phòng" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "username": "bg.tgnc2",
            "full_name": "Nguyễn Thị Thanh Thủy",
            "role": "drafter",
            "title": "Chuyên viên Ban Tuyên giáo - Nữ công",
            "department": cast.tgnc.pk,
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(user__username="bg.tgnc2", unit=cast.ldld).department == cast.tgnc
    # A unit without departments is not asked; a department of another unit is not offered.
    assert "Ban, phòng" not in client.get(reverse("org:person_add", args=[cast.yenthe.pk])).content.decode()
    other = department_create(actor=None, unit=cast.yenthe, code="VP", name="Văn phòng Yên Thế")
    refused = client.post(
        url, {"username": "bg.x", "full_name": "Người Thử", "role": "drafter", "department": other.pk}
    )
    assert refused.status_code == 200 and not get_user_model().objects.filter(username="bg.x").exists()


def test_the_api_lists_the_departments_in_use_to_whoever_sees_the_unit(cast, client):
    department_update(actor=None, department=cast.vp, active=False)
    url = f"/api/v1/units/{cast.ldld.pk}/departments/"
    client.force_login(cast.mai)
    answer = client.get(url)
    assert answer.status_code == 200
    assert answer.json() == [
        {"id": cast.tgnc.pk, "code": "TG&NC", "name": "Ban Tuyên giáo - Nữ công", "order": 1, "active": True}
    ]
    client.force_login(cast.charlie)
    assert client.get(url).status_code == 404
