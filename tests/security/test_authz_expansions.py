"""The authorisation matrix extended to expansions (issue 20): what an action reaches through what it names.

Each declaration of tests/security/matrix.py (REACH, SUCCESSORS, CITATIONS, IMPORTED_ACCOUNTS) runs through
every door that writes it; a REFUSED case must be refused with a Vietnamese message and write nothing — no
draft change, no delivery, no obligation, no notification, no register number, no account change.
Besides the declarations: the cascade page (finding 3), related documents (4), self-acceptance (5) and the
records of documents from outside the system (7).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from directives.content import Signature
from directives.errors import DocumentNotEditable, NotAllowed, RecipientOutOfReach
from directives.models import (
    Delivery,
    Document,
    DocumentRelation,
    Recipient,
    RegisterCounter,
    ReportingRequirement,
    Task,
)
from directives.services import compose, external, signing
from directives.services.compose import CitationLine, DraftContent, RecipientLine, RequirementLine, TaskLine
from portal.audit.models import Event
from portal.notifications.models import Notification
from portal.org.imports import ImportRefused, import_file
from portal.org.models import Membership
from portal.org.services import UnitError, membership_grant, unit_close
from reporting.errors import NotAllowed as ReportingNotAllowed
from reporting.models import Obligation, Report
from reporting.services import (
    adhoc_request_create,
    obligations_create_for_document,
    report_accept,
    report_submit,
)
from tests.reporting.conftest import add_requirement, make_document
from tests.security.matrix import (
    ADHOC_REQUESTS,
    CITATIONS,
    IMPORTED_ACCOUNTS,
    REACH,
    REFUSED,
    SUCCESSORS,
    Reach,
)

pytestmark = pytest.mark.security

DRAFTER = {"yenthe": "binh", "btgtu": "lan"}
SIGNER = {"yenthe": "binh", "btgtu": "hanh"}


@pytest.fixture(autouse=True)
def _fast(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _base(cast, issuer) -> DraftContent:
    """A complete draft with one legitimate recipient: cdcs below Yên Thế to carry out; Ban Tuyên giáo, with
    nothing below it, reports to its Tỉnh ủy."""
    recipient = (
        RecipientLine(label="CĐCS Trường THCS Bố Hạ", unit_id=cast.cdcs.pk)
        if issuer == cast.yenthe
        else RecipientLine(label="Tỉnh ủy", purpose="bao_cao", unit_id=cast.tinhuy.pk)
    )
    return DraftContent(
        doc_type="KH",
        subject="Kế hoạch tuyên truyền năm 2024",
        body=[{"heading": "MỤC ĐÍCH", "text": "<p>Nội dung</p>"}],
        signature=Signature(title="CHỦ TỊCH", name="Hoàng Văn Bình"),
        recipients=[recipient],
    )


@pytest.fixture
def world(cast):
    return cast


def _line(case: Reach, cast) -> dict:
    """The case as the part of DraftContent it changes."""
    unit = getattr(cast, case.unit)
    if case.line == "recipient":
        return {
            "recipients": [
                RecipientLine(
                    label=f"Dòng thử: {case.name}",
                    purpose=case.purpose,
                    selection=case.selection,
                    unit_id=unit.pk,
                    kind=case.kind,
                )
            ]
        }
    if case.line == "task":
        return {"tasks": [TaskLine(title="Giao nhiệm vụ", text="Tổ chức tuyên truyền.", unit_ids=[unit.pk])]}
    issuer = getattr(cast, case.issuer)
    kwargs = {
        "to": {"to_unit_id": unit.pk},
        "via": {"to_unit_id": issuer.pk, "via_unit_id": unit.pk},
        "named": {"to_unit_id": issuer.pk, "named_unit_ids": [unit.pk]},
    }[case.line]
    return {
        "requirements": [
            RequirementLine(
                title="Báo cáo kết quả",
                frequency="once",
                due_date=timezone.localdate() + dt.timedelta(days=30),
                reporters="named" if case.line == "named" else "recipients",
                **kwargs,
            )
        ]
    }


def _where(case: Reach) -> str:
    return {
        "recipient": "Nơi nhận dòng 2",
        "task": "Nhiệm vụ 1",
        "to": "Chế độ báo cáo 1 («Báo cáo kết quả»), gửi về",
        "via": "Chế độ báo cáo 1 («Báo cáo kết quả»), qua",
        "named": "Chế độ báo cáo 1 («Báo cáo kết quả»), đơn vị báo cáo",
    }[case.line]


def _prepare(case: Reach, cast):
    issuer = getattr(cast, case.issuer)
    for code in case.addressees:
        issuer.addressees.add(getattr(cast, code))
    drafter = getattr(cast, DRAFTER[case.issuer])
    draft = compose.document_create_draft(actor=drafter, issuer=issuer, doc_type="KH")
    draft = compose.document_save_draft(actor=drafter, document=draft, content=_base(cast, issuer))
    return issuer, drafter, draft


def _content(case: Reach, cast, issuer) -> DraftContent:
    content = _base(cast, issuer)
    for part, items in _line(case, cast).items():
        getattr(content, part).extend(items)
    return content


def _snapshot(draft) -> tuple:
    draft.refresh_from_db()
    return (
        draft.version,
        draft.status,
        draft.number,
        list(draft.recipients.values_list("unit_id", "purpose", "selection")),
        list(Task.objects.filter(document=draft).values_list("id", flat=True)),
        list(ReportingRequirement.objects.filter(document=draft).values_list("id", flat=True)),
        Delivery.objects.filter(document=draft).count(),
        Obligation.objects.count(),
        Notification.objects.count(),
        list(RegisterCounter.objects.values_list("last_number", flat=True)),
    )


# --- finding 2: the reach rule, through the service every editor save uses ---------------------------------------


@pytest.mark.parametrize("case", REACH, ids=[c.name for c in REACH])
def test_a_draft_is_saved_only_within_reach(world, case):
    cast = world
    issuer, drafter, draft = _prepare(case, cast)
    before = _snapshot(draft)

    if case.expect == REFUSED:
        with pytest.raises(RecipientOutOfReach) as refused:
            compose.document_save_draft(actor=drafter, document=draft, content=_content(case, cast, issuer))
        assert refused.value.message.startswith(_where(case))
        # A unit outside every reach is never named, so the refusal tells nothing about the id.
        if case.unit in ("laichau", "tanyen"):
            assert getattr(cast, case.unit).name not in refused.value.message
        assert _snapshot(draft) == before
    else:
        saved = compose.document_save_draft(
            actor=drafter, document=draft, content=_content(case, cast, issuer)
        )
        assert saved.version == before[0] + 1


# --- ... through the API's PATCH -------------------------------------------------------------------------------

RECIPIENT_CASES = [c for c in REACH if c.line == "recipient"]


@pytest.mark.parametrize("case", RECIPIENT_CASES, ids=[c.name for c in RECIPIENT_CASES])
def test_the_api_patch_goes_through_the_same_rule(world, client, case):
    cast = world
    issuer, drafter, draft = _prepare(case, cast)
    before = _snapshot(draft)
    client.force_login(drafter)
    lines = [
        {"label": r.label, "purpose": r.purpose, "selection": r.selection, "unit": r.unit_id, "kind": r.kind}
        for r in _content(case, cast, issuer).recipients
    ]

    response = client.patch(
        f"/api/v1/documents/{draft.pk}/",
        {"version": draft.version, "recipients": lines},
        content_type="application/json",
    )

    if case.expect == REFUSED:
        assert response.status_code == 400, response.content
        assert response.json()["code"] == "recipient_out_of_reach"
        assert response.json()["message"].startswith("Nơi nhận dòng 2")
        assert _snapshot(draft) == before
    else:
        assert response.status_code == 200, response.content


EDITOR_CASES = [c for c in RECIPIENT_CASES if c.unit in ("ldld", "tld", "yenthe", "cdcs")]


@pytest.mark.parametrize("case", EDITOR_CASES, ids=[c.name for c in EDITOR_CASES])
def test_the_editor_page_goes_through_the_same_rule(world, client, case):
    """The editor offers units above (they may be informed); what it sends them is the rule's business."""
    cast = world
    issuer, drafter, draft = _prepare(case, cast)
    before = _snapshot(draft)
    client.force_login(drafter)
    response = client.post(
        reverse("directives:edit", args=[draft.pk]),
        {
            "doc_type": "KH",
            "subject": draft.subject,
            "version": draft.version,
            "action": "save",
            "rcp-0-label": "Dòng thử",
            "rcp-0-unit": str(getattr(cast, case.unit).pk),
            "rcp-0-selection": case.selection,
            "rcp-0-kind": case.kind,
            "rcp-0-purpose": case.purpose,
        },
    )

    if case.expect == REFUSED:
        assert response.status_code == 400
        assert "Nơi nhận dòng 1" in response.content.decode()
        assert _snapshot(draft) == before
    else:
        assert response.status_code in (200, 302)
        assert Recipient.objects.filter(document=draft, unit=getattr(cast, case.unit)).exists()


