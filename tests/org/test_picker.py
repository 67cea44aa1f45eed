"""The unit picker (portal/org/picker.py): choosing units by name, without diacritics, inside the scope a
view gives — and the successor of a merger chosen with it (org:unit_close, org:successor_options).

Cast: Sơn administers LĐLĐ tỉnh (ldld) and closes Tân Yên; Mai drafts at ldld (no administration);
Charlie at Lai Châu is the outsider.
"""

import pytest
from django.urls import reverse

from portal.org import picker
from portal.org.models import Unit
from portal.org.services import UnitData, unit_create


def test_it_matches_names_without_diacritics_inside_the_scope_only(cast):
    below_ldld = Unit.objects.filter(path__startswith=cast.ldld.path)
    names = [u.name for u in picker.units_matching(below_ldld, "lien doan lao dong huyen").order_by("path")]
    assert names == ["Liên đoàn Lao động huyện Yên Thế", "Liên đoàn Lao động huyện Tân Yên"]
    assert [u.name for u in picker.units_matching(below_ldld, "YEN THE")] == [
        "Liên đoàn Lao động huyện Yên Thế"
    ]
    assert not picker.units_matching(below_ldld, "ban tuyen giao").exists()  # another line: not offered
    assert not picker.units_matching(below_ldld, "  ").exists()


def test_a_typed_name_resolves_to_one_unit_or_says_why_not(cast):
    below_ldld = Unit.objects.filter(path__startswith=cast.ldld.path)
    assert picker.unit_resolve(below_ldld, "lien doan lao dong huyen tan yen") == cast.tanyen
    assert picker.unit_resolve(below_ldld, "Bố Hạ") == cast.cdcs  # a unique part of the name is enough
    with pytest.raises(picker.UnitNotFound, match="Không tìm thấy đơn vị «Hiệp Hòa»"):
        picker.unit_resolve(below_ldld, "Hiệp Hòa")
    with pytest.raises(picker.UnitNotFound, match="khớp với nhiều đơn vị") as many:
        picker.unit_resolve(below_ldld, "huyen")
    assert "Liên đoàn Lao động huyện Yên Thế" in many.value.message and "Tân Yên" in many.value.message
    with pytest.raises(picker.UnitNotFound):
        picker.unit_resolve(below_ldld, "Ban Tuyên giáo Tỉnh ủy Bắc Giang")  # exists, but outside the scope


def test_two_units_with_one_name_are_told_apart_by_their_parent(cast):
    for parent in (cast.yenthe, cast.tanyen):
        unit_create(
            actor=None,
            parent=parent,
            data=UnitData(
                code=f"cd-{parent.code}",
                name="Công đoàn Trường Tiểu học số 1",
                short_name="CĐCS",
                kind="union_grassroots",
                regime="union",
            ),
        )
    below_ldld = Unit.objects.filter(path__startswith=cast.ldld.path)
    with pytest.raises(picker.UnitNotFound, match="Có 2 đơn vị cùng tên") as twins:
        picker.unit_resolve(below_ldld, "cong doan truong tieu hoc so 1")
    assert "thuộc Liên đoàn Lao động huyện Yên Thế" in twins.value.message
    assert "thuộc Liên đoàn Lao động huyện Tân Yên" in twins.value.message
    options, more = picker.unit_options(below_ldld, query="tieu hoc so 1")
    assert [o.detail for o in options] == [
        "Công đoàn cơ sở · thuộc Liên đoàn Lao động huyện Yên Thế",
        "Công đoàn cơ sở · thuộc Liên đoàn Lao động huyện Tân Yên",
    ]
    assert more is False


def test_several_typed_names_resolve_together_or_name_the_one_not_found(cast):
    below_ldld = Unit.objects.filter(path__startswith=cast.ldld.path)
    found = picker.units_resolve_typed(below_ldld, "Yên Thế; tan yen", multiple=True)
    assert found == [cast.yenthe, cast.tanyen]
    with pytest.raises(picker.UnitNotFound, match="«Lục Nam»"):
        picker.units_resolve_typed(below_ldld, "Yên Thế, Lục Nam", multiple=True)


