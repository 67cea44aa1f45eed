"""People of a unit, for its administrators: add a person, set their roles, send the set-password link.

Every view starts from access.unit_for_admin / access.member_for_admin: a unit outside the user's administration
is a 404, never a hint that it exists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.lib.errors import show_on_form
from portal.org import access, selectors
from portal.org.department_forms import PersonDepartmentForm
from portal.org.models import Membership
from portal.org.people_forms import PersonAddForm, PersonForm
from portal.org.picker import people_picker_json
from portal.org.services.departments import DepartmentError, person_set_department
from portal.org.services.people import PersonData, PersonError, password_link_send, person_add, person_update


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@login_required
@require_http_methods(["GET", "POST"])
def person_add_view(request, unit_id: int):
    unit = access.unit_for_admin(request.user, unit_id)
    form = PersonAddForm(
        request.POST or None,
        people=selectors.addable_people(request.user),
        url=reverse("org:person_options", args=[unit.pk]),
        unit=unit,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                person = person_add(
                    actor=request.user,
                    unit=unit,
                    role=data["role"],
                    data=PersonData(
                        username=data["username"],
                        full_name=data["full_name"],
                        email=data["email"] or "",
                        title=data["title"],
                    ),
                )
                if data.get("department"):
                    person_set_department(
                        actor=request.user, unit=unit, person=person, department=data["department"]
                    )
        except (PersonError, DepartmentError) as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, f"Đã thêm {person.get_full_name() or person.username} vào {unit.name}.")
            if data["send_link"]:
                _send(request, person, unit)
            return redirect("org:person_detail", unit_id=unit.pk, person_id=person.pk)
    return render(
        request,
        "org/unit_form.html",
        {"unit": unit, "form": form, "title": "Thêm người vào đơn vị", "submit": "Thêm người"},
    )


@login_required
@require_GET
def person_options(request, unit_id: int):
    """JSON for the person picker of «Thêm người vào đơn vị»: the people this administrator may give a role."""
    access.unit_for_admin(request.user, unit_id)
    return people_picker_json(selectors.addable_people(request.user), request.GET)


@login_required
@require_http_methods(["GET", "POST"])
def person_detail(request, unit_id: int, person_id: int):
    unit, person = access.member_for_admin(request.user, unit_id, person_id)
    held = list(Membership.objects.filter(user=person, unit=unit).order_by("role"))
    form = PersonForm(
        request.POST or None,
        initial={
            "full_name": person.get_full_name(),
            "email": person.email,
            "roles": [m.role for m in held],
            "title": next((m.title for m in held if m.title), ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person_update(
                actor=request.user,
                unit=unit,
                person=person,
                full_name=data["full_name"],
                email=data["email"] or "",
                roles=data["roles"],
                title=data["title"],
            )
        except PersonError as exc:
            show_on_form(form, exc)
        else:
            if not data["roles"]:
                messages.success(
                    request, f"Đã đưa {person.get_full_name() or person.username} ra khỏi {unit.name}."
                )
                return redirect("org:unit_members", unit_id=unit.pk)
            messages.success(request, "Đã lưu.")
            return redirect("org:person_detail", unit_id=unit.pk, person_id=person.pk)
    return render(
        request,
        "org/person_detail.html",
        {
            "unit": unit,
            "person": person,
            "form": form,
            "held": held,
            "manageable": access.person_manageable(request.user, person),
            # The department the person works in (one per unit, whatever their roles there).
            "department_form": PersonDepartmentForm(
                unit=unit,
                initial={"department": next((m.department_id for m in held if m.department_id), None)},
            ),
        },
    )


@login_required
@require_POST
def person_send_link(request, unit_id: int, person_id: int):
    unit, person = access.member_for_admin(request.user, unit_id, person_id)
    _send(request, person, unit)
    return redirect("org:person_detail", unit_id=unit.pk, person_id=person.pk)


def _send(request, person, unit) -> None:
    try:
        password_link_send(actor=request.user, person=person, unit=unit, base_url=_base_url(request))
    except PersonError as exc:
        messages.error(request, str(exc))
    except OSError:  # the mail server refused or is out of reach: say so, nothing else was changed
        messages.error(request, "Không gửi được thư (máy chủ thư không phản hồi); hãy thử gửi lại sau.")
    else:
        messages.success(request, f"Đã gửi liên kết đặt mật khẩu tới {person.email}.")
