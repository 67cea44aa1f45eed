"""The recall (thu hồi văn bản, Nghị định 30/2020 Art. 18.4b).

Hạnh (signer, BTG Tỉnh ủy) recalls a guidance sent to LĐLĐ tỉnh Bắc Giang and LĐLĐ huyện Yên Thế. Every copy reads
«Đã thu hồi» with the reason; LĐLĐ tỉnh's register entry becomes «Đã bị thu hồi» and the open tasks of the document
are cancelled (done ones stay); its report obligations are excused by reporting. Thu (clerk of LĐLĐ tỉnh) confirms
the withdrawal once; Hạnh is told and her page counts «Đã xác nhận thu hồi: 1/2 đơn vị». Refused: Lan (a drafter)
recalling, Mai (a drafter) and Hùng (a leader) confirming for LĐLĐ tỉnh, Charlie (an outsider) anywhere, a second
confirmation, a confirmation before the recall and one for a copy returned to the sender.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from directives.errors import DeliveryRefused, DocumentIncomplete, NotAllowed, RecallAlreadyConfirmed
from directives.handling.models import AssignmentState, EntryState
from directives.handling.services import incoming
from directives.models import Delivery, Purpose, Selection, Status
from directives.services import receipt, signing
from portal.audit.models import Event
from portal.notifications.models import Notification

REASON = "Ban hành nhầm đối tượng; sẽ ban hành văn bản thay thế."


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def send(cast, *, tasks=False, requirement=False):
    """Lan drafts a guidance to LĐLĐ tỉnh and LĐLĐ huyện Yên Thế, Hạnh issues it; optionally with a task for LĐLĐ
    tỉnh and a report LĐLĐ tỉnh owes back."""
    from directives.content import Signature
    from directives.services import compose
    from directives.services.compose import DraftContent, RecipientLine, RequirementLine, TaskLine

    cast.btgtu.addressees.add(cast.ldld)
    due = timezone.localdate() + dt.timedelta(days=30)
    doc = compose.document_create_draft(actor=cast.lan, issuer=cast.btgtu, doc_type="HD")
    content = DraftContent(
        doc_type="HD",
        subject="Hướng dẫn tuyên truyền kỷ niệm 96 năm Ngày thành lập Đảng",
        opening="Thực hiện chương trình công tác năm 2026.",
        body=[{"heading": "TỔ CHỨC THỰC HIỆN", "text": "", "tasks_here": bool(tasks)}],
        signature=Signature(authority="KT", authority_body="TRƯỞNG BAN", title="PHÓ TRƯỞNG BAN", name="Hạnh"),
        recipients=[
            RecipientLine(
                label=unit.name, purpose=Purpose.THUC_HIEN, selection=Selection.UNIT, unit_id=unit.pk
            )
            for unit in (cast.ldld, cast.yenthe)
        ],
        tasks=[
            TaskLine(title="LĐLĐ tỉnh", text="Tổ chức tuyên truyền", unit_ids=[cast.ldld.pk], due_date=due)
        ]
        if tasks
        else [],
        requirements=[
            RequirementLine(
                title="Báo cáo kết quả tuyên truyền", frequency="once", to_unit_id=cast.btgtu.pk, due_date=due
            )
        ]
        if requirement
        else [],
    )
    doc = compose.document_save_draft(actor=cast.lan, document=doc, content=content)
    return signing.document_issue(actor=cast.hanh, document=doc, render=False)


def delivery_of(doc, unit) -> Delivery:
    return Delivery.objects.select_related("document", "unit").get(document=doc, unit=unit)


# --- the recall itself ------------------------------------------------------------------------------------------


def test_it_recalls_every_copy_and_each_recipient_reads_why(cast, login):
    doc = send(cast)
    signing.document_revoke(actor=cast.hanh, document=doc, reason=REASON)

    doc.refresh_from_db()
    assert doc.status == Status.REVOKED and doc.revoked_reason == REASON
    told = Notification.objects.filter(kind="document.revoked")
    assert told.filter(recipient=cast.thu).exists() and told.filter(recipient=cast.binh).exists()
    assert REASON in told.filter(recipient=cast.thu).get().body

    client = login(cast.thu)
    page = client.get(reverse("directives:detail", args=[doc.pk])).content.decode()
    assert "Đã thu hồi" in page and REASON in page
    assert "Xác nhận thu hồi" in page and "Chưa xác nhận thu hồi" in page
    assert "Xác nhận đã tiếp nhận" not in page and "Xây dựng văn bản triển khai" not in page
    inbox = client.get(reverse("directives:inbox"), {"loc": "thu-hoi"}).content.decode()
    assert "Đã thu hồi" in inbox and doc.number_symbol in inbox and "chưa xác nhận" in inbox
    pending = client.get(reverse("directives:inbox"), {"loc": "can-xu-ly"}).content.decode()
    assert doc.number_symbol in pending  # the recall waits for Thu's confirmation


def test_only_the_issuing_signer_recalls_and_only_with_a_reason(cast, login):
    doc = send(cast)
    # A drafter of the issuer, a leader of a recipient (another issuer's document), an outsider.
    for person in (cast.lan, cast.hung, cast.binh, cast.charlie):
        with pytest.raises(NotAllowed):
            signing.document_revoke(actor=person, document=doc, reason=REASON)
    assert (
        login(cast.hung).post(reverse("directives:revoke", args=[doc.pk]), {"reason": REASON}).status_code
        == 302
    )
    assert (
        login(cast.charlie).post(reverse("directives:revoke", args=[doc.pk]), {"reason": REASON}).status_code
        == 404
    )
    assert not Event.objects.filter(action="document.revoked").exists()
    with pytest.raises(DocumentIncomplete):
        signing.document_revoke(actor=cast.hanh, document=doc, reason="   ")
    doc.refresh_from_db()
    assert doc.status == Status.ISSUED
    assert (
        "Thu hồi văn bản"
        not in login(cast.lan).get(reverse("directives:detail", args=[doc.pk])).content.decode()
    )

    client = login(cast.hanh)
    page = client.get(reverse("directives:detail", args=[doc.pk])).content.decode()
    assert "Thu hồi văn bản" in page and "Lý do thu hồi" in page
    response = client.post(reverse("directives:revoke", args=[doc.pk]), {"reason": REASON}, follow=True)
    assert "Đã thu hồi văn bản." in response.content.decode()
    doc.refresh_from_db()
    assert doc.status == Status.REVOKED


def test_the_recipient_clerk_confirms_once_and_the_issuer_counts_it(cast, login):
    doc = send(cast)
    signing.document_revoke(actor=cast.hanh, document=doc, reason=REASON)

    client = login(cast.thu)
    response = client.post(reverse("directives:recall_confirm", args=[doc.pk]), follow=True)
    assert "Đã xác nhận thu hồi văn bản" in response.content.decode()
    copy = delivery_of(doc, cast.ldld)
    assert copy.recall_confirmed_at is not None and copy.recall_confirmed_by == cast.thu
    assert Event.objects.filter(
        action="delivery.recall_confirmed", actor=cast.thu, object_id=str(doc.pk)
    ).exists()
    told = Notification.objects.get(kind="delivery.recall_confirmed", recipient=cast.hanh)
    assert "Liên đoàn Lao động tỉnh Bắc Giang" in told.body

    page = client.get(reverse("directives:detail", args=[doc.pk])).content.decode()
    assert "Đã xác nhận thu hồi lúc" in page and ">Xác nhận thu hồi</button>" not in page

    # A second confirmation (another tab) is refused and changes nothing.
    when = copy.recall_confirmed_at
    with pytest.raises(RecallAlreadyConfirmed) as refused:
        receipt.delivery_recall_confirm(actor=cast.thu, delivery=copy)
    assert refused.value.status == 409
    again = client.post(reverse("directives:recall_confirm", args=[doc.pk]), follow=True).content.decode()
    assert "đã xác nhận thu hồi văn bản này" in again
    assert delivery_of(doc, cast.ldld).recall_confirmed_at == when

    issuer_page = login(cast.hanh).get(reverse("directives:detail", args=[doc.pk])).content.decode()
    assert "Đã xác nhận thu hồi: 1/2 đơn vị" in issuer_page
    assert "Thu Lê" in issuer_page or "Lê Thị Thu" in issuer_page
    waiting = login(cast.hanh).get(
        reverse("directives:detail", args=[doc.pk]), {"loc": "chua-xac-nhan-thu-hoi"}
    )
    rows = waiting.content.decode().split('data-testid="tracking"')[1]
    assert "Liên đoàn Lao động huyện Yên Thế" in rows and "Liên đoàn Lao động tỉnh Bắc Giang" not in rows


def test_the_confirmation_is_refused_to_others_and_before_the_recall(cast, login):
    doc = send(cast)
    copy = delivery_of(doc, cast.ldld)
    with pytest.raises(DeliveryRefused):
        receipt.delivery_recall_confirm(actor=cast.thu, delivery=copy)  # not recalled yet
    signing.document_revoke(actor=cast.hanh, document=doc, reason=REASON)
    for person in (cast.mai, cast.hung, cast.charlie, cast.hanh):
        with pytest.raises(NotAllowed):
            receipt.delivery_recall_confirm(actor=person, delivery=copy)
    page = login(cast.mai).get(reverse("directives:detail", args=[doc.pk])).content.decode()
    assert ">Xác nhận thu hồi</button>" not in page
    login(cast.mai).post(reverse("directives:recall_confirm", args=[doc.pk]))
    assert login(cast.charlie).post(reverse("directives:recall_confirm", args=[doc.pk])).status_code == 404
    assert delivery_of(doc, cast.ldld).recall_confirmed_at is None
    assert not Event.objects.filter(action="delivery.recall_confirmed").exists()


def test_a_copy_returned_to_the_sender_needs_no_confirmation(cast):
    doc = send(cast)
    Delivery.objects.filter(document=doc, unit=cast.ldld).update(
        returned_at=timezone.now(), returned_reason="Chữ ký số không hợp lệ", returned_by=cast.thu
    )
    signing.document_revoke(actor=cast.hanh, document=doc, reason=REASON)
    with pytest.raises(DeliveryRefused):
        receipt.delivery_recall_confirm(actor=cast.thu, delivery=delivery_of(doc, cast.ldld))


def test_the_api_confirms_and_answers_a_refusal_with_the_problem_body(cast, client):
    doc = send(cast)
    signing.document_revoke(actor=cast.hanh, document=doc, reason=REASON)
    url = f"/api/v1/documents/{doc.pk}/recall-confirm/"
    client.force_login(cast.mai)
    refused = client.post(url)
    assert refused.status_code == 403 and refused.json()["code"] == "not_allowed"
    client.force_login(cast.thu)
    done = client.post(url)
    assert done.status_code == 200 and done.json()["recall_confirmed_at"]
    again = client.post(url)
    assert again.status_code == 409 and again.json()["code"] == "recall_already_confirmed"
    client.force_login(cast.charlie)
    assert client.post(url).status_code == 404


# --- what the recall does on the receiving side ---------------------------------------------------------------


def assign(cast, entry, **fields):
    """A task of Hùng's instruction on the entry (as the instruction service writes it)."""
    from directives.handling.models import Assignment, Decision, Instruction

    instruction = Instruction.objects.create(
        entry=entry, author=cast.hung, decision=Decision.ASSIGN, text="Giao"
    )
    due = timezone.localdate() + dt.timedelta(days=10)
    values = dict(
        instruction=instruction,
        entry=entry,
        document=entry.document,
        unit=entry.unit,
        title=entry.subject,
        due_date=due,
        original_due_date=due,
        assigned_by=cast.hung,
        assigned_at=timezone.now(),
        next_stage="before",
        next_action_at=timezone.now() + dt.timedelta(days=7),
    )
    values.update(fields)
    return Assignment.objects.create(**values)


