"""The «Nhiệm vụ» pages: the lists (tabs «Của tôi», «Đơn vị», «Tôi giao»), one task with its trail and the forms of
whoever may act on it — the assignee «Cập nhật tiến độ», «Hoàn thành», «Xin gia hạn»; the assigner «Đồng ý gia hạn» /
«Không đồng ý» and «Nhắc nhở» / «Phê bình» / «Kiểm điểm» — and the evidence files. A refused form comes back on the
task page with its errors beside the fields; a task that moved on meanwhile (done, cancelled) says so."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from directives.handling import access
from directives.handling.errors import AlreadyDone
from directives.handling.models import Assignment, ChaseKind
from directives.handling.selectors import tasks as selectors
from directives.handling.services import tasks as services
from directives.handling.task_forms import (
    ChaseForm,
    CompleteForm,
    DecideForm,
    ExtensionForm,
    NoteForm,
    TaskFilterForm,
)
from portal.lib.errors import Refused, show_on_form

PAGE_SIZE = 50


@login_required
@require_GET
def tasks(request):
    """«Nhiệm vụ»: one tab of the user's tasks, filtered and paginated."""
    tabs = selectors.tabs_for(request.user)
    tab = request.GET.get("tab") or selectors.MINE
    if tab not in dict(tabs):
        tab = selectors.MINE
    units = selectors.unit_choices(request.user) if tab == selectors.UNIT else []
    form = TaskFilterForm(request.GET or None, units=units)
    f = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    rows = selectors.tasks_list(
        request.user,
        selectors.TaskFilters(
            tab=tab,
            state=f.get("trang_thai") or "",
            bucket=f.get("nhom") or "",
            role=f.get("vai_tro") or "",
            query=f.get("q") or "",
            unit_id=f.get("don_vi") if tab == selectors.UNIT else None,
        ),
        today=today,
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    for a in page:
        a.status = selectors.row_status(a, today)
        a.assignee = selectors.assignee_label(a)
        a.source = selectors.source_label(a)
    return render(
        request,
        "handling/tasks.html",
        {
            "page": page,
            "form": form,
            "tabs": tabs,
            "tab": tab,
            "tab_label": dict(tabs)[tab],
            "unit_filter": len(units) > 1,
        },
    )


def _forms(data=None, files=None, *, which: str = "") -> dict:
    """The task page's forms; only ``which`` is bound to what was posted."""

    def bound(name):
        return (data, files) if which == name else (None, None)

    return {
        "note_form": NoteForm(*bound("note"), prefix="tien-do"),
        "complete_form": CompleteForm(*bound("complete"), prefix="hoan-thanh"),
        "extension_form": ExtensionForm(*bound("extension"), prefix="gia-han"),
        "decide_form": DecideForm(*bound("decide"), prefix="quyet-dinh"),
        "chase_form": ChaseForm(*bound("chase"), prefix="don-doc", initial={"kind": ChaseKind.REMIND}),
    }


def _page(request, assignment: Assignment, forms: dict, *, open_section: str = "") -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "handling/task.html",
        {
            "a": assignment,
            "trail": selectors.task_trail(assignment),
            "status": selectors.row_status(assignment, today),
            "assignee": selectors.assignee_label(assignment),
            "source": selectors.source_label(assignment),
            "can_work": access.can_work_on(request.user, assignment),
            "can_direct": access.can_direct(request.user, assignment),
            "open_section": open_section,
            **forms,
        },
    )


@login_required
@require_GET
def task(request, assignment_id: int):
    """One task: what, who, by when, where from; its trail; the forms of whoever may act on it."""
    return _page(request, access.assignment_for_user(request.user, assignment_id), _forms())


def _done(request, assignment: Assignment, text: str):
    messages.success(request, text)
    return redirect("handling:task", assignment_id=assignment.pk)


def _refused(request, assignment: Assignment, forms: dict, form, exc: Refused, section: str):
    if isinstance(exc, AlreadyDone) and not exc.errors:
        messages.error(request, exc.message)
        return redirect("handling:task", assignment_id=assignment.pk)
    show_on_form(form, exc)
    return _page(request, assignment, forms, open_section=section)


@login_required
@require_POST
def task_note(request, assignment_id: int):
    assignment = access.assignment_for_worker(request.user, assignment_id)
    forms = _forms(request.POST, request.FILES, which="note")
    form = forms["note_form"]
    if not form.is_valid():
        return _page(request, assignment, forms, open_section="note")
    try:
        services.assignment_note(
            actor=request.user,
            assignment=assignment,
            text=form.cleaned_data["text"],
            file=form.cleaned_data.get("file"),
        )
    except Refused as exc:
        return _refused(request, assignment, forms, form, exc, "note")
    return _done(request, assignment, "Đã cập nhật tiến độ.")


