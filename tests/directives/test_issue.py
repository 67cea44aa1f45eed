"""Composing, signing, numbering and dispatching — with the refused cases."""

import datetime as dt
import threading
from dataclasses import replace

import pytest
from django.db import connection

from directives.content import Signature
from directives.errors import DocumentIncomplete, DocumentNotEditable, NotAllowed, RecipientOutOfReach
from directives.models import Delivery, Document, Purpose, RegisterBook, Selection, Status
from directives.services import compose, derive, external, receipt, signing
from directives.services.compose import CitationLine, DraftContent, RecipientLine, RequirementLine, TaskLine
from portal.audit.models import Event
from portal.notifications.models import Notification


def guidance(cast, *, recipients=None, subject="Hướng dẫn công tác thông tin đối ngoại năm 2024"):
    """Lan (BTGTU drafter) writes a guidance to LĐLĐ tỉnh; Hạnh signs it."""
    cast.btgtu.addressees.add(cast.ldld)
    doc = compose.document_create_draft(actor=cast.lan, issuer=cast.btgtu, doc_type="HD")
    ext = external.external_document_register(
        actor=cast.lan,
        number_symbol="Số 132- HD/BTGTW",
        issue_date=dt.date(2023, 12, 29),
        issuer_name="Ban Tuyên giáo Trung ương",
    )
    content = DraftContent(
        doc_type="HD",
        subject=subject,
        opening="Thực hiện Hướng dẫn số 132-HD/BTGTW ngày 29/12/2023 của Ban Tuyên giáo Trung ương.",
        body=[
            {"heading": "MỤC ĐÍCH, YÊU CẦU", "text": "Nâng cao nhận thức."},
            {"heading": "TỔ CHỨC THỰC HIỆN", "text": "", "tasks_here": True},
        ],
        signature=Signature(
            authority="KT", authority_body="TRƯỞNG BAN", title="PHÓ TRƯỞNG BAN", name="Nguyễn Văn Hạnh"
        ),
        recipients=recipients
        if recipients is not None
        else [
            RecipientLine(
                label="Liên đoàn Lao động tỉnh",
                purpose=Purpose.THUC_HIEN,
                selection=Selection.UNIT,
                unit_id=cast.ldld.pk,
            ),
            RecipientLine(label="Lưu Văn phòng", purpose=Purpose.LUU, selection=Selection.NONE),
        ],
        tasks=[
            TaskLine(
                title="Liên đoàn Lao động tỉnh",
                text="Tuyên truyền trong công nhân lao động.",
                unit_ids=[cast.ldld.pk],
            )
        ],
        requirements=[
            RequirementLine(title="Báo cáo 6 tháng", frequency="semiannual", to_unit_id=cast.btgtu.pk),
            RequirementLine(title="Báo cáo năm", frequency="annual", to_unit_id=cast.btgtu.pk),
        ],
        citations=[CitationLine(target_id=ext.pk)],
    )
    return compose.document_save_draft(actor=cast.lan, document=doc, content=content)


def test_it_issues_with_the_party_number_and_delivers(cast):
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))
    doc = signing.document_issue(actor=cast.hanh, document=doc)
    assert doc.status == Status.ISSUED and doc.number == 1 and doc.number_symbol == "01-HD/BTGTU"
    assert doc.pdf and len(doc.pdf_sha256) == 64
    assert list(Delivery.objects.filter(document=doc).values_list("unit__code", "purpose")) == [
        ("bg-ldld", "thuc_hien")
    ]
    received = Notification.objects.filter(kind="document.received")
    assert set(received.values_list("recipient__username", flat=True)) == {"hung", "mai", "thu", "son"}
    # Its «Tổ chức thực hiện» gives LĐLĐ tỉnh a task, which its leader hears of (directives.handling).
    assert Notification.objects.get(kind="task.assigned").recipient == cast.hung
    assert Event.objects.filter(action="document.issued", object_id=str(doc.pk), actor=cast.hanh).exists()


