"""Pages of the directives app. Each view: access helper, form, service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from directives import access, editor, selectors
from directives.cascade import STATE_LABELS, cascade_of
from directives.errors import CitationConflict
from directives.forms import (
    AttachmentForm,
    CiteForm,
    DeliveryReturnForm,
    InboxFilterForm,
    NewDocumentForm,
    OutgoingFilterForm,
    RevokeForm,
)
from directives.models import Attachment, RelationKind, Status
from directives.rendering import document_pdf_bytes, layout_for
from directives.services import compose, external, receipt, signing
from directives.services.batch import issued_pdf_ensure
from directives.services.compose import CitationLine, content_of
from directives.signing_views import _signing_forms, document_submit
from portal.lib import params
from portal.lib.errors import Refused, show_on_form
from portal.org.access import scope_for
from portal.org.models import Role, Unit
from portal.org.picker import picker_json
from portal.signing import conf as signing_conf


@login_required
def inbox(request):
    params.parse_id(request.GET.get("co_quan"), name="co_quan")  # an impossible id: 400, not an empty page
    form = InboxFilterForm(request.GET or None, issuers=selectors.inbox_issuers(request.user))
    f = form.cleaned_data if form.is_valid() else {}
    deliveries = selectors.inbox(
        request.user,
        unread=f.get("loc") == "chua-doc",
        pending=f.get("loc") == "can-xu-ly",
        recalled=f.get("loc") == "thu-hoi",
        doc_type=f.get("loai") or "",
        year=f.get("nam"),
        issuer_id=f.get("co_quan"),
    )
    page = Paginator(deliveries, 50).get_page(request.GET.get("trang"))
    # «Vào sổ» on each delivery not yet in the incoming register, for the clerks of the receiving unit.
    register_units = set(scope_for(request.user).unit_ids_with_role(Role.CLERK))
    return render(
        request, "directives/inbox.html", {"page": page, "form": form, "register_units": register_units}
    )


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
        # «Vào sổ văn bản đến» for the receiving unit's clerk (the incoming register, directives.handling).
        "can_register_delivery": access.can_return_delivery(request.user, delivery),
        # Its clerks, leaders and administrators read the unit's register (directives.handling.access).
        "reads_register": delivery is not None
        and scope_for(request.user).has_role(delivery.unit_id, Role.CLERK, Role.SIGNER, Role.UNIT_ADMIN),
        # The recall (thu hồi): the issuing unit's signer recalls an issued document with a reason; the receiving
        # unit's clerk then confirms that its copy is withdrawn.
        "can_revoke": document.status == Status.ISSUED and access.can_issue(request.user, document),
        "revoke_form": RevokeForm(),
        "can_confirm_recall": access.can_confirm_recall(request.user, delivery),
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
    """Drafts save as you type: htmx posts the whole form here after a pause. What is typed and cannot be
    kept yet (a recipient line still without its unit, a name that matches nothing, a section too long) is
    the draft in progress, not a failed request: the answer is 200 with the reasons in Vietnamese, each
    naming the form field it concerns, marked ``data-autosave-refused``, and nothing is saved. Only a
    conflict (another tab or the signer got there first: 409) or a person who may not edit (403) answers
    with an error status."""
    document = access.document_for_editing(request.user, document_id)
    state = editor.parse(request.POST, reach=access.units_in_reach(document.issuer))
    status = 200
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
            status = exc.status if exc.status in (403, 409) else 200
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