@login_required
@require_POST
def task_complete(request, assignment_id: int):
    assignment = access.assignment_for_worker(request.user, assignment_id)
    forms = _forms(request.POST, request.FILES, which="complete")
    form = forms["complete_form"]
    if not form.is_valid():
        return _page(request, assignment, forms, open_section="complete")
    try:
        services.assignment_complete(
            actor=request.user,
            assignment=assignment,
            result=form.cleaned_data["result"],
            file=form.cleaned_data.get("file"),
        )
    except Refused as exc:
        return _refused(request, assignment, forms, form, exc, "complete")
    return _done(request, assignment, "Đã báo cáo hoàn thành nhiệm vụ.")


@login_required
@require_POST
def task_extension(request, assignment_id: int):
    assignment = access.assignment_for_worker(request.user, assignment_id)
    forms = _forms(request.POST, which="extension")
    form = forms["extension_form"]
    if not form.is_valid():
        return _page(request, assignment, forms, open_section="extension")
    try:
        services.extension_request(
            actor=request.user,
            assignment=assignment,
            new_due=form.cleaned_data["new_due"],
            reason=form.cleaned_data["reason"],
        )
    except Refused as exc:
        return _refused(request, assignment, forms, form, exc, "extension")
    return _done(request, assignment, "Đã gửi đề nghị gia hạn; người giao nhiệm vụ sẽ xem xét.")


@login_required
@require_POST
def task_decide(request, assignment_id: int, request_id: int):
    """«Đồng ý gia hạn» (button value dong-y) or «Không đồng ý» (khong-dong-y)."""
    assignment = access.assignment_for_director(request.user, assignment_id)
    extension = get_object_or_404(assignment.extensions, pk=request_id)
    forms = _forms(request.POST, which="decide")
    form = forms["decide_form"]
    approve = request.POST.get("quyet-dinh") == "dong-y"
    if not form.is_valid():
        return _page(request, assignment, forms, open_section="decide")
    try:
        services.extension_decide(
            actor=request.user, request=extension, approve=approve, comment=form.cleaned_data["comment"]
        )
    except Refused as exc:
        return _refused(request, assignment, forms, form, exc, "decide")
    return _done(
        request,
        assignment,
        f"Đã đồng ý gia hạn đến {extension.new_due:%d/%m/%Y}." if approve else "Đã không đồng ý gia hạn.",
    )


@login_required
@require_POST
def task_chase(request, assignment_id: int):
    assignment = access.assignment_for_director(request.user, assignment_id)
    forms = _forms(request.POST, which="chase")
    form = forms["chase_form"]
    if not form.is_valid():
        return _page(request, assignment, forms, open_section="chase")
    kind = form.cleaned_data["kind"]
    try:
        services.assignment_chase(
            actor=request.user, assignment=assignment, kind=kind, text=form.cleaned_data["text"]
        )
    except Refused as exc:
        return _refused(request, assignment, forms, form, exc, "chase")
    return _done(request, assignment, f"Đã gửi {ChaseKind(kind).label.lower()} đến nơi thực hiện nhiệm vụ.")


@login_required
@require_GET
def task_file(request, assignment_id: int, note_id: int):
    """An evidence file, to whoever may read the task."""
    note = selectors.note_for_user(request.user, assignment_id, note_id)
    return FileResponse(note.file.open("rb"), as_attachment=True, filename=note.file_name or "minh-chung")


urlpatterns = [
    path("nhiem-vu/", tasks, name="tasks"),
    path("nhiem-vu/<int:assignment_id>/", task, name="task"),
    path("nhiem-vu/<int:assignment_id>/tien-do/", task_note, name="task_note"),
    path("nhiem-vu/<int:assignment_id>/hoan-thanh/", task_complete, name="task_complete"),
    path("nhiem-vu/<int:assignment_id>/gia-han/", task_extension, name="task_extension"),
    path(
        "nhiem-vu/<int:assignment_id>/gia-han/<int:request_id>/quyet-dinh/",
        task_decide,
        name="task_decide",
    ),
    path("nhiem-vu/<int:assignment_id>/don-doc/", task_chase, name="task_chase"),
    path("nhiem-vu/<int:assignment_id>/minh-chung/<int:note_id>/", task_file, name="task_file"),
]
