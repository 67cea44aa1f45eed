"""Pages of the directives app. Each view: access helper, form, service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from directives import access, editor, selectors
from directives.batch import issued_pdf_ensure
from directives.errors import DocumentError
from directives.forms import (
    AttachmentForm,
    CiteForm,
    CommentForm,
    InboxFilterForm,
    NewDocumentForm,
    OutgoingFilterForm,
    RevokeForm,
)
from directives.models import Attachment, Delivery
from directives.rendering import document_pdf_bytes, layout_for
from directives.services import cascade as cascade_services
from directives.services import compose, receipt, signing
from directives.services.compose import CitationLine, content_of
from portal.org.models import Unit


@login_required
def inbox(request):
    form = InboxFilterForm(request.GET or None, issuers=selectors.inbox_issuers(request.user))
    f = form.cleaned_data if form.is_valid() else {}
    deliveries = selectors.inbox(request.user, unread=f.get("loc") == "chua-doc", pending=f.get("loc") == "can-xu-ly",
                                 doc_type=f.get("loai") or "", year=f.get("nam"), issuer_id=f.get("co_quan"))
    page = Paginator(deliveries, 50).get_page(request.GET.get("trang"))
    return render(request, "directives/inbox.html", {"page": page, "form": form})


@login_required
def outgoing(request):
    form = OutgoingFilterForm(request.GET or None)
    f = form.cleaned_data if form.is_valid() else {}
    documents = selectors.outgoing(request.user, status=f.get("trang_thai") or "", query=f.get("q") or "")
    page = Paginator(documents, 50).get_page(request.GET.get("trang"))
    return render(request, "directives/outgoing.html", {
        "page": page, "form": form, "can_draft": access.drafting_units(request.user).exists()})


@login_required
def document_new(request):
    units = access.drafting_units(request.user)
    if not units.exists():
        raise PermissionDenied("Bạn không có vai trò soạn thảo ở đơn vị nào.")
    form = NewDocumentForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            document = compose.document_create_draft(actor=request.user, issuer=form.cleaned_data["issuer"],
                                                     doc_type=form.cleaned_data["doc_type"],
                                                     subject=form.cleaned_data["subject"])
        except DocumentError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("directives:edit", document_id=document.pk)
    return render(request, "directives/new.html", {"form": form})


@login_required
def document_detail(request, document_id: int):
    document = access.document_for_user(request.user, document_id)
    delivery = access.delivery_for_user(request.user, document)
    if delivery:
        receipt.delivery_mark_read(actor=request.user, delivery=delivery)
    issuer_side = not document.is_external and access.can_draft_for(request.user, document.issuer) or (
        document.issuer_id and access.scope_for(request.user).leads(document.issuer))
    context = {
        "document": document, "delivery": delivery, "issuer_side": issuer_side,
        "layout": layout_for(document) if not document.is_external else None,
        "related": selectors.related(document, user=request.user),
        "can_follow_cascade": access.may_follow_cascade(request.user, document),
        "attachments": document.attachments.all(),
        "can_edit": document.is_editable and access.can_draft_for(request.user, document.issuer)
        if document.issuer_id else False,
        "can_issue": document.issuer_id and access.can_issue(request.user, document),
        "missing": signing.missing_parts(document) if document.issuer_id and not document.is_issued else [],
        "requirements": document.requirements.select_related("to_unit", "via_unit"),
    }
    if issuer_side and document.is_issued:
        context["counts"] = selectors.delivery_counts(document)
        context["deliveries"] = Paginator(selectors.deliveries_of(document, state=request.GET.get("loc", "")),
                                          100).get_page(request.GET.get("trang"))
    return render(request, "directives/detail.html", context)


def _editor_response(request, document, state=None, status=200):
    content = state.content if state else content_of(document)
    context = editor.editor_context(document, content, state.nodes if state else None)
    context.update({"document": document, "errors": state.errors if state else [], "cite_form": CiteForm(),
                    "attachment_form": AttachmentForm(), "attachments": document.attachments.all()})
    return render(request, "directives/edit.html", context, status=status)


@login_required
def document_edit(request, document_id: int):
    document = access.document_for_editing(request.user, document_id)
    if not document.is_editable:
        messages.error(request, "Văn bản đã trình ký hoặc đã ban hành, không thể sửa.")
        return redirect("directives:detail", document_id=document.pk)
    if request.method != "POST":
        return _editor_response(request, document)
    state = editor.parse(request.POST)
    action = request.POST.get("action", "save")
    if action not in ("save", "submit"):
        # Add / remove / move / indent: rearrange the form; autosave or "Lưu" persists it.
        editor.apply_action(state, action)
        return _editor_response(request, document, state)
    if state.errors:
        return _editor_response(request, document, state, status=400)
    # "Lưu và trình ký" is one transaction: if the database goes away mid-way, neither the save nor the
    # submission is kept, as the 503 page says (portal.core.middleware.DatabaseUnavailableMiddleware).
    with transaction.atomic():
        try:
            document = compose.document_save_draft(actor=request.user, document=document, content=state.content,
                                                   expected_version=_int(request.POST.get("version")))
        except DocumentError as exc:
            state.errors.append(exc.message)
            return _editor_response(request, document, state, status=400)
        if action == "submit":
            return document_submit(request, document.pk)
    if action == "save":
        messages.success(request, "Đã lưu bản nháp.")
    return _editor_response(request, document, state)


@login_required
@require_POST
def document_autosave(request, document_id: int):
    """Drafts save as you type: htmx posts the whole form here after a pause."""
    document = access.document_for_editing(request.user, document_id)
    state = editor.parse(request.POST)
    error = "; ".join(state.errors)
    if not error:
        try:
            document = compose.document_save_draft(actor=request.user, document=document, content=state.content,
                                                   expected_version=_int(request.POST.get("version")))
        except DocumentError as exc:
            error = exc.message
    return render(request, "directives/_autosave_status.html",
                  {"document": document, "error": error, "saved_at": timezone.localtime()},
                  status=200 if not error else 409 if "nơi khác" in error else 400)


@login_required
@require_POST
def document_cite(request, document_id: int):
    """Cite a document by number-symbol: an existing one is linked, an unknown one registered as external."""
    document = access.document_for_editing(request.user, document_id)
    form = CiteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Trích dẫn chưa hợp lệ: " + "; ".join(e for errs in form.errors.values() for e in errs))
        return redirect("directives:edit", document_id=document.pk)
    try:
        with transaction.atomic():  # the cited document is registered only if the citation is saved
            target = compose.external_document_register(
                actor=request.user, number_symbol=form.cleaned_data["number_symbol"],
                issue_date=form.cleaned_data["issue_date"], issuer_name=form.cleaned_data["issuer"])
            content = content_of(document)
            if all(c.target_id != target.pk for c in content.citations):
                content.citations.append(CitationLine(target_id=target.pk, kind=form.cleaned_data["kind"]))
            compose.document_save_draft(actor=request.user, document=document, content=content)
    except DocumentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã trích dẫn {target.get_doc_type_display()} số {target.number_symbol}.")
    return redirect("directives:edit", document_id=document.pk)


@login_required
@require_POST
def document_attach(request, document_id: int):
    document = access.document_for_editing(request.user, document_id)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Chọn một tệp để đính kèm.")
    else:
        upload = form.cleaned_data["file"]
        try:
            compose.attachment_add(actor=request.user, document=document, filename=upload.name, data=upload.read())
        except DocumentError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Đã đính kèm {upload.name}.")
    return redirect("directives:edit", document_id=document.pk)


@login_required
def attachment_download(request, document_id: int, attachment_id: int):
    document = access.document_for_user(request.user, document_id)
    attachment = get_object_or_404(Attachment, pk=attachment_id, document=document)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


def _transition(request, document_id: int, service, success: str, **kwargs):
    document = access.document_for_user(request.user, document_id)
    try:
        service(actor=request.user, document=document, **kwargs)
    except DocumentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("directives:detail", document_id=document.pk)


@login_required
@require_POST
def document_submit(request, document_id: int):
    return _transition(request, document_id, signing.document_submit, "Đã trình ký văn bản.")


@login_required
@require_POST
def document_issue(request, document_id: int):
    return _transition(request, document_id, signing.document_issue, "Đã ký ban hành và gửi văn bản.")


@login_required
@require_POST
def document_return(request, document_id: int):
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _transition(request, document_id, signing.document_return, "Đã trả lại văn bản cho người soạn.",
                       comment=comment)


@login_required
@require_POST
def document_revoke(request, document_id: int):
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _transition(request, document_id, signing.document_revoke, "Đã thu hồi văn bản.", reason=reason)


def _own_delivery(request, document_id: int) -> Delivery:
    document = access.document_for_user(request.user, document_id)
    delivery = access.delivery_for_user(request.user, document)
    if delivery is None:
        raise Http404("Đơn vị của bạn không nhận văn bản này.")
    return delivery


@login_required
@require_POST
def delivery_acknowledge(request, document_id: int):
    delivery = _own_delivery(request, document_id)
    try:
        receipt.delivery_acknowledge(actor=request.user, delivery=delivery)
    except DocumentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã xác nhận tiếp nhận văn bản.")
    return redirect("directives:detail", document_id=document_id)


@login_required
@require_POST
def document_derive(request, document_id: int):
    delivery = _own_delivery(request, document_id)
    service = cascade_services.document_forward if request.POST.get("cach") == "gui-kem" \
        else cascade_services.document_derive
    try:
        draft = service(actor=request.user, delivery=delivery)
    except DocumentError as exc:
        messages.error(request, exc.message)
        return redirect("directives:detail", document_id=document_id)
    messages.success(request, "Đã tạo dự thảo văn bản triển khai; hãy hoàn thiện nội dung.")
    return redirect("directives:edit", document_id=draft.pk)


@login_required
def document_cascade(request, document_id: int):
    document = access.document_for_cascade(request.user, document_id)
    return render(request, "directives/cascade.html", {
        "document": document, "levels": selectors.cascade(document, user=request.user),
        "labels": selectors.STATE_LABELS})


@login_required
def document_pdf(request, document_id: int):
    """The issued file from storage (never re-rendered), or a live preview of a draft."""
    document = access.document_for_user(request.user, document_id)
    if document.is_external:
        raise Http404("Văn bản ngoài hệ thống không có bản PDF.")
    name = (document.number_symbol or f"du-thao-{document.pk}").replace("/", "_")
    if document.is_issued:
        if not document.pdf:  # entered as a legacy document: produce its file once (row-locked), keep it
            issued_pdf_ensure(document.pk, wait=True)
            document.refresh_from_db(fields=["pdf", "pdf_sha256"])
        return FileResponse(document.pdf.open("rb"), content_type="application/pdf", filename=f"{name}.pdf")
    return HttpResponse(document_pdf_bytes(document), content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="{name}.pdf"'})


@login_required
def cite_lookup(request):
    """htmx: documents matching a typed number-symbol, for the citation picker."""
    q = request.GET.get("number_symbol", "") or request.GET.get("q", "")
    results = selectors.citable_documents(request.user, q) if len(q.strip()) >= 2 else []
    return render(request, "directives/_cite_results.html", {"results": results})


@login_required
def unit_lookup(request, document_id: int):
    """htmx: units within the issuer's reach whose name or code matches, for the recipient picker."""
    document = access.document_for_editing(request.user, document_id)
    q = request.GET.get("q", "").strip()
    units = access.units_in_reach(document.issuer)
    units = units.filter(name__icontains=q) | units.filter(code__icontains=q) if q else units.none()
    return render(request, "directives/_unit_options.html", {"units": units.order_by("path")[:30]})


def _int(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


__all__ = ["Unit"]
