"""Nhập văn bản: paste or upload an existing document, review what was read, then save it.

/van-ban/nhap/            GET the form; POST text or a file → the review form (nothing written)
/van-ban/nhap/xac-nhan/   POST the corrected review form → an external document or a draft

The review form carries everything that was read in its own fields (no session state), so the
person's corrections are what gets saved. Both steps need a drafting or clerk role: 403 otherwise.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from directives import access
from directives.import_forms import ImportSourceForm, Review
from directives.importing import ImportRefused
from directives.services import imported
from portal.lib.errors import Refused, show_on_form
from portal.signing.selectors import pdf_check


def _importer_units(user):
    if not imported.can_import(user):
        raise PermissionDenied("Chỉ người soạn thảo, lãnh đạo ký hoặc văn thư mới được nhập văn bản.")
    return access.drafting_units(user)


@login_required
def import_start(request):
    units = _importer_units(request.user)
    form = ImportSourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            text = form.read_text()
        except ImportRefused as exc:
            form.add_error("file" if form.cleaned_data.get("file") else "text", exc.message)
        else:
            review = Review(units=units, initial=imported.imported_from_text(text))
            pdf = form.uploaded_pdf()
            context = {**review.context(), "signatures": pdf_check(pdf) if pdf else None}
            return render(request, "directives/import_review.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "directives/import.html", {"form": form}, status=status)


@login_required
@require_POST
def import_confirm(request):
    units = _importer_units(request.user)
    review = Review(request.POST, units=units)
    action = request.POST.get("action")
    if review.is_valid():
        data = review.imported()
        try:
            if action == "draft":
                unit = review.form.cleaned_data["unit"]
                if unit is None:
                    review.form.add_error("unit", "Chọn đơn vị sẽ soạn dự thảo.")
                else:
                    document = imported.imported_draft_create(actor=request.user, issuer=unit, data=data)
                    messages.success(
                        request,
                        "Đã tạo dự thảo từ văn bản nhập. Hãy chọn đơn vị nhận cho từng dòng "
                        "Kính gửi / Nơi nhận trước khi trình ký.",
                    )
                    return redirect("directives:edit", document_id=document.pk)
            elif action == "external":
                document, created = imported.imported_external_register(actor=request.user, data=data)
                return _after_register(request, document, created)
            else:
                review.form.add_error(None, "Hãy chọn: ghi nhận văn bản ngoài hệ thống hoặc tạo dự thảo.")
        except Refused as exc:
            show_on_form(review.form, exc)
    return render(request, "directives/import_review.html", review.context(), status=400)


def _after_register(request, document, created: bool):
    label = f"{document.get_doc_type_display()} số {document.number_symbol}"
    if created:
        messages.success(request, f"Đã ghi nhận {label} là văn bản ngoài hệ thống.")
    else:
        messages.info(request, f"{label} đã có trong hệ thống; không tạo bản trùng.")
    if access.documents_visible_to(request.user).filter(pk=document.pk).exists():
        return redirect("directives:detail", document_id=document.pk)
    return redirect("directives:import")
