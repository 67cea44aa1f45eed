"""Signing workflow pages: submit, issue, sign, seal, the sealing desk, and what a receiving unit does."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from directives import access, selectors
from directives.forms import CommentForm, DeliveryReturnForm, RevokeForm, SigningForm
from directives.models import Delivery, Status
from directives.services import derive, receipt, signing
from portal.lib.errors import Refused, show_on_form
from portal.signing import conf as signing_conf
from portal.signing import keys


@login_required
def sealing_desk(request):
    """Văn bản chờ đóng dấu: the clerk's desk. Only a clerk of some unit has one (403 for anyone else)."""
    if not access.sealing_units(request.user):
        raise PermissionDenied("Chỉ văn thư của đơn vị ban hành được đóng dấu văn bản.")
    page = Paginator(selectors.awaiting_seal(request.user), 50).get_page(request.GET.get("trang"))
    return render(request, "directives/sealing_desk.html", {"page": page})


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
def delivery_recall_confirm(request, document_id: int):
    """«Xác nhận thu hồi»: the receiving unit's clerk confirms its copy of a recalled document is withdrawn."""
    delivery = _own_delivery(request, document_id)
    try:
        receipt.delivery_recall_confirm(actor=request.user, delivery=delivery)
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã xác nhận thu hồi văn bản; nơi ban hành đã được báo.")
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