SUCCESSOR = "org:successor_options"


def test_the_successor_picker_offers_only_units_the_admin_administers(cast, login):
    url = reverse(SUCCESSOR, args=[cast.tanyen.pk])
    son = login(cast.son)
    found = son.get(url, {"q": "lien doan"}).json()
    names = [r["name"] for r in found["results"]]
    assert names == [
        "Liên đoàn Lao động tỉnh Bắc Giang",
        "Liên đoàn Lao động huyện Yên Thế",
    ]  # not Tân Yên itself
    assert son.get(url, {"q": "ban tuyen giao"}).json() == {
        "results": [],
        "more": False,
        "message": "Không tìm thấy đơn vị nào có tên «ban tuyen giao».",
    }
    children = son.get(url, {"cha": cast.yenthe.pk}).json()["results"]
    assert [c["name"] for c in children] == ["Công đoàn Trường THCS Bố Hạ"]
    # browsing below a unit outside the scope answers nothing, not even whether it has children
    assert son.get(url, {"cha": cast.laichau.pk}).json()["results"] == []
    assert son.get(url, {"q": "y"}).json()["message"] == "Gõ ít nhất 2 chữ của tên đơn vị."


@pytest.mark.parametrize("who", ["mai", "hung", "charlie"])
def test_the_successor_picker_is_refused_to_whoever_does_not_administer(cast, login, who):
    # Mai drafts, Hùng leads (signer) without administering, Charlie is elsewhere: no hint the unit exists.
    response = login(getattr(cast, who)).get(reverse(SUCCESSOR, args=[cast.tanyen.pk]), {"q": "lien doan"})
    assert response.status_code == 404


def test_the_successor_is_chosen_by_name(cast, login):
    url = reverse("org:unit_close", args=[cast.tanyen.pk])
    page = login(cast.son).get(url).content.decode()
    assert 'name="successor_q"' in page and "Đơn vị kế thừa (nếu sáp nhập)" in page
    assert "Liên đoàn Lao động huyện Yên Thế" in page  # the list to choose from, without JavaScript
    response = login(cast.son).post(url, {"on_date": "2025-06-30", "successor_q": "ldld huyen yen the"})
    assert response.status_code == 200 and "Liên đoàn Lao động huyện Yên Thế" in response.content.decode()
    assert Unit.objects.get(pk=cast.tanyen.pk).active_to is None  # asked first (the confirmation page)
    response = login(cast.son).post(
        url, {"on_date": "2025-06-30", "successor": cast.yenthe.pk, "xac_nhan": "1"}
    )
    assert response.status_code == 302
    closed = Unit.objects.get(pk=cast.tanyen.pk)
    assert closed.successor == cast.yenthe and str(closed.active_to) == "2025-06-30"


def test_an_unknown_successor_is_refused_and_nothing_typed_is_lost(cast, login):
    url = reverse("org:unit_close", args=[cast.tanyen.pk])
    response = login(cast.son).post(url, {"on_date": "2025-06-30", "successor_q": "Hiệp Hòa"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Không tìm thấy đơn vị «Hiệp Hòa»" in page
    assert 'value="Hiệp Hòa"' in page and 'value="2025-06-30"' in page
    assert Unit.objects.get(pk=cast.tanyen.pk).active_to is None


def test_a_successor_outside_the_administration_is_refused_even_by_id(cast, login):
    url = reverse("org:unit_close", args=[cast.tanyen.pk])
    response = login(cast.son).post(url, {"on_date": "2025-06-30", "successor": cast.btgtu.pk})
    assert response.status_code == 200
    assert "Đơn vị đã chọn không thuộc phạm vi được chọn ở đây." in response.content.decode()
    assert Unit.objects.get(pk=cast.tanyen.pk).active_to is None
