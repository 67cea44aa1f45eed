"""The checks every write on a report starts with: the obligation's row lock (so a submission, a review and the
chaser never interleave on one obligation), who may write or sign for the unit, the draft's version and whether the
report may still change. Shared by reports, report_signing, review and attachments."""

from __future__ import annotations

from portal.lib.optimistic import ExpectedVersion, version_refusal
from portal.org.access import scope_for
from reporting.access import can_write
from reporting.errors import (
    NotAllowed,
    ObligationExcused,
    ReportAlreadyAccepted,
    ReportNotEditable,
    ReportNotSigner,
    ReportStale,
)
from reporting.models import Obligation, ObligationStatus, Report, ReportState
from reporting.signature import is_signer


def locked(obligation: Obligation) -> Obligation:
    return (
        Obligation.objects.select_for_update(of=("self",))
        .select_related("requirement", "unit", "to_unit", "via_unit")
        .get(pk=obligation.pk)
    )


def locked_report(obligation: Obligation) -> Report | None:
    return Report.objects.select_for_update().filter(obligation=obligation).first()


def check_writer(actor, obligation: Obligation) -> None:
    if not can_write(scope_for(actor), obligation):
        raise NotAllowed(
            f"Bạn không phải thành viên của {obligation.unit.name}; "
            "không thể soạn hoặc nộp báo cáo thay cho đơn vị khác."
        )
    if obligation.status == ObligationStatus.EXCUSED:
        reason = f" ({obligation.excused_reason})" if obligation.excused_reason else ""
        raise ObligationExcused(f"Đơn vị đã được miễn báo cáo kỳ này{reason}; không thể nộp báo cáo.")


def check_revision(report: Report | None, expected: ExpectedVersion) -> None:
    refusal = version_refusal(expected, report.revision if report is not None else 0)
    if refusal:
        raise ReportStale(refusal, field="version")


def check_editable(report: Report | None) -> None:
    if report is None:
        return
    if report.state == ReportState.ACCEPTED:
        raise ReportAlreadyAccepted("Báo cáo đã được tiếp nhận; không thể sửa hoặc nộp lại.")
    if report.state == ReportState.SUBMITTED:
        raise ReportNotEditable("Báo cáo đã nộp và đang chờ tiếp nhận; chỉ sửa được khi bị trả lại.")
    if report.state == ReportState.SIGNING:
        raise ReportNotEditable(
            "Báo cáo đang chờ lãnh đạo ký; không sửa được cho đến khi lãnh đạo ký gửi hoặc trả lại."
        )


def check_signer(actor, obligation: Obligation) -> None:
    """Sending a report upward is a signer's act (the unit's head or deputy): anyone else asks them («Trình ký»)."""
    if not is_signer(actor, obligation.unit):
        raise ReportNotSigner(
            f"Chỉ lãnh đạo {obligation.unit.name} (người ký) được ký và gửi báo cáo lên cấp trên. "
            "Hãy bấm «Trình ký» để trình lãnh đạo ký."
        )
