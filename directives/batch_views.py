"""Pages of "Tải toàn bộ văn bản triển khai": request a ZIP, follow its progress, download it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from directives import access
from directives.errors import BatchRefused
from directives.services.batch import render_batch_request


@login_required
@require_POST
def batch_request(request, document_id: int):
    document = access.document_for_user(request.user, document_id)
    try:
        batch = render_batch_request(actor=request.user, document=document)
    except BatchRefused as exc:
        messages.error(request, exc.message)
        return redirect("directives:cascade", document_id=document.pk)
    return redirect("directives:batch", batch_id=batch.pk)


@login_required
def batch_detail(request, batch_id: int):
    """The progress page; htmx polls the same address for the `_batch_progress.html` fragment."""
    batch = access.batch_for_user(request.user, batch_id)
    template = "directives/_batch_progress.html" if request.htmx else "directives/batch.html"
    return render(request, template, {"batch": batch, "document": batch.document})


@login_required
def batch_download(request, batch_id: int):
    batch = access.batch_for_user(request.user, batch_id)
    if batch.status != batch.Status.DONE or not batch.zip_file:
        raise Http404("Tệp ZIP chưa sẵn sàng.")
    name = (batch.document.number_symbol or str(batch.document.pk)).replace("/", "_")
    return FileResponse(
        batch.zip_file.open("rb"),
        as_attachment=True,
        content_type="application/zip",
        filename=f"van-ban-trien-khai-{name}.zip",
    )
