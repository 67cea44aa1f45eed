"""Dashboard pages (SPEC capability 7). Thin: an access helper fetches and authorises (404 otherwise), a
page assembler reads, a service acts. The URL holds the whole state — unit and document or requirement
in the path, period (?ky=), page (?trang=) and the list behind a number (?ds=) in the query — so a link
shows a colleague the same view."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from directives import access as doc_access
from portal.lib import params
from portal.lib.errors import NotAllowed, Refused
from portal.org.access import scope_for
from portal.org.picker import picker_json
from portal.org.selectors import unit_ancestors
from reporting.dashboard import access, actions, charts, exports, pages, tables
from reporting.dashboard import tasks as task_figures
from reporting.forms import DashboardUnitForm


def _crumbs(request, ancestors, url_for) -> list[tuple]:
    """The ancestors, each linked (url_for(unit)) when the user leads it: never a link to a 404."""
    scope = scope_for(request.user)
    return [(a, url_for(a) if scope.leads(a) else None) for a in ancestors]


def _download(data: bytes, fmt: str, name: str) -> HttpResponse:
    kind = exports.XLSX_TYPE if fmt == "xlsx" else "application/pdf"
    return HttpResponse(
        data, content_type=kind, headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    )


def _fmt(fmt: str) -> str:
    if fmt not in ("xlsx", "pdf"):
        raise Http404("Không có định dạng này.")
    return fmt


@login_required
@require_GET
def home(request):
    """Tổng hợp: straight to the dashboard of the unit the user leads; a choice when they lead several."""
    units = access.led_units(request.user)
    if len(units) == 1:
        return redirect("dashboards:unit", unit_id=units[0].pk)
    form = _unit_form(request, roots=units)
    if form.is_bound and form.is_valid():
        return redirect("dashboards:unit", unit_id=form.cleaned_data["don_vi"].pk)
    return render(request, "dashboards/home.html", {"units": units, "unit_form": form if units else None})


def _unit_form(request, roots) -> DashboardUnitForm:
    """The unit picker of the dashboards: bound when the person chose or typed a unit (?don_vi=, ?don_vi_q=)."""
    bound = "don_vi" in request.GET or "don_vi_q" in request.GET
    return DashboardUnitForm(
        request.GET if bound else None,
        units=access.dashboard_units(request.user),
        url=reverse("dashboards:units"),
        tree_roots=roots,
    )


@login_required
@require_GET
def units(request):
    """JSON for the dashboards' unit picker: the units of the subtrees the user leads."""
    return picker_json(access.dashboard_units(request.user), request.GET)


@login_required
@require_GET
def unit(request, unit_id: int):
    unit = access.dashboard_unit_for(request.user, unit_id)
    form = _unit_form(request, roots=[unit])
    if form.is_bound and form.is_valid():
        return redirect("dashboards:unit", unit_id=form.cleaned_data["don_vi"].pk)
    requirements, documents = pages.unit_overview(unit)
    tasks = task_figures.unit_task_counts(unit)
    late_children = task_figures.buckets.most_overdue_children(unit, timezone.localdate())
    crumbs = _crumbs(request, unit_ancestors(unit), lambda a: reverse("dashboards:unit", args=[a.pk]))
    return render(
        request,
        "dashboards/unit.html",
        {
            "unit": unit,
            "requirements": requirements,
            "documents": documents,
            "crumbs": crumbs,
            "unit_form": form,
            "year": timezone.localdate().year,
            "tasks": tasks,
            "tasks_chart": task_figures.buckets_bar(tasks),
            "tasks_late_children": late_children,
        },
    )


# --- per directive --------------------------------------------------------------------------------------------


def _directive(request, document_id: int, unit_id: int, *, per_page=pages.PER_PAGE):
    unit = access.dashboard_unit_for(request.user, unit_id)
    document = access.dashboard_document_for(request.user, document_id)
    return pages.directive_page(
        unit=unit,
        document=document,
        page=request.GET.get("trang", 1),
        listing=request.GET.get("ds", ""),
        listing_page=request.GET.get("trang_ds", 1),
        per_page=per_page,
    )