# --- ... and again at submit and issue, on a draft written before the rule (or a tree that changed) -----------------


def _write_behind_the_rule(case: Reach, cast, draft, issuer) -> None:
    """Write the line straight into the tables, as a draft saved before this rule (or moved units) leaves it."""
    unit = getattr(cast, case.unit)
    if case.line == "recipient":
        Recipient.objects.create(
            document=draft,
            order=5,
            label="Dòng cũ",
            purpose=case.purpose,
            selection=case.selection,
            unit=unit,
            kind=case.kind,
        )
    elif case.line == "task":
        Task.objects.create(document=draft, order=1, title="Giao nhiệm vụ", text="Tổ chức.").units.add(unit)
    else:
        to_unit = unit if case.line == "to" else issuer
        add_requirement(
            draft,
            frequency="once",
            due_date=timezone.localdate() + dt.timedelta(days=30),
            to_unit=to_unit,
            via_unit=unit if case.line == "via" else None,
            named=[unit] if case.line == "named" else (),
        )


@pytest.mark.parametrize("case", REACH, ids=[c.name for c in REACH])
def test_issuing_checks_the_rule_again_and_writes_nothing_when_refused(world, case):
    cast = world
    issuer, drafter, draft = _prepare(case, cast)
    _write_behind_the_rule(case, cast, draft, issuer)
    before = _snapshot(draft)
    signer = getattr(cast, SIGNER[case.issuer])

    if case.expect == REFUSED:
        with pytest.raises(RecipientOutOfReach):
            signing.document_submit(actor=drafter, document=draft)
        with pytest.raises(RecipientOutOfReach):
            signing.document_issue(actor=signer, document=draft, render=False)
        # Still a draft: no number taken, no delivery, no obligation, nobody notified.
        assert _snapshot(draft) == before
    else:
        issued = signing.document_issue(actor=signer, document=draft, render=False)
        assert issued.status == "issued"
        assert Delivery.objects.filter(document=issued).exists()


