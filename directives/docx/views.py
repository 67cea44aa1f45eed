"""Word both ways: download a document as .docx, upload an edited draft's .docx (issue 17 item 6).

Thin views: access through the same helpers as the PDF download (directives.access.document_for_user) and the
editor (document_for_editing); the write is directives.docx.services.draft_text_from_docx."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from directives import access
from directives.docx.export import docx_from_layout
from directives.docx.forms import DocxUploadForm
from directives.docx.services import draft_text_from_docx
from directives.rendering import layout_for
from portal.lib.errors import Refused, show_on_form
from portal.lib.search import fold

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_file_name(number_symbol: str, subject: str, *, fallback: str) -> str:
    """A safe file name: the number-symbol ("76_KH-LĐLĐ.docx") or the subject without diacritics, never a path."""
    if number_symbol.strip():
        stem = number_symbol.strip()
        for ch in '/\\:*?"<>|':
            stem = stem.replace(ch, "_")
    else:
        words = "".join(ch if ch.isalnum() else " " for ch in fold(subject or "")).split()
        stem = "-".join(words)[:80].strip("-")
    stem = "".join(ch for ch in stem if ch.isprintable()).strip(". ") or fallback
    return f"{stem}.docx"


def docx_response(data: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        data,
        content_type=DOCX_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


@login_required
def document_docx(request, document_id: int):
    """The document as an editable .docx in its official format — for whoever may read it (drafts too)."""
    document = access.document_for_user(request.user, document_id)
    if document.is_external:
        raise Http404("Văn bản ngoài hệ thống không có bản Word.")
    name = docx_file_name(document.number_symbol, document.subject, fallback=f"du-thao-{document.pk}")
    return docx_response(docx_from_layout(layout_for(document)), name)


@login_required
def document_docx_upload(request, document_id: int):
    """«Tải lên bản Word đã sửa»: the draft's text replaced by the edited file's; errors beside the file field."""
    document = access.document_for_editing(request.user, document_id)
    if request.method == "POST":
        form = DocxUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                draft_text_from_docx(
                    actor=request.user,
                    document=document,
                    upload=form.cleaned_data["file"],
                    expected_version=form.cleaned_data["version"],
                )
            except Refused as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, "Đã thay nội dung bản nháp bằng bản Word đã sửa.")
                return redirect("directives:edit", document_id=document.pk)
        status = 400
    else:
        form = DocxUploadForm(initial={"version": document.version})
        status = 200
    return render(request, "directives/docx/upload.html", {"document": document, "form": form}, status=status)
