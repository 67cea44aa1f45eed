"""Obligations and reports over the API: the reporter submits, the receiving leader returns and accepts;
another unit's token sees nothing of it."""

import time_machine
from rest_framework.test import APIClient

from portal.core.services import api_token_create
from reporting.models import Obligation
from reporting.services import obligations_create_for_document
from tests.reporting.conftest import add_requirement, local, make_document

GOOD = {"sections": {"ket_qua_tuyen_truyen": "Tổ chức 3 buổi tuyên truyền."},
        "indicators": {"so_buoi_tuyen_truyen": "3", "so_luot_nguoi_tham_gia": "120"}}


def client_for(user):
    _, key = api_token_create(user=user, name="thử")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _obligation(cast):
    with time_machine.travel(local(2024, 2, 10), tick=False):
        plan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        add_requirement(plan, frequency="semiannual", to_unit=cast.yenthe)
        obligations_create_for_document(document=plan, actor=cast.binh)
    return Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")


def test_the_report_travels_up_through_the_api(cast):
    ob = _obligation(cast)
    reporter, leader = client_for(cast.tuan), client_for(cast.binh)
    with time_machine.travel(local(2024, 6, 5), tick=False):
        bad = reporter.post(f"/api/v1/obligations/{ob.pk}/submit/",
                            {"data": {"indicators": {"so_buoi_tuyen_truyen": "-2"}}, "version": 0}, format="json")
        assert bad.status_code == 400 and "indicator_so_buoi_tuyen_truyen" in bad.json()["fields"]
        assert "không được là số âm" in bad.json()["message"]
        submitted = reporter.post(f"/api/v1/obligations/{ob.pk}/submit/", {"data": GOOD, "version": 0},
                                  format="json").json()
    assert submitted["report"]["state"] == "submitted" and submitted["status"] == "submitted_on_time"
    assert reporter.post(f"/api/v1/obligations/{ob.pk}/accept/").status_code == 403
    returned = leader.post(f"/api/v1/obligations/{ob.pk}/return/", {"comment": "Bổ sung số liệu."}, format="json")
    assert returned.json()["report"]["state"] == "returned"
    with time_machine.travel(local(2024, 6, 6), tick=False):
        resubmitted = reporter.post(f"/api/v1/obligations/{ob.pk}/submit/",
                                    {"data": GOOD, "version": submitted["report"]["revision"]}, format="json")
        assert resubmitted.status_code == 200, resubmitted.content
    accepted = leader.post(f"/api/v1/obligations/{ob.pk}/accept/").json()
    assert accepted["report"]["state"] == "accepted"
    again = reporter.post(f"/api/v1/obligations/{ob.pk}/submit/", {"data": GOOD, "version": 2}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "report_already_accepted"


def test_another_units_token_sees_nothing_and_gets_404(cast):
    ob = _obligation(cast)
    outsider = client_for(cast.charlie)
    assert outsider.get("/api/v1/obligations/").json()["results"] == []
    assert outsider.get(f"/api/v1/obligations/{ob.pk}/").status_code == 404
    response = outsider.post(f"/api/v1/obligations/{ob.pk}/submit/", {"data": GOOD}, format="json")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert not hasattr(Obligation.objects.get(pk=ob.pk), "report")
    # The district leader sees the obligation reported to his unit; the province drafter does not.
    seen = client_for(cast.binh).get("/api/v1/obligations/").json()["results"]
    assert ob.pk in [o["id"] for o in seen] and {o["unit_code"] for o in seen} == {"bg-cdcs-thcs-boha"}
    assert client_for(cast.mai).get("/api/v1/obligations/").json()["results"] == []