def test_an_issue_notifies_every_member_below_and_only_leaders_and_clerks_of_a_unit_above(world):
    """yenthe sends its plan to cdcs to carry out, and a copy to LĐLĐ tỉnh «để báo cáo»: everyone at cdcs hears
    of it; at the province only its leader (hùng) and clerk (thu), not every drafter or administrator there."""
    cast = world
    content = _base(cast, cast.yenthe)
    content.recipients.append(
        RecipientLine(label="LĐLĐ tỉnh (để báo cáo)", purpose="bao_cao", unit_id=cast.ldld.pk)
    )
    draft = compose.document_create_draft(actor=cast.binh, issuer=cast.yenthe, doc_type="KH")
    draft = compose.document_save_draft(actor=cast.binh, document=draft, content=content)

    signing.document_issue(actor=cast.binh, document=draft, render=False)

    told = set(
        Notification.objects.filter(kind="document.received").values_list("recipient__username", flat=True)
    )
    assert told == {"tuan", "khanh", "hung", "thu"}  # cdcs: its reporter and its chairman


@pytest.mark.parametrize("case", ADHOC_REQUESTS, ids=[c.name for c in ADHOC_REQUESTS])
def test_a_dot_xuat_request_asks_only_units_within_reach(world, case):
    cast = world
    unit = getattr(cast, case.target)
    counts = (ReportingRequirement.objects.count(), Obligation.objects.count(), Notification.objects.count())
    ask = {
        "actor": getattr(cast, case.actor),
        "from_unit": cast.ldld,
        "to_units": [unit],
        "title": "Báo cáo nhanh",
        "due_date": timezone.localdate() + dt.timedelta(days=5),
    }
    if case.expect == REFUSED:
        with pytest.raises(ReportingNotAllowed, match="thuộc phạm vi chỉ đạo"):
            adhoc_request_create(**ask)
        assert (
            ReportingRequirement.objects.count(),
            Obligation.objects.count(),
            Notification.objects.count(),
        ) == counts
    else:
        adhoc_request_create(**ask)
        assert Obligation.objects.filter(unit=unit).count() == 1


