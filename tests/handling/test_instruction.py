"""The leader's instruction on an incoming entry (issue 16 §3): Hùng, leader of LĐLĐ tỉnh Bắc Giang, assigns the
handling of 97-HD/BTGTU (số đến 01) to Ban Tuyên giáo - Nữ công (chủ trì), Văn phòng (phối hợp) and Mai (để biết),
with deadlines; reassigns it, returns it to the clerk, files it, hands it to another leader.

Refused, nothing written: Thu (the clerk), Mai (a specialist), Charlie (outsider), Bình (a leader of another unit),
a department or person of another unit, the same assignee twice, a deadline before the arrival."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from directives.handling.errors import AlreadyDone, Incomplete, NotAllowed
from directives.handling.models import (
    AssigneeRole,
    Assignment,
    AssignmentState,
    Decision,
    EntryState,
    IncomingEntry,
    Instruction,
)
from directives.handling.services.instruction import (
    Assignee,
    OutsideUnit,
    entry_delegate,
    entry_file,
    entry_instruct,
    entry_reassign,
    entry_refresh,
    entry_return,
)
from portal.audit.models import Event
from portal.notifications.models import Notification
from portal.org.models import Department, Membership
from portal.org.services import membership_grant
from tests.conftest import PASSWORD

ARRIVED = dt.datetime(2026, 2, 6, 8, 15)
TODAY = dt.datetime(2026, 2, 6, 10, 0, tzinfo=dt.UTC)
DUE = dt.date(2026, 2, 28)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_the_day():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def depts(cast):
    """LĐLĐ tỉnh's departments (the cast's rows when it has them), Mai in Ban Tuyên giáo - Nữ công, and a deputy
    leader Phong for the delegation."""
    tgnc, _ = Department.objects.get_or_create(
        unit=cast.ldld, code="TG&NC", defaults={"name": "Ban Tuyên giáo - Nữ công", "order": 1}
    )
    vp, _ = Department.objects.get_or_create(
        unit=cast.ldld, code="VP", defaults={"name": "Văn phòng", "order": 2}
    )
    Membership.objects.filter(user=cast.mai, unit=cast.ldld).update(department=tgnc)
    other, _ = Department.objects.get_or_create(
        unit=cast.yenthe, code="VP", defaults={"name": "Văn phòng LĐLĐ huyện Yên Thế"}
    )
    return {"tgnc": tgnc, "vp": vp, "yenthe_vp": other}


@pytest.fixture
def phong(cast):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        "phong", "phong@thongsuot.test", PASSWORD, first_name="Vũ Văn Phong"
    )
    membership_grant(actor=None, user=user, unit=cast.ldld, role="signer")
    return user


def make_entry(cast, number=1, **kw) -> IncomingEntry:
    data = {
        "unit": cast.ldld,
        "year": 2026,
        "number": number,
        "arrived_at": timezone.make_aware(ARRIVED),
        "sender_name": "Ban Tuyên giáo Tỉnh ủy Bắc Giang",
        "sender_unit": cast.btgtu,
        "number_symbol": "97-HD/BTGTU",
        "document_date": dt.date(2026, 2, 6),
        "doc_type": "HD",
        "subject": "Hướng dẫn công tác thông tin đối ngoại năm 2026",
        "registered_by": cast.thu,
    }
    data.update(kw)
    return IncomingEntry.objects.create(**data)


@pytest.fixture
def entry(cast):
    return make_entry(cast)


def instruct(cast, entry, depts, actor=None, **kw):
    args = {
        "actor": actor or cast.hung,
        "entry": entry,
        "text": "Giao Ban Tuyên giáo - Nữ công chủ trì tham mưu triển khai; Văn phòng phối hợp.",
        "lead": Assignee(department=depts["tgnc"]),
        "supports": [Assignee(department=depts["vp"])],
        "informs": [Assignee(person=cast.mai)],
        "due_date": DUE,
    }
    args.update(kw)
    return entry_instruct(**args)


def nothing_written(entry):
    entry.refresh_from_db()
    assert entry.state == EntryState.REGISTERED
    assert not Instruction.objects.filter(entry=entry).exists()
    assert not Assignment.objects.filter(entry=entry).exists()
    assert not Event.objects.filter(action__startswith="incoming.").exists()


# --- the service --------------------------------------------------------------------------------------------------


def test_it_assigns_lead_supports_and_informs_with_deadlines(cast, entry, depts):
    instruction = instruct(
        cast, entry, depts, due_dates={Assignee(department=depts["vp"]): dt.date(2026, 2, 20)}
    )

    assert instruction.decision == Decision.ASSIGN
    rows = {a.role: a for a in Assignment.objects.filter(instruction=instruction)}
    assert set(rows) == {AssigneeRole.LEAD, AssigneeRole.SUPPORT, AssigneeRole.INFORM}
    lead, support, inform = rows["lead"], rows["support"], rows["inform"]
    assert lead.department == depts["tgnc"] and lead.due_date == DUE and lead.original_due_date == DUE
    assert support.department == depts["vp"] and support.due_date == dt.date(2026, 2, 20)
    assert inform.person == cast.mai and inform.due_date is None
    for a in rows.values():
        assert a.entry == entry and a.unit == cast.ldld and a.assigned_by == cast.hung
        assert a.title == entry.subject and a.text.startswith("Giao Ban Tuyên giáo")
        assert a.state == AssignmentState.OPEN
    # The chase is scheduled for dated tasks only.
    assert lead.next_stage and lead.next_action_at
    assert inform.next_stage == ""
    entry.refresh_from_db()
    assert entry.state == EntryState.HANDLING and entry.handling_due == DUE and entry.handler == cast.hung
    event = Event.objects.get(action="incoming.instructed")
    assert event.details["lead"] == ["Ban Tuyên giáo - Nữ công"] and event.details["supports"] == [
        "Văn phòng"
    ]
    # Mai belongs to Ban Tuyên giáo - Nữ công: told as its member and as the person informed.
    titles = list(Notification.objects.filter(recipient=cast.mai).values_list("title", flat=True))
    assert "Văn bản đến số 01: giao chủ trì, hạn 28/02/2026" in titles
    assert "Văn bản đến số 01: giao để biết" in titles
    # The clerk who registered it follows what became of it.
    assert Notification.objects.filter(
        recipient=cast.thu,
        title="Văn bản đến số 01: lãnh đạo đã giao Ban Tuyên giáo - Nữ công chủ trì, hạn 28/02/2026",
    ).exists()


@pytest.mark.parametrize("who", ["thu", "mai", "son", "charlie", "binh", "hanh"])
def test_it_refuses_anyone_but_the_units_leader(cast, entry, depts, who):
    with pytest.raises(NotAllowed):
        instruct(cast, entry, depts, actor=getattr(cast, who))
    nothing_written(entry)


def test_it_refuses_a_department_of_another_unit(cast, entry, depts):
    with pytest.raises(OutsideUnit) as exc:
        instruct(cast, entry, depts, lead=Assignee(department=depts["yenthe_vp"]))
    assert exc.value.status == 403 and "lead" in exc.value.errors
    nothing_written(entry)


def test_it_refuses_a_person_of_another_unit(cast, entry, depts):
    with pytest.raises(OutsideUnit) as exc:
        instruct(cast, entry, depts, supports=[Assignee(person=cast.binh)])
    assert "supports" in exc.value.errors
    nothing_written(entry)


def test_it_refuses_the_same_assignee_twice_a_missing_text_and_a_deadline_before_arrival(cast, entry, depts):
    with pytest.raises(Incomplete):
        instruct(cast, entry, depts, supports=[Assignee(department=depts["tgnc"])])
    with pytest.raises(Incomplete) as exc:
        instruct(cast, entry, depts, text="  ")
    assert "text" in exc.value.errors
    with pytest.raises(Incomplete) as exc:
        instruct(cast, entry, depts, due_date=dt.date(2026, 2, 1))
    assert "due_date" in exc.value.errors
    with pytest.raises(Incomplete) as exc:
        instruct(cast, entry, depts, lead=None)
    assert "lead" in exc.value.errors
    nothing_written(entry)


def test_it_refuses_a_second_instruction(cast, entry, depts):
    instruct(cast, entry, depts)
    with pytest.raises(AlreadyDone):
        instruct(cast, entry, depts)
    assert Instruction.objects.filter(entry=entry).count() == 1


def test_reassign_keeps_the_old_rows_closed_and_linked(cast, entry, depts):
    first = instruct(cast, entry, depts)
    old = {a.role: a for a in first.assignments.all()}
    # The informed person had finished reading: a done row is left as it is.
    Assignment.objects.filter(pk=old["inform"].pk).update(state=AssignmentState.DONE)

    second = entry_reassign(
        actor=cast.hung,
        entry=entry,
        text="Giao lại: Văn phòng chủ trì.",
        lead=Assignee(department=depts["vp"]),
        supports=[Assignee(department=depts["tgnc"])],
        due_date=dt.date(2026, 3, 10),
    )

    assert second.decision == Decision.REASSIGN
    assert Assignment.objects.filter(entry=entry).count() == 5  # nothing deleted
    new = {a.role: a for a in second.assignments.all()}
    old_lead = Assignment.objects.get(pk=old["lead"].pk)
    old_support = Assignment.objects.get(pk=old["support"].pk)
    assert old_lead.state == AssignmentState.CANCELLED and old_lead.cancelled_at is not None
    assert old_lead.replaced_by == new["support"]  # Ban Tuyên giáo - Nữ công carries on, now in support
    assert old_support.replaced_by == new["lead"]  # Văn phòng carries on, now the lead
    assert old_lead.next_stage == "" and old_lead.next_action_at is None
    assert Assignment.objects.get(pk=old["inform"].pk).state == AssignmentState.DONE
    entry.refresh_from_db()
    assert entry.state == EntryState.HANDLING and entry.handling_due == dt.date(2026, 3, 10)
    assert Event.objects.filter(action="incoming.reassigned").count() == 1


def test_reassign_is_refused_to_others_and_before_an_assignment(cast, entry, depts):
    with pytest.raises(AlreadyDone):
        entry_reassign(
            actor=cast.hung, entry=entry, text="x", lead=Assignee(department=depts["vp"]), due_date=DUE
        )
    instruct(cast, entry, depts)
    with pytest.raises(NotAllowed):
        entry_reassign(
            actor=cast.mai, entry=entry, text="x", lead=Assignee(department=depts["vp"]), due_date=DUE
        )
    assert Assignment.objects.filter(entry=entry, state=AssignmentState.CANCELLED).count() == 0


def test_return_to_the_clerk_needs_a_reason_and_tells_the_clerk(cast, entry, depts):
    with pytest.raises(Incomplete):
        entry_return(actor=cast.hung, entry=entry, text="")
    entry_return(actor=cast.hung, entry=entry, text="Ghi lại trích yếu cho đúng văn bản.")
    entry.refresh_from_db()
    assert entry.state == EntryState.RETURNED
    assert Notification.objects.filter(recipient=cast.thu, kind="incoming.returned").exists()
    with pytest.raises(AlreadyDone):
        instruct(cast, entry, depts)


def test_file_without_handling(cast, entry, depts):
    with pytest.raises(NotAllowed):
        entry_file(actor=cast.thu, entry=entry, text="")
    entry_file(actor=cast.hung, entry=entry, text="Lưu hồ sơ.")
    entry.refresh_from_db()
    assert entry.state == EntryState.FILED
    assert Event.objects.filter(action="incoming.filed").count() == 1


def test_delegate_hands_the_instruction_to_another_leader(cast, entry, depts, phong):
    with pytest.raises(OutsideUnit):
        entry_delegate(actor=cast.hung, entry=entry, to_user=cast.mai)
    with pytest.raises(Incomplete):
        entry_delegate(actor=cast.hung, entry=entry, to_user=cast.hung)
    entry_delegate(actor=cast.hung, entry=entry, to_user=phong, text="Đồng chí Phong cho ý kiến.")
    entry.refresh_from_db()
    assert entry.handler == phong
    assert Notification.objects.filter(recipient=phong, kind="incoming.delegated").exists()
    # Now only Phong decides.
    with pytest.raises(NotAllowed):
        instruct(cast, entry, depts)
    instruct(cast, entry, depts, actor=phong)
    assert Assignment.objects.filter(entry=entry, assigned_by=phong).count() == 3


def test_refresh_closes_the_entry_when_every_lead_task_is_done(cast, entry, depts):
    instruction = instruct(cast, entry, depts)
    assert entry_refresh(entry) is False
    lead = instruction.assignments.get(role=AssigneeRole.LEAD)
    Assignment.objects.filter(pk=lead.pk).update(state=AssignmentState.DONE, completed_at=timezone.now())
    assert entry_refresh(entry) is True
    entry.refresh_from_db()
    assert entry.state == EntryState.DONE
    assert entry_refresh(entry) is False  # once


# --- the pages ----------------------------------------------------------------------------------------------------


def login(client, user):
    client.force_login(user)
    return client


def test_leader_instructs_through_the_form_picking_by_name(client, cast, entry, depts):
    login(client, cast.hung)
    page = client.get(reverse("handling:instruct", args=[entry.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    for text in (
        "Ban Tuyên giáo - Nữ công",
        "Văn phòng",
        "Trần Thị Mai",
        "Giao xử lý",
        "Trả lại văn thư",
        "Lưu, không xử lý",
    ):
        assert text in html
    response = client.post(
        reverse("handling:instruct", args=[entry.pk]),
        {
            "text": "Ban Tuyên giáo - Nữ công chủ trì.",
            "lead": f"d:{depts['tgnc'].pk}",
            "due_date": "28/02/2026",
            "supports": [f"d:{depts['vp'].pk}"],
            "support_due": "",
            "informs": [f"p:{cast.mai.pk}"],
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.state == EntryState.HANDLING
    assert Assignment.objects.filter(entry=entry).count() == 3


def test_form_errors_stand_beside_their_fields(client, cast, entry, depts):
    login(client, cast.hung)
    response = client.post(
        reverse("handling:instruct", args=[entry.pk]),
        {
            "text": "",
            "lead": f"d:{depts['tgnc'].pk}",
            "due_date": "01/01/2026",
            "supports": [f"d:{depts['tgnc'].pk}"],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hạn không được trước hôm nay (06/02/2026)." in html
    assert "Đơn vị chủ trì không đồng thời là đơn vị phối hợp." in html
    nothing_written(entry)


@pytest.mark.parametrize(
    ("who", "status"), [("charlie", 404), ("binh", 404), ("mai", 404), ("thu", 403), ("son", 403)]
)
def test_the_instruction_pages_are_refused(client, cast, entry, depts, who, status):
    login(client, getattr(cast, who))
    assert client.get(reverse("handling:instruct", args=[entry.pk])).status_code == status
    for name in ("instruct", "entry_return", "entry_file", "entry_delegate"):
        response = client.post(reverse(f"handling:{name}", args=[entry.pk]), {"text": "x", "khac-text": "x"})
        assert response.status_code == status
    nothing_written(entry)


def test_return_file_and_delegate_buttons(client, cast, depts, phong):
    login(client, cast.hung)
    a, b, c = (make_entry(cast, number=n) for n in (1, 2, 3))
    assert client.post(reverse("handling:entry_return", args=[a.pk]), {"khac-text": ""}).status_code == 200
    client.post(reverse("handling:entry_return", args=[a.pk]), {"khac-text": "Sai trích yếu."})
    client.post(reverse("handling:entry_file", args=[b.pk]), {"khac-text": ""})
    client.post(
        reverse("handling:entry_delegate", args=[c.pk]), {"chuyen-to_user": phong.pk, "chuyen-text": ""}
    )
    states = dict(IncomingEntry.objects.values_list("number", "state"))
    assert states == {1: EntryState.RETURNED, 2: EntryState.FILED, 3: EntryState.REGISTERED}
    c.refresh_from_db()
    assert c.handler == phong


def test_reassign_page_starts_from_who_has_it(client, cast, entry, depts):
    instruct(cast, entry, depts)
    login(client, cast.hung)
    assert client.get(reverse("handling:instruct", args=[entry.pk])).status_code == 302
    page = client.get(reverse("handling:reassign", args=[entry.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "Giao lại" in html
    assert f'<option value="d:{depts["tgnc"].pk}" selected>' in html
    response = client.post(
        reverse("handling:reassign", args=[entry.pk]),
        {"text": "Văn phòng chủ trì.", "lead": f"d:{depts['vp'].pk}", "due_date": "10/03/2026"},
    )
    assert response.status_code == 302
    assert Assignment.objects.filter(entry=entry, state=AssignmentState.CANCELLED).count() == 3
    login(client, cast.mai)
    assert client.get(reverse("handling:reassign", args=[entry.pk])).status_code == 403


def test_awaiting_list_and_menu_count_with_constant_queries(
    client, cast, depts, django_assert_max_num_queries
):
    for n in range(1, 4):
        make_entry(cast, number=n)
    make_entry(cast, number=9, state=EntryState.FILED)
    login(client, cast.hung)
    with django_assert_max_num_queries(14) as few:
        page = client.get(reverse("handling:awaiting_instruction"))
    html = page.content.decode()
    assert page.status_code == 200 and html.count("/chi-dao/") == 3
    assert 'data-testid="instruction-count">3<' in html
    for n in range(10, 40):
        make_entry(cast, number=n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("handling:awaiting_instruction"))
    # Not a leader: no menu entry, the list refused.
    login(client, cast.thu)
    assert "Chờ ý kiến chỉ đạo" not in client.get(reverse("home")).content.decode()
    assert client.get(reverse("handling:awaiting_instruction")).status_code == 403
    login(client, cast.charlie)
    assert client.get(reverse("handling:awaiting_instruction")).status_code == 403


def test_everyone_who_reads_the_entry_sees_the_instruction_and_assignments(client, cast, entry, depts):
    from django.template import Context, Template
    from django.test import RequestFactory

    instruct(cast, entry, depts)
    entry.refresh_from_db()
    request = RequestFactory().get("/")
    request.user = cast.thu
    html = Template('{% include "handling/_entry_instruction.html" %}').render(
        Context({"entry": entry, "request": request})
    )
    assert "Giao xử lý" in html and "Ban Tuyên giáo - Nữ công" in html and "Chủ trì" in html
    assert "28/02/2026" in html and "Giao lại" not in html  # the clerk reads, does not decide
    request.user = cast.hung
    html = Template('{% include "handling/_entry_instruction.html" %}').render(
        Context({"entry": entry, "request": request})
    )
    assert "Giao lại" in html


def test_a_specialist_reads_the_entry_and_opens_only_the_tasks_she_may(client, cast, entry, depts):
    instruct(cast, entry, depts)
    login(client, cast.mai)
    html = client.get(reverse("handling:entry", args=[entry.pk])).content.decode()
    lead = Assignment.objects.get(entry=entry, role="lead")
    support = Assignment.objects.get(entry=entry, role="support")
    assert "Ý kiến chỉ đạo" in html and "Văn phòng" in html
    assert reverse("handling:task", args=[lead.pk]) in html
    assert reverse("handling:task", args=[support.pk]) not in html  # Văn phòng's task: listed, not linked
    assert reverse("handling:reassign", args=[entry.pk]) not in html


def test_an_entry_decided_already_sends_the_leader_back_to_its_page(client, cast, entry, depts):
    entry_file(actor=cast.hung, entry=entry, text="")
    login(client, cast.hung)
    response = client.get(reverse("handling:instruct", args=[entry.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("handling:entry", args=[entry.pk])
    assert "đã ở trạng thái «Lưu, không xử lý»" in response.content.decode()
    response = client.post(
        reverse("handling:instruct", args=[entry.pk]),
        {"text": "x", "lead": f"d:{depts['tgnc'].pk}", "due_date": "28/02/2026"},
        follow=True,
    )
    assert "đã ở trạng thái «Lưu, không xử lý»" in response.content.decode()
    assert not Assignment.objects.filter(entry=entry).exists()
