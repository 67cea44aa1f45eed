"""Pages of the directives app. Each view: access helper, form, service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from directives import access, editor, selectors
from directives.cascade import STATE_LABELS, cascade_of
from directives.errors import CitationConflict
from directives.forms import (
    AttachmentForm,
    CiteForm,
    CommentForm,
    DeliveryReturnForm,
    InboxFilterForm,
    NewDocumentForm,
    OutgoingFilterForm,
    RevokeForm,
    SigningForm,
)
from directives.models import Attachment, Delivery, RelationKind, Status
from directives.rendering import document_pdf_bytes, layout_for
from directives.services import compose, derive, external, receipt, signing
from directives.services.batch import issued_pdf_ensure
from directives.services.compose import CitationLine, content_of
from portal.lib import params
from portal.lib.errors import Refused, show_on_form
from portal.org.models import Unit
from portal.org.picker import picker_json
from portal.signing import conf as signing_conf
from portal.signing import keys


@login_required
def inbox(request):
    params.parse_id(request.GET.get("co_quan"), name="co_quan")  # an impossible id: 400, not an empty page
    form = InboxFilterForm(request.GET or None, issuers=selectors.inbox_issuers(request.user))
    f = form.cleaned_data if form.is_valid() else {}
    deliveries = selectors.inbox(
        request.user,
        unread=f.get("loc") == "chua-doc",
        pending=f.get("loc") == "can-xu-ly",
        doc_type=f.get("loai") or "",
        year=f.get("nam"),
        issuer_id=f.get("co_quan"),
    )
    page = Paginator(deliveries, 50).get_page(request.GET.get("trang"))
    return render(request, "directives/inbox.html", {"page": page, "form": form})


@login_required
def outgoing(request):
    form = OutgoingFilterForm(request.GET or None)
    f = form.cleaned_data if form.is_valid() else {}
    documents = selectors.outgoing(request.user, status=f.get("trang_thai") or "", query=f.get("q") or "")
    page = Paginator(documents, 50).get_page(request.GET.get("trang"))
    return render(
        request,
        "directives/outgoing.html",
        {"page": page, "form": form, "can_draft": access.drafting_units(request.user).exists()},
    )


@login_required
def sealing_desk(request):
    """Văn bản chờ đóng dấu: the clerk's desk. Only a clerk of some unit has one (403 for anyone else)."""
    if not access.sealing_units(request.user):
        raise PermissionDenied("Chỉ văn thư của đơn vị ban hành được đóng dấu văn bản.")
    page = Paginator(selectors.awaiting_seal(request.user), 50).get_page(request.GET.get("trang"))
    return render(request, "directives/sealing_desk.html", {"page": page})


@login_required
def document_new(request):
    units = access.units_for_new_document(request.user)
    form = NewDocumentForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            document = compose.document_create_draft(
                actor=request.user,
                issuer=form.cleaned_data["issuer"],
                doc_type=form.cleaned_data["doc_type"],
                subject=form.cleaned_data["subject"],
            )
        except Refused as exc:
            show_on_form(form, exc)
        else:
            return redirect("directives:edit", document_id=document.pk)
    return render(request, "directives/new.html", {"form": form})


@login_required
def document_detail(request, document_id: int):
    document = access.document_for_user(request.user, document_id)
    delivery = access.delivery_for_user(request.user, document)
    if delivery:
        receipt.delivery_mark_read(actor=request.user, delivery=delivery)
    issuer_side = access.is_issuer_side(request.user, document)
    signatures = selectors.document_signatures(document)
    context = {
        "document": document,
        "delivery": delivery,
        "issuer_side": issuer_side,
        "layout": layout_for(document) if not document.is_external else None,
        "related": selectors.related(document, user=request.user),
        "can_follow_cascade": access.may_follow_cascade(request.user, document),
        "can_alter_external": access.may_alter_external(request.user, document),
        "attachments": document.attachments.all(),
        "can_edit": document.is_editable and access.may_edit(request.user, document),
        "can_issue": document.issuer_id and access.can_issue(request.user, document),
        "missing": signing.missing_parts(document) if document.issuer_id and not document.is_issued else [],
        "requirements": document.requirements.select_related("to_unit", "via_unit"),
        "signing_required": signing_conf.required(),
        **_signing_forms(request.user, document),
        "signatures": signatures if signatures is not None and signatures.shown() else None,
        # «Trả lại văn bản» is offered only when the check fails; the service checks the file again.
        "can_return": delivery is not None
        and not delivery.returned_at
        and signatures is not None
        and signatures.fails_receipt()
        and access.can_return_delivery(request.user, delivery),
        "return_form": DeliveryReturnForm(),
    }
    if issuer_side and document.is_issued:
        context["counts"] = selectors.delivery_counts(document)
        context["deliveries"] = Paginator(
            selectors.deliveries_of(document, state=request.GET.get("loc", "")), 100
        ).get_page(request.GET.get("trang"))
        context["readable"] = access.readable_ids(
            request.user, [d.implemented_by_id for d in context["deliveries"].object_list]
        )
    return render(request, "directives/detail.html", context)