# --- finding 6: a merger's successor -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", SUCCESSORS, ids=[c.name for c in SUCCESSORS])
def test_a_merger_successor_lies_within_the_admins_reach(world, case):
    cast = world
    successor = getattr(cast, case.target)
    on = timezone.localdate()
    events = Event.objects.count()
    if case.expect == REFUSED:
        with pytest.raises(UnitError, match="thuộc phạm vi bạn quản trị"):
            unit_close(actor=getattr(cast, case.actor), unit=cast.yenthe, on_date=on, successor=successor)
        cast.yenthe.refresh_from_db()
        assert (cast.yenthe.active_to, cast.yenthe.successor_id, Event.objects.count()) == (
            None,
            None,
            events,
        )
    else:
        unit_close(actor=getattr(cast, case.actor), unit=cast.yenthe, on_date=on, successor=successor)
        cast.yenthe.refresh_from_db()
        assert cast.yenthe.successor_id == successor.pk


def test_the_close_form_answers_an_out_of_scope_successor_as_one_that_does_not_exist(world, client):
    """The form's refusal must not tell whether a unit exists outside the administrator's reach."""
    cast = world
    client.force_login(cast.son)
    url = reverse("org:unit_close", args=[cast.yenthe.pk])
    day = timezone.localdate().isoformat()

    def refusal(unit_id: int, text: str):
        response = client.post(url, {"on_date": day, "successor": str(unit_id), "successor_q": text})
        assert response.status_code == 200
        return response.context["form"].errors.get("successor")

    outside = refusal(cast.laichau.pk, cast.laichau.code)
    missing = refusal(10**9, "khong-co-ma-nay")
    assert outside and outside == missing
    cast.yenthe.refresh_from_db()
    assert cast.yenthe.active_to is None


# --- finding 4: citation targets ---------------------------------------------------------------------------------


def _citation_target(cast, spec: str) -> Document:
    if spec == "external":
        return external.external_document_register(
            actor=cast.lan,
            number_symbol="57-KL/TW",
            issuer_name="Bộ Chính trị",
            issue_date=dt.date(2023, 6, 15),
        )
    kind, _, issuer = spec.partition("@")
    if kind == "draft":
        return Document.objects.create(
            doc_type="KH",
            issuer=getattr(cast, issuer),
            status="draft",
            subject="Dự thảo kế hoạch của huyện khác",
        )
    recipients = [cast.btgtu] if kind == "issued-to-btgtu" else []
    return make_document(
        issuer=getattr(cast, issuer), recipients=recipients, subject="Văn bản được trích dẫn"
    )


@pytest.mark.parametrize("case", CITATIONS, ids=[c.name for c in CITATIONS])
def test_a_citation_targets_only_a_readable_issued_document(world, client, case):
    cast = world
    target = _citation_target(cast, case.target)
    actor = getattr(cast, case.actor)
    draft = compose.document_create_draft(actor=actor, issuer=cast.btgtu, doc_type="KH", subject="Kế hoạch")
    content = compose.content_of(draft)
    content.citations = [CitationLine(target_id=target.pk)]
    version = Document.objects.get(pk=draft.pk).version

    if case.expect == REFUSED:
        with pytest.raises(NotAllowed, match="Trích dẫn 1: không tìm thấy văn bản"):
            compose.document_save_draft(actor=actor, document=draft, content=content)
        assert not DocumentRelation.objects.filter(source=draft).exists()
        assert Document.objects.get(pk=draft.pk).version == version
        # Nor through the API's page of the draft: nothing about the target shows.
        client.force_login(actor)
        assert client.get(f"/api/v1/documents/{draft.pk}/").json()["relations"] == []
    else:
        compose.document_save_draft(actor=actor, document=draft, content=content)
        assert DocumentRelation.objects.filter(source=draft, target=target).exists()


