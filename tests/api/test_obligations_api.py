"""Obligations and reports over the API: the reporter submits, the receiving leader returns and accepts;
another unit's token sees nothing of it."""

import time_machine

from reporting.models import Obligation
from tests.clients import token_client
from tests.reporting.conftest import local, semiannual_obligation

GOOD = {
    "sections": {"ket_qua_tuyen_truyen": "Tổ chức 3 buổi tuyên truyền."},
    "indicators": {"so_buoi_tuyen_truyen": "3", "so_luot_nguoi_tham_gia": "120"},
}


def test_the_report_travels_up_through_the_api(cast):
    ob = semiannual_obligation(cast)
    reporter, leader = token_client(cast.khanh), token_client(cast.binh)  # khanh signs and sends
    with time_machine.travel(local(2024, 6, 5), tick=False):
        bad = reporter.post(
            f"/api/v1/obligations/{ob.pk}/submit/",
            {"data": {"indicators": {"so_buoi_tuyen_truyen": "-2"}}, "version": 0},
            format="json",
        )
        assert bad.status_code == 400 and "indicator_so_buoi_tuyen_truyen" in bad.json()["fields"]
        assert "không được là số âm" in bad.json()["message"]
        submitted = reporter.post(
            f"/api/v1/obligations/{ob.pk}/submit/", {"data": GOOD, "version": 0}, format="json"
        ).json()
    assert submitted["report"]["state"] == "submitted" and submitted["status"] == "submitted_on_time"
    assert reporter.post(f"/api/v1/obligations/{ob.pk}/accept/").status_code == 403
    returned = leader.post(
        f"/api/v1/obligations/{ob.pk}/return/", {"comment": "Bổ sung số liệu."}, format="json"
    )
    assert returned.json()["report"]["state"] == "returned"
    with time_machine.travel(local(2024, 6, 6), tick=False):
        resubmitted = reporter.post(
            f"/api/v1/obligations/{ob.pk}/submit/",
            {"data": GOOD, "version": submitted["report"]["revision"]},
            format="json",
        )
        assert resubmitted.status_code == 200, resubmitted.content
    accepted = leader.post(f"/api/v1/obligations/{ob.pk}/accept/").json()
    assert accepted["report"]["state"] == "accepted"
    again = reporter.post(f"/api/v1/obligations/{ob.pk}/submit/", {"data": GOOD, "version": 2}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "report_already_accepted"


def test_another_units_token_sees_nothing_and_gets_404(cast):
    ob = semiannual_obligation(cast)
    outsider = token_client(cast.charlie)
    assert outsider.get("/api/v1/obligations/").json()["results"] == []
    assert outsider.get(f"/api/v1/obligations/{ob.pk}/").status_code == 404
    response = outsider.post(f"/api/v1/obligations/{ob.pk}/submit/", {"data": GOOD}, format="json")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert not hasattr(Obligation.objects.get(pk=ob.pk), "report")
    # The district leader sees the obligation reported to his unit; the province drafter does not.
    seen = token_client(cast.binh).get("/api/v1/obligations/").json()["results"]
    assert ob.pk in [o["id"] for o in seen] and {o["unit_code"] for o in seen} == {"bg-cdcs-thcs-boha"}
    assert token_client(cast.mai).get("/api/v1/obligations/").json()["results"] == []