def _editor_response(
    request, document, state=None, status=200, *, cite_form=None, conflict=None, saved=False
):
    content = state.content if state else content_of(document)
    context = editor.editor_context(
        document,
        content,
        state.nodes if state else None,
        focus=state.focus if state else "",
        typed=state.typed if state else None,
    )
    context.update(
        {
            "document": document,
            "errors": state.errors if state else [],
            "cite_form": cite_form or CiteForm(prefix="cite_new"),
            "conflict": conflict,
            "saved_at": timezone.localtime() if saved else None,
            "attachment_form": AttachmentForm(),
            "attachments": document.attachments.all(),
        }
    )
    return render(request, "directives/edit.html", context, status=status)


class _NotSaved(Exception):
    """Undo what a refused structural edit or citation wrote (an external document recorded for it)."""


@login_required
def document_edit(request, document_id: int):
    document = access.document_for_editing(request.user, document_id)
    if not document.is_editable:
        messages.error(request, "Văn bản đã trình ký hoặc đã ban hành, không thể sửa.")
        return redirect("directives:detail", document_id=document.pk)
    if request.method != "POST":
        return _editor_response(request, document)
    state = editor.parse(request.POST, reach=access.units_in_reach(document.issuer))
    action = request.POST.get("action", "save")
    if action not in ("save", "submit"):
        return _edit_and_save(request, document, state, action)
    if state.errors:
        return _editor_response(request, document, state, status=400)
    # "Lưu và trình ký" is one transaction: if the database goes away mid-way, neither the save nor the
    # submission is kept, as the 503 page says (portal.core.middleware.DatabaseUnavailableMiddleware).
    with transaction.atomic():
        try:
            document = compose.document_save_draft(
                actor=request.user,
                document=document,
                content=editor.savable(state.content),
                expected_version=_int(request.POST.get("version")),
            )
        except Refused as exc:
            state.refuse(exc.message, exc.field)
            return _editor_response(request, document, state, status=400)
        if action == "submit":
            return document_submit(request, document.pk)
    if action == "save":
        messages.success(request, "Đã lưu bản nháp.")
    return _editor_response(request, document, state, saved=True)


def _edit_and_save(request, document, state, action):
    """Add / remove / move / indent a row, or cite a document: the change and everything typed so far are
    saved together, and the page comes back at the row the button added or moved (``state.focus``). A
    refusal saves nothing and records no cited document; the page keeps what was typed and says why."""
    citations = list(state.content.citations)
    cite_form, conflict, cited = None, None, None
    try:
        with transaction.atomic():
            if action.startswith(("cite-", "cite_new")):
                cite_form, conflict, cited = _cite(request, state, action)
            else:
                editor.apply_action(state, action)
            if state.errors:
                raise _NotSaved
            document = compose.document_save_draft(
                actor=request.user,
                document=document,
                content=editor.savable(state.content),
                expected_version=_int(request.POST.get("version")),
            )
    except _NotSaved:
        pass
    except Refused as exc:
        state.refuse(exc.message, exc.field)
    if state.errors:
        if cited:  # rolled back with the save: the page must not show a citation that was not kept
            state.content.citations = citations
        return _editor_response(request, document, state, status=400, cite_form=cite_form, conflict=conflict)
    if cited:
        messages.success(request, f"Đã trích dẫn {cited.get_doc_type_display()} số {cited.number_symbol}.")
    return _editor_response(request, document, state, saved=True)