def test_the_editor_refuses_a_posted_citation_target_the_drafter_cannot_read(world, client):
    """The probe's request: «cite-0-target» set by hand to another district's draft."""
    cast = world
    hidden = Document.objects.create(
        doc_type="KH", issuer=cast.tanyen, status="draft", subject="Dự thảo kế hoạch Tân Yên"
    )
    draft = compose.document_create_draft(
        actor=cast.lan, issuer=cast.btgtu, doc_type="KH", subject="Kế hoạch"
    )
    client.force_login(cast.lan)
    response = client.post(
        reverse("directives:edit", args=[draft.pk]),
        {
            "doc_type": "KH",
            "subject": "Kế hoạch",
            "version": draft.version,
            "action": "save",
            "cite-0-target": str(hidden.pk),
            "cite-0-kind": "implements",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Trích dẫn 1: không tìm thấy văn bản" in page and "Dự thảo kế hoạch Tân Yên" not in page
    assert not DocumentRelation.objects.filter(source=draft).exists()
    assert Document.objects.get(pk=draft.pk).version == draft.version


def test_picking_a_suggestion_by_hand_names_nothing_the_drafter_cannot_read(world, client):
    """«cite-<id>» is what a suggestion's button sends: posted by hand with another unit's issued document or
    draft, the editor answers as for an id that does not exist and describes nothing."""
    cast = world
    draft_elsewhere = Document.objects.create(
        doc_type="KH", issuer=cast.tanyen, status="draft", subject="Dự thảo kế hoạch Tân Yên"
    )
    issued_elsewhere = make_document(issuer=cast.laichau, subject="Nghị quyết Bản Lang")
    draft = compose.document_create_draft(
        actor=cast.lan, issuer=cast.btgtu, doc_type="KH", subject="Kế hoạch"
    )
    client.force_login(cast.lan)
    for hidden in (draft_elsewhere, issued_elsewhere):
        response = client.post(
            reverse("directives:edit", args=[draft.pk]),
            {
                "doc_type": "KH",
                "subject": "Kế hoạch",
                "version": Document.objects.get(pk=draft.pk).version,
                "action": f"cite-{hidden.pk}",
            },
        )
        page = response.content.decode()
        assert "Trích dẫn: không tìm thấy văn bản đã ban hành để trích dẫn." in page
        assert hidden.subject not in page and (not hidden.number_symbol or hidden.number_symbol not in page)
    assert not DocumentRelation.objects.filter(source=draft).exists()


def test_related_documents_show_only_those_the_reader_may_read(world, client):
    """A citation written before the rule (or to a document no longer readable) does not show its target on the
    page and the API; and the cited document's page does not list a citing document the reader cannot read."""
    cast = world
    hidden = Document.objects.create(
        doc_type="KH", issuer=cast.tanyen, status="draft", subject="Dự thảo Tân Yên"
    )
    mine = make_document(issuer=cast.yenthe, recipients=[cast.cdcs], subject="Kế hoạch Yên Thế")
    DocumentRelation.objects.create(source=mine, target=hidden, kind="implements")
    outsider = make_document(issuer=cast.laichau, subject="Nghị quyết Bản Lang")
    DocumentRelation.objects.create(source=outsider, target=mine, kind="based_on")
    client.force_login(cast.binh)

    page = client.get(reverse("directives:detail", args=[mine.pk])).content.decode()
    assert "Dự thảo Tân Yên" not in page and outsider.number_symbol not in page
    assert client.get(f"/api/v1/documents/{mine.pk}/").json()["relations"] == []
    client.force_login(cast.admin)  # the system administrator reads both
    page = client.get(reverse("directives:detail", args=[mine.pk])).content.decode()
    assert outsider.number_symbol in page


# --- finding 3: the cascade page -----------------------------------------------------------------------------------


@pytest.fixture
def provincial_cascade(world):
    """LĐLĐ tỉnh's plan to Yên Thế and Tân Yên; Tân Yên is drafting its own plan; Yên Thế issued one to CĐCS."""
    cast = world
    doc = make_document(issuer=cast.ldld, recipients=[cast.yenthe, cast.tanyen], subject="Kế hoạch tỉnh")
    tanyen_draft = Document.objects.create(
        doc_type="KH", issuer=cast.tanyen, status="draft", subject="Dự thảo kế hoạch Tân Yên"
    )
    DocumentRelation.objects.create(source=tanyen_draft, target=doc, kind="implements")
    plan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs], subject="Kế hoạch Yên Thế")
    Delivery.objects.filter(document=doc, unit=cast.yenthe).update(implemented_by=plan)
    return doc


