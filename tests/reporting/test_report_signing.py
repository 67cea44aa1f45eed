"""A report is an official document of the reporting unit (issue 17 item 2): a reporter prepares it and asks the
unit's leader to sign («Trình ký»); the leader hands it back («Trả lại») or signs and sends it («Ký và gửi»),
which numbers it from the unit's outgoing register, records the signature block and stores the PDF as sent.

Cast: tuan (reporter, CĐCS Bố Hạ) prepares; khanh (its chairman, signer) signs; binh (LĐLĐ huyện Yên Thế) receives;
charlie (elsewhere) and mai (another unit's drafter) are refused.
"""

from __future__ import annotations

import pytest
import time_machine

from directives.numbering import next_number
from portal.audit.models import Event
from portal.notifications.models import Notification
from portal.org.models import Membership
from reporting.errors import NotAllowed, ReportInvalid, ReportNotEditable, ReportNotSigner
from reporting.models import Obligation, Report, ReportState, ReportVersion
from reporting.services import (
    obligations_create_for_document,
    report_return,
    report_save_draft,
    report_sign_request,
    report_sign_return,
    report_submit,
)
from reporting.signature import awaiting_signature, signature_block
from tests.reporting.conftest import add_requirement, local, make_document

GOOD = {
    "sections": {"ket_qua_tuyen_truyen": "Tổ chức 3 buổi tuyên truyền.", "kho_khan": "Kinh phí hạn hẹp."},
    "indicators": {"so_buoi_tuyen_truyen": "3", "so_luot_nguoi_tham_gia": "120"},
}


@pytest.fixture
def ob(cast):
    """CĐCS Bố Hạ owes LĐLĐ huyện Yên Thế its 6-month report for 2024."""
    with time_machine.travel(local(2024, 2, 10), tick=False):
        plan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        add_requirement(plan, frequency="semiannual", to_unit=cast.yenthe)
        obligations_create_for_document(document=plan, actor=cast.binh)
    return Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")


def _request(cast, ob, data=GOOD):
    with time_machine.travel(local(2024, 6, 3), tick=False):
        return report_sign_request(actor=cast.tuan, obligation=ob, leader=cast.khanh, data=data)


def _send(cast, ob, actor=None):
    with time_machine.travel(local(2024, 6, 5), tick=False):
        return report_submit(actor=actor or cast.khanh, obligation=ob)


def test_trinh_ky_then_ky_va_gui_numbers_and_signs_the_report(cast, ob):
    report = _request(cast, ob)
    assert report.state == ReportState.SIGNING and report.sign_requested_to == cast.khanh
    assert Notification.objects.filter(recipient=cast.khanh, kind="reporting.report_sign_requested").exists()
    assert list(awaiting_signature(cast.khanh)) == [report]
    assert not awaiting_signature(cast.tuan).exists() and not awaiting_signature(cast.charlie).exists()

    report = _send(cast, ob)
    assert report.state == ReportState.SUBMITTED and report.number == 1
    assert report.number_symbol == "01/BC-CĐCS"
    assert report.signature == {
        "authority": "TM",
        "authority_body": "BAN CHẤP HÀNH",
        "title": "CHỦ TỊCH",
        "name": "Lương Văn Khánh",
        "user_id": cast.khanh.pk,
    }
    version = ReportVersion.objects.get(report=report)
    assert (
        version.signature["number_symbol"] == "01/BC-CĐCS" and version.signature["name"] == "Lương Văn Khánh"
    )
    stored = version.pdf.read()
    assert stored.startswith(b"%PDF") and len(version.pdf_sha256) == 64
    sent = Event.objects.get(action="report.submitted")
    assert sent.details["number_symbol"] == "01/BC-CĐCS" and sent.details["signer"] == "Lương Văn Khánh"
    assert Event.objects.filter(action="report.sign_requested").count() == 1
    # The same register as the unit's documents: its next document of another type follows the report.
    assert next_number(unit=cast.cdcs, doc_type="KH", year=2024) == 2


def test_the_leader_hands_it_back_and_nothing_is_lost(cast, ob):
    _request(cast, ob)
    with pytest.raises(ReportInvalid) as refused:
        report_sign_return(actor=cast.khanh, obligation=ob, comment="  ")
    assert refused.value.field == "comment"
    report = report_sign_return(actor=cast.khanh, obligation=ob, comment="Bổ sung số liệu tháng 5.")
    assert report.state == ReportState.DRAFT and report.data["sections"]["kho_khan"] == "Kinh phí hạn hẹp."
    assert report.sign_comment == "Bổ sung số liệu tháng 5."
    assert Notification.objects.filter(recipient=cast.tuan, kind="reporting.report_sign_returned").exists()
    assert Event.objects.filter(action="report.sign_returned").exists()
    # The drafter edits again, and the report carries no number until it is signed.
    report_save_draft(actor=cast.tuan, obligation=ob, data=GOOD, expected_revision=report.revision)
    assert Report.objects.get(pk=report.pk).number is None


