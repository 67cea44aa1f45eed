"""The «Nhiệm vụ» pages (helper C): the lists with their tabs and filters, one task with the forms of whoever may act
on it, the evidence download and the menu's count — each with the people who must be refused."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from directives.handling.models import Assignment, AssignmentState, Chase, ExtensionRequest, ProgressNote
from directives.handling.services import tasks as services
from portal.org.models import Department, Membership

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 3, 10)
PDF = b"%PDF-1.4\n%%EOF\n"
NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))


@pytest.fixture(autouse=True)
def _fast(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def tgnc(cast):
    dept, _ = Department.objects.get_or_create(
        unit=cast.ldld, code="TG&NC", defaults={"name": "Ban Tuyên giáo - Nữ công"}
    )
    Membership.objects.filter(user=cast.mai, unit=cast.ldld).update(department=dept)
    return dept


@pytest.fixture
def task(make_task, tgnc):
    return make_task(department=tgnc, due=DUE, title="Tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng")


def test_the_specialist_finds_her_task_under_cua_toi_with_the_menu_count(cast, task, login):
    client = login(cast.mai)
    page = client.get("/nhiem-vu/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng" in html
    assert "Ban Tuyên giáo - Nữ công — Liên đoàn Lao động tỉnh Bắc Giang" in html
    assert "10/03/2026" in html and "Đang thực hiện trong hạn" in html
    assert 'data-testid="tasks-count">1<' in html
    # Mai leads nothing and assigned nothing: only «Của tôi».
    assert "?tab=don-vi" not in html and "?tab=toi-giao" not in html


def test_the_leader_follows_the_unit_and_what_he_assigned(cast, task, login):
    client = login(cast.hung)
    mine = client.get("/nhiem-vu/").content.decode()
    # Hùng leads the unit; a department's task is his unit's, not his own.
    assert "Không có nhiệm vụ nào." in mine and "?tab=don-vi" in mine and "?tab=toi-giao" in mine
    for tab in ("don-vi", "toi-giao"):
        assert "Tuyên truyền kỷ niệm" in client.get(f"/nhiem-vu/?tab={tab}").content.decode()


@pytest.mark.parametrize("who", ["charlie", "binh"])
def test_outsiders_see_no_task(cast, task, login, who):
    client = login(getattr(cast, who))
    for tab in ("cua-toi", "don-vi", "toi-giao"):
        assert "Tuyên truyền kỷ niệm" not in client.get(f"/nhiem-vu/?tab={tab}").content.decode()
    assert client.get(f"/nhiem-vu/{task.pk}/").status_code == 404


def test_the_filters_pick_buckets_states_and_words(cast, make_task, tgnc, login):
    make_task(department=tgnc, due=dt.date(2026, 2, 20), title="Báo cáo sơ kết quý I")
    make_task(department=tgnc, due=DUE, title="Hội thi tìm hiểu lịch sử Đảng")
    make_task(
        department=tgnc,
        due=DUE,
        title="Treo băng rôn",
        state=AssignmentState.DONE,
        completed_at=timezone.make_aware(dt.datetime(2026, 3, 1, 10)),
    )
    client = login(cast.mai)
    overdue = client.get("/nhiem-vu/?nhom=qua-han").content.decode()
    assert "Báo cáo sơ kết quý I" in overdue and "Hội thi" not in overdue and "Quá hạn 10 ngày" in overdue
    done = client.get("/nhiem-vu/?trang_thai=hoan-thanh").content.decode()
    assert "Treo băng rôn" in done and "Hội thi" not in done and "Hoàn thành đúng hạn" in done
    # Without diacritics, as people type.
    found = client.get("/nhiem-vu/?q=hoi+thi+lich+su").content.decode()
    assert "Hội thi tìm hiểu lịch sử Đảng" in found and "Báo cáo sơ kết" not in found


def test_the_list_costs_the_same_for_three_tasks_or_thirty(
    cast, make_task, tgnc, login, django_assert_max_num_queries
):
    client = login(cast.hung)
    for i in range(3):
        make_task(department=tgnc, due=DUE, title=f"Nhiệm vụ {i}")
    client.get("/nhiem-vu/?tab=don-vi")  # warm the session and the per-request caches' code paths
    with django_assert_max_num_queries(12) as few:
        client.get("/nhiem-vu/?tab=don-vi")
    for i in range(27):
        make_task(unit=cast.yenthe if i % 2 else cast.ldld, due=DUE, title=f"Nhiệm vụ thêm {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/nhiem-vu/?tab=don-vi")
    assert page.content.decode().count("/nhiem-vu/") >= 30


def test_the_task_page_shows_the_forms_of_whoever_may_act(cast, task, login):
    mai = login(cast.mai).get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Cập nhật tiến độ" in mai and "Hoàn thành" in mai and "Xin gia hạn" in mai
    assert "Gửi đôn đốc" not in mai
    hung = login(cast.hung).get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Gửi đôn đốc" in hung and "Phê bình" in hung
    # The clerk reads the task of her unit; she neither carries it out nor chases it.
    thu = login(cast.thu).get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Tuyên truyền kỷ niệm" in thu and "Cập nhật tiến độ" not in thu and "Gửi đôn đốc" not in thu


def test_a_task_for_information_is_acknowledged_not_reported_on(cast, make_task, tgnc, login):
    """«Để biết»: no progress, completion report or extension to ask; the assignee confirms having read it."""
    from directives.handling.models import AssignmentState

    inform = make_task(department=tgnc, due=None, role="inform", title="Nắm nội dung Hướng dẫn")
    client = login(cast.mai)
    page = client.get(f"/nhiem-vu/{inform.pk}/").content.decode()
    assert "Đã nắm nội dung" in page and "Cập nhật tiến độ" not in page and "Xin gia hạn" not in page
    response = client.post(f"/nhiem-vu/{inform.pk}/hoan-thanh/", {"hoan-thanh-result": "Đã nắm nội dung."})
    assert response.status_code == 302
    inform.refresh_from_db()
    assert inform.state == AssignmentState.DONE and inform.result == "Đã nắm nội dung."


def test_progress_with_evidence_through_the_page_and_its_download(cast, task, login):
    client = login(cast.mai)
    response = client.post(
        f"/nhiem-vu/{task.pk}/tien-do/",
        {"tien-do-text": "Đã treo 20 băng rôn.", "tien-do-file": SimpleUploadedFile("ảnh.pdf", PDF)},
    )
    assert response.status_code == 302 and response.url == f"/nhiem-vu/{task.pk}/"
    note = ProgressNote.objects.get()
    page = client.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Đã cập nhật tiến độ." in page and "Đã treo 20 băng rôn." in page and "ảnh.pdf" in page
    download = client.get(f"/nhiem-vu/{task.pk}/minh-chung/{note.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    assert login(cast.charlie).get(f"/nhiem-vu/{task.pk}/minh-chung/{note.pk}/").status_code == 404


def test_a_refused_form_comes_back_with_the_error_beside_its_field(cast, task, login):
    client = login(cast.mai)
    response = client.post(
        f"/nhiem-vu/{task.pk}/tien-do/",
        {"tien-do-text": "Có tệp.", "tien-do-file": SimpleUploadedFile("x.exe", b"MZ")},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "thuộc loại không được phép" in html and 'class="error"' in html
    assert not ProgressNote.objects.exists()
    response = client.post(
        f"/nhiem-vu/{task.pk}/gia-han/", {"gia-han-new_due": "01/03/2026", "gia-han-reason": "x"}
    )
    assert "Ngày gia hạn đã qua." in response.content.decode() and not ExtensionRequest.objects.exists()


@pytest.mark.parametrize("who", ["thu", "hung_person", "binh", "charlie"])
def test_the_assignee_forms_refuse_everyone_else(cast, task, login, who):
    if who == "hung_person":
        Assignment.objects.filter(pk=task.pk).update(person=cast.mai, department=None)
    user = cast.hung if who == "hung_person" else getattr(cast, who)
    client = login(user)
    expected = 404 if who in ("binh", "charlie") else 403
    assert client.post(f"/nhiem-vu/{task.pk}/tien-do/", {"tien-do-text": "x"}).status_code == expected
    assert client.post(f"/nhiem-vu/{task.pk}/hoan-thanh/", {"hoan-thanh-result": "x"}).status_code == expected
    assert not ProgressNote.objects.exists()
    assert Assignment.objects.get(pk=task.pk).state == AssignmentState.OPEN


def test_extension_asked_then_approved_and_completion_through_the_pages(cast, task, login):
    mai = login(cast.mai)
    mai.post(
        f"/nhiem-vu/{task.pk}/gia-han/", {"gia-han-new_due": "31/03/2026", "gia-han-reason": "Chờ kinh phí."}
    )
    request = ExtensionRequest.objects.get()
    # Mai cannot decide her own request.
    assert (
        mai.post(
            f"/nhiem-vu/{task.pk}/gia-han/{request.pk}/quyet-dinh/", {"quyet-dinh": "dong-y"}
        ).status_code
        == 403
    )
    hung = login(cast.hung)
    page = hung.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Đề nghị gia hạn chờ xem xét" in page and "Đồng ý gia hạn" in page and "31/03/2026" in page
    response = hung.post(f"/nhiem-vu/{task.pk}/gia-han/{request.pk}/quyet-dinh/", {"quyet-dinh": "dong-y"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.due_date == dt.date(2026, 3, 31) and task.original_due_date == DUE
    page = hung.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "hạn ban đầu 10/03/2026" in page and "Đã đồng ý gia hạn đến 31/03/2026." in page
    mai = login(cast.mai)
    mai.post(f"/nhiem-vu/{task.pk}/hoan-thanh/", {"hoan-thanh-result": "Đã tổ chức 3 hội nghị."})
    page = mai.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Hoàn thành đúng hạn" in page and "Đã tổ chức 3 hội nghị." in page and "Xin gia hạn" not in page


def test_chases_through_the_page_are_counted(cast, task, login):
    client = login(cast.hung)
    client.post(f"/nhiem-vu/{task.pk}/don-doc/", {"don-doc-kind": "remind", "don-doc-text": ""})
    refused = client.post(f"/nhiem-vu/{task.pk}/don-doc/", {"don-doc-kind": "criticise", "don-doc-text": ""})
    assert refused.status_code == 200 and "Hãy ghi nội dung phê bình" in refused.content.decode()
    client.post(f"/nhiem-vu/{task.pk}/don-doc/", {"don-doc-kind": "criticise", "don-doc-text": "Chậm."})
    page = client.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Nhắc nhở: 1; Phê bình: 1" in page
    assert (
        login(cast.mai).post(f"/nhiem-vu/{task.pk}/don-doc/", {"don-doc-kind": "remind"}).status_code == 403
    )
    assert Chase.objects.count() == 2


def test_a_finished_task_answers_that_it_moved_on(cast, task, login):
    services.assignment_complete(actor=cast.mai, assignment=task, result="Xong.")
    client = login(cast.mai)
    response = client.post(f"/nhiem-vu/{task.pk}/tien-do/", {"tien-do-text": "Thêm."}, follow=True)
    assert "Nhiệm vụ đã hoàn thành; không thể thay đổi." in response.content.decode()


def test_the_leader_narrows_the_unit_tab_to_a_unit_below(cast, make_task, tgnc, login):
    make_task(unit=cast.yenthe, due=DUE, title="Việc của Yên Thế")
    make_task(department=tgnc, due=DUE, title="Việc của Ban Tuyên giáo")
    client = login(cast.hung)
    page = client.get(f"/nhiem-vu/?tab=don-vi&don_vi={cast.yenthe.pk}").content.decode()
    assert "Việc của Yên Thế" in page and "Việc của Ban Tuyên giáo" not in page
    assert "Liên đoàn Lao động huyện Tân Yên</option>" in page  # the units right below are offered
    # A unit out of his sight is not a choice: the filter is refused, never a hint of what is there.
    outside = client.get(f"/nhiem-vu/?tab=don-vi&don_vi={cast.laichau.pk}").content.decode()
    assert "Đảng ủy xã Bản Lang" not in outside
