"""A unit's report on an obligation: its draft, its sending («Ký và gửi»), and the draft filled from the units
below. The review («Trả lại», «Tiếp nhận») is review.py, attachments attachments.py, the checks every write starts
with report_guards.py; a report's life: draft → submitted → returned for revision → accepted.

Every submission is kept as an immutable ReportVersion; a late report is accepted and marked late.
Each service locks the obligation row first, so a submission, a review and the chaser never
interleave on one obligation.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.audit.services import event_record
from portal.lib.optimistic import IN_PROCESS, ExpectedVersion
from portal.signing import keys
from reporting.access import RECEIVER_ROLES
from reporting.errors import (
    DraftChanged,
    ReportInvalid,
    ReportNotEditable,
    RollupUnavailable,
)
from reporting.models import (
    Obligation,
    ObligationStatus,
    Report,
    ReportState,
    ReportVersion,
)
from reporting.services.form_template import clean_draft, clean_submission, template_for
from reporting.services.notify import notify_unit_roles
from reporting.services.report_guards import (
    check_editable,
    check_revision,
    check_signer,
    check_writer,
    locked,
    locked_report,
)
from reporting.services.rollup import draft_fingerprint, rollup_prefill, rollup_preview
from reporting.services.sent_pdf import sent_pdf
from reporting.signature import number_take, sha256, signature_block


@transaction.atomic
def report_save_draft(
    *, actor, obligation: Obligation, data: dict, expected_revision: ExpectedVersion = IN_PROCESS
) -> Report:
    """Save the reporting unit's working copy (autosave). Keeps half-typed numbers: they are checked on submit.

    Refuses: another unit's obligation, an excused one, a report already submitted or accepted, and a save
    that names no revision or an older one than the draft's (ReportStale, 409: another tab or person saved
    since this form was loaded — nothing is overwritten). Request paths always pass ``expected_revision``.
    An audit event marks the draft's start; the autosaves themselves are not state changes.
    """
    obligation = locked(obligation)
    check_writer(actor, obligation)
    report = locked_report(obligation)
    check_editable(report)
    check_revision(report, expected_revision)
    template = template_for(obligation.requirement)
    created = report is None
    if report is None:
        report = Report(obligation=obligation, created_by=actor)
    report.data = clean_draft(template, data)
    report.updated_by = actor
    report.revision += 1
    report.save()
    if created:
        event_record(
            actor=actor,
            action="report.draft_started",
            obj=report,
            unit=obligation.unit,
            details={"obligation": obligation.pk},
        )
    return report


@transaction.atomic
def report_submit(
    *,
    actor,
    obligation: Obligation,
    data: dict | None = None,
    expected_revision: ExpectedVersion = IN_PROCESS,
    secret: str | None = None,
    seal_secret: str | None = None,
) -> Report:
    """«Ký và gửi»: the unit's signer signs the report (with `data`, or the saved draft) and sends it up; it is
    kept as a new version.

    Sending is a signer's act (issue 17): the report takes its number from the unit's outgoing register (type
    BC, the register its documents use; a resubmission keeps it), the signer's block (TM./KT., title, name) is
    recorded on the report and its version, and the PDF as sent is stored with the version (digitally signed
    when the signer holds a credential: ``secret`` is its PIN, never kept). A report awaiting signature
    («Trình ký») is signed as it was handed over.

    Refuses, changing nothing (no number taken, no file kept): another unit's obligation; a person who is not a
    signer of the reporting unit (ReportNotSigner: they use «Trình ký»); an excused obligation; a period not
    yet open; a report already submitted (awaiting review) or accepted; typed data for a report awaiting
    signature; a non-numeric or negative indicator or an empty report (ReportInvalid naming each field); a
    missing or wrong PIN. A report after the deadline is accepted and marked late; the obligation turns
    submitted on time / late at the first submission and the chaser stops. Submitting typed ``data`` from a
    form or the API names the revision it was loaded at, as a draft save does (ReportStale when missing or
    older).
    """
    obligation = locked(obligation)
    check_writer(actor, obligation)
    check_signer(actor, obligation)
    report = locked_report(obligation)
    if report is not None and report.state == ReportState.SIGNING and data is None:
        pass  # the leader signs what was handed over for signature
    else:
        check_editable(report)
    if data is not None:
        check_revision(report, expected_revision)
    now = timezone.now()
    if obligation.status == ObligationStatus.UPCOMING and obligation.opens_at > now:
        raise ReportNotEditable(
            f"Kỳ báo cáo {obligation.period_label} chưa mở; "
            f"mở từ {timezone.localtime(obligation.opens_at):%d/%m/%Y}."
        )
    template = template_for(obligation.requirement)
    source = data if data is not None else (report.data if report else {})
    clean = clean_submission(template, source)
    late = now > obligation.due_at
    if report is None:
        report = Report(obligation=obligation, created_by=actor)
    first = report.version_count == 0
    report.data = clean
    report.state = ReportState.SUBMITTED
    report.submitted_by, report.submitted_at, report.updated_by = actor, now, actor
    if first:
        report.is_late = late
    report.version_count += 1
    report.revision += 1
    # The number (kept by a resubmission: the same document, corrected) and the signature block as signed.
    number_take(report, obligation.unit, timezone.localdate(now))
    report.signature = signature_block(user=actor, unit=obligation.unit)
    report.signed_by, report.signed_at = actor, now
    report.sign_requested_to, report.sign_comment = None, ""
    report.save()
    pdf = sent_pdf(obligation, report, actor=actor, secret=secret, seal_secret=seal_secret)
    version = ReportVersion(
        report=report,
        number=report.version_count,
        data=clean,
        submitted_by=actor,
        submitted_at=now,
        is_late=late,
        attachments=[
            {"id": a.pk, "name": a.original_name, "size": a.size, "sha256": a.sha256}
            for a in report.attachments.all()
        ],
        signature={
            **report.signature,
            "number": report.number,
            "number_symbol": report.number_symbol,
            "signed_at": now.isoformat(),
        },
        pdf_sha256=sha256(pdf),
    )
    version.pdf.save(f"bao-cao-{report.number:02d}.pdf", ContentFile(pdf), save=False)
    # Every refusal came before the file was written; the file name carries the version, so a retry after a
    # failure further down writes a new name and never serves an unsent file.
    version.save()
    if obligation.is_pending:
        obligation.status = ObligationStatus.SUBMITTED_LATE if late else ObligationStatus.SUBMITTED_ON_TIME
        obligation.submitted_at = now
    obligation.next_action_at, obligation.next_stage = None, ""
    obligation.save(update_fields=["status", "submitted_at", "next_action_at", "next_stage", "updated_at"])
    event_record(
        actor=actor,
        action="report.submitted",
        obj=report,
        unit=obligation.unit,
        details={
            "obligation": obligation.pk,
            "version": report.version_count,
            "late": late,
            "number_symbol": report.number_symbol,
            "signer": report.signature.get("name", ""),
            "pdf_sha256": version.pdf_sha256,
            "digitally_signed": keys.person_credential(actor) is not None,
        },
    )
    receivers = [obligation.to_unit_id] + ([obligation.via_unit_id] if obligation.via_unit_id else [])
    notify_unit_roles(
        unit_ids=receivers,
        roles=(*RECEIVER_ROLES, "drafter"),
        kind="reporting.report_submitted",
        title=f"{obligation.unit.name} đã nộp báo cáo {obligation.period_label}"
        + (" (nộp muộn)" if late else "")
        + (f" — lần {report.version_count}" if not first else ""),
        body=obligation.requirement.title,
        url=reverse("reporting:report_detail", args=[obligation.pk]),
        exclude_user_id=actor.pk,
    )
    return report


@transaction.atomic
def report_fill_from_rollup(
    *, actor, obligation: Obligation, fields: list[str], seen: str
) -> tuple[Report, int]:
    """Fill the chosen fields of the draft from the roll-up of the reports this unit received for the period.

    Only the fields named in `fields` (form names, section_<key> / indicator_<key>) are written, each
    with the roll-up's value; every other field keeps what the reporter wrote. `seen` is the fingerprint
    of the draft the reporter compared against (rollup.draft_fingerprint). Returns (report, fields filled).

    Refuses, writing nothing: another unit's obligation; a report submitted or accepted; no subordinate
    report accepted for the period (RollupUnavailable); no field chosen, or a field the roll-up has no
    value for; a draft changed since the reporter looked (DraftChanged).
    """
    obligation = locked(obligation)
    check_writer(actor, obligation)
    report = locked_report(obligation)
    check_editable(report)
    data = rollup_prefill(
        unit=obligation.unit, requirement=obligation.requirement, period_key=obligation.period_key
    )
    if not data["sources"]:
        raise RollupUnavailable(
            "Chưa có báo cáo nào của đơn vị cấp dưới được tiếp nhận cho kỳ này; không có số liệu để tổng hợp."
        )
    template = template_for(obligation.requirement)
    current = report.data if report is not None else {}
    if seen != draft_fingerprint(current):
        raise DraftChanged(
            "Bản nháp vừa được sửa (có thể ở một cửa sổ khác) sau khi bạn xem số liệu tổng hợp; "
            "hãy xem lại trước khi điền."
        )
    chosen = set(fields or [])
    if not chosen:
        raise ReportInvalid("Hãy chọn ít nhất một mục để điền từ báo cáo cấp dưới.", field="muc")
    offered = {
        f.name: f for f in rollup_preview(template=template, draft=current, rollup=data).fields if f.offered
    }
    unknown = chosen - set(offered)
    if unknown:
        raise ReportInvalid(
            "Có mục không có số liệu tổng hợp để điền; hãy tải lại trang và chọn lại.", field="muc"
        )
    merged = {
        "sections": dict((current or {}).get("sections") or {}),
        "indicators": dict((current or {}).get("indicators") or {}),
    }
    for name in chosen:
        kind, key = name.split("_", 1)
        merged["sections" if kind == "section" else "indicators"][key] = offered[name].proposed
    if report is None:
        report = Report(obligation=obligation, created_by=actor)
    report.data = clean_draft(template, merged)
    report.updated_by = actor
    report.revision += 1
    report.save()
    event_record(
        actor=actor,
        action="report.rolled_up",
        obj=report,
        unit=obligation.unit,
        details={"obligation": obligation.pk, "sources": len(data["sources"]), "fields": sorted(chosen)},
    )
    return report, len(chosen)
