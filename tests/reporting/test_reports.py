"""Reports: drafts, submission with versions, late marking, return and acceptance, attachments, roll-up,
and every refusal leaving nothing changed."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.audit.models import Event
from portal.notifications.models import Notification
from reporting.errors import (
    AttachmentRefused,
    DraftChanged,
    NotAllowed,
    ObligationExcused,
    ReportAlreadyAccepted,
    ReportInvalid,
    ReportNotEditable,
    RollupUnavailable,
)
from reporting.models import ImmutableError, Obligation, Report, ReportAttachment, ReportVersion
from reporting.services import (
    obligation_excuse,
    obligations_create_for_document,
    report_accept,
    report_attachment_add,
    report_fill_from_rollup,
    report_return,
    report_save_draft,
    report_submit,
    rollup_prefill,
    rollup_preview,
    rollup_sources,
)
from reporting.services.form_template import template_for
from tests.reporting.conftest import add_requirement, local, make_document

D = dt.date

GOOD = {
    "sections": {
        "ket_qua_tuyen_truyen": "Tổ chức 3 buổi tuyên truyền Kết luận 57-KL/TW cho đoàn viên.",
        "kho_khan": "Kinh phí hạn hẹp.",
    },
    "indicators": {
        "so_buoi_tuyen_truyen": "3",
        "so_luot_nguoi_tham_gia": "1.200",
        "so_tin_bai": 4,
        "so_hoi_nghi_quan_triet": "",
    },
}


@pytest.fixture
def s1(cast):
    """The CĐCS owes LĐLĐ huyện Yên Thế its 6-month report for 2024 (Yên Thế's plan carrying down the province's)."""
    with time_machine.travel(local(2024, 2, 10), tick=False):
        province = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
        upward = add_requirement(province, frequency="semiannual", to_unit=cast.ldld)
        obligations_create_for_document(document=province, actor=cast.hung)
        district = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        add_requirement(district, frequency="semiannual", to_unit=cast.yenthe, parent=upward, lead_days=3)
        obligations_create_for_document(document=district, actor=cast.binh)
    return Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")


def _submit(cast, ob, data=GOOD, when=None):
    with time_machine.travel(when or local(2024, 6, 5), tick=False):
        return report_submit(actor=cast.khanh, obligation=ob, data=data)


def test_a_reporter_saves_a_draft_then_submits(cast, s1):
    with time_machine.travel(local(2024, 6, 3), tick=False):
        draft = report_save_draft(
            actor=cast.tuan, obligation=s1, data={"indicators": {"so_buoi_tuyen_truyen": "3a"}}
        )
    assert (
        draft.state == "draft" and draft.data["indicators"]["so_buoi_tuyen_truyen"] == "3a"
    )  # kept as typed
    report = _submit(cast, s1)
    assert report.state == "submitted" and not report.is_late
    assert report.data["indicators"] == {
        "so_buoi_tuyen_truyen": 3,
        "so_luot_nguoi_tham_gia": 1200,
        "so_tin_bai": 4,
        "so_hoi_nghi_quan_triet": None,
    }
    s1.refresh_from_db()
    assert s1.status == "submitted_on_time" and s1.next_action_at is None
    assert report.versions.count() == 1
    assert Notification.objects.filter(recipient=cast.binh, kind="reporting.report_submitted").exists()
    assert Event.objects.filter(action="report.submitted", actor=cast.khanh).exists()


def test_a_late_report_is_accepted_and_marked_late(cast, s1):
    report = _submit(cast, s1, when=local(2024, 7, 2))
    s1.refresh_from_db()
    assert report.is_late and s1.status == "submitted_late"
    assert report.versions.get().is_late
    with time_machine.travel(local(2024, 7, 3), tick=False):
        report_accept(actor=cast.binh, obligation=s1)
    assert Report.objects.get(pk=report.pk).state == "accepted"


def test_returned_reports_are_fixed_and_every_version_kept(cast, s1):
    _submit(cast, s1)
    with pytest.raises(ReportInvalid) as exc:
        report_return(actor=cast.binh, obligation=s1, comment="  ")
    assert exc.value.field == "comment"
    report_return(actor=cast.binh, obligation=s1, comment="Bổ sung số lượt người tham gia.")
    assert Notification.objects.filter(recipient=cast.tuan, kind="reporting.report_returned").exists()
    fixed = dict(GOOD, indicators=dict(GOOD["indicators"], so_luot_nguoi_tham_gia="1.350"))
    report = _submit(cast, s1, data=fixed, when=local(2024, 6, 25))
    assert (
        report.version_count == 2 and not report.is_late
    )  # the fix after the deadline does not make it late
    versions = list(report.versions.order_by("number"))
    assert [v.data["indicators"]["so_luot_nguoi_tham_gia"] for v in versions] == [1200, 1350]
    assert [v.is_late for v in versions] == [False, True]
    with pytest.raises(ImmutableError):
        versions[0].save()
    with pytest.raises(ImmutableError):
        versions[0].delete()
    report_accept(actor=cast.binh, obligation=s1)


def test_submitting_for_another_unit_is_refused(cast, s1):
    for outsider in (
        cast.charlie,
        cast.binh,
        cast.hung,
    ):  # not even the leaders above may submit for the CĐCS
        with pytest.raises(NotAllowed) as exc:
            report_submit(actor=outsider, obligation=s1, data=GOOD)
        assert "thay cho đơn vị khác" in exc.value.message
    assert not Report.objects.exists()


def test_an_excused_obligation_takes_no_report(cast, s1):
    obligation_excuse(actor=cast.binh, obligation=s1, reason="Đơn vị giải thể.")
    with pytest.raises(ObligationExcused) as exc:
        _submit(cast, s1)
    assert "miễn" in exc.value.message
    assert not Report.objects.exists()


def test_an_accepted_report_cannot_be_submitted_again(cast, s1):
    _submit(cast, s1)
    report_accept(actor=cast.binh, obligation=s1)
    with pytest.raises(ReportAlreadyAccepted):
        _submit(cast, s1, data=dict(GOOD, sections={"kho_khan": "Sửa lại"}))
    with pytest.raises(ReportAlreadyAccepted):
        report_save_draft(actor=cast.tuan, obligation=s1, data=GOOD)
    report = Report.objects.get()
    assert report.version_count == 1 and report.data["sections"]["kho_khan"] == "Kinh phí hạn hẹp."


def test_a_submitted_report_waits_for_review(cast, s1):
    _submit(cast, s1)
    with pytest.raises(ReportNotEditable):
        _submit(cast, s1)


@pytest.mark.parametrize(
    "value, message",
    [
        ("ba", "Chỉ tiêu «Số buổi tuyên truyền» phải là một số nguyên (ví dụ: 12)."),
        ("-2", "Chỉ tiêu «Số buổi tuyên truyền» không được là số âm."),
        ("2,5", "Chỉ tiêu «Số buổi tuyên truyền» phải là một số nguyên (ví dụ: 12)."),
        (-1, "Chỉ tiêu «Số buổi tuyên truyền» không được là số âm."),
    ],
)
def test_a_bad_indicator_is_refused_naming_the_field(cast, s1, value, message):
    bad = dict(GOOD, indicators=dict(GOOD["indicators"], so_buoi_tuyen_truyen=value))
    with pytest.raises(ReportInvalid) as exc:
        _submit(cast, s1, data=bad)
    assert exc.value.message == message and exc.value.field == "indicator_so_buoi_tuyen_truyen"
    s1.refresh_from_db()
    assert s1.status == "open" and not Report.objects.exists() and not ReportVersion.objects.exists()


def test_two_bad_indicators_are_both_named(cast, s1):
    bad = dict(GOOD, indicators={"so_buoi_tuyen_truyen": "x", "so_tin_bai": "-4"})
    with pytest.raises(ReportInvalid) as exc:
        _submit(cast, s1, data=bad)
    assert set(exc.value.errors) == {"indicator_so_buoi_tuyen_truyen", "indicator_so_tin_bai"}


def test_an_empty_report_is_refused(cast, s1):
    with pytest.raises(ReportInvalid) as exc:
        _submit(cast, s1, data={"sections": {}, "indicators": {}})
    assert "chưa có nội dung" in exc.value.message


def test_a_period_not_yet_open_takes_no_report(cast, s1):
    nxt = Obligation.objects.get(unit=cast.cdcs, period_key="2025-S1")
    with pytest.raises(ReportNotEditable) as exc:
        _submit(cast, nxt)
    assert "chưa mở" in exc.value.message


def test_only_the_receiving_units_leaders_review(cast, s1):
    _submit(cast, s1)
    for wrong in (
        cast.tuan,
        cast.charlie,
        cast.hung,
        cast.mai,
    ):  # hung leads the province, not the receiving unit
        with pytest.raises(NotAllowed):
            report_accept(actor=wrong, obligation=s1)
        with pytest.raises(NotAllowed):
            report_return(actor=wrong, obligation=s1, comment="x")
    assert Report.objects.get().state == "submitted"


def test_the_via_unit_may_accept(cast):
    doc = make_document(issuer=cast.tinhuy, recipients=[cast.ldld])
    add_requirement(doc, frequency="annual", to_unit=cast.tinhuy, via_unit=cast.btgtu)
    obligations_create_for_document(document=doc, actor=None)
    ob = Obligation.objects.filter(unit=cast.ldld).order_by("due_at").first()
    report_submit(actor=cast.hung, obligation=ob, data=GOOD)
    report_accept(
        actor=cast.hanh, obligation=ob
    )  # hạnh leads Ban Tuyên giáo, the unit the report goes through
    assert Report.objects.get().state == "accepted"


# --- attachments ----------------------------------------------------------------------------------------


def test_an_attachment_is_kept_with_the_version(cast, s1, settings):
    pdf = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.7 test", content_type="application/pdf")
    attachment = report_attachment_add(actor=cast.tuan, obligation=s1, upload=pdf)
    assert attachment.size == len(b"%PDF-1.7 test") and len(attachment.sha256) == 64
    report = _submit(cast, s1)
    assert report.versions.get().attachments[0]["name"] == "bao-cao.pdf"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("virus.exe", b"MZ....", "thuộc loại không được phép"),
        ("gia.pdf", b"MZ not a pdf", "không đúng định dạng .pdf"),
        ("lon.pdf", b"%PDF" + b"x" * 3000, "quá lớn"),
    ],
)
def test_a_bad_attachment_is_refused(cast, s1, settings, name, content, message):
    settings.ATTACHMENT_MAX_BYTES = 2048
    with pytest.raises(AttachmentRefused) as exc:
        report_attachment_add(actor=cast.tuan, obligation=s1, upload=SimpleUploadedFile(name, content))
    assert message in exc.value.message and name in exc.value.message
    assert not ReportAttachment.objects.exists() and not Report.objects.exists()


# --- roll-up --------------------------------------------------------------------------------------------


def test_the_district_report_is_prefilled_from_its_grassroots_reports(cast, s1):
    from portal.org.services import membership_grant
    from tests.reporting.conftest import grow

    # A second grassroots union under Yên Thế, with its own reporter.
    (other_id,) = grow(cast.yenthe, 1)
    from django.contrib.auth import get_user_model

    from portal.org.models import Unit

    other = Unit.objects.get(pk=other_id)
    lien = get_user_model().objects.create_user("lien")
    membership_grant(actor=None, user=lien, unit=other, role="signer")
    district_doc = s1.requirement.document
    from directives.models import Delivery

    Delivery.objects.create(
        document=district_doc, unit=other, purpose="thuc_hien", delivered_at=district_doc.issued_at
    )
    with time_machine.travel(local(2024, 2, 10), tick=False):
        obligations_create_for_document(document=district_doc, actor=cast.binh)
    other_s1 = Obligation.objects.get(unit=other, period_key="2024-S1")
    _submit(cast, s1)
    with time_machine.travel(local(2024, 6, 6), tick=False):
        report_submit(
            actor=lien,
            obligation=other_s1,
            data={
                "sections": {"ket_qua_tuyen_truyen": "Treo 2 băng rôn."},
                "indicators": {
                    "so_buoi_tuyen_truyen": "2",
                    "so_luot_nguoi_tham_gia": "80",
                    "so_tin_bai": "1",
                },
            },
        )
    report_accept(actor=cast.binh, obligation=s1)
    report_accept(actor=cast.binh, obligation=other_s1)
    upward = Obligation.objects.get(unit=cast.yenthe, period_key="2024-S1")
    data = rollup_prefill(unit=cast.yenthe, requirement=upward.requirement, period_key="2024-S1")
    assert data["indicators"] == {
        "so_buoi_tuyen_truyen": 5,
        "so_luot_nguoi_tham_gia": 1280,
        "so_tin_bai": 5,
        "so_hoi_nghi_quan_triet": None,
    }
    text = data["sections"]["ket_qua_tuyen_truyen"]
    assert (
        text.startswith("Công đoàn Trường THCS Bố Hạ: Tổ chức 3 buổi")
        and "Công đoàn cơ sở số 2: Treo 2" in text
    )
    assert len(data["sources"]) == 2
    # Only accepted reports count, and the district fills its own (still empty) report from the roll-up.
    assert rollup_sources(unit=cast.yenthe, requirement=upward.requirement, period_key="2024-S1") == {
        "expected": 2,
        "accepted": 2,
    }
    preview = rollup_preview(template=template_for(upward.requirement), draft={}, rollup=data)
    ticked = [f.name for f in preview.fields if f.ticked]
    assert ticked == [
        "section_ket_qua_tuyen_truyen",
        "section_kho_khan",
        "indicator_so_buoi_tuyen_truyen",
        "indicator_so_luot_nguoi_tham_gia",
        "indicator_so_tin_bai",
    ]
    report, filled = report_fill_from_rollup(
        actor=cast.binh, obligation=upward, fields=ticked, seen=preview.fingerprint
    )
    assert filled == 5 and report.state == "draft" and report.data["indicators"]["so_buoi_tuyen_truyen"] == 5
    event = Event.objects.get(action="report.rolled_up")
    assert (
        event.actor == cast.binh
        and event.details["sources"] == 2
        and event.details["fields"] == sorted(ticked)
    )


def _district_with_one_accepted_report(cast, s1):
    _submit(cast, s1)
    report_accept(actor=cast.binh, obligation=s1)
    return Obligation.objects.get(unit=cast.yenthe, period_key="2024-S1")


def test_the_roll_up_never_replaces_what_the_district_wrote_unless_asked(cast, s1):
    upward = _district_with_one_accepted_report(cast, s1)
    written = {
        "sections": {"ket_qua_tuyen_truyen": "Huyện tổ chức hội nghị quán triệt cho 40 cán bộ chủ chốt."},
        "indicators": {"so_buoi_tuyen_truyen": "7"},
    }
    with time_machine.travel(local(2024, 6, 10), tick=False):
        report_save_draft(actor=cast.binh, obligation=upward, data=written)
    draft = Report.objects.get(obligation=upward).data
    template = template_for(upward.requirement)
    rollup = rollup_prefill(unit=cast.yenthe, requirement=upward.requirement, period_key="2024-S1")
    preview = rollup_preview(template=template, draft=draft, rollup=rollup)
    states = {f.name: f.state for f in preview.fields}
    # What the district wrote differs from the roll-up: offered, not ticked; the empty ones are ticked.
    assert (
        states["section_ket_qua_tuyen_truyen"] == "differs"
        and states["indicator_so_buoi_tuyen_truyen"] == "differs"
    )
    assert [f.name for f in preview.fields if f.ticked] == [
        "section_kho_khan",
        "indicator_so_luot_nguoi_tham_gia",
        "indicator_so_tin_bai",
    ]
    # Refused, nothing written: no field chosen; a draft changed since the preview (another tab autosaved).
    with pytest.raises(ReportInvalid, match="Hãy chọn ít nhất một mục"):
        report_fill_from_rollup(actor=cast.binh, obligation=upward, fields=[], seen=preview.fingerprint)
    with pytest.raises(DraftChanged, match="Bản nháp vừa được sửa"):
        report_fill_from_rollup(
            actor=cast.binh, obligation=upward, fields=["indicator_so_tin_bai"], seen="khac"
        )
    with pytest.raises(ReportInvalid, match="không có số liệu tổng hợp"):
        report_fill_from_rollup(
            actor=cast.binh,
            obligation=upward,
            fields=["indicator_so_hoi_nghi_quan_triet"],
            seen=preview.fingerprint,
        )
    assert Report.objects.get(obligation=upward).data == draft
    # The ticked (empty) fields are filled; what the district wrote stays word for word.
    report, filled = report_fill_from_rollup(
        actor=cast.binh,
        obligation=upward,
        seen=preview.fingerprint,
        fields=[f.name for f in preview.fields if f.ticked],
    )
    assert filled == 3
    assert report.data["sections"]["ket_qua_tuyen_truyen"] == written["sections"]["ket_qua_tuyen_truyen"]
    assert report.data["indicators"]["so_buoi_tuyen_truyen"] == "7"
    assert report.data["sections"]["kho_khan"] == "Công đoàn Trường THCS Bố Hạ: Kinh phí hạn hẹp."
    assert (
        report.data["indicators"]["so_luot_nguoi_tham_gia"] == 1200
        and report.data["indicators"]["so_tin_bai"] == 4
    )
    # Replacing a written field happens only when the district ticks it itself.
    again = rollup_preview(template=template, draft=report.data, rollup=rollup)
    report, _ = report_fill_from_rollup(
        actor=cast.binh, obligation=upward, seen=again.fingerprint, fields=["indicator_so_buoi_tuyen_truyen"]
    )
    assert report.data["indicators"]["so_buoi_tuyen_truyen"] == 3
    assert report.data["sections"]["ket_qua_tuyen_truyen"] == written["sections"]["ket_qua_tuyen_truyen"]


def test_a_grassroots_union_has_nothing_to_roll_up(cast, s1):
    with time_machine.travel(local(2024, 6, 3), tick=False):
        report_save_draft(actor=cast.tuan, obligation=s1, data=GOOD)
    before = Report.objects.get(obligation=s1).data
    assert rollup_sources(unit=cast.cdcs, requirement=s1.requirement, period_key="2024-S1") == {
        "expected": 0,
        "accepted": 0,
    }
    preview = rollup_preview(template=template_for(s1.requirement), draft=before, rollup={})
    with pytest.raises(RollupUnavailable, match="Chưa có báo cáo nào của đơn vị cấp dưới được tiếp nhận"):
        report_fill_from_rollup(
            actor=cast.tuan, obligation=s1, fields=["section_ket_qua_tuyen_truyen"], seen=preview.fingerprint
        )
    assert Report.objects.get(obligation=s1).data == before
    assert not Event.objects.filter(action="report.rolled_up").exists()


def test_a_district_whose_reports_are_not_yet_accepted_has_nothing_to_roll_up(cast, s1):
    _submit(cast, s1)  # submitted, not accepted: its figures are not yet the district's
    upward = Obligation.objects.get(unit=cast.yenthe, period_key="2024-S1")
    assert rollup_sources(unit=cast.yenthe, requirement=upward.requirement, period_key="2024-S1") == {
        "expected": 1,
        "accepted": 0,
    }
    with pytest.raises(RollupUnavailable):
        report_fill_from_rollup(actor=cast.binh, obligation=upward, fields=["indicator_so_tin_bai"], seen="")
    assert not Report.objects.filter(obligation=upward).exists()


def test_notification_emails_carry_absolute_links(
    cast, s1, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """A mail client cannot follow "/bao-cao/…": the link is on PORTAL_BASE_URL (issue 13)."""
    settings.PORTAL_BASE_URL = "https://thongsuot.bacgiang.gov.vn/"
    _submit(cast, s1)
    with django_capture_on_commit_callbacks(execute=True):
        report_return(actor=cast.binh, obligation=s1, comment="Bổ sung số tin, bài đã đăng.")
    # The unit's writers hear of it: tuan who prepares the report, and khanh who signs it.
    (mail,) = [m for m in mailoutbox if "bị trả lại" in m.subject and m.to == ["tuan@thongsuot.test"]]
    assert mail.body.endswith(f"https://thongsuot.bacgiang.gov.vn/bao-cao/nghia-vu/{s1.pk}/soan/")
    assert "\n/bao-cao/" not in mail.body
