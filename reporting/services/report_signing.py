"""The signing step of a report (issue 17 item 2): a reporter or drafter prepares the report and hands it to the
unit's head or deputy («Trình ký»); the leader reads it and either hands it back with a comment («Trả lại») or
signs and sends it («Ký và gửi»: reporting.services.reports.report_submit, which numbers it, records the
signature block and submits it — the one way a report goes up).

While it waits for the signature the report is not editable (state SIGNING, «Chờ lãnh đạo ký»); handed back,
it returns to the state it was in (a draft, or a report returned for revision by the receiving unit) with
nothing lost.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.audit.services import event_record
from portal.lib.optimistic import IN_PROCESS, ExpectedVersion
from portal.notifications.services import notify
from reporting.errors import ReportInvalid, ReportNotEditable
from reporting.models import Obligation, Report, ReportState
from reporting.services.form_template import clean_submission, template_for
from reporting.services.report_guards import (
    check_editable,
    check_revision,
    check_signer,
    check_writer,
    locked,
    locked_report,
)
from reporting.signature import is_signer, unit_signers


def _person(user) -> str:
    return user.get_full_name() or user.get_username()


@transaction.atomic
def report_sign_request(
    *,
    actor,
    obligation: Obligation,
    leader,
    data: dict | None = None,
    expected_revision: ExpectedVersion = IN_PROCESS,
) -> Report:
    """«Trình ký»: hand the report (with ``data`` as typed, or the saved draft) to ``leader`` for signature.

    The report is checked as a submission is (a leader is never handed a report that could not be sent) and
    waits, not editable, in state SIGNING; the leader is notified. Refuses, changing nothing: another unit's
    obligation, a report not editable (already awaiting signature, submitted, accepted), a stale form, a
    leader who is not a signer of the reporting unit (field "leader"), an invalid or empty report."""
    obligation = locked(obligation)
    check_writer(actor, obligation)
    report = locked_report(obligation)
    check_editable(report)
    if data is not None:
        check_revision(report, expected_revision)
    if leader is None or not is_signer(leader, obligation.unit):
        if not unit_signers(obligation.unit):
            raise ReportInvalid(
                f"{obligation.unit.name} chưa có lãnh đạo (người ký) trên Thông Suốt: đề nghị quản trị đơn vị cấp "
                "vai trò «Lãnh đạo (người ký)» cho trưởng hoặc phó đơn vị rồi trình ký.",
                field="leader",
            )
        raise ReportInvalid(
            f"Hãy chọn lãnh đạo của {obligation.unit.name} (người ký) để trình ký.", field="leader"
        )
    template = template_for(obligation.requirement)
    source = data if data is not None else (report.data if report else {})
    clean = clean_submission(template, source)
    if report is None:
        report = Report(obligation=obligation, created_by=actor)
    report.data = clean
    report.state = ReportState.SIGNING
    report.sign_requested_to, report.sign_requested_by = leader, actor
    report.sign_requested_at, report.sign_comment = timezone.now(), ""
    report.updated_by = actor
    report.revision += 1
    report.save()
    event_record(
        actor=actor,
        action="report.sign_requested",
        obj=report,
        unit=obligation.unit,
        details={"obligation": obligation.pk, "leader": leader.pk, "leader_name": _person(leader)},
    )
    if leader.pk != actor.pk:
        notify(
            user_ids=[leader.pk],
            kind="reporting.report_sign_requested",
            title=f"Báo cáo chờ ký: {obligation.requirement.title} — {obligation.period_label}",
            body=f"{_person(actor)} trình ký báo cáo của {obligation.unit.name}.",
            url=reverse("reporting:report_detail", args=[obligation.pk]),
        )
    return report


@transaction.atomic
def report_sign_return(*, actor, obligation: Obligation, comment: str) -> Report:
    """«Trả lại»: the leader hands the report back to the person who prepared it, with a comment (required).

    The report returns to the state it was in before «Trình ký» — a draft, or a report the receiving unit
    returned for revision (it has been sent before) — with its text unchanged. Refuses: anyone but a signer of
    the reporting unit, a report not awaiting signature, an empty comment."""
    comment = (comment or "").strip()
    obligation = locked(obligation)
    check_writer(actor, obligation)
    check_signer(actor, obligation)
    report = locked_report(obligation)
    if report is None or report.state != ReportState.SIGNING:
        raise ReportNotEditable("Báo cáo không ở trạng thái chờ lãnh đạo ký.")
    if not comment:
        raise ReportInvalid("Hãy ghi ý kiến để người soạn biết cần chỉnh sửa gì.", field="comment")
    report.state = ReportState.RETURNED if report.version_count else ReportState.DRAFT
    report.sign_comment, report.sign_requested_to = comment, None
    report.updated_by = actor
    report.revision += 1
    report.save()
    event_record(
        actor=actor,
        action="report.sign_returned",
        obj=report,
        unit=obligation.unit,
        details={"obligation": obligation.pk, "comment": comment},
    )
    drafter = report.sign_requested_by_id
    if drafter and drafter != actor.pk:
        notify(
            user_ids=[drafter],
            kind="reporting.report_sign_returned",
            title=f"Lãnh đạo trả lại báo cáo {obligation.period_label} để chỉnh sửa",
            body=f"{obligation.requirement.title}\nÝ kiến: {comment}",
            url=reverse("reporting:report_edit", args=[obligation.pk]),
        )
    return report


def leader_for(obligation: Obligation, user_id) -> object | None:
    """The person picked in «Trình ký» by id, when they sign for the reporting unit; None otherwise."""
    try:
        pk = int(user_id)
    except (TypeError, ValueError):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    return user if user is not None and is_signer(user, obligation.unit) else None