def test_the_register_entry_is_marked_recalled_and_open_tasks_cancelled(cast):
    doc = send(cast, tasks=True)
    entry = incoming.entry_register_delivery(
        actor=cast.thu, delivery=delivery_of(doc, cast.ldld), handler=cast.hung
    )
    lead = assign(cast, entry, department=cast.tgnc)
    done = assign(cast, entry, person=cast.mai, state=AssignmentState.DONE, completed_at=timezone.now())
    other_doc = send(cast)
    other_entry = incoming.entry_register_delivery(
        actor=cast.thu, delivery=delivery_of(other_doc, cast.ldld), handler=cast.hung
    )
    other = assign(cast, other_entry, department=cast.vp)
    from_directive = list(doc.assignments.filter(state=AssignmentState.OPEN).exclude(pk=lead.pk))

    signing.document_revoke(actor=cast.hanh, document=doc, reason=REASON)

    entry.refresh_from_db()
    assert entry.state == EntryState.RECALLED and entry.recalled_at is not None
    assert Event.objects.filter(action="incoming.recalled", object_id=str(entry.pk)).count() == 1
    assert Notification.objects.filter(kind="incoming.recalled", recipient=cast.hung).exists()
    lead.refresh_from_db(), done.refresh_from_db(), other.refresh_from_db()
    assert lead.state == AssignmentState.CANCELLED and lead.next_action_at is None
    assert done.state == AssignmentState.DONE and other.state == AssignmentState.OPEN
    assert all(
        a.state == AssignmentState.CANCELLED
        for a in doc.assignments.filter(pk__in=[a.pk for a in from_directive])
    )