def _cite(request, state, action):
    """Add to ``state`` the document picked among the suggestions ("cite-<id>") or typed by number-symbol,
    date and issuer ("cite_new"; "cite_new_confirm" when the person said it is another document than the one
    recorded). Returns (the citation form to show again, the conflict to offer choices for, the document
    cited). Whether the actor may cite the document is the save's rule (compose.check_citations)."""
    form = CiteForm(request.POST, prefix="cite_new")
    kind = request.POST.get("cite_new-kind")
    kind = kind if kind in RelationKind.values else RelationKind.IMPLEMENTS
    state.focus = "trich-dan"
    _, _, picked = action.partition("-")
    if picked.isdigit():
        # Only what the person may cite is looked up: an id of a document they cannot read is answered as
        # one that does not exist, so the page never describes it (issue 20, finding 4).
        target = (
            access.documents_visible_to(request.user)
            .filter(pk=int(picked), status__in=compose.CITABLE_STATUSES)
            .first()
        )
        if target is None:
            state.refuse("Trích dẫn: không tìm thấy văn bản đã ban hành để trích dẫn.")
            return form, None, None
    elif not form.is_valid():
        for name, errors in form.errors.items():
            state.errors.append(editor.FieldError(errors[0], f"cite_new-{name}"))
        return form, None, None
    else:
        try:
            target = external.external_document_register(
                actor=request.user,
                number_symbol=form.cleaned_data["number_symbol"],
                issue_date=form.cleaned_data["issue_date"],
                issuer_name=form.cleaned_data["issuer"],
                confirm_distinct=action == "cite_new_confirm",
            )
        except CitationConflict as exc:  # the choices are shown beside the citation search
            state.refuse(exc.message)
            return form, exc, None
        except Refused as exc:
            state.errors.append(editor.FieldError(exc.message, f"cite_new-{exc.field or 'number_symbol'}"))
            return form, None, None
    if all(c.target_id != target.pk for c in state.content.citations):
        state.content.citations.append(CitationLine(target_id=target.pk, kind=kind))
    return CiteForm(prefix="cite_new"), None, target


@login_required
@require_POST
def document_autosave(request, document_id: int):
    """Drafts save as you type: htmx posts the whole form here after a pause. A refusal answers with its
    reason in Vietnamese, each message naming the form field it concerns, and saves nothing."""
    document = access.document_for_editing(request.user, document_id)
    state = editor.parse(request.POST, reach=access.units_in_reach(document.issuer))
    status = 400 if state.errors else 200
    if not state.errors:
        try:
            document = compose.document_save_draft(
                actor=request.user,
                document=document,
                content=editor.savable(state.content),
                expected_version=_int(request.POST.get("version")),
            )
        except Refused as exc:
            state.refuse(exc.message, exc.field)
            # The refusal's class names the status: another tab or the signer got there first (409), the
            # person may not edit (403), or what was typed cannot be kept as it is (400).
            status = exc.status
    return render(
        request,
        "directives/_autosave_status.html",
        {"document": document, "errors": state.errors, "saved_at": timezone.localtime(), "oob": True},
        status=status,
    )


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
            compose.attachment_add(
                actor=request.user, document=document, filename=upload.name, data=upload.read()
            )
        except Refused as exc:
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
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("directives:detail", document_id=document.pk)


@login_required
@require_POST
def document_submit(request, document_id: int):
    return _transition(request, document_id, signing.document_submit, "Đã trình ký văn bản.")


@login_required
@require_http_methods(["GET", "POST"])
def document_issue(request, document_id: int):
    """Issuing takes the register number, freezes the text and sends it to every recipient, and cannot be undone:
    it happens only on the confirmation page's POST (xac_nhan=1); a bare POST or a GET shows that page."""
    document = access.document_for_user(request.user, document_id)
    if request.method == "GET" and signing_conf.required() and access.can_issue(request.user, document):
        return redirect("directives:sign", document_id=document.pk)  # issued through «Ký số», then the seal
    if request.method == "POST" and request.POST.get("xac_nhan") == "1":
        return _transition(request, document_id, signing.document_issue, "Đã ký ban hành và gửi văn bản.")
    if not access.can_issue(request.user, document) or document.status not in (
        Status.SUBMITTED,
        Status.DRAFT,
    ):
        # The service states the refusal (not a signer here, already issued); it writes nothing.
        return _transition(request, document_id, signing.document_issue, "Đã ký ban hành và gửi văn bản.")
    return render(
        request,
        "directives/issue_confirm.html",
        {
            "document": document,
            "missing": signing.missing_parts(document),
            "recipients": [r for r in document.recipients.all() if r.printed],
        },
    )


