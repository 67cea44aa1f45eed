from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from portal.lib.errors import show_on_form
from portal.org import access, selectors, services
from portal.org.forms import (
    SubtreeFilterForm,
    UnitCloseForm,
    UnitImportForm,
    UnitLetterheadForm,
    UnitRenameForm,
)
from portal.org.identifiers import organ_id_for
from portal.org.imports import ImportRefused, import_file
from portal.org.picker import picker_json
from portal.org.services.people import people_invite


@login_required
def unit_list(request):
    roots = selectors.unit_roots_visible_to(request.user)
    if len(roots) == 1:
        return redirect("org:unit_detail", unit_id=roots[0].pk)
    return render(
        request,
        "org/unit_list.html",
        {"units": roots, "can_import": access.can_administer_units(request.user)},
    )


@login_required
def unit_detail(request, unit_id: int):
    unit = access.unit_for_user(request.user, unit_id)
    scope = access.scope_for(request.user)
    children = Paginator(selectors.unit_children(unit), 100).get_page(request.GET.get("trang"))
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "ancestors": [a for a in selectors.unit_ancestors(unit) if scope.sees_unit(a)],
            "children": children if access.lists_children(scope, unit) else None,
            "leads": scope.leads(unit),
            "members": selectors.unit_members(unit)[:12],
            "can_admin": access.administers(request.user, unit),
            "organ_id": organ_id_for(unit),
        },
    )


@login_required
def unit_subtree(request, unit_id: int):
    unit = access.unit_for_leader(request.user, unit_id)
    form = SubtreeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    units = selectors.unit_subtree(
        unit, include_self=False, kind=filters.get("kind", ""), query=filters.get("q", "")
    )
    page = Paginator(units, 200).get_page(request.GET.get("trang"))
    return render(request, "org/unit_subtree.html", {"unit": unit, "page": page, "form": form})


@login_required
def unit_members(request, unit_id: int):
    unit = access.unit_for_user(request.user, unit_id)
    page = Paginator(selectors.unit_members(unit), 100).get_page(request.GET.get("trang"))
    return render(
        request,
        "org/unit_members.html",
        {"unit": unit, "page": page, "can_admin": access.administers(request.user, unit)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_rename(request, unit_id: int):
    unit = access.unit_for_admin(request.user, unit_id)
    form = UnitRenameForm(request.POST or None, initial={"name": unit.name, "short_name": unit.short_name})
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_rename(actor=request.user, unit=unit, **form.cleaned_data)
        except services.UnitError as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, "Đã đổi tên đơn vị; tên cũ vẫn được lưu trong lịch sử.")
            return redirect("org:unit_detail", unit_id=unit.pk)
    return render(request, "org/unit_form.html", {"unit": unit, "form": form, "title": "Đổi tên đơn vị"})


@login_required
@require_http_methods(["GET", "POST"])
def unit_letterhead(request, unit_id: int):
    """«Tiêu đề văn bản»: how the unit heads its documents and reports (its administrator sets it)."""
    unit = access.unit_for_admin(request.user, unit_id)
    form = UnitLetterheadForm(
        request.POST or None, initial={"parent_line": unit.parent_line, "header_lines": unit.header_lines}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_set_letterhead(actor=request.user, unit=unit, **form.cleaned_data)
        except services.UnitError as exc:
            show_on_form(form, exc)
        else:
            messages.success(
                request, "Đã lưu tiêu đề văn bản của đơn vị; văn bản soạn từ nay dùng tiêu đề này."
            )
            return redirect("org:unit_detail", unit_id=unit.pk)
    return render(request, "org/unit_form.html", {"unit": unit, "form": form, "title": "Tiêu đề văn bản"})


@login_required
@require_http_methods(["GET", "POST"])
def unit_close(request, unit_id: int):
    unit = access.unit_for_admin(request.user, unit_id)
    form = UnitCloseForm(
        request.POST or None,
        candidates=selectors.successor_candidates(request.user, unit),
        url=reverse("org:successor_options", args=[unit.pk]),
        tree_roots=selectors.unit_ancestors(unit)[-1:],
    )
    if request.method == "POST" and form.is_valid():
        on_date, successor = form.cleaned_data["on_date"], form.cleaned_data["successor"]
        if request.POST.get("xac_nhan") != "1":
            # Closing or merging cannot be undone from the portal: say what it does and ask, writing nothing yet.
            return render(
                request,
                "org/unit_close_confirm.html",
                {"unit": unit, "on_date": on_date, "successor": successor},
            )
        try:
            services.unit_close(actor=request.user, unit=unit, on_date=on_date, successor=successor)
        except services.UnitError as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, "Đã ghi nhận đơn vị ngừng hoạt động.")
            return redirect("org:unit_detail", unit_id=unit.pk)
    return render(
        request,
        "org/unit_form.html",
        {"unit": unit, "form": form, "title": "Ngừng hoạt động / sáp nhập đơn vị"},
    )


@login_required
@require_GET
def successor_options(request, unit_id: int):
    """JSON for the successor picker: units the administrator may name as taking over this one."""
    unit = access.unit_for_admin(request.user, unit_id)
    return picker_json(selectors.successor_candidates(request.user, unit), request.GET)


@login_required
@require_http_methods(["GET", "POST"])
def unit_import(request):
    if not access.can_administer_units(request.user):
        raise PermissionDenied("Chỉ quản trị viên được nhập danh sách đơn vị.")
    form = UnitImportForm(request.POST or None, request.FILES or None)
    errors, result, invited = [], None, 0
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_file(actor=request.user, filename=upload.name, data=upload.read())
        except ImportRefused as exc:
            errors = exc.errors
        else:
            # Imported people have no password: each with an e-mail address gets the first-login link.
            invited = people_invite(
                actor=request.user, user_ids=result.new_user_ids, base_url=request.build_absolute_uri("/")
            )
    return render(
        request,
        "org/unit_import.html",
        {"form": form, "errors": errors, "result": result, "invited": invited},
    )