def _rows(response) -> set[str]:
    return {row.delivery.unit.code for level in response.context["levels"] for row in level.rows}


def test_the_cascade_shows_a_district_leader_only_the_own_subtree(world, client, provincial_cascade):
    cast = world
    client.force_login(cast.binh)
    response = client.get(reverse("directives:cascade", args=[provincial_cascade.pk]))
    assert response.status_code == 200
    assert _rows(response) == {"bg-ldld-yenthe", "bg-cdcs-thcs-boha"}
    assert "Tân Yên" not in response.content.decode()
    assert response.context["levels"][0].counts["drafting"] == 0
    # The provincial leader follows the whole cascade, the other district's draft included.
    client.force_login(cast.hung)
    response = client.get(reverse("directives:cascade", args=[provincial_cascade.pk]))
    assert _rows(response) == {"bg-ldld-yenthe", "bg-ldld-tanyen", "bg-cdcs-thcs-boha"}
    assert response.context["levels"][0].counts["drafting"] == 1


def test_a_reporter_gets_the_dashboards_refusal_on_the_cascade(world, client, provincial_cascade):
    cast = world
    Delivery.objects.create(
        document=provincial_cascade, unit=cast.cdcs, purpose="thuc_hien", delivered_at=timezone.now()
    )
    client.force_login(cast.tuan)
    assert client.get(reverse("directives:detail", args=[provincial_cascade.pk])).status_code == 200
    assert client.get(reverse("directives:cascade", args=[provincial_cascade.pk])).status_code == 404
    detail = client.get(reverse("directives:detail", args=[provincial_cascade.pk])).content.decode()
    assert reverse("directives:cascade", args=[provincial_cascade.pk]) not in detail


# --- finding 5: no self-acceptance -------------------------------------------------------------------------------


def test_a_leader_cannot_accept_the_report_they_submitted(world, client):
    """Bình leads Yên Thế (which reports) and also LĐLĐ tỉnh (which receives): he submits, someone else accepts."""
    cast = world
    doc = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
    add_requirement(
        doc, frequency="once", due_date=timezone.localdate() + dt.timedelta(days=10), to_unit=cast.ldld
    )
    obligations_create_for_document(document=doc, actor=None)
    membership_grant(actor=None, user=cast.binh, unit=cast.ldld, role="signer")
    obligation = Obligation.objects.get(unit=cast.yenthe)
    report_submit(
        actor=cast.binh,
        obligation=obligation,
        data={"sections": {"ket_qua_tuyen_truyen": "Đã tổ chức 12 buổi."}, "indicators": {}},
    )
    events = Event.objects.count()

    with pytest.raises(ReportingNotAllowed, match="không thể tự tiếp nhận"):
        report_accept(actor=cast.binh, obligation=obligation)
    report = Report.objects.get(obligation=obligation)
    assert (report.state, report.accepted_by_id, Event.objects.count()) == ("submitted", None, events)
    # His page says so instead of offering a button that would be refused.
    client.force_login(cast.binh)
    page = client.get(reverse("reporting:report_detail", args=[obligation.pk])).content.decode()
    assert "không tự tiếp nhận được" in page
    assert reverse("reporting:report_accept", args=[obligation.pk]) not in page

    report_accept(actor=cast.hung, obligation=obligation)
    assert Report.objects.get(obligation=obligation).accepted_by_id == cast.hung.pk


# --- finding 1: the people import -------------------------------------------------------------------------------


def _account(cast, spec: str):
    name, _, extra = spec.partition("+")
    if name == "orphan":
        return get_user_model().objects.create_user(
            "orphan", "orphan@thongsuot.test", "x", first_name="Không vai trò"
        )
    user = getattr(cast, name)
    if extra:
        membership_grant(actor=None, user=user, unit=getattr(cast, extra), role="reporter")
    return user