def test_it_numbers_state_and_union_bodies_per_year_with_a_leading_zero(cast):
    doc = compose.document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="CV")
    content = compose.content_of(doc)
    content.subject, content.department = "V/v hướng dẫn công tác thông tin đối ngoại năm 2024", "TG&NC"
    content.opening = "Căn cứ …"
    content.signature = replace(content.signature, title="PHÓ CHỦ TỊCH", name="Nguyễn Mạnh Hùng")
    content.recipients = [
        RecipientLine(
            label="LĐLĐ các huyện", selection=Selection.CHILDREN, unit_id=cast.ldld.pk, in_kinh_gui=True
        )
    ]
    doc = compose.document_save_draft(actor=cast.mai, document=doc, content=content)
    doc = signing.document_issue(actor=cast.hung, document=doc)
    assert doc.number_symbol == "01/LĐLĐ-TG&NC"
    assert set(Delivery.objects.filter(document=doc).values_list("unit__code", flat=True)) == {
        "bg-ldld-yenthe",
        "bg-ldld-tanyen",
    }
    assert RegisterBook.objects.get(unit=cast.ldld).reset == "yearly"


def test_it_refuses_to_edit_an_issued_document(cast):
    doc = signing.document_issue(actor=cast.hanh, document=guidance(cast))
    with pytest.raises(DocumentNotEditable):
        compose.document_save_draft(actor=cast.lan, document=doc, content=compose.content_of(doc))
    assert Document.objects.get(pk=doc.pk).subject == doc.subject


def test_it_refuses_issuing_without_the_signer_role(cast):
    doc = guidance(cast)
    with pytest.raises(NotAllowed, match="lãnh đạo"):
        signing.document_issue(actor=cast.lan, document=doc)
    doc.refresh_from_db()
    assert doc.status == Status.DRAFT and doc.number is None and not Delivery.objects.exists()


def test_it_refuses_issuing_without_recipients_or_subject(cast):
    doc = guidance(cast, recipients=[], subject="")
    with pytest.raises(DocumentIncomplete) as refused:
        signing.document_issue(actor=cast.hanh, document=doc)
    assert "trích yếu" in refused.value.message and "nơi nhận" in refused.value.message
    assert Document.objects.get(pk=doc.pk).number is None


def test_it_refuses_a_recipient_outside_the_reach(cast):
    doc = guidance(cast)
    content = compose.content_of(doc)
    content.recipients.append(RecipientLine(label="Đảng ủy xã Bản Lang", unit_id=cast.laichau.pk))
    with pytest.raises(RecipientOutOfReach, match="Đảng ủy xã Bản Lang"):
        compose.document_save_draft(actor=cast.lan, document=doc, content=content)
    assert doc.recipients.count() == 2


def test_it_matches_an_external_document_instead_of_duplicating_it(cast):
    a = external.external_document_register(
        actor=cast.lan, number_symbol="57-KL/TW", issue_date=dt.date(2023, 6, 15), issuer_name="Bộ Chính trị"
    )
    b = external.external_document_register(
        actor=cast.mai,
        number_symbol="Số 57 - KL/TW",
        issue_date=dt.date(2023, 6, 15),
        issuer_name="Bộ Chính trị",
    )
    assert a.pk == b.pk and Document.objects.filter(is_external=True, number_symbol="57-KL/TW").count() == 1


