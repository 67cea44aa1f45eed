"""A directive's «Tổ chức thực hiện» becomes tracked tasks when it is issued; a derived plan's tasks point to the
task they carry out, so completion climbs the cascade (helper C)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from directives.handling.models import AssigneeRole, Assignment, AssignmentState
from directives.handling.services import directive_tasks
from directives.handling.services import tasks as services
from directives.models import Delivery
from portal.audit.models import Event
from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def vinh(cast):
    """Vinh leads LĐLĐ huyện Tân Yên (the cast has nobody there)."""
    from django.contrib.auth import get_user_model

    from portal.org.services import membership_grant

    user = get_user_model().objects.create_user(
        "vinh", "vinh@thongsuot.test", "x", first_name="Trần Văn Vinh"
    )
    membership_grant(actor=None, user=user, unit=cast.tanyen, role="signer")
    return user


ISSUE_DAY = timezone.make_aware(dt.datetime(2026, 2, 6, 9, 0))
DUE = dt.date(2026, 3, 31)


@time_machine.travel(ISSUE_DAY, tick=False)
def test_it_creates_one_task_per_item_and_unit_that_received_it(
    cast, issue_directive, django_assert_max_num_queries
):
    doc = issue_directive(
        issuer="ldld",
        tasks=[
            ("Tổ chức tuyên truyền trong công nhân lao động.", [cast.yenthe, cast.tanyen], DUE),
            ("Báo cáo kết quả về LĐLĐ tỉnh.", [cast.yenthe], None),
            # Named but not a recipient (a grandchild): nothing is delivered to it, so it gets no task.
            ("Công đoàn cơ sở thực hiện.", [cast.cdcs], DUE),
        ],
    )
    rows = list(Assignment.objects.filter(document=doc).order_by("task__order", "unit__code"))
    assert [(a.unit.code, a.title, a.due_date) for a in rows] == [
        ("bg-ldld-tanyen", "Tổ chức tuyên truyền trong công nhân lao động.", DUE),
        ("bg-ldld-yenthe", "Tổ chức tuyên truyền trong công nhân lao động.", DUE),
        ("bg-ldld-yenthe", "Báo cáo kết quả về LĐLĐ tỉnh.", None),
    ]
    a = rows[0]
    assert a.role == AssigneeRole.LEAD and a.state == AssignmentState.OPEN
    assert a.assigned_by == cast.hung and a.assigned_at == doc.issued_at and a.parent is None
    # The chase knows when to remind (helper D's schedule); the undated task waits for nothing.
    assert a.next_stage.startswith("before:") and a.next_action_at is not None
    assert rows[2].next_stage == "" and rows[2].next_action_at is None
    event = Event.objects.get(action="task.assigned", object_id=str(doc.pk))
    assert event.actor == cast.hung and event.details["tasks"] == 3
    # Bình leads Yên Thế: he is told of its two tasks.
    assert Notification.objects.filter(
        recipient=cast.binh, kind="task.assigned", title__contains="2 nhiệm vụ"
    ).exists()
    # Idempotent and set-based: a second run reads, and creates nothing.
    with django_assert_max_num_queries(3):
        assert directive_tasks.assignments_create_for_document(document=doc) == []
    assert Assignment.objects.filter(document=doc).count() == 3


@time_machine.travel(ISSUE_DAY, tick=False)
def test_it_gives_a_returned_delivery_no_task(cast, issue_directive):
    doc = issue_directive(issuer="ldld", tasks=[("Tuyên truyền.", [cast.yenthe, cast.tanyen], DUE)])
    Assignment.objects.filter(document=doc).delete()
    Delivery.objects.filter(document=doc, unit=cast.tanyen).update(returned_at=timezone.now())
    created = directive_tasks.assignments_create_for_document(document=doc)
    assert [a.unit_id for a in created] == [cast.yenthe.pk]


@time_machine.travel(ISSUE_DAY, tick=False)
def test_a_derived_plan_points_to_the_task_it_carries_out_and_completion_climbs(cast, issue_directive, vinh):
    guidance = issue_directive(
        tasks=[
            ("Tuyên truyền trong đoàn viên công đoàn.", [cast.ldld], DUE),
            ("Tổ chức hội thi tìm hiểu lịch sử Đảng.", [cast.ldld], DUE),
        ]
    )
    province = {a.task.text: a for a in Assignment.objects.filter(document=guidance, unit=cast.ldld)}
    assert len(province) == 2
    plan = issue_directive(
        issuer="ldld",
        implements=guidance,
        subject="Kế hoạch triển khai Hướng dẫn của Ban Tuyên giáo Tỉnh ủy",
        tasks=[
            # The derive copies the higher item's text: the match is by text, not by order.
            ("Tổ chức hội thi tìm hiểu lịch sử Đảng.", [cast.yenthe, cast.tanyen], dt.date(2026, 3, 20)),
        ],
    )
    below = list(Assignment.objects.filter(document=plan).select_related("unit").order_by("unit__code"))
    parent = province["Tổ chức hội thi tìm hiểu lịch sử Đảng."]
    assert [a.parent_id for a in below] == [parent.pk, parent.pk]
    assert Event.objects.get(action="task.assigned", object_id=str(plan.pk)).details["parents"] == [parent.pk]

    tanyen, yenthe = below
    services.assignment_complete(actor=cast.binh, assignment=yenthe, result="Đã tổ chức hội thi ở 12 xã.")
    assert not Notification.objects.filter(kind="task.children_done").exists()
    services.assignment_complete(actor=vinh, assignment=tanyen, result="Đã tổ chức ở 8 xã.")
    # The last unit below done: LĐLĐ tỉnh's people are told their own task can now be reported.
    told = Notification.objects.filter(kind="task.children_done")
    assert {n.recipient for n in told} == {cast.hung, cast.mai, cast.son} and "2/2" in told.first().title
    parent.refresh_from_db()
    assert parent.state == AssignmentState.OPEN  # the province completes its own task, with its own result


@time_machine.travel(ISSUE_DAY, tick=False)
def test_a_plan_of_a_unit_that_was_not_assigned_there_has_no_parent(cast, issue_directive):
    guidance = issue_directive(tasks=[("Việc của Ban khác.", [], DUE)])
    plan = issue_directive(issuer="ldld", implements=guidance, tasks=[("Tuyên truyền.", [cast.yenthe], DUE)])
    assert Assignment.objects.get(document=plan).parent is None


@time_machine.travel(ISSUE_DAY, tick=False)
def test_the_recall_cancels_the_open_tasks_only(cast, issue_directive, vinh):
    doc = issue_directive(issuer="ldld", tasks=[("Tuyên truyền.", [cast.yenthe, cast.tanyen], DUE)])
    other = issue_directive(issuer="ldld", tasks=[("Việc khác.", [cast.yenthe], DUE)])
    done = Assignment.objects.get(document=doc, unit=cast.yenthe)
    services.assignment_complete(actor=cast.binh, assignment=done, result="Xong.")
    pending = Assignment.objects.get(document=doc, unit=cast.tanyen)
    services.extension_request(
        actor=vinh, assignment=pending, new_due=dt.date(2026, 4, 30), reason="Chờ kinh phí."
    )
    assert services.assignments_cancel(document=doc, reason="Ban hành nhầm.", actor=cast.hung) == 1
    pending.refresh_from_db()
    done.refresh_from_db()
    assert pending.state == AssignmentState.CANCELLED and pending.cancelled_reason == "Ban hành nhầm."
    assert pending.next_stage == "" and pending.next_action_at is None
    assert pending.extensions.get().state == "refused"
    assert done.state == AssignmentState.DONE
    assert Assignment.objects.get(document=other).state == AssignmentState.OPEN
    assert Event.objects.filter(action="task.cancelled", object_id=str(doc.pk)).count() == 1
    assert services.assignments_cancel(document=doc, reason="Lần nữa.", actor=cast.hung) == 0


@time_machine.travel(ISSUE_DAY, tick=False)
def test_a_plan_carries_out_the_instruction_its_leader_gave_on_the_incoming_document(
    cast, issue_directive, make_task
):
    guidance = issue_directive(tasks=[("Các ban của Tỉnh ủy thực hiện.", [], DUE)])
    # LĐLĐ tỉnh registered the guidance and Hùng assigned its handling (lead; a support is not the one carried out).
    make_task(document=guidance, role="support", title="Phối hợp")
    lead = make_task(document=guidance, title="Xây dựng kế hoạch triển khai")
    plan = issue_directive(issuer="ldld", implements=guidance, tasks=[("Tuyên truyền.", [cast.yenthe], DUE)])
    assert Assignment.objects.get(document=plan).parent == lead


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("- Phối hợp chặt chẽ với các cơ quan chức năng.", "Phối hợp chặt chẽ với các cơ quan chức năng."),
        ("• Tuyên truyền trong công nhân\nvà người lao động.", "Tuyên truyền trong công nhân"),
        ("Tổ chức hội nghị báo cáo viên.", "Tổ chức hội nghị báo cáo viên."),
    ],
)
def test_a_task_title_is_the_items_first_line_without_its_list_dash(text, title):
    from directives.handling.services.directive_tasks import _short

    assert _short(text) == title
