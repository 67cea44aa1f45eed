"""The receiving unit's review of a sent report: «Trả lại để chỉnh sửa» with a comment, or «Tiếp nhận» (its
figures then roll up). Only a leader of the receiving unit, or of the unit the report goes through."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.audit.services import event_record
from portal.org.access import scope_for
from reporting.access import WRITER_ROLES, can_receive
from reporting.errors import NotAllowed, ReportAlreadyAccepted, ReportInvalid, ReportNotEditable
from reporting.models import Obligation, Report, ReportState
from reporting.services.notify import notify_unit_roles
from reporting.services.report_guards import locked, locked_report


def _review_target(actor, obligation: Obligation) -> tuple[Obligation, Report]:
    obligation = locked(obligation)
    if not can_receive(scope_for(actor), obligation):
        raise NotAllowed(
            "Chỉ lãnh đạo đơn vị nhận báo cáo (hoặc đơn vị báo cáo được gửi qua) "
            "được trả lại hoặc tiếp nhận báo cáo."
        )
    report = locked_report(obligation)
    if report is None or report.state == ReportState.DRAFT:
        raise ReportNotEditable("Đơn vị chưa nộp báo cáo.")
    if report.state == ReportState.ACCEPTED:
        raise ReportAlreadyAccepted("Báo cáo đã được tiếp nhận.")
    if report.state == ReportState.RETURNED:
        raise ReportNotEditable("Báo cáo đã được trả lại và đang chờ đơn vị chỉnh sửa.")
    return obligation, report


@transaction.atomic
def report_return(*, actor, obligation: Obligation, comment: str) -> Report:
    """Return a submitted report for revision with a comment (required). The unit is notified."""
    comment = (comment or "").strip()
    if not comment:
        raise ReportInvalid("Hãy ghi ý kiến để đơn vị biết cần chỉnh sửa gì.", field="comment")
    obligation, report = _review_target(actor, obligation)
    report.state, report.return_comment = ReportState.RETURNED, comment
    report.returned_at, report.returned_by = timezone.now(), actor
    report.save(update_fields=["state", "return_comment", "returned_at", "returned_by", "updated_at"])
    event_record(
        actor=actor,
        action="report.returned",
        obj=report,
        unit=obligation.unit,
        details={"obligation": obligation.pk, "version": report.version_count, "comment": comment},
    )
    notify_unit_roles(
        unit_ids=[obligation.unit_id],
        roles=WRITER_ROLES,
        kind="reporting.report_returned",
        title=f"Báo cáo {obligation.period_label} bị trả lại để chỉnh sửa",
        body=f"{obligation.requirement.title}\nÝ kiến: {comment}",
        url=reverse("reporting:report_edit", args=[obligation.pk]),
        exclude_user_id=actor.pk,
    )
    return report


@transaction.atomic
def report_accept(*, actor, obligation: Obligation) -> Report:
    """Accept a submitted report (leader of the receiving or the via unit). Its figures then roll up.

    Refuses the person who submitted it: when the reporting unit's leader is also a leader of the via or
    receiving unit, accepting needs another leader (four eyes), not the submitter's own click."""
    obligation, report = _review_target(actor, obligation)
    if report.submitted_by_id is not None and report.submitted_by_id == actor.pk:
        raise NotAllowed(
            "Bạn đã nộp báo cáo này nên không thể tự tiếp nhận; "
            "hãy đề nghị một lãnh đạo khác của đơn vị nhận báo cáo tiếp nhận."
        )
    report.state, report.accepted_at, report.accepted_by = ReportState.ACCEPTED, timezone.now(), actor
    report.save(update_fields=["state", "accepted_at", "accepted_by", "updated_at"])
    event_record(
        actor=actor,
        action="report.accepted",
        obj=report,
        unit=obligation.unit,
        details={"obligation": obligation.pk, "version": report.version_count},
    )
    notify_unit_roles(
        unit_ids=[obligation.unit_id],
        roles=WRITER_ROLES,
        kind="reporting.report_accepted",
        title=f"Báo cáo {obligation.period_label} đã được tiếp nhận",
        body=obligation.requirement.title,
        url=reverse("reporting:report_detail", args=[obligation.pk]),
        exclude_user_id=actor.pk,
    )
    return report