@login_required
@require_GET
def directive(request, document_id: int, unit_id: int):
    view = _directive(request, document_id, unit_id)
    crumbs = _crumbs(
        request, view.ancestors, lambda a: reverse("dashboards:directive", args=[view.document.pk, a.pk])
    )
    # What the units below issued to carry it out: linked where the viewer may open it, else only named.
    readable = doc_access.readable_ids(request.user, [r.get("implemented") for r in view.listing or ()])
    tasks = task_figures.unit_task_counts(view.unit, view.document)
    return render(
        request,
        "dashboards/directive.html",
        {
            "view": view,
            "crumbs": crumbs,
            "readable": readable,
            "chart": charts.cascade_bar(view.total),
            "tasks": tasks,
            "tasks_chart": task_figures.buckets_bar(tasks),
        },
    )


@login_required
@require_GET
def directive_export(request, document_id: int, unit_id: int, fmt: str):
    fmt = _fmt(fmt)
    view = _directive(request, document_id, unit_id, per_page=None)
    # the «Nhiệm vụ» figures of the same page travel with it: the summary, the children and the assignees
    tasks = task_figures.tasks_page(unit=view.unit, user=request.user, document=view.document, per_page=None)
    task_tables = task_figures.task_tables(tasks)
    for t in task_tables:
        t.name, t.title = f"Nhiệm vụ - {t.name}"[:31], f"Nhiệm vụ: {t.title}"
    found = [*tables.directive_tables(view), *task_tables]
    name = f"tong-hop-van-ban-{view.document.pk}-{view.unit.code}"
    if fmt == "xlsx":
        return _download(exports.workbook_bytes(found), fmt, name)
    chart = charts.cascade_bar(view.total, font=exports.pdf_font())
    task_chart = task_figures.buckets_bar(tasks.total, font=exports.pdf_font())
    return _download(
        exports.pdf_bytes(
            title=f"Tình hình triển khai {view.document}",
            subtitle=view.unit.name,
            tables=found,
            charts=[("Các đơn vị đã nhận văn bản", chart), ("Bốn nhóm tình trạng nhiệm vụ", task_chart)],
        ),
        fmt,
        name,
    )


# --- per reporting requirement and period ---------------------------------------------------------------------


def _requirement(request, requirement_id: int, unit_id: int, *, per_page=pages.PER_PAGE):
    unit = access.dashboard_unit_for(request.user, unit_id)
    requirement = access.dashboard_requirement_for(request.user, requirement_id)
    return pages.requirement_page(
        unit=unit,
        requirement=requirement,
        period_key=params.parse_period_key(request.GET.get("ky")),
        page=request.GET.get("trang", 1),
        listing=request.GET.get("ds", ""),
        listing_page=request.GET.get("trang_ds", 1),
        per_page=per_page,
    )


def _child_url(view, unit) -> str | None:
    """The same requirement and period one level down (or up): the URL keeps the state."""
    if unit is None:
        return None
    url = reverse("dashboards:requirement", args=[view.requirement.pk, unit.pk])
    return f"{url}?{urlencode({'ky': view.period.key})}" if view.period else url


def _requirement_charts(view, *, font: str = charts.PAGE_FONT, link=None) -> dict:
    return {
        "buckets": charts.buckets_bar(view.total, font=font),
        "trend": charts.trend_chart(view.trend, font=font),
        "heat": charts.heat_map(view.rows, view.columns, link=link, font=font),
    }


@login_required
@require_GET
def requirement(request, requirement_id: int, unit_id: int):
    view = _requirement(request, requirement_id, unit_id)
    return render(
        request,
        "dashboards/requirement.html",
        {
            "view": view,
            "crumbs": _crumbs(request, view.ancestors, lambda a: _child_url(view, a)),
            "charts": _requirement_charts(view, link=lambda row: _child_url(view, row.unit)),
            "can_draft": access.may_draft_chase_letter(request.user, [*view.ancestors, view.unit]),
        },
    )


