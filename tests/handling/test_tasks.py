"""Tasks followed to done (helper C): the assignee posts progress with evidence, asks for more time and completes;
the assigner decides and chases. The cast: Hùng (leader of LĐLĐ tỉnh) assigned a task to its Ban Tuyên giáo - Nữ
công, where Mai works; Thu (the clerk) reads but does not carry out; Bình leads another unit; Charlie is an outsider.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from directives.handling.errors import AlreadyDone, AttachmentRefused, Incomplete, NotAllowed
from directives.handling.models import (
    AssignmentState,
    Chase,
    ExtensionRequest,
    ExtensionState,
    IncomingEntry,
    ProgressNote,
)
from directives.handling.selectors import tasks as selectors
from directives.handling.services import tasks as services
from portal.audit.models import Event
from portal.notifications.models import Notification
from portal.org.models import Department, Membership

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 3, 10)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def at(y, m, d, hh=9):
    return timezone.make_aware(dt.datetime(y, m, d, hh, 0))


@pytest.fixture(autouse=True)
def _fast(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def tgnc(cast):
    """Ban Tuyên giáo - Nữ công of LĐLĐ tỉnh, with Mai in it."""
    dept, _ = Department.objects.get_or_create(
        unit=cast.ldld, code="TG&NC", defaults={"name": "Ban Tuyên giáo - Nữ công"}
    )
    Membership.objects.filter(user=cast.mai, unit=cast.ldld).update(department=dept)
    return dept


@pytest.fixture
def task(make_task, tgnc):
    with time_machine.travel(at(2026, 2, 6), tick=False):
        return make_task(department=tgnc, due=DUE, title="Tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng")


def pdf(name="bao-cao.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


# --- progress -----------------------------------------------------------------------------------------------------


def test_the_specialist_posts_progress_with_evidence_and_the_assigner_hears(cast, task):
    with time_machine.travel(at(2026, 2, 20), tick=False):
        note = services.assignment_note(
            actor=cast.mai, assignment=task, text="Đã treo 20 băng rôn.", file=pdf("anh chụp/../băng rôn.pdf")
        )
    assert note.file_name == "băng rôn.pdf" and note.file_size == len(PDF) and note.file.read() == PDF
    assert Event.objects.filter(action="task.noted", object_id=str(task.pk), actor=cast.mai).exists()
    told = Notification.objects.get(kind="task.noted")
    assert told.recipient == cast.hung and told.url == f"/nhiem-vu/{task.pk}/"


@pytest.mark.parametrize("who", ["thu", "charlie", "binh", "hung_other"])
def test_only_the_assignee_posts_progress(cast, task, who):
    actor = cast.hung if who == "hung_other" else getattr(cast, who)
    if who == "hung_other":
        # Hùng leads the unit: he may work on his departments' tasks — but not on a person's.
        task.person, task.department = cast.mai, None
        task.save()
    with pytest.raises(NotAllowed):
        services.assignment_note(actor=actor, assignment=task, text="Xong.")
    assert not ProgressNote.objects.exists() and not Event.objects.filter(action="task.noted").exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "không được phép"),
        (SimpleUploadedFile("gia.pdf", b"<html>not a pdf</html>"), "không đúng định dạng"),
        (SimpleUploadedFile("rong.pdf", b""), "rỗng"),
    ],
)
def test_a_bad_evidence_file_is_refused_and_nothing_is_kept(cast, task, upload, message):
    with pytest.raises(AttachmentRefused, match=message) as refused:
        services.assignment_note(actor=cast.mai, assignment=task, text="Có minh chứng.", file=upload)
    assert refused.value.errors == {"file": refused.value.message}
    assert not ProgressNote.objects.exists()


def test_progress_needs_words(cast, task):
    with pytest.raises(Incomplete) as refused:
        services.assignment_note(actor=cast.mai, assignment=task, text="   ")
    assert refused.value.field == "text"


# --- completion ---------------------------------------------------------------------------------------------------


def test_completion_on_time_closes_the_entry_and_is_refused_twice(cast, task):
    with time_machine.travel(at(2026, 3, 10, 22), tick=False):
        done = services.assignment_complete(
            actor=cast.mai, assignment=task, result="Đã tổ chức 3 hội nghị.", file=pdf()
        )
    assert done.state == AssignmentState.DONE and done.completed_by == cast.mai
    assert done.next_stage == "" and done.next_action_at is None
    assert Event.objects.get(action="task.completed", object_id=str(task.pk)).details["on_time"] is True
    assert Notification.objects.get(kind="task.completed").title.startswith("Hoàn thành đúng hạn")
    # The evidence stays in the trail.
    assert ProgressNote.objects.get(assignment=task).text == "Hoàn thành: Đã tổ chức 3 hội nghị."
    # The only lead task of the entry is done: the entry is handled (the instruction's rule).
    assert IncomingEntry.objects.get(pk=task.entry_id).state == "done"
    with pytest.raises(AlreadyDone):
        services.assignment_complete(actor=cast.mai, assignment=task, result="Lần nữa.")
    with pytest.raises(AlreadyDone):
        services.assignment_note(actor=cast.mai, assignment=task, text="Thêm.")


def test_completion_after_the_due_day_is_late(cast, task):
    with time_machine.travel(at(2026, 3, 11, 0), tick=False):
        done = services.assignment_complete(actor=cast.mai, assignment=task, result="Xong muộn.")
        assert selectors.row_status(done, timezone.localdate()).label == "Hoàn thành quá hạn"
    assert Event.objects.get(action="task.completed").details["on_time"] is False


def test_completion_needs_a_result(cast, task):
    with pytest.raises(Incomplete) as refused:
        services.assignment_complete(actor=cast.mai, assignment=task, result="")
    assert refused.value.field == "result"
    task.refresh_from_db()
    assert task.state == AssignmentState.OPEN


# --- extensions ---------------------------------------------------------------------------------------------------


def test_an_approved_extension_moves_the_due_date_and_the_reminders(cast, task):
    with time_machine.travel(at(2026, 3, 5), tick=False):
        request = services.extension_request(
            actor=cast.mai, assignment=task, new_due=dt.date(2026, 3, 31), reason="Chờ kinh phí."
        )
        assert Notification.objects.get(kind="task.extension_requested").recipient == cast.hung
        with pytest.raises(AlreadyDone):
            services.extension_request(
                actor=cast.mai, assignment=task, new_due=dt.date(2026, 4, 5), reason="Lần hai."
            )
        with pytest.raises(NotAllowed):
            services.extension_decide(actor=cast.mai, request=request, approve=True)
        with pytest.raises(NotAllowed):
            services.extension_decide(actor=cast.binh, request=request, approve=True)
        services.extension_decide(actor=cast.hung, request=request, approve=True, comment="Đồng ý.")
    task.refresh_from_db()
    assert task.due_date == dt.date(2026, 3, 31) and task.original_due_date == DUE
    assert task.next_stage.endswith(":20260331")
    request.refresh_from_db()
    assert request.state == ExtensionState.APPROVED and request.decided_by == cast.hung
    assert Notification.objects.filter(kind="task.extension_decided", recipient=cast.mai).exists()
    assert Event.objects.filter(action="task.extension_approved", actor=cast.hung).exists()
    with pytest.raises(AlreadyDone):
        services.extension_decide(actor=cast.hung, request=request, approve=False, comment="Thôi.")


def test_a_refusal_of_more_time_says_why_and_keeps_the_date(cast, task):
    with time_machine.travel(at(2026, 3, 5), tick=False):
        request = services.extension_request(
            actor=cast.mai, assignment=task, new_due=dt.date(2026, 3, 31), reason="Chờ kinh phí."
        )
        with pytest.raises(Incomplete) as refused:
            services.extension_decide(actor=cast.hung, request=request, approve=False)
        assert refused.value.field == "comment"
        services.extension_decide(
            actor=cast.hung, request=request, approve=False, comment="Phải xong đúng hạn."
        )
    task.refresh_from_db()
    assert task.due_date == DUE and task.original_due_date == DUE
    assert ExtensionRequest.objects.get().state == ExtensionState.REFUSED


@pytest.mark.parametrize(
    ("new_due", "reason", "field"),
    [
        (dt.date(2026, 3, 1), "Lý do.", "new_due"),  # in the past
        (dt.date(2026, 3, 10), "Lý do.", "new_due"),  # not after the current due date
        (dt.date(2026, 3, 31), " ", "reason"),
    ],
)
def test_a_request_for_more_time_is_checked(cast, task, new_due, reason, field):
    with time_machine.travel(at(2026, 3, 5), tick=False), pytest.raises(Incomplete) as refused:
        services.extension_request(actor=cast.mai, assignment=task, new_due=new_due, reason=reason)
    assert field in refused.value.errors
    assert not ExtensionRequest.objects.exists()


# --- chases -------------------------------------------------------------------------------------------------------


def test_the_assigner_chases_and_the_kinds_are_counted(cast, task):
    services.assignment_chase(actor=cast.hung, assignment=task, kind="remind", text="")
    services.assignment_chase(actor=cast.hung, assignment=task, kind="remind", text="Khẩn trương.")
    services.assignment_chase(actor=cast.hung, assignment=task, kind="criticise", text="Chậm tiến độ.")
    with pytest.raises(Incomplete):
        services.assignment_chase(actor=cast.hung, assignment=task, kind="review", text="")
    with pytest.raises(NotAllowed):
        services.assignment_chase(actor=cast.mai, assignment=task, kind="remind", text="")
    with pytest.raises(NotAllowed):
        services.assignment_chase(actor=cast.thu, assignment=task, kind="remind", text="")
    assert Chase.objects.count() == 3
    trail = selectors.task_trail(task)
    assert trail.chase_counts == [("Nhắc nhở", 2), ("Phê bình", 1)]
    # The department hears it (Mai), and its unit's leader — who sent it — does not hear his own chase.
    criticised = Notification.objects.filter(kind="task.criticise")
    assert [n.recipient for n in criticised] == [cast.mai]
    assert (
        criticised.get().title.startswith("Phê bình: Tuyên truyền") and "10/03/2026" in criticised.get().title
    )
