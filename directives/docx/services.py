"""The one write of the Word round trip: an edited .docx replaces a draft's text (issue 17 item 6).

The file is checked like every upload (portal.lib.uploads: type, size, content, a safe zip) and read
(directives/docx/reader.py) before anything is written; the draft is then saved through the editor's own save
(directives.services.compose.document_save_draft), so its optimistic lock (the version the page was loaded at),
the reach and length rules and the sanitiser apply exactly as when the text is typed. Only the opening, the body
(sections, items, bold and italics, tables, footnotes) and the closing are replaced; the header fields (number,
date, issuer), the recipients, the tasks and the signature stay the draft's. All or nothing.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import transaction

from directives.docx.reader import DocxRefused, read_docx_text
from directives.errors import DocumentNotEditable
from directives.models import Document
from directives.services.compose import content_of, document_save_draft
from portal.audit.services import event_record
from portal.lib.optimistic import ExpectedVersion
from portal.lib.uploads import Readable, attachment_check


def _count(sections) -> int:
    return sum(1 + _count(section.children) for section in sections)


@transaction.atomic
def draft_text_from_docx(
    *, actor, document: Document, upload: Readable, expected_version: ExpectedVersion
) -> Document:
    """Replace the draft's opening, body and closing with those of the uploaded .docx; returns the saved draft.

    Refuses an issued (or submitted) document (DocumentNotEditable), a file that is not a sound .docx or is too
    large (DocxRefused, about the field "file"), a stale version (StaleDraft) and whatever the draft save refuses.
    """
    locked = Document.objects.select_for_update(of=("self",)).get(pk=document.pk)
    if not locked.is_editable:
        raise DocumentNotEditable(
            "Văn bản đã trình ký hoặc đã ban hành: không thể thay nội dung bằng tệp Word. "
            "Muốn thay đổi, hãy ban hành văn bản thay thế."
        )
    attachment_check(
        upload,
        allowed=["docx"],
        max_bytes=settings.IMPORT_MAX_BYTES,
        subject="Tệp Word",
        kinds_label="Word (.docx)",
        refusal=DocxRefused,
    )
    upload.seek(0)
    data = upload.read()
    try:
        text = read_docx_text(data)
    except DocxRefused as exc:
        raise DocxRefused(exc.message, field="file") from exc
    content = content_of(locked)
    content.opening = text.opening
    content.body = list(text.body)
    content.closing = text.closing
    saved = document_save_draft(
        actor=actor, document=locked, content=content, expected_version=expected_version
    )
    event_record(
        actor=actor,
        action="document.docx_imported",
        obj=saved,
        unit=saved.issuer,
        details={
            "version": saved.version,
            "sections": _count(text.body),
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        },
    )
    return saved
