"""Files attached to the report being written: added (checked like every upload, PDFs' signatures read) and
removed while the report may still change."""

from __future__ import annotations

import hashlib

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from portal.audit.services import event_record
from portal.lib.uploads import attachment_check, safe_upload_name
from portal.signing.selectors import pdf_check
from reporting import conf
from reporting.errors import AttachmentRefused, ReportNotEditable
from reporting.models import Obligation, Report, ReportAttachment
from reporting.services.form_template import clean_draft, template_for
from reporting.services.report_guards import check_editable, check_writer, locked, locked_report


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
    obligation = locked(obligation)
    check_writer(actor, obligation)
    report = locked_report(obligation)
    check_editable(report)
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
    obligation = locked(obligation)
    check_writer(actor, obligation)
    report = locked_report(obligation)
    check_editable(report)
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
