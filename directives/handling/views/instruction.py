"""The leader's instruction: the list of entries awaiting it, and the decisions on one entry — «Giao xử lý»,
«Giao lại», «Trả lại văn thư», «Lưu, không xử lý», «Chuyển lãnh đạo khác». The entry page (views/incoming.py) shows
the same forms in its instruction section (templatetags/handling_instruction.py); a refused form comes back here with
its errors beside the fields."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from directives.handling import access
from directives.handling.errors import AlreadyDone
from directives.handling.instruction_forms import InstructionForm, forms_for
from directives.handling.models import EntryState, IncomingEntry
from directives.handling.selectors import instruction as selectors
from directives.handling.services import instruction as services
from portal.lib.errors import Refused, show_on_form


@login_required
def awaiting_instruction(request):
    """Văn bản đến chờ ý kiến chỉ đạo: the leader's desk (403 for someone who leads no unit)."""
    if not selectors.instructing_units(request.user):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị cho ý kiến chỉ đạo văn bản đến.")
    page = Paginator(selectors.awaiting_instruction(request.user), 50).get_page(request.GET.get("trang"))
    return render(request, "handling/awaiting_instruction.html", {"page": page})


def _page(request, entry: IncomingEntry, forms: dict, *, reassign: bool = False) -> HttpResponse:
    """The instruction page; a refused form comes back on it with its errors beside the fields (status 200, as
    every form of the portal answers)."""
    return render(
        request,
        "handling/instruct.html",
        {
            "entry": entry,
            "panel": selectors.instruction_panel(entry, request.user),
            "reassign": reassign,
            **forms,
        },
    )


def _moved_on(request, entry: IncomingEntry, exc: Refused):
    messages.error(request, exc.message)
    return redirect(entry)


@login_required
@require_http_methods(["GET", "POST"])
def instruct(request, entry_id: int):
    """«Giao xử lý»: the instruction with its lead, supports, informs and deadlines."""
    entry = access.entry_for_leader(request.user, entry_id)
    if request.method == "GET" and entry.state == EntryState.HANDLING:
        return redirect("handling:reassign", entry_id=entry.pk)
    if request.method == "GET" and entry.state != EntryState.REGISTERED:
        messages.info(
            request, f"Văn bản đến số {entry.number_label} đã ở trạng thái «{entry.get_state_display()}»."
        )
        return redirect(entry)
    forms = forms_for(
        entry, request.user, request.POST if request.method == "POST" else None, which="instruct"
    )
    form = forms["instruction_form"]
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_instruct(actor=request.user, entry=entry, **form.service_kwargs())
        except AlreadyDone as exc:
            return _moved_on(request, entry, exc)
        except Refused as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, f"Đã giao xử lý văn bản đến số {entry.number_label}.")
            return redirect(entry)
    return _page(request, entry, forms)


@login_required
@require_http_methods(["GET", "POST"])
def reassign(request, entry_id: int):
    """«Giao lại»: the open assignments are closed and replaced; the form starts from who has it now."""
    entry = access.entry_for_leader(request.user, entry_id)
    if entry.state != EntryState.HANDLING:
        messages.error(request, f"Văn bản đến số {entry.number_label} không ở trạng thái đang xử lý.")
        return redirect(entry)
    choices = selectors.assignee_choices(entry.unit)
    if request.method == "POST":
        form = InstructionForm(request.POST, choices=choices)
        if form.is_valid():
            try:
                services.entry_reassign(actor=request.user, entry=entry, **form.service_kwargs())
            except AlreadyDone as exc:
                return _moved_on(request, entry, exc)
            except Refused as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, f"Đã giao lại văn bản đến số {entry.number_label}.")
                return redirect(entry)
    else:
        current = [a for a in selectors.entry_assignments(entry) if a.is_open]
        form = InstructionForm(initial=InstructionForm.initial_from(current), choices=choices)
    return _page(request, entry, {"instruction_form": form}, reassign=True)


def _other(request, entry_id: int, service, success: str):
    entry = access.entry_for_leader(request.user, entry_id)
    forms = forms_for(entry, request.user, request.POST, which="other")
    form = forms["other_form"]
    if form.is_valid():
        try:
            service(actor=request.user, entry=entry, text=form.cleaned_data["text"])
        except AlreadyDone as exc:
            return _moved_on(request, entry, exc)
        except Refused as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, success.format(number=entry.number_label))
            return redirect(entry)
    return _page(request, entry, forms)


@login_required
@require_POST
def entry_return(request, entry_id: int):
    return _other(request, entry_id, services.entry_return, "Đã trả lại văn bản đến số {number} cho văn thư.")


@login_required
@require_POST
def entry_file(request, entry_id: int):
    return _other(request, entry_id, services.entry_file, "Đã lưu văn bản đến số {number}, không xử lý.")


@login_required
@require_POST
def entry_delegate(request, entry_id: int):
    """«Chuyển lãnh đạo khác»: another leader of the unit gives the instruction."""
    entry = access.entry_for_leader(request.user, entry_id)
    forms = forms_for(entry, request.user, request.POST, which="delegate")
    form = forms["delegate_form"]
    if form.is_valid():
        to_user = selectors.delegate_candidate(entry, request.user, form.cleaned_data["to_user"])
        try:
            services.entry_delegate(
                actor=request.user, entry=entry, to_user=to_user, text=form.cleaned_data["text"]
            )
        except AlreadyDone as exc:
            return _moved_on(request, entry, exc)
        except Refused as exc:
            show_on_form(form, exc)
        else:
            name = to_user.get_full_name() or to_user.get_username()  # type: ignore[union-attr]
            messages.success(request, f"Đã chuyển văn bản đến số {entry.number_label} để {name} cho ý kiến.")
            return redirect(entry)
    return _page(request, entry, forms)


urlpatterns = [
    path("van-ban-den/cho-y-kien/", awaiting_instruction, name="awaiting_instruction"),
    path("van-ban-den/<int:entry_id>/chi-dao/", instruct, name="instruct"),
    path("van-ban-den/<int:entry_id>/giao-lai/", reassign, name="reassign"),
    path("van-ban-den/<int:entry_id>/tra-lai/", entry_return, name="entry_return"),
    path("van-ban-den/<int:entry_id>/luu/", entry_file, name="entry_file"),
    path("van-ban-den/<int:entry_id>/chuyen-lanh-dao/", entry_delegate, name="entry_delegate"),
]
