"""Correcting or removing a record of a document from outside the system: its owner unit's, while uncited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from directives import access
from directives.forms import ExternalDocumentForm
from directives.services import external
from portal.lib.errors import Refused, show_on_form


@login_required
@require_http_methods(["GET", "POST"])
def external_edit(request, document_id: int):
    document = access.external_document_for_owner(request.user, document_id)
    form = ExternalDocumentForm(
        request.POST or None,
        initial={
            "doc_type": document.doc_type,
            "number_symbol": document.number_symbol,
            "issue_date": document.issue_date,
            "issuer": document.external_issuer,
            "subject": document.subject,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            external.external_document_update(
                actor=request.user,
                document=document,
                number_symbol=data["number_symbol"],
                issue_date=data["issue_date"],
                issuer_name=data["issuer"],
                doc_type=data["doc_type"],
                subject=data["subject"],
            )
        except Refused as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, "Đã sửa thông tin văn bản ngoài hệ thống.")
            return redirect("directives:detail", document_id=document.pk)
    return render(request, "directives/external_edit.html", {"document": document, "form": form})


@login_required
@require_POST
def external_remove(request, document_id: int):
    document = access.external_document_for_owner(request.user, document_id)
    try:
        external.external_document_remove(actor=request.user, document=document)
    except Refused as exc:
        messages.error(request, exc.message)
        return redirect("directives:detail", document_id=document.pk)
    messages.success(request, f"Đã xóa bản ghi văn bản số {document.number_symbol}.")
    return redirect("directives:search")