def test_while_awaiting_the_signature_nobody_edits_it(cast, ob):
    report = _request(cast, ob)
    with pytest.raises(ReportNotEditable):
        report_save_draft(actor=cast.tuan, obligation=ob, data=GOOD, expected_revision=report.revision)
    with pytest.raises(ReportNotEditable):
        report_submit(actor=cast.khanh, obligation=ob, data=GOOD, expected_revision=report.revision)
    with pytest.raises(ReportNotEditable):
        _request(cast, ob)
    assert Report.objects.get(pk=report.pk).revision == report.revision


def test_refusals_leave_nothing_written(cast, ob):
    # Not a signer: the reporter cannot send; the message points to «Trình ký».
    with pytest.raises(ReportNotSigner) as refused:
        report_submit(actor=cast.tuan, obligation=ob, data=GOOD)
    assert "Trình ký" in refused.value.message and refused.value.status == 403
    # Wrong unit: another unit's signer neither signs nor is offered as the leader.
    with pytest.raises(NotAllowed):
        report_submit(actor=cast.binh, obligation=ob, data=GOOD)
    with pytest.raises(NotAllowed):
        report_sign_request(actor=cast.charlie, obligation=ob, leader=cast.khanh, data=GOOD)
    with pytest.raises(ReportInvalid) as refused:
        report_sign_request(actor=cast.tuan, obligation=ob, leader=cast.binh, data=GOOD)
    assert refused.value.field == "leader"
    # An empty report is not handed to the leader.
    with pytest.raises(ReportInvalid):
        report_sign_request(actor=cast.tuan, obligation=ob, leader=cast.khanh, data={})
    assert not Report.objects.filter(obligation=ob).exists()
    # Handing back is the signer's; a report not awaiting signature is not handed back.
    _request(cast, ob)
    with pytest.raises(ReportNotSigner):
        report_sign_return(actor=cast.tuan, obligation=ob, comment="Tự trả lại.")
    _send(cast, ob)
    with pytest.raises(ReportNotEditable):
        report_sign_return(actor=cast.khanh, obligation=ob, comment="Muộn rồi.")
    # Already sent: a second «Ký và gửi» is refused and takes no number.
    with pytest.raises(ReportNotEditable):
        _send(cast, ob)
    assert next_number(unit=cast.cdcs, doc_type="BC", year=2024) == 2
    assert ReportVersion.objects.filter(report__obligation=ob).count() == 1


def test_a_resubmission_keeps_the_number_and_keeps_each_version(cast, ob):
    _request(cast, ob)
    _send(cast, ob)
    with time_machine.travel(local(2024, 6, 6), tick=False):
        report_return(actor=cast.binh, obligation=ob, comment="Bổ sung số tin, bài.")
    with time_machine.travel(local(2024, 6, 7), tick=False):
        report = report_submit(
            actor=cast.khanh,
            obligation=ob,
            data=GOOD,
            expected_revision=Report.objects.get(obligation=ob).revision,
        )
    assert report.number == 1 and report.version_count == 2
    first, second = ReportVersion.objects.filter(report=report).order_by("number")
    assert first.signature["number"] == second.signature["number"] == 1
    assert first.pdf.name != second.pdf.name and first.pdf_sha256


def test_a_signer_sends_their_own_draft_directly(cast, ob):
    with time_machine.travel(local(2024, 6, 5), tick=False):
        report = report_submit(actor=cast.khanh, obligation=ob, data=GOOD)
    assert report.state == ReportState.SUBMITTED and report.number_symbol == "01/BC-CĐCS"


@pytest.mark.parametrize(
    ("unit", "title", "expected"),
    [
        # A Party board is signed by its head directly, by a deputy «K/T TRƯỞNG BAN».
        ("btgtu", "", ("", "", "TRƯỞNG BAN")),
        ("btgtu", "Phó Trưởng ban", ("KT", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")),
        # A Party committee and a union's executive are collective: TM., the deputy too.
        ("tinhuy", "Phó Bí thư", ("TM", "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")),
        ("ldld", "Chủ tịch", ("TM", "BAN THƯỜNG VỤ", "CHỦ TỊCH")),
        ("ldld", "Phó Chủ tịch", ("TM", "BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH")),
    ],
)
def test_the_signature_block_follows_rank_and_body(cast, unit, title, expected):
    Membership.objects.update_or_create(
        user=cast.hanh, unit=cast.units[unit], role="signer", defaults={"title": title}
    )
    block = signature_block(user=cast.hanh, unit=cast.units[unit])
    assert (block["authority"], block["authority_body"], block["title"]) == expected
    assert block["name"] == "Nguyễn Văn Hạnh"