@login_required
@require_GET
def requirement_export(request, requirement_id: int, unit_id: int, fmt: str):
    fmt = _fmt(fmt)
    view = _requirement(request, requirement_id, unit_id, per_page=None)
    found = tables.requirement_tables(view)
    name = (
        f"tong-hop-bao-cao-{view.requirement.pk}-{view.unit.code}-{view.period.key if view.period else 'ky'}"
    )
    if fmt == "xlsx":
        return _download(exports.workbook_bytes(found), fmt, name)
    view.page.object_list = view.rows[: exports.PDF_MAX_ROWS // 8]  # the printed heat map: the first rows
    drawn = _requirement_charts(view, font=exports.pdf_font())
    period = f" — {view.period.label}" if view.period else ""
    return _download(
        exports.pdf_bytes(
            title=f"{view.requirement.title}{period}",
            subtitle=view.unit.name,
            tables=found,
            charts=[
                ("Bốn nhóm tình trạng", drawn["buckets"]),
                ("Xu hướng qua các kỳ", drawn["trend"]),
                ("Bản đồ nhiệt đơn vị × kỳ", drawn["heat"]),
            ],
        ),
        fmt,
        name,
    )


@login_required
@require_POST
def requirement_action(request, requirement_id: int, unit_id: int):
    """Remind the ticked units, or draft the chase letter to them; back to the same view."""
    unit = access.dashboard_unit_for(request.user, unit_id)
    requirement = access.dashboard_requirement_for(request.user, requirement_id)
    period_key = params.parse_period_key(request.POST.get("ky"))
    back = (
        reverse("dashboards:requirement", args=[requirement.pk, unit.pk])
        + "?"
        + urlencode({"ky": period_key})
    )
    chosen = request.POST.getlist("don_vi")
    try:
        if request.POST.get("action") == "don-doc":
            document = actions.dashboard_chase_letter_create(
                actor=request.user, unit=unit, requirement=requirement, period_key=period_key, unit_ids=chosen
            )
            messages.success(
                request, "Đã soạn dự thảo công văn đôn đốc; kiểm tra, trình ký và ban hành như văn bản khác."
            )
            return redirect("directives:edit", document_id=document.pk)
        result = actions.dashboard_reminders_send(
            actor=request.user, unit=unit, requirement=requirement, period_key=period_key, unit_ids=chosen
        )
    except NotAllowed as exc:
        raise Http404(exc.message) from exc
    except Refused as exc:  # the compose services' refusals (the letter is a directives draft) included
        messages.error(request, exc.message)
        return redirect(back)
    if result["obligations"]:
        text = (
            f"Đã gửi nhắc nhở tới {result['people']} người của {result['units']} đơn vị "
            f"({result['obligations']} báo cáo chưa nộp)."
        )
        if result["without_recipient"]:
            text += f" {result['without_recipient']} đơn vị chưa có tài khoản để nhận nhắc nhở."
        messages.success(request, text)
    else:
        messages.info(request, "Các đơn vị đã chọn đã được nhắc hôm nay; không gửi lại.")
    return redirect(back)


# --- emulation ------------------------------------------------------------------------------------------------


def _year(request) -> int:
    raw = request.GET.get("nam", "")
    year = int(raw) if raw.isdigit() else timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
@require_GET
def emulation(request, unit_id: int):
    unit = access.dashboard_unit_for(request.user, unit_id)
    view = pages.emulation_page(unit=unit, year=_year(request), page=request.GET.get("trang", 1))
    this_year = timezone.localdate().year
    crumbs = _crumbs(
        request, view.ancestors, lambda a: reverse("dashboards:emulation", args=[a.pk]) + f"?nam={view.year}"
    )
    return render(
        request,
        "dashboards/emulation.html",
        {
            "crumbs": crumbs,
            "view": view,
            "years": list(range(this_year, this_year - 6, -1)),
            "bars": charts.score_bars(view.rows, maximum=view.maximum),
        },
    )


@login_required
@require_GET
def emulation_export(request, unit_id: int, fmt: str):
    fmt = _fmt(fmt)
    unit = access.dashboard_unit_for(request.user, unit_id)
    view = pages.emulation_page(unit=unit, year=_year(request), per_page=None)
    found = tables.emulation_tables(view)
    name = f"thi-dua-{view.year}-{unit.code}"
    if fmt == "xlsx":
        return _download(exports.workbook_bytes(found), fmt, name)
    bars = charts.score_bars(view.rows, maximum=view.maximum, font=exports.pdf_font())
    return _download(
        exports.pdf_bytes(
            title=f"Điểm thi đua năm {view.year}",
            subtitle=f"{unit.name}. {view.formula}",
            tables=found,
            charts=[("Điểm thi đua", bars)],
        ),
        fmt,
        name,
    )