def test_its_report_obligations_are_excused(cast):
    from reporting.models import Obligation, ObligationStatus

    doc = send(cast, requirement=True)
    owed = Obligation.objects.filter(requirement__document=doc)
    assert owed.exists() and not owed.filter(status=ObligationStatus.EXCUSED).exists()
    signing.document_revoke(actor=cast.hanh, document=doc, reason=REASON)
    assert set(owed.values_list("status", flat=True)) == {ObligationStatus.EXCUSED}
    assert set(owed.values_list("excused_reason", flat=True)) == {REASON}


def test_the_issuer_page_counts_confirmations_in_constant_queries(cast, login, django_assert_max_num_queries):
    doc = send(cast)
    signing.document_revoke(actor=cast.hanh, document=doc, reason=REASON)
    receipt.delivery_recall_confirm(actor=cast.thu, delivery=delivery_of(doc, cast.ldld))
    client = login(cast.hanh)
    client.get(reverse("directives:detail", args=[doc.pk]))  # warm the per-request caches
    with django_assert_max_num_queries(40) as before:
        client.get(reverse("directives:detail", args=[doc.pk]))
    for code in ("bg-ldld-tanyen",):
        Delivery.objects.create(
            document=doc, unit=cast.units[code], purpose=Purpose.THUC_HIEN, delivered_at=timezone.now()
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        page = client.get(reverse("directives:detail", args=[doc.pk])).content.decode()
    assert "Đã xác nhận thu hồi: 1/3 đơn vị" in page


def test_the_leaders_instruction_is_cancelled_and_the_recalled_entry_takes_no_more(cast):
    from directives.handling.errors import AlreadyDone
    from directives.handling.services.instruction import Assignee, entry_instruct

    doc = send(cast)
    entry = incoming.entry_register_delivery(
        actor=cast.thu, delivery=delivery_of(doc, cast.ldld), handler=cast.hung
    )
    due = timezone.localdate() + dt.timedelta(days=15)
    entry_instruct(
        actor=cast.hung,
        entry=entry,
        text="Giao Ban Tuyên giáo - Nữ công chủ trì, Văn phòng phối hợp.",
        lead=Assignee(department=cast.tgnc),
        supports=[Assignee(department=cast.vp)],
        due_date=due,
    )
    tasks = entry.assignments.all()
    assert tasks.count() == 2 and set(tasks.values_list("state", flat=True)) == {AssignmentState.OPEN}

    signing.document_revoke(actor=cast.hanh, document=doc, reason=REASON)

    assert set(tasks.values_list("state", flat=True)) == {AssignmentState.CANCELLED}
    assert set(tasks.values_list("cancelled_reason", flat=True)) == {REASON}
    entry.refresh_from_db()
    with pytest.raises(AlreadyDone):
        entry_instruct(
            actor=cast.hung, entry=entry, text="Giao lại.", lead=Assignee(department=cast.tgnc), due_date=due
        )
    with pytest.raises(AlreadyDone):
        incoming.entry_route(actor=cast.thu, entry=entry, handler=cast.hung)
    entry.refresh_from_db()
    assert entry.state == EntryState.RECALLED and entry.assignments.count() == 2
