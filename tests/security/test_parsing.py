"""Strict parsing (issue 20, finding 11): every value the probe turned into a 500 now answers a clear 400 /
Vietnamese refusal, and nothing is written.

Cast: hung leads LĐLĐ tỉnh (ldld), binh leads yenthe, tuan reports for cdcs (under yenthe), mai drafts at ldld.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from directives.models import ReportingRequirement
from portal.lib import params
from reporting.models import Report, ReportVersion
from reporting.services import report_submit
from tests.clients import token_client
from tests.reporting.conftest import local, semiannual_obligation

pytestmark = pytest.mark.security

THIRTY_DIGITS = "9" * 30


# --- the parsing helpers themselves -------------------------------------------------------------------


@pytest.mark.parametrize("raw", [THIRTY_DIGITS, str(2**63), "0", "-1", "1e3", "12a", " ", "١٢"])
def test_an_impossible_id_is_refused(raw):
    if raw.strip() == "":
        assert params.parse_id(raw, name="co_quan") is None
        return
    with pytest.raises(params.BadParameter) as refused:
        params.parse_id(raw, name="co_quan")
    assert "Tham số «co_quan» phải là một mã số" in refused.value.message


def test_the_largest_database_id_is_accepted():
    assert params.parse_id(str(2**63 - 1), name="co_quan") == 2**63 - 1


@pytest.mark.parametrize(
    "raw", [THIRTY_DIGITS + ":x", "12", "12:", ":2024-S1", "12:2024 S1", "12:" + "9" * 60]
)
def test_an_impossible_period_choice_is_refused(raw):
    with pytest.raises(params.BadParameter):
        params.parse_period_choice(raw)


def test_a_period_choice_parses():
    assert params.parse_period_choice("12:2024-S1") == (12, "2024-S1")
    assert params.parse_period_choice("") == (None, "")


def test_json_depth_is_measured_on_the_text_and_ignores_brackets_in_strings():
    assert params.json_depth_exceeds("[" * 50_000 + "]" * 50_000, 32)
    assert not params.json_depth_exceeds('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', 4)
    assert not params.json_depth_exceeds('{"a": [{"b": [1, 2]}]}', 4)


# --- the findings, end to end -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/van-ban/tim-kiem/?co_quan=" + THIRTY_DIGITS,
        "/van-ban/den/?co_quan=" + THIRTY_DIGITS,
    ],
)
def test_thirty_digit_issuer_filter_is_a_clear_400(cast, client, url):
    client.force_login(cast.hung)
    response = client.get(url)
    assert response.status_code == 400
    assert "Tham số «co_quan» phải là một mã số (tối đa 19 chữ số)." in response.content.decode()


def test_thirty_digit_period_choice_on_received_reports_is_a_clear_400(cast, client):
    semiannual_obligation(cast)
    client.force_login(cast.binh)
    response = client.get(
        reverse("reporting:received_reports_unit", args=[cast.yenthe.pk]), {"ky": THIRTY_DIGITS + ":x"}
    )
    assert response.status_code == 400
    assert "mã yêu cầu báo cáo không hợp lệ" in response.content.decode()


def test_the_schema_refuses_a_version_with_cr_lf(cast, client):
    client.force_login(cast.hung)
    response = client.get("/api/schema/?version=%0d%0a")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "bad_parameter" and "API chỉ có phiên bản 1.0.0" in body["message"]
    assert client.get("/api/schema/").status_code == 200


def test_json_nested_fifty_thousand_deep_is_refused_before_parsing(cast):
    from directives.models import Document

    before = Document.objects.count()
    response = token_client(cast.mai).post(
        "/api/v1/documents/", "[" * 50_000 + "]" * 50_000, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Dữ liệu JSON lồng quá sâu (tối đa 32 cấp)."
    assert Document.objects.count() == before


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e400", "phải là một số nguyên"),
        ("9" * 5000, "vượt quá giới hạn 1.000.000.000.000"),
        ("1000000000001", "vượt quá giới hạn 1.000.000.000.000"),
    ],
)
def test_out_of_bound_indicators_are_refused_on_submit(cast, value, message):
    ob = semiannual_obligation(cast)
    client = token_client(cast.khanh)  # the signer sends
    with time_machine.travel(local(2024, 6, 5), tick=False):
        response = client.post(
            f"/api/v1/obligations/{ob.pk}/submit/",
            {
                "data": {
                    "sections": {"ket_qua_tuyen_truyen": "Ba buổi."},
                    "indicators": {"so_buoi_tuyen_truyen": value},
                },
                "version": 0,
            },
            format="json",
        )
    assert response.status_code == 400, response.content[:300]
    assert message in response.json()["message"]
    assert not ReportVersion.objects.filter(report__obligation=ob).exists()


def test_json_numbers_beyond_the_bound_are_refused_on_submit_and_kept_as_text_in_a_draft(cast):
    ob = semiannual_obligation(cast)
    client = token_client(cast.khanh)  # the signer sends
    # JSON numbers: 1e400 reads as float infinity, the 401-digit integer as a Python int.
    body = (
        '{"data": {"sections": {"ket_qua_tuyen_truyen": "Ba"}, "indicators": {"so_buoi_tuyen_truyen": 1e400, '
        '"so_luot_nguoi_tham_gia": 1' + "0" * 400 + '}}, "version": %d}'
    )
    with time_machine.travel(local(2024, 6, 5), tick=False):
        draft = client.post(f"/api/v1/obligations/{ob.pk}/draft/", body % 0, content_type="application/json")
        assert draft.status_code == 200, draft.content[:300]
        stored = Report.objects.get(obligation=ob).data["indicators"]
        assert stored["so_buoi_tuyen_truyen"] == "inf"
        assert (
            isinstance(stored["so_luot_nguoi_tham_gia"], str) and len(stored["so_luot_nguoi_tham_gia"]) <= 40
        )
        submit = client.post(
            f"/api/v1/obligations/{ob.pk}/submit/", body % 1, content_type="application/json"
        )
    assert submit.status_code == 400
    assert not ReportVersion.objects.filter(report__obligation=ob).exists()


def test_the_highest_allowed_indicator_is_accepted(cast):
    ob = semiannual_obligation(cast)
    with time_machine.travel(local(2024, 6, 5), tick=False):
        report = report_submit(
            actor=cast.khanh,
            obligation=ob,
            data={
                "sections": {"ket_qua_tuyen_truyen": "Ba"},
                "indicators": {"so_buoi_tuyen_truyen": "1.000.000.000.000"},
            },
        )
    assert report.data["indicators"]["so_buoi_tuyen_truyen"] == 10**12


@pytest.mark.parametrize("due", ["9999-12-31", "31/12/2101", "1900-01-01"])
def test_an_adhoc_request_due_far_outside_a_sane_range_is_refused(cast, client, due):
    client.force_login(cast.binh)
    before = ReportingRequirement.objects.count()
    response = client.post(
        reverse("reporting:adhoc_request", args=[cast.yenthe.pk]),
        {"title": "Báo cáo nhanh", "due_date": due, "target": "children"},
    )
    assert response.status_code in (200, 400)
    body = response.content.decode()
    assert "Hạn nộp phải trong khoảng từ 01/01/1945 đến 31/12/2100" in body or "đã qua" in body
    assert ReportingRequirement.objects.count() == before


def test_the_adhoc_service_refuses_9999_12_31(cast):
    from reporting.errors import RequestInvalid
    from reporting.services.obligations import adhoc_request_create

    with pytest.raises(RequestInvalid) as refused:
        adhoc_request_create(
            actor=cast.binh,
            from_unit=cast.yenthe,
            to_units=[cast.cdcs],
            title="Báo cáo nhanh",
            due_date=dt.date(9999, 12, 31),
        )
    assert refused.value.field == "due_date"
    assert not ReportingRequirement.objects.filter(title="Báo cáo nhanh").exists()


def test_report_history_whose_submitter_was_deleted_still_shows(cast, client):
    ob = semiannual_obligation(cast)
    with time_machine.travel(local(2024, 6, 5), tick=False):
        report_submit(
            actor=cast.khanh,
            obligation=ob,
            data={"sections": {"ket_qua_tuyen_truyen": "Ba buổi."}, "indicators": {}},
        )
    cast.khanh.delete()
    client.force_login(cast.binh)
    page = client.get(reverse("reporting:report_detail", args=[ob.pk]))
    assert page.status_code == 200
    assert "Lần nộp 1" in page.content.decode()
    assert client.get(reverse("reporting:report_pdf", args=[ob.pk])).status_code == 200
    assert token_client(cast.binh).get(f"/api/v1/obligations/{ob.pk}/").status_code == 200


def test_bad_parameter_pages_carry_the_security_headers(cast, client):
    client.force_login(cast.hung)
    response = client.get("/van-ban/den/?co_quan=" + THIRTY_DIGITS)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response.headers
    assert "<h1>Yêu cầu không hợp lệ</h1>" in response.content.decode()


@pytest.mark.parametrize("url", ["/nhat-ky/", "/van-ban/tra-cuu/", "/tong-hop/don-vi/"])
def test_a_nul_character_in_any_parameter_is_a_clear_400(cast, client, url):
    """Found by the hostile sweep: views passing a parameter on to a query gave PostgreSQL a NUL (a 500)."""
    client.force_login(cast.admin)
    response = client.get(url, {"q": "x\x00y", "hanh_dong": "x\x00y"})
    assert response.status_code == 400
    assert "chứa ký tự NUL" in response.content.decode()
    assert client.post("/van-ban/tim-kiem/", {"q": "x\x00y"}).status_code in (400, 405)
