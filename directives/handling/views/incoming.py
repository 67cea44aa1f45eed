"""Pages of the incoming register (sổ văn bản đến): the unit's register by year, what arrived and waits to be
registered («Vào sổ»), a paper document typed in with its scan, an entry's page (with the leader's instruction
section, views/instruction.py) and its scan, and the yearly registers of incoming and outgoing documents as PDF
books."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from directives.handling import access, books
from directives.handling.incoming_forms import PaperEntryForm, RegisterFilterForm, RouteForm
from directives.handling.models import EntryState
from directives.handling.selectors import incoming as selectors
from directives.handling.services import incoming as services
from portal.lib import params
from portal.lib.errors import Refused, show_on_form


def _year(request) -> int:
    return params.parse_int(request.GET.get("nam"), name="nam", minimum=2000, maximum=2100) or (
        timezone.localdate().year
    )


def _unit(request):
    return access.register_for_user(request.user, params.parse_id(request.GET.get("don-vi"), name="don-vi"))


@login_required
def register(request):
    """The unit's register for a year: number, arrival, sender, number-symbol, subject, who gives the instruction,
    the lead assignee and the state; search and filters; the clerk's buttons."""
    unit = _unit(request)
    year = _year(request)
    form = RegisterFilterForm(request.GET or None)
    f = form.cleaned_data if form.is_valid() else {}
    rows = selectors.register_rows(
        unit=unit,
        year=year,
        query=f.get("q") or "",
        state=f.get("trang_thai") or "",
        source=f.get("nguon") or "",
    )
    page = Paginator(rows, 50).get_page(request.GET.get("trang"))
    is_clerk = access.can_register(request.user, unit)
    counts = selectors.register_counts(unit=unit, year=year)
    by_state = [(value, label, counts[value]) for value, label in EntryState.choices if counts.get(value)]
    return render(
        request,
        "handling/register.html",
        {
            "unit": unit,
            "units": selectors.register_unit_choices(request.user, unit),
            "year": year,
            "years": selectors.register_years(unit),
            "form": form,
            "page": page,
            "counts": counts,
            "by_state": by_state,
            "is_clerk": is_clerk,
            "awaiting": selectors.awaiting_count(request.user) if is_clerk else 0,
        },
    )


@login_required
def awaiting(request):
    """Văn bản đến chờ vào sổ: what arrived through the portal for the units whose register the user keeps."""
    unit_ids = access.register_units(request.user)
    if not unit_ids:
        raise PermissionDenied("Chỉ văn thư của đơn vị được vào sổ văn bản đến.")
    page = Paginator(selectors.awaiting_registration(request.user), 50).get_page(request.GET.get("trang"))
    leaders = selectors.leaders_by_unit(unit_ids)
    for delivery in page.object_list:
        delivery.leaders = leaders.get(delivery.unit_id, [])
    return render(request, "handling/awaiting.html", {"page": page, "several_units": len(unit_ids) > 1})


@login_required
@require_POST
def register_delivery(request, delivery_id: int):
    """«Vào sổ»: registers the delivery (and acknowledges it), optionally naming the leader at once."""
    delivery = access.delivery_for_clerk(request.user, delivery_id)
    handler_id = params.parse_id(request.POST.get("handler"), name="handler")
    handler = selectors.leader_choice(delivery.unit, handler_id)
    if handler_id and handler is None:
        messages.error(request, "Lãnh đạo được chọn không phải là lãnh đạo của đơn vị.")
        return redirect("handling:awaiting")
    try:
        entry = services.entry_register_delivery(actor=request.user, delivery=delivery, handler=handler)
    except Refused as exc:
        messages.error(request, exc.message)
        return redirect("directives:inbox" if request.POST.get("next") == "inbox" else "handling:awaiting")
    messages.success(
        request,
        f"Đã vào sổ văn bản đến số {entry.number_label}/{entry.year}"
        + (f", trình {handler.get_full_name() or handler.username}." if handler else "."),
    )
    return redirect("handling:entry", entry_id=entry.pk)


@login_required
def register_paper(request):
    """A paper document typed in by the clerk with its scan."""
    unit_ids = access.register_units(request.user)
    if not unit_ids:
        raise PermissionDenied("Chỉ văn thư của đơn vị được vào sổ văn bản đến.")
    units = selectors.register_units(request.user).filter(pk__in=unit_ids)
    leaders = [u for group in selectors.leaders_by_unit(unit_ids).values() for u in group]
    form = PaperEntryForm(request.POST or None, request.FILES or None, units=units, leaders=leaders)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            entry = services.entry_register_paper(
                actor=request.user,
                unit=d["unit"],
                sender_name=d["sender_name"],
                subject=d["subject"],
                arrived_at=form.arrived_at(),
                number_symbol=d["number_symbol"],
                document_date=d["document_date"],
                doc_type=d["doc_type"],
                scan=d["scan"],
                pages=d["pages"],
                handler=d["handler"],
            )
        except Refused as exc:
            exc.errors = _form_fields(exc.errors)
            show_on_form(form, exc)
        else:
            messages.success(request, f"Đã vào sổ văn bản đến số {entry.number_label}/{entry.year}.")
            return redirect("handling:entry", entry_id=entry.pk)
    return render(request, "handling/register_paper.html", {"form": form})


