"""The dashboard figures over the API: the numbers of the pages, the same refusals (404, no hint), and clear
400s for bad query parameters."""

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from portal.core.services import api_token_create
from tests.dashboards.conftest import AFTER, PERIOD, build_scene


def client_for(user):
    _, key = api_token_create(user=user, name="bảng tổng hợp")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def scene(cast):
    return build_scene(cast)


def _get(client, url, **query):
    with time_machine.travel(AFTER, tick=False):
        return client.get(url, query)


def test_the_requirement_figures_are_those_of_the_page(cast, scene, login):
    """ldld's subtree in 2024-S1: yenthe and cdcs on time, g1 late, tanyen overdue, g2 excused, g3 closed."""
    url = f"/api/v1/dashboards/units/{cast.ldld.pk}/requirements/{scene.upward.pk}/"
    body = _get(client_for(cast.hung), url, period=PERIOD).json()
    total = body["total"]
    assert (total["expected"], total["submitted"], total["on_time"], total["late"]) == (4, 3, 2, 1)
    assert (total["open"], total["overdue"], total["excused"]) == (0, 1, 1)
    assert (total["reporting_rate"], total["on_time_rate"]) == (75.0, 50.0)
    assert body["period"]["key"] == PERIOD and PERIOD in [p["key"] for p in body["periods"]]
    children = {row["unit"]["code"]: row["counts"] for row in body["children"] if not row["is_self"]}
    assert children[cast.yenthe.code]["on_time"] == 2 and children[cast.yenthe.code]["late"] == 1
    assert children[cast.tanyen.code]["overdue"] == 1
    assert body["paging"] == {"count": len(body["children"]), "page": 1, "pages": 1}
    assert sum(level["counts"]["expected"] for level in body["levels"]) == 4
    assert body["trend"][-1]["period"]["key"] == PERIOD and body["trend"][-1]["counts"] == total
    # The page shows the same rates.
    with time_machine.travel(AFTER, tick=False):
        html = (
            login(cast.hung)
            .get(reverse("dashboards:requirement", args=[scene.upward.pk, cast.ldld.pk]), {"ky": PERIOD})
            .content.decode()
        )
    assert "75,0 %" in html and "50,0 %" in html


def test_the_directive_figures_follow_the_cascade(cast, scene):
    url = f"/api/v1/dashboards/units/{cast.ldld.pk}/documents/{scene.plan.pk}/"
    body = _get(client_for(cast.hung), url).json()
    assert body["document"]["id"] == scene.plan.pk and body["family_size"] == 2
    assert body["total"]["received"] == 6 and body["total"]["drafting"] == 1 and body["total"]["nothing"] == 3
    district = next(r for r in body["children"] if r["unit"] and r["unit"]["code"] == cast.yenthe.code)
    assert district["counts"]["implemented"] == 1 and district["unit"]["has_children"] is True


def test_the_overview_and_the_emulation_scores(cast, scene):
    client = client_for(cast.hung)
    overview = _get(client, f"/api/v1/dashboards/units/{cast.ldld.pk}/").json()
    assert overview["unit"]["code"] == cast.ldld.code
    assert [r["requirement_id"] for r in overview["requirements"]] == [scene.upward.pk]
    assert overview["requirements"][0]["counts"]["on_time"] == 2
    assert scene.plan.pk in [d["document"]["id"] for d in overview["documents"]]
    emulation = _get(client, f"/api/v1/dashboards/units/{cast.ldld.pk}/emulation/", year=2024).json()
    assert emulation["year"] == 2024 and "60" in emulation["formula"] and emulation["maximum"] == 100.0
    ranked = [r for r in emulation["children"] if not r["is_self"]]
    assert [r["rank"] for r in ranked] == list(range(1, len(ranked) + 1))
    assert ranked[0]["unit"]["code"] == cast.yenthe.code and ranked[0]["score"] > ranked[-1]["score"]


@pytest.mark.parametrize("who", ["tuan", "charlie", "mai", "binh"])
def test_who_does_not_lead_the_unit_gets_404_and_no_figures(cast, scene, who):
    """A reporter, an outsider, a drafter of the same unit, a district leader looking up: 404 everywhere."""
    client = client_for(getattr(cast, who))
    base = f"/api/v1/dashboards/units/{cast.ldld.pk}/"
    for url in (
        base,
        f"{base}requirements/{scene.upward.pk}/",
        f"{base}documents/{scene.plan.pk}/",
        f"{base}emulation/",
    ):
        response = _get(client, url)
        assert response.status_code == 404, (who, url)
        assert response.json() == {"code": "not_found", "message": "Không tìm thấy.", "fields": {}}


def test_the_district_leader_sees_his_own_subtree(cast, scene):
    body = _get(
        client_for(cast.binh),
        f"/api/v1/dashboards/units/{cast.yenthe.pk}/requirements/{scene.upward.pk}/",
        period=PERIOD,
    ).json()
    assert body["unit"]["code"] == cast.yenthe.code and body["total"]["late"] == 1


def test_anonymous_gets_401(cast, scene):
    response = APIClient().get(f"/api/v1/dashboards/units/{cast.ldld.pk}/")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"period": "2031-S9"}, "period"),
        ({"per_page": "5000"}, "per_page"),
        ({"page": "0"}, "page"),
        ({"page": "mot"}, "page"),
    ],
)
def test_bad_query_parameters_are_named(cast, scene, query, field):
    url = f"/api/v1/dashboards/units/{cast.ldld.pk}/requirements/{scene.upward.pk}/"
    response = _get(client_for(cast.hung), url, **query)
    assert response.status_code == 400
    body = response.json()
    assert (
        body["code"] == "invalid"
        and field in body["fields"]
        and body["message"].startswith("Dữ liệu không hợp lệ")
    )


def test_a_bad_year_is_refused(cast, scene):
    response = _get(client_for(cast.hung), f"/api/v1/dashboards/units/{cast.ldld.pk}/emulation/", year="1990")
    assert response.status_code == 400 and "year" in response.json()["fields"]
