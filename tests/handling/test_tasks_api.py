"""Tasks over the API (/api/v1/tasks/, helper C): the same access and services as the pages, refusals as problem
bodies, and an outsider's token sees nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from directives.handling.models import ExtensionRequest, ProgressNote
from portal.org.models import Department, Membership
from tests.clients import token_client

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 3, 10)
NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))


@pytest.fixture(autouse=True)
def _fast(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def task(cast, make_task):
    dept, _ = Department.objects.get_or_create(
        unit=cast.ldld, code="TG&NC", defaults={"name": "Ban Tuyên giáo - Nữ công"}
    )
    Membership.objects.filter(user=cast.mai, unit=cast.ldld).update(department=dept)
    return make_task(department=dept, due=DUE, title="Tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng")


def test_the_task_is_worked_through_the_api(cast, task):
    mai, hung = token_client(cast.mai), token_client(cast.hung)
    listed = mai.get("/api/v1/tasks/").json()
    assert [row["id"] for row in listed["results"]] == [task.pk]
    assert listed["results"][0]["status_label"] == "Đang thực hiện trong hạn"
    assert listed["results"][0]["department_name"] == "Ban Tuyên giáo - Nữ công"

    noted = mai.post(
        f"/api/v1/tasks/{task.pk}/notes/",
        {"text": "Đã treo 20 băng rôn.", "file": SimpleUploadedFile("anh.pdf", b"%PDF-1.4\n%%EOF")},
        format="multipart",
    )
    assert noted.status_code == 201
    note = noted.json()["notes"][0]
    assert (
        note["file_name"] == "anh.pdf" and note["file_url"] == f"/nhiem-vu/{task.pk}/minh-chung/{note['id']}/"
    )

    asked = mai.post(
        f"/api/v1/tasks/{task.pk}/extension/",
        {"new_due": "2026-03-31", "reason": "Chờ kinh phí."},
        format="json",
    )
    assert asked.status_code == 201 and asked.json()["extensions"][0]["state"] == "pending"
    request_id = asked.json()["extensions"][0]["id"]
    assert (
        mai.post(f"/api/v1/tasks/{task.pk}/decide/", {"request": request_id, "approve": True}).status_code
        == 403
    )
    decided = hung.post(
        f"/api/v1/tasks/{task.pk}/decide/", {"request": request_id, "approve": True}, format="json"
    ).json()
    assert decided["due_date"] == "2026-03-31" and decided["original_due_date"] == "2026-03-10"

    chased = hung.post(f"/api/v1/tasks/{task.pk}/chase/", {"kind": "remind", "text": ""}, format="json")
    assert chased.status_code == 201 and chased.json()["chases"][0]["kind"] == "remind"

    done = mai.post(f"/api/v1/tasks/{task.pk}/complete/", {"result": "Đã tổ chức 3 hội nghị."}, format="json")
    assert done.status_code == 200 and done.json()["state"] == "done"
    again = mai.post(f"/api/v1/tasks/{task.pk}/complete/", {"result": "Lần nữa."}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "handling_already_done"
    assert hung.get("/api/v1/tasks/?tab=toi-giao&state=hoan-thanh").json()["count"] == 1


def test_refusals_are_problem_bodies(cast, task):
    mai = token_client(cast.mai)
    bad = mai.post(
        f"/api/v1/tasks/{task.pk}/notes/",
        {"text": "Tệp lạ.", "file": SimpleUploadedFile("x.exe", b"MZ")},
        format="multipart",
    )
    assert (
        bad.status_code == 400
        and bad.json()["code"] == "attachment_refused"
        and "file" in bad.json()["fields"]
    )
    past = mai.post(
        f"/api/v1/tasks/{task.pk}/extension/", {"new_due": "2026-03-01", "reason": "x"}, format="json"
    )
    assert past.status_code == 400 and past.json()["fields"] == {"new_due": ["Ngày gia hạn đã qua."]}
    assert not ProgressNote.objects.exists() and not ExtensionRequest.objects.exists()
    # The clerk reads it but does not carry it out.
    thu = token_client(cast.thu)
    assert thu.get(f"/api/v1/tasks/{task.pk}/").status_code == 200
    refused = thu.post(f"/api/v1/tasks/{task.pk}/complete/", {"result": "x"}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"


def test_an_outsider_sees_nothing(cast, task):
    charlie = token_client(cast.charlie)
    assert charlie.get("/api/v1/tasks/?tab=don-vi").json()["count"] == 0
    assert charlie.get(f"/api/v1/tasks/{task.pk}/").status_code == 404
    assert (
        charlie.post(f"/api/v1/tasks/{task.pk}/chase/", {"kind": "remind"}, format="json").status_code == 404
    )


def test_hostile_filters_are_ignored_not_answered_with_an_error(cast, task):
    mai = token_client(cast.mai)
    for query in (
        "q=%00%00",
        "tab=%00&state=x&bucket=y&role=z",
        "q=" + "a" * 5000,
        "page=99999999999999999999",
    ):
        assert mai.get(f"/api/v1/tasks/?{query}").status_code in (200, 400, 404), query
