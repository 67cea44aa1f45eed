"""A unit's report on an obligation: draft → submitted → returned for revision → accepted.

Every submission is kept as an immutable ReportVersion; a late report is accepted and marked late.
Each service locks the obligation row first, so a submission, a review and the chaser never
interleave on one obligation.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from directives.pdf.conf import regime_style
from portal.audit.services import event_record
from portal.lib.optimistic import IN_PROCESS, ExpectedVersion, version_refusal
from portal.lib.uploads import attachment_check, safe_upload_name
from portal.org.access import scope_for
from portal.signing import keys
from portal.signing import pdf as signed_pdf
from portal.signing.errors import SigningRefused
from portal.signing.selectors import pdf_check
from reporting import conf, rendering
from reporting.access import RECEIVER_ROLES, WRITER_ROLES, can_receive, can_write
from reporting.errors import (
    AttachmentRefused,
    DraftChanged,
    NotAllowed,
    ObligationExcused,
    ReportAlreadyAccepted,
    ReportInvalid,
    ReportNotEditable,
    ReportNotSigner,
    ReportStale,
    RollupUnavailable,
)
from reporting.models import (
    Obligation,
    ObligationStatus,
    Report,
    ReportAttachment,
    ReportState,
    ReportVersion,
)
from reporting.services.form_template import clean_draft, clean_submission, template_for
from reporting.services.notify import notify_unit_roles
from reporting.services.rollup import draft_fingerprint, rollup_prefill, rollup_preview
from reporting.signature import is_signer, number_take, sha256, signature_block


def _locked(obligation: Obligation) -> Obligation:
    return (
        Obligation.objects.select_for_update(of=("self",))
        .select_related("requirement", "unit", "to_unit", "via_unit")
        .get(pk=obligation.pk)
    )


def _locked_report(obligation: Obligation) -> Report | None:
    return Report.objects.select_for_update().filter(obligation=obligation).first()


def _check_writer(actor, obligation: Obligation) -> None:
    if not can_write(scope_for(actor), obligation):
        raise NotAllowed(
            f"Bạn không phải thành viên của {obligation.unit.name}; "
            "không thể soạn hoặc nộp báo cáo thay cho đơn vị khác."
        )
    if obligation.status == ObligationStatus.EXCUSED:
        reason = f" ({obligation.excused_reason})" if obligation.excused_reason else ""
        raise ObligationExcused(f"Đơn vị đã được miễn báo cáo kỳ này{reason}; không thể nộp báo cáo.")


def _check_revision(report: Report | None, expected: ExpectedVersion) -> None:
    refusal = version_refusal(expected, report.revision if report is not None else 0)
    if refusal:
        raise ReportStale(refusal, field="version")


def _check_editable(report: Report | None) -> None:
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


def _sent_pdf(
    obligation: Obligation, report: Report, *, actor, secret: str | None, seal_secret: str | None
) -> bytes:
    """The PDF as sent: numbered, with the signature block as signed. When the signer holds a signing credential
    it carries their digital signature (PIN ``secret``) and, when the unit's seal credential is opened too
    (``seal_secret``, the clerk's PIN), the body's signature over it (portal.signing.pdf: prepare → fill_number →
    sign_person → seal_body). Unlike a document, whose number the clerk gives after the signer has signed, a
    report is numbered in the same step as it is signed, so the number is written before the signature: the
    leader's signature then covers the whole file as sent, and a report sent without the seal verifies as a
    complete, unchanged file. Without a credential the printed block is the signature, as for documents issued
    without keys."""
    credential = keys.person_credential(actor)
    if credential is None:
        return rendering.report_pdf_bytes(obligation, report)
    if not secret:
        raise SigningRefused("wrong_pin", "Hãy nhập mã PIN của thiết bị ký số để ký báo cáo.")
    unit = obligation.unit
    description = f"Ký báo cáo số {report.number_symbol}"
    sizes = regime_style(unit.regime).sizes_pt
    with keys.open_signer(credential, secret, description=description) as signer:
        unsigned, slots, layout = rendering.report_unsigned_pdf(obligation, report)
        numbered = signed_pdf.fill_number(
            signed_pdf.prepare(unsigned, slots),
            number_text=layout.number_symbol_text(),
            date_text=layout.place_date_line(),
            number_pt=float(sizes["number"]),
            date_pt=float(sizes["date"]),
        )
        data = signed_pdf.sign_person(
            numbered, signer, image_png=bytes(credential.image), reason="Ký báo cáo"
        )
    seal = keys.body_credential(unit)
    if seal is not None and seal_secret:
        with keys.open_signer(seal, seal_secret, description=description) as body_signer:
            data = signed_pdf.seal_body(data, body_signer, seal_png=bytes(seal.image), body_name=unit.name)
    return data


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
    obligation = _locked(obligation)
    _check_writer(actor, obligation)
    report = _locked_report(obligation)
    _check_editable(report)
    _check_revision(report, expected_revision)
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
    obligation = _locked(obligation)
    _check_writer(actor, obligation)
    check_signer(actor, obligation)
    report = _locked_report(obligation)
    if report is not None and report.state == ReportState.SIGNING and data is None:
        pass  # the leader signs what was handed over for signature
    else:
        _check_editable(report)
    if data is not None:
        _check_revision(report, expected_revision)
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
    pdf = _sent_pdf(obligation, report, actor=actor, secret=secret, seal_secret=seal_secret)
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


def _review_target(actor, obligation: Obligation) -> tuple[Obligation, Report]:
    obligation = _locked(obligation)
    if not can_receive(scope_for(actor), obligation):
        raise NotAllowed(
            "Chỉ lãnh đạo đơn vị nhận báo cáo (hoặc đơn vị báo cáo được gửi qua) "
            "được trả lại hoặc tiếp nhận báo cáo."
        )
    report = _locked_report(obligation)
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


# --- Attachments ----------------------------------------------------------------------------------------


def check_upload(upload: UploadedFile) -> str:
    """The upload's extension when it is allowed; refuses a forbidden type, a mislabelled file, an empty one, a
    file too large (ATTACHMENT_MAX_BYTES / ATTACHMENT_ALLOWED_EXTENSIONS): the portal's one check."""
    return attachment_check(
        upload,
        allowed=conf.attachment_allowed_extensions(),
        max_bytes=conf.attachment_max_bytes(),
        refusal=AttachmentRefused,
    )


@transaction.atomic
def report_attachment_add(*, actor, obligation: Obligation, upload: UploadedFile) -> ReportAttachment:
    """Attach a file to the report being written. Refused like a draft edit, and for a file too large
    or of a forbidden type — nothing is stored then."""
    obligation = _locked(obligation)
    _check_writer(actor, obligation)
    report = _locked_report(obligation)
    _check_editable(report)
    ext = check_upload(upload)
    # Every PDF that enters is verified (issue 15): the result is kept with the file and shown beside it.
    signatures = None
    if ext == "pdf":
        upload.seek(0)
        signatures = pdf_check(upload.read())
        upload.seek(0)
    if report is None:
        report = Report.objects.create(
            obligation=obligation,
            created_by=actor,
            updated_by=actor,
            data=clean_draft(template_for(obligation.requirement), {}),
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = safe_upload_name(upload.name or "")
    # check_upload refused an empty file, so the size is a positive number here.
    attachment = ReportAttachment(
        report=report,
        original_name=name,
        size=upload.size or 0,
        content_type=(getattr(upload, "content_type", "") or "")[:120],
        sha256=digest.hexdigest(),
        signature_report=signatures.verification.to_json() if signatures else None,
        uploaded_by=actor,
    )
    # Every check ran before the file is written, so a refusal never leaves a file behind.
    attachment.file.save(name, upload, save=False)
    attachment.save()
    details = {"name": name, "size": upload.size, "sha256": attachment.sha256}
    if signatures:
        details["signatures"] = signatures.summary_vi()
    event_record(
        actor=actor,
        action="report.attachment_added",
        obj=report,
        unit=obligation.unit,
        details=details,
    )
    return attachment


@transaction.atomic
def report_attachment_remove(*, actor, obligation: Obligation, attachment_id: int) -> None:
    """Remove an attachment not yet part of a submitted version (submitted files are kept for ever)."""
    obligation = _locked(obligation)
    _check_writer(actor, obligation)
    report = _locked_report(obligation)
    _check_editable(report)
    # No report row yet means nothing was attached: the same answer as an unknown id.
    attachment = ReportAttachment.objects.filter(pk=attachment_id, report=report).first() if report else None
    if report is None or attachment is None:
        raise ReportNotEditable("Không tìm thấy tệp đính kèm.")
    in_versions = any(a.get("id") == attachment.pk for v in report.versions.all() for a in v.attachments)
    if in_versions:
        raise ReportNotEditable("Tệp đã nằm trong một lần nộp báo cáo; không thể xóa.")
    event_record(
        actor=actor,
        action="report.attachment_removed",
        obj=report,
        unit=obligation.unit,
        details={"name": attachment.original_name},
    )
    stored = attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.storage.delete(stored))


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
    obligation = _locked(obligation)
    _check_writer(actor, obligation)
    report = _locked_report(obligation)
    _check_editable(report)
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