def test_the_recipient_acknowledges_and_derives_its_plan(cast):
    source = signing.document_issue(actor=cast.hanh, document=guidance(cast))
    delivery = Delivery.objects.get(document=source, unit=cast.ldld)
    receipt.delivery_acknowledge(actor=cast.mai, delivery=delivery)
    plan = derive.document_derive(actor=cast.mai, delivery=delivery)
    assert plan.issuer_id == cast.ldld.pk and plan.status == Status.DRAFT
    assert plan.opening.startswith("<p>Thực hiện Hướng dẫn số 01-HD/BTGTU ngày")
    assert "của Ban Tuyên giáo Tỉnh ủy Bắc Giang" in plan.opening
    assert [t.text for t in plan.tasks.all()] == ["Tuyên truyền trong công nhân lao động."]
    reqs = list(plan.requirements.all())
    assert [(r.frequency, r.to_unit_id, r.lead_days > 0) for r in reqs] == [
        ("semiannual", cast.ldld.pk, True),
        ("annual", cast.ldld.pk, True),
    ]
    content = compose.content_of(plan)
    content.signature = replace(content.signature, title="PHÓ CHỦ TỊCH", name="Nguyễn Mạnh Hùng")
    plan = signing.document_issue(
        actor=cast.hung, document=compose.document_save_draft(actor=cast.mai, document=plan, content=content)
    )
    assert Delivery.objects.get(pk=delivery.pk).implemented_by_id == plan.pk
    assert set(Delivery.objects.filter(document=plan).values_list("unit__code", flat=True)) == {
        "bg-ldld-yenthe",
        "bg-ldld-tanyen",
        "bg-btgtu",
    }


def test_an_outsider_cannot_acknowledge(cast):
    source = signing.document_issue(actor=cast.hanh, document=guidance(cast))
    with pytest.raises(NotAllowed):
        receipt.delivery_acknowledge(actor=cast.charlie, delivery=Delivery.objects.get(document=source))


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_issues_get_fifty_consecutive_numbers(tcast):
    cast = tcast
    drafts = []
    for i in range(50):
        doc = compose.document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="KH")
        content = compose.content_of(doc)
        content.subject, content.opening = f"Kế hoạch số thứ {i}", "Thực hiện …"
        content.signature = replace(content.signature, title="PHÓ CHỦ TỊCH", name="Nguyễn Mạnh Hùng")
        content.recipients = [RecipientLine(label="LĐLĐ huyện Yên Thế", unit_id=cast.yenthe.pk)]
        drafts.append(compose.document_save_draft(actor=cast.mai, document=doc, content=content))
    errors = []
    barrier = threading.Barrier(10)

    def issue(batch):
        try:
            barrier.wait()
            for d in batch:
                signing.document_issue(actor=cast.hung, document=d, render=False)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(drafts[i::10],)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = sorted(Document.objects.filter(issuer=cast.ldld).values_list("number", flat=True))
    assert numbers == list(range(1, 51))


def test_issuing_to_many_units_costs_the_same_queries(cast, django_assert_num_queries):
    from django.test.utils import CaptureQueriesContext

    from portal.org.models import Unit

    def grow(n, prefix):
        parent = Unit.objects.get(pk=cast.tanyen.pk)
        start = parent.numchild + 1
        Unit.objects.bulk_create(
            [
                Unit(
                    path=Unit._get_path(parent.path, parent.depth + 1, start + i),
                    depth=parent.depth + 1,
                    numchild=0,
                    code=f"{prefix}{i}",
                    name=f"CĐCS {i}",
                    short_name="CĐCS",
                    kind="union_grassroots",
                    regime="union",
                )
                for i in range(n)
            ]
        )
        Unit.objects.filter(pk=parent.pk).update(numchild=start - 1 + n)

    def plan(label):
        doc = compose.document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="KH")
        content = compose.content_of(doc)
        content.subject, content.opening = label, "Thực hiện …"
        content.signature = replace(content.signature, title="PHÓ CHỦ TỊCH", name="Nguyễn Mạnh Hùng")
        content.recipients = [
            RecipientLine(label="Các CĐCS", selection=Selection.SUBTREE, unit_id=cast.tanyen.pk)
        ]
        return compose.document_save_draft(actor=cast.mai, document=doc, content=content)

    grow(10, "a")
    # The first issue of a unit also opens its register; measure from the second on.
    signing.document_issue(actor=cast.hung, document=plan("mở sổ"), render=False)
    small = plan("nhỏ")
    with CaptureQueriesContext(connection) as few:
        signing.document_issue(actor=cast.hung, document=small, render=False)
    grow(5000, "b")
    large = plan("lớn")
    with django_assert_num_queries(len(few)):
        signing.document_issue(actor=cast.hung, document=large, render=False)
    assert Delivery.objects.filter(document=large).count() == 5011