def _form_fields(errors: dict[str, str]) -> dict[str, str]:
    """The service names the arrival ``arrived_at``; the form asks for it as a date and a time."""
    return {("arrived_date" if k == "arrived_at" else k): v for k, v in errors.items()}


@login_required
def entry(request, entry_id: int):
    """An entry of the register: what was registered, the scan or the document, who gives the instruction,
    «Trình lãnh đạo» for the clerk, and the instruction section (views/instruction.py)."""
    item = access.entry_for_user(request.user, entry_id)
    detail = selectors.entry_detail(item, user=request.user)
    return render(
        request,
        "handling/entry.html",
        {
            "entry": item,
            "detail": detail,
            # A specialist reads the entry assigned to them, not the unit's register: no link to it.
            "reads_register": access.can_read_register(request.user, item.unit),
            "route_form": RouteForm(leaders=detail.leaders, initial={"handler": item.handler_id})
            if detail.can_route
            else None,
        },
    )


@login_required
@require_POST
def entry_route(request, entry_id: int):
    """«Trình lãnh đạo»: the clerk names the leader who gives the instruction."""
    item = access.entry_for_clerk(request.user, entry_id)
    form = RouteForm(request.POST, leaders=selectors.unit_leaders(item.unit))
    if not form.is_valid():
        messages.error(request, "Hãy chọn một lãnh đạo của đơn vị.")
        return redirect("handling:entry", entry_id=item.pk)
    try:
        services.entry_route(actor=request.user, entry=item, handler=form.cleaned_data["handler"])
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        handler = form.cleaned_data["handler"]
        messages.success(
            request,
            f"Đã trình {handler.get_full_name() or handler.username} cho ý kiến chỉ đạo văn bản đến số "
            f"{item.number_label}.",
        )
    return redirect("handling:entry", entry_id=item.pk)


@login_required
def entry_scan(request, entry_id: int):
    """The scan of a paper entry, to whoever may read the entry."""
    item = access.entry_for_user(request.user, entry_id)
    if not item.scan:
        raise Http404("Văn bản đến này không có bản quét.")
    return FileResponse(item.scan.open("rb"), as_attachment=False, filename=item.scan_name or "ban-quet")


def _book_response(data: bytes, name: str) -> HttpResponse:
    return HttpResponse(
        data, content_type="application/pdf", headers={"Content-Disposition": f'inline; filename="{name}"'}
    )


@login_required
def register_pdf(request, year: int):
    """Sổ đăng ký văn bản đến of a year (?don-vi=…), as a PDF book."""
    if not 2000 <= year <= 2100:
        raise Http404("Không có sổ của năm này.")
    unit = _unit(request)
    return _book_response(books.incoming_book_pdf(unit=unit, year=year), f"so-van-ban-den-{year}.pdf")


@login_required
def outgoing_register_pdf(request, year: int):
    """Sổ đăng ký văn bản đi of a year (?don-vi=…), as a PDF book: read by the same people as the incoming one."""
    if not 2000 <= year <= 2100:
        raise Http404("Không có sổ của năm này.")
    unit = _unit(request)
    return _book_response(books.outgoing_book_pdf(unit=unit, year=year), f"so-van-ban-di-{year}.pdf")


urlpatterns = [
    path("van-ban-den/", register, name="register"),
    path("van-ban-den/cho-vao-so/", awaiting, name="awaiting"),
    path("van-ban-den/vao-so/<int:delivery_id>/", register_delivery, name="register_delivery"),
    path("van-ban-den/them/", register_paper, name="register_paper"),
    path("van-ban-den/<int:entry_id>/", entry, name="entry"),
    path("van-ban-den/<int:entry_id>/trinh/", entry_route, name="entry_route"),
    path("van-ban-den/<int:entry_id>/ban-quet/", entry_scan, name="entry_scan"),
    path("van-ban-den/so/<int:year>.pdf", register_pdf, name="register_pdf"),
    path("van-ban-den/so-van-ban-di/<int:year>.pdf", outgoing_register_pdf, name="outgoing_register_pdf"),
]