def _signing_forms(user, document) -> dict:
    """The document page's «Ký số» form for a signer of a document awaiting signature (when issuing is signed),
    and «Đóng dấu» for a clerk of the issuing unit once it is signed: PIN boxes, or buttons for remote keys."""
    forms = {}
    waiting = document.status in (Status.SUBMITTED, Status.DRAFT)
    if waiting and signing_conf.required() and access.can_issue(user, document):
        forms["sign_form"] = SigningForm(remote=_is_remote(keys.person_credential(user)))
        forms["sign_lead"] = SIGN_LEAD
    if document.status == Status.SEALING and access.can_seal(user, document):
        forms["seal_form"] = SigningForm(remote=_is_remote(keys.body_credential(document.issuer)))
        forms["seal_lead"] = SEAL_LEAD
    return forms


def _is_remote(credential) -> bool:
    return credential is not None and credential.kind == "remote"


def _signing(request, document, form, *, heading: str, status: int = 200):
    """The signing form on a page of its own: where a refused signature comes back, with the reason beside
    the PIN (which is never filled in again) and the refusal's status (400, or 403 when not allowed)."""
    sealing = document.status == Status.SEALING
    return render(
        request,
        "directives/signing.html",
        {
            "document": document,
            "form": form,
            "heading": heading,
            "url": reverse("directives:seal" if sealing else "directives:sign", args=[document.pk]),
            "button": "Đóng dấu (ký số cơ quan)" if sealing else "Ký số",
            "lead": SEAL_LEAD if sealing else SIGN_LEAD,
        },
        status=status,
    )


SIGN_LEAD = (
    "Ký số bằng chứng thư số của bạn. Sau khi ký, hệ thống cấp số và ngày ban hành, rồi chuyển văn thư đóng dấu "
    "(ký số của cơ quan) để gửi đi; văn bản không sửa được nữa."
)
SEAL_LEAD = (
    "Đóng dấu (ký số của cơ quan) bằng thiết bị ký số của cơ quan. Chữ ký số của người ký được kiểm tra trước; "
    "sau khi đóng dấu, văn bản được gửi ngay tới các đơn vị nhận."
)


@login_required
@sensitive_post_parameters("pin")
@require_http_methods(["GET", "POST"])
def document_sign(request, document_id: int):
    """Ký số: the signer's key signs the document, the register numbers it, and it goes to the clerk's desk."""
    document = access.document_for_user(request.user, document_id)
    if not access.can_issue(request.user, document):
        raise PermissionDenied("Chỉ lãnh đạo (người ký) của đơn vị ban hành được ký số văn bản.")
    form = SigningForm(
        request.POST if request.method == "POST" else None,
        remote=_is_remote(keys.person_credential(request.user)),
    )
    if request.method != "POST":
        return _signing(request, document, form, heading="Ký số văn bản")
    if not form.is_valid():
        return _signing(request, document, form, heading="Ký số văn bản", status=400)
    try:
        document = signing.document_sign(actor=request.user, document=document, secret=form.secret())
    except Refused as exc:
        show_on_form(form, exc)
        return _signing(request, document, form, heading="Ký số văn bản", status=exc.status)
    messages.success(
        request,
        f"Đã ký số. Văn bản được cấp số {document.number_symbol} và chuyển văn thư đóng dấu (ký số của cơ quan).",
    )
    return redirect("directives:detail", document_id=document.pk)


