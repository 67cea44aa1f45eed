"""People chosen by name (issue 13: "the same for people"): «Thêm người vào đơn vị» lets a unit administrator
pick a person who already has an account — by name without diacritics — among the people whose every role is
inside the administration (access.person_manageable), instead of retyping a user name.

Cast: Sơn administers LĐLĐ tỉnh (ldld) and its subtree; Bình signs at Yên Thế, below; Hạnh signs at the
Party board (another line); Mai drafts at ldld (no administration); Charlie is the outsider.
"""

import pytest
from django.urls import reverse

from portal.org.models import Membership

OPTIONS = "org:person_options"


def test_the_person_picker_offers_only_people_the_admin_may_manage(cast, login):
    url = reverse(OPTIONS, args=[cast.tanyen.pk])
    son = login(cast.son)
    found = son.get(url, {"q": "hoang van binh"}).json()["results"]
    assert [(r["name"], r["detail"]) for r in found] == [
        ("Hoàng Văn Bình", "binh · Lãnh đạo (người ký), Liên đoàn Lao động huyện Yên Thế")
    ]
    assert son.get(url, {"q": "nguyen van hanh"}).json()["results"] == []  # another line
    assert son.get(url, {"q": "quan tri"}).json()["results"] == []  # the system administrator
    assert son.get(url, {"q": "vang a cha"}).json()["message"] == "Không tìm thấy ai có tên «vang a cha»."


@pytest.mark.parametrize("who", ["mai", "binh", "charlie"])
def test_the_person_picker_is_refused_to_whoever_does_not_administer_the_unit(cast, login, who):
    response = login(getattr(cast, who)).get(reverse(OPTIONS, args=[cast.tanyen.pk]), {"q": "binh"})
    assert response.status_code == 404


def test_an_existing_person_is_added_by_name(cast, login):
    response = login(cast.son).post(
        reverse("org:person_add", args=[cast.tanyen.pk]),
        {"person_q": "Hoang Van Binh", "role": "reporter", "title": "Cộng tác viên"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=cast.binh, unit=cast.tanyen, role="reporter").exists()


def test_an_unknown_person_is_refused_and_the_form_kept(cast, login):
    response = login(cast.son).post(
        reverse("org:person_add", args=[cast.tanyen.pk]),
        {"person_q": "Nguyễn Văn Hạnh", "role": "reporter", "title": "Cộng tác viên"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Không tìm thấy người «Nguyễn Văn Hạnh»" in page
    assert 'value="Nguyễn Văn Hạnh"' in page and 'value="Cộng tác viên"' in page
    assert not Membership.objects.filter(user=cast.hanh, unit=cast.tanyen).exists()


def test_a_person_outside_the_administration_is_refused_even_by_id(cast, login):
    response = login(cast.son).post(
        reverse("org:person_add", args=[cast.tanyen.pk]), {"person": cast.hanh.pk, "role": "reporter"}
    )
    assert "Người đã chọn không thuộc phạm vi được chọn ở đây." in response.content.decode()
    assert not Membership.objects.filter(user=cast.hanh, unit=cast.tanyen).exists()


def test_without_a_person_the_new_account_fields_are_asked_for(cast, login):
    response = login(cast.son).post(reverse("org:person_add", args=[cast.tanyen.pk]), {"role": "reporter"})
    page = response.content.decode()
    assert (
        "Hãy nhập tên đăng nhập, hoặc chọn một người đã có tài khoản." in page
        and "Hãy nhập họ và tên." in page
    )


def test_a_drafter_sees_the_units_below_by_name_without_opening_them(cast, login):
    # Blocker 4: «a drafter cannot even see the list of units under them».
    page = login(cast.mai).get(reverse("org:unit_detail", args=[cast.ldld.pk])).content.decode()
    assert "Đơn vị trực thuộc" in page and "Liên đoàn Lao động huyện Yên Thế" in page
    assert reverse("org:unit_detail", args=[cast.yenthe.pk]) not in page  # not opened: outside their scope
    assert reverse("org:unit_subtree", args=[cast.ldld.pk]) not in page
    # a reporter of a unit still sees only the unit itself
    page = login(cast.tuan).get(reverse("org:unit_detail", args=[cast.cdcs.pk])).content.decode()
    assert "Đơn vị trực thuộc" not in page


def test_an_invalid_unit_kind_in_the_subtree_filter_is_said_in_vietnamese(cast, login):
    response = login(cast.hung).get(
        reverse("org:unit_subtree", args=[cast.ldld.pk]), {"kind": "union_districtt"}
    )
    assert (
        "Không có loại đơn vị «union_districtt»; hãy chọn một loại trong danh sách."
        in response.content.decode()
    )
    options = login(cast.hung).get(reverse("org:unit_subtree", args=[cast.ldld.pk])).content.decode()
    assert '<option value="union_district">LĐLĐ huyện, xã, phường</option>' in options
