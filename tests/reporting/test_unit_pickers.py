"""Units chosen by name in reporting (issue 13, blocker 4): the đột xuất request's units and the dashboards'
unit choice, each within what the leader may reach, an unknown name refused without losing the rest.

Cast: Hùng leads LĐLĐ tỉnh (ldld: Yên Thế with its grassroots union, Tân Yên); Bình leads Yên Thế;
Mai drafts at ldld (not a leader); Charlie is the outsider.
"""

import pytest
import time_machine
from django.urls import reverse

from reporting.models import Obligation
from tests.reporting.conftest import local


def test_the_adhoc_picker_offers_only_active_units_below_the_requesting_unit(cast, login):
    url = reverse("reporting:adhoc_units", args=[cast.ldld.pk])
    hung = login(cast.hung)
    assert [r["name"] for r in hung.get(url, {"q": "truong thcs bo ha"}).json()["results"]] == [
        "Công đoàn Trường THCS Bố Hạ"
    ]
    assert hung.get(url, {"q": "lien doan lao dong tinh"}).json()["results"] == []  # not the unit itself
    assert hung.get(url, {"q": "ban tuyen giao"}).json()["results"] == []
    assert [r["name"] for r in hung.get(url, {"cha": cast.yenthe.pk}).json()["results"]] == [
        "Công đoàn Trường THCS Bố Hạ"
    ]


@pytest.mark.parametrize("who, status", [("mai", 403), ("binh", 404), ("charlie", 404)])
def test_the_adhoc_picker_is_refused_to_who_may_not_request(cast, login, who, status):
    # Mai drafts at ldld (not a leader); Bình leads Yên Thế, below; Charlie is elsewhere.
    response = login(getattr(cast, who)).get(
        reverse("reporting:adhoc_units", args=[cast.ldld.pk]), {"q": "yen"}
    )
    assert response.status_code == status


def test_a_leader_asks_units_chosen_by_name(cast, login):
    url = reverse("reporting:adhoc_request", args=[cast.ldld.pk])
    with time_machine.travel(local(2024, 10, 1), tick=False):
        page = login(cast.hung).get(url).content.decode()
        assert 'name="units_q"' in page and "Liên đoàn Lao động huyện Tân Yên" in page  # the list, without JS
        done = login(cast.hung).post(
            url,
            {
                "title": "Báo cáo nhanh",
                "due_date": "2024-10-04",
                "target": "chosen",
                "units": [str(cast.tanyen.pk)],
                "units_q": "thcs bo ha",
            },
        )
    assert done.status_code == 302
    assert set(Obligation.objects.values_list("unit_id", flat=True)) == {cast.tanyen.pk, cast.cdcs.pk}


def test_an_unknown_unit_is_refused_and_the_request_kept(cast, login):
    url = reverse("reporting:adhoc_request", args=[cast.ldld.pk])
    with time_machine.travel(local(2024, 10, 1), tick=False):
        response = login(cast.hung).post(
            url,
            {
                "title": "Báo cáo nhanh về an toàn lao động",
                "due_date": "2024-10-04",
                "target": "chosen",
                "units": [str(cast.tanyen.pk)],
                "units_q": "Lục Nam",
            },
        )
    page = response.content.decode()
    assert response.status_code == 200 and "Không tìm thấy đơn vị «Lục Nam»" in page
    assert 'value="Báo cáo nhanh về an toàn lao động"' in page and 'value="Lục Nam"' in page
    assert f'name="units" value="{cast.tanyen.pk}" checked' in page
    assert not Obligation.objects.exists()


def test_a_unit_above_or_elsewhere_cannot_be_asked_even_by_id(cast, login):
    url = reverse("reporting:adhoc_request", args=[cast.yenthe.pk])
    with time_machine.travel(local(2024, 10, 1), tick=False):
        response = login(cast.binh).post(
            url,
            {
                "title": "Báo cáo",
                "due_date": "2024-10-04",
                "target": "chosen",
                "units": [str(cast.tanyen.pk)],
            },
        )
    assert "Đơn vị đã chọn không thuộc phạm vi được chọn ở đây." in response.content.decode()
    assert not Obligation.objects.exists()


def test_choosing_nothing_says_so(cast, login):
    url = reverse("reporting:adhoc_request", args=[cast.ldld.pk])
    with time_machine.travel(local(2024, 10, 1), tick=False):
        response = login(cast.hung).post(
            url, {"title": "Báo cáo", "due_date": "2024-10-04", "target": "chosen"}
        )
    assert "Hãy chọn ít nhất một đơn vị" in response.content.decode()


def test_a_leader_opens_a_dashboard_by_typing_a_units_name(cast, login):
    hung = login(cast.hung)
    page = hung.get(reverse("dashboards:unit", args=[cast.ldld.pk])).content.decode()
    assert "Xem tổng hợp của đơn vị" in page and 'name="don_vi_q"' in page
    response = hung.get(reverse("dashboards:unit", args=[cast.ldld.pk]), {"don_vi_q": "yen the"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "dashboards:unit", args=[cast.yenthe.pk]
    )
    refused = hung.get(reverse("dashboards:unit", args=[cast.ldld.pk]), {"don_vi_q": "Ban Tuyên giáo"})
    assert refused.status_code == 200 and "Không tìm thấy đơn vị «Ban Tuyên giáo»" in refused.content.decode()
    by_id = hung.get(reverse("dashboards:unit", args=[cast.ldld.pk]), {"don_vi": cast.btgtu.pk})
    assert by_id.status_code == 200 and "Đơn vị đã chọn không thuộc phạm vi" in by_id.content.decode()


def test_the_dashboards_picker_offers_only_led_units(cast, login):
    url = reverse("dashboards:units")
    assert [r["name"] for r in login(cast.binh).get(url, {"q": "lien doan"}).json()["results"]] == [
        "Liên đoàn Lao động huyện Yên Thế"
    ]
    assert login(cast.mai).get(url, {"q": "lien doan"}).json()["results"] == []  # a drafter leads nothing
    assert login(cast.charlie).get(url, {"q": "lien doan"}).json()["results"] == []