@login_required
@sensitive_post_parameters("pin")
@require_http_methods(["GET", "POST"])
def document_seal(request, document_id: int):
    """Đóng dấu (ký số cơ quan): the clerk applies the body's signature; the document is then sent out."""
    document = access.document_for_user(request.user, document_id)
    if not access.can_seal(request.user, document):
        raise PermissionDenied("Chỉ văn thư của đơn vị ban hành được đóng dấu văn bản.")
    form = SigningForm(
        request.POST if request.method == "POST" else None,
        remote=_is_remote(keys.body_credential(document.issuer)),
    )
    heading = "Đóng dấu (ký số cơ quan)"
    if request.method != "POST":
        return _signing(request, document, form, heading=heading)
    if not form.is_valid():
        return _signing(request, document, form, heading=heading, status=400)
    try:
        document = signing.document_seal(actor=request.user, document=document, secret=form.secret())
    except Refused as exc:
        show_on_form(form, exc)
        return _signing(request, document, form, heading=heading, status=exc.status)
    messages.success(request, f"Đã đóng dấu và gửi văn bản số {document.number_symbol}.")
    return redirect("directives:detail", document_id=document.pk)


@login_required
@require_POST
def document_return(request, document_id: int):
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _transition(
        request, document_id, signing.document_return, "Đã trả lại văn bản cho người soạn.", comment=comment
    )


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
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã xác nhận tiếp nhận văn bản.")
    return redirect("directives:detail", document_id=document_id)


@login_required
@require_POST
def delivery_return(request, document_id: int):
    delivery = _own_delivery(request, document_id)
    form = DeliveryReturnForm(request.POST)
    try:
        receipt.delivery_return(
            actor=request.user,
            delivery=delivery,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã trả lại văn bản cho nơi gửi.")
    return redirect("directives:detail", document_id=document_id)


@login_required
@require_POST
def document_derive(request, document_id: int):
    delivery = _own_delivery(request, document_id)
    service = derive.document_forward if request.POST.get("cach") == "gui-kem" else derive.document_derive
    try:
        draft = service(actor=request.user, delivery=delivery)
    except Refused as exc:
        messages.error(request, exc.message)
        return redirect("directives:detail", document_id=document_id)
    messages.success(request, "Đã tạo dự thảo văn bản triển khai; hãy hoàn thiện nội dung.")
    return redirect("directives:edit", document_id=draft.pk)


@login_required
def document_cascade(request, document_id: int):
    document = access.document_for_cascade(request.user, document_id)
    tree = cascade_of(document, user=request.user)
    readable = access.readable_ids(
        request.user, [row.delivery.implemented_by_id for level in tree.levels for row in level.rows]
    )
    return render(
        request,
        "directives/cascade.html",
        {
            "document": document,
            "levels": tree.levels,
            "total": tree.total,
            "readable": readable,
            "labels": STATE_LABELS,
        },
    )


@login_required
def document_pdf(request, document_id: int):
    """The issued file from storage (never re-rendered), or a live preview of a draft."""
    document = access.document_for_user(request.user, document_id)
    if document.is_external:
        raise Http404("Văn bản ngoài hệ thống không có bản PDF.")
    name = (document.number_symbol or f"du-thao-{document.pk}").replace("/", "_")
    if document.status == Status.SEALING:  # the file the person signed, awaiting the body's signature
        return FileResponse(document.pdf.open("rb"), content_type="application/pdf", filename=f"{name}.pdf")
    if document.is_issued:
        if not document.pdf:  # entered as a legacy document: produce its file once (row-locked), keep it
            issued_pdf_ensure(document.pk, wait=True)
            document.refresh_from_db(fields=["pdf", "pdf_sha256"])
        return FileResponse(document.pdf.open("rb"), content_type="application/pdf", filename=f"{name}.pdf")
    return HttpResponse(
        document_pdf_bytes(document),
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}.pdf"'},
    )


@login_required
def cite_lookup(request):
    """htmx: documents matching a typed number-symbol, for the citation picker (the editor's field is
    "cite_new-number_symbol"; "q" for other callers)."""
    q = (
        request.GET.get("cite_new-number_symbol", "")
        or request.GET.get("number_symbol", "")
        or request.GET.get("q", "")
    )
    results = selectors.citable_documents(request.user, q) if len(q.strip()) >= 2 else []
    return render(request, "directives/_cite_results.html", {"results": results, "query": q.strip()})


@login_required
def unit_lookup(request, document_id: int):
    """JSON for the editor's unit pickers (static/js/picker.js): units within the issuer's reach whose name
    matches ``?q=`` without diacritics, or the children of ``?cha=`` — only to those who draft the document."""
    document = access.document_for_editing(request.user, document_id)
    return picker_json(access.units_in_reach(document.issuer), request.GET)


def _int(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


__all__ = ["Unit"]