@pytest.mark.parametrize("case", IMPORTED_ACCOUNTS, ids=[c.name for c in IMPORTED_ACCOUNTS])
def test_an_import_touches_only_accounts_wholly_inside_the_admins_subtree(world, case):
    cast = world
    user = _account(cast, case.target)
    csv = (
        "Tên đăng nhập,Họ và tên,Thư điện tử,Mã đơn vị,Vai trò\n"
        f"{user.username},Kẻ mạo danh,ke-gian@mao.vn,bg-ldld-yenthe,signer\n"
    ).encode()
    before = (
        user.first_name,
        user.email,
        sorted(Membership.objects.filter(user=user).values_list("unit_id", "role")),
    )

    if case.expect == REFUSED:
        with pytest.raises(ImportRefused) as refused:
            import_file(actor=getattr(cast, case.actor), filename="nguoi-dung.csv", data=csv)
        reasons = [e.reason for e in refused.value.errors]
        # One and the same sentence for every account outside: nothing about superusers, roles or units.
        assert reasons == [
            f"Tên đăng nhập «{user.username}» đã được dùng cho một tài khoản ngoài phạm vi bạn quản "
            f"trị; tệp nhập không sửa được tài khoản này."
        ]
        user.refresh_from_db()
        assert (
            user.first_name,
            user.email,
            sorted(Membership.objects.filter(user=user).values_list("unit_id", "role")),
        ) == before
    else:
        import_file(actor=getattr(cast, case.actor), filename="nguoi-dung.csv", data=csv)
        user.refresh_from_db()
        assert user.email == "ke-gian@mao.vn"


# --- finding 7: records of documents from outside the system -------------------------------------------------------


def test_an_external_record_belongs_to_the_unit_that_entered_it(world, client):
    cast = world
    record = external.external_document_register(
        actor=cast.lan,
        number_symbol="99-CT/TW",
        issuer_name="Ban Bí thư",
        issue_date=dt.date(2024, 1, 5),
        subject="Chỉ thị giả",
    )
    assert record.owner_id == cast.btgtu.pk
    edit = reverse("directives:external_edit", args=[record.pk])
    remove = reverse("directives:external_remove", args=[record.pk])
    fields = {
        "doc_type": "CT",
        "number_symbol": "98-CT/TW",
        "issue_date": "2024-01-05",
        "issuer": "Ban Bí thư",
        "subject": "Đã sửa",
    }

    # Another unit's drafter reads it but cannot alter it: 404 on both doors, and the service refuses.
    client.force_login(cast.mai)
    assert client.get(reverse("directives:detail", args=[record.pk])).status_code == 200
    assert client.post(edit, fields).status_code == 404
    assert client.post(remove).status_code == 404
    with pytest.raises(NotAllowed):
        external.external_document_remove(actor=cast.mai, document=record)
    record.refresh_from_db()
    assert (record.number_symbol, record.subject) == ("99-CT/TW", "Chỉ thị giả")

    # Its own unit corrects it while nothing cites it.
    client.force_login(cast.lan)
    assert client.post(edit, fields).status_code == 302
    record.refresh_from_db()
    assert (record.number_symbol, record.subject) == ("98-CT/TW", "Đã sửa")

    # Once cited, nobody alters it: the citing document relies on its number, date and issuer.
    draft = compose.document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="KH", subject="Kế hoạch")
    content = compose.content_of(draft)
    content.citations = [CitationLine(target_id=record.pk)]
    compose.document_save_draft(actor=cast.mai, document=draft, content=content)
    response = client.post(edit, {**fields, "subject": "Sửa sau khi trích dẫn"})
    assert "đã được trích dẫn" in response.content.decode()
    with pytest.raises(DocumentNotEditable):
        external.external_document_remove(actor=cast.lan, document=record)
    record.refresh_from_db()
    assert record.subject == "Đã sửa"


def test_an_uncited_record_is_removed_by_its_own_unit_only(world, client):
    cast = world
    record = external.external_document_register(
        actor=cast.lan, number_symbol="99-CT/TW", issuer_name="Ban Bí thư", issue_date=dt.date(2024, 1, 5)
    )
    client.force_login(cast.lan)
    assert client.post(reverse("directives:external_remove", args=[record.pk])).status_code == 302
    assert not Document.objects.filter(pk=record.pk).exists()
    assert Event.objects.filter(action="document.external_removed").count() == 1
