"""A unit's departments (ban, phòng): everyone who sees the unit reads them and who works in each; its administrator
adds, renames, reorders or switches them off and places each person in one.

Every view starts from portal.org.access: a unit outside the user's reach is a 404; writing needs
``unit_for_admin`` (404 as well, never a hint)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from portal.lib.errors import Refused, show_on_form
from portal.org import access, selectors
from portal.org.department_forms import DepartmentEditForm, DepartmentForm, PersonDepartmentForm
from portal.org.models import Department
from portal.org.services.departments import department_create, department_update, person_set_department


@login_required
@require_http_methods(["GET", "POST"])
def departments(request, unit_id: int):
    unit = access.unit_for_user(request.user, unit_id)
    can_admin = access.administers(request.user, unit)
    form = DepartmentForm(request.POST or None) if can_admin else None
    if request.method == "POST":
        if form is None:
            raise Http404("Không tìm thấy đơn vị.")
        if form.is_valid():
            try:
                department = department_create(actor=request.user, unit=unit, **form.cleaned_data)
            except Refused as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, f"Đã thêm «{department.name}».")
                return redirect("org:departments", unit_id=unit.pk)
    return render(
        request,
        "org/departments.html",
        {
            "unit": unit,
            "ancestors": [
                a for a in selectors.unit_ancestors(unit) if access.scope_for(request.user).sees_unit(a)
            ],
            "rows": selectors.unit_departments(unit, with_inactive=can_admin),
            "unplaced": selectors.unplaced_members(unit),
            "form": form,
            "can_admin": can_admin,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def department_edit(request, unit_id: int, department_id: int):
    unit = access.unit_for_admin(request.user, unit_id)
    department = Department.objects.filter(pk=department_id, unit=unit).first()
    if department is None:
        raise Http404("Không tìm thấy ban, phòng.")
    form = DepartmentEditForm(
        request.POST or None,
        initial={
            "code": department.code,
            "name": department.name,
            "order": department.order,
            "active": department.active,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = department_update(actor=request.user, department=department, **form.cleaned_data)
        except Refused as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, "Đã lưu." if changed else "Không có gì thay đổi.")
            return redirect("org:departments", unit_id=unit.pk)
    return render(
        request,
        "org/unit_form.html",
        {"unit": unit, "form": form, "title": f"Sửa ban, phòng: {department.name}"},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def person_department(request, unit_id: int, person_id: int):
    """Place a person in one of the unit's departments (across the roles they hold in the unit)."""
    unit, person = access.member_for_admin(request.user, unit_id, person_id)
    form = PersonDepartmentForm(request.POST, unit=unit)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        department = form.cleaned_data["department"]
        try:
            person_set_department(actor=request.user, unit=unit, person=person, department=department)
        except Refused as exc:
            messages.error(request, exc.message)
        else:
            who = person.get_full_name() or person.username
            where = department.name if department else "lãnh đạo đơn vị / chưa xếp ban, phòng"
            messages.success(request, f"Đã xếp {who} vào {where}.")
    return redirect("org:person_detail", unit_id=unit.pk, person_id=person.pk)
