"""«Mã định danh điện tử»: a unit's identifier code, its history, and setting a new one (its administrator)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from portal.lib.errors import show_on_form
from portal.org import access, selectors
from portal.org.identifier_forms import UnitExchangeHubForm, UnitIdentifierForm
from portal.org.identifiers import organ_id_for, unit_identifiers
from portal.org.services.identifiers import IdentifierRefused, unit_exchange_hub_set, unit_identifier_set


@login_required
@require_http_methods(["GET", "POST"])
def unit_identifiers_page(request, unit_id: int):
    unit = access.unit_for_admin(request.user, unit_id)
    hub_post = request.method == "POST" and "exchange_hub_form" in request.POST
    hub_form = UnitExchangeHubForm(
        request.POST if hub_post else None, initial={"exchange_hub": unit.exchange_hub}
    )
    if hub_post and hub_form.is_valid():
        reached = hub_form.cleaned_data["exchange_hub"]
        unit_exchange_hub_set(actor=request.user, unit=unit, reached=reached)
        messages.success(
            request,
            "Đơn vị nhận văn bản qua trục liên thông."
            if reached
            else "Đơn vị nhận văn bản trên hệ thống này.",
        )
        return redirect("org:unit_identifiers", unit_id=unit.pk)
    form = UnitIdentifierForm(None if hub_post else request.POST or None)
    if request.method == "POST" and not hub_post and form.is_valid():
        try:
            record = unit_identifier_set(actor=request.user, unit=unit, **form.cleaned_data)
        except IdentifierRefused as exc:
            show_on_form(form, exc)
        else:
            messages.success(
                request, f"Đã đặt mã định danh {record.code} từ ngày {record.valid_from:%d/%m/%Y}."
            )
            return redirect("org:unit_identifiers", unit_id=unit.pk)
    return render(
        request,
        "org/unit_identifiers.html",
        {
            "unit": unit,
            "ancestors": [
                a for a in selectors.unit_ancestors(unit) if access.scope_for(request.user).sees_unit(a)
            ],
            "current": organ_id_for(unit),
            "history": unit_identifiers(unit),
            "form": form,
            "hub_form": hub_form,
        },
    )
