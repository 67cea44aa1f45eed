"""The «Nhiệm vụ» pages of the dashboards: a unit's tasks over its subtree and a directive's tasks down its cascade,
with the list behind each bucket, and their Excel and PDF. Thin: the dashboard access helpers fetch and authorise
(404 otherwise), reporting.dashboard.tasks assembles. The URL holds the state: the bucket (?nhom=), a child subtree
(?don_vi_con=) or an assignee of the unit (?thuc_hien=), the pages (?trang=, ?trang_ds=)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from portal.org.access import scope_for
from reporting.dashboard import access, exports
from reporting.dashboard import tasks as task_figures


def _fmt(fmt: str) -> str:
    if fmt not in ("xlsx", "pdf"):
        raise Http404("Không có định dạng này.")
    return fmt


def _download(data: bytes, fmt: str, name: str) -> HttpResponse:
    kind = exports.XLSX_TYPE if fmt == "xlsx" else "application/pdf"
    return HttpResponse(
        data, content_type=kind, headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    )


def _page(request, unit_id: int, document_id: int | None, *, per_page=task_figures.PER_PAGE):
    unit = access.dashboard_unit_for(request.user, unit_id)
    document = access.dashboard_document_for(request.user, document_id) if document_id else None
    return task_figures.tasks_page(
        unit=unit,
        user=request.user,
        document=document,
        bucket=request.GET.get("nhom", ""),
        child_id=request.GET.get("don_vi_con"),
        assignee_key=request.GET.get("thuc_hien", ""),
        page=request.GET.get("trang", 1),
        listing_page=request.GET.get("trang_ds", 1),
        per_page=per_page,
    )


def _url(view, unit) -> str:
    if view.document is not None:
        return reverse("dashboards:directive_tasks", args=[view.document.pk, unit.pk])
    return reverse("dashboards:tasks", args=[unit.pk])


def _render(request, view):
    scope = scope_for(request.user)
    here = _url(view, view.unit)
    crumbs = [(a, _url(view, a) if scope.leads(a) else None) for a in view.ancestors]
    return render(
        request,
        "dashboards/tasks.html",
        {
            "view": view,
            "crumbs": crumbs,
            "here": here,
            "chart": task_figures.buckets_bar(view.total),
            "export_query": urlencode(
                {k: v for k, v in request.GET.items() if k in ("nhom", "don_vi_con", "thuc_hien") and v}
            ),
            "buckets": task_figures.buckets.BUCKETS,
        },
    )


def _export(view, fmt: str) -> HttpResponse:
    found = task_figures.task_tables(view)
    doc = f"-van-ban-{view.document.pk}" if view.document is not None else ""
    name = f"nhiem-vu{doc}-{view.unit.code}-{view.today:%Y%m%d}"
    if fmt == "xlsx":
        return _download(exports.workbook_bytes(found), fmt, name)
    chart = task_figures.buckets_bar(view.total, font=exports.pdf_font())
    return _download(
        exports.pdf_bytes(
            title=f"{view.title} — tính đến ngày {view.today:%d/%m/%Y}",
            subtitle=view.unit.name,
            tables=found,
            charts=[("Bốn nhóm tình trạng nhiệm vụ", chart)],
        ),
        fmt,
        name,
    )


@login_required
@require_GET
def unit_tasks(request, unit_id: int):
    return _render(request, _page(request, unit_id, None))


@login_required
@require_GET
def unit_tasks_export(request, unit_id: int, fmt: str):
    fmt = _fmt(fmt)
    return _export(_page(request, unit_id, None, per_page=None), fmt)


@login_required
@require_GET
def directive_tasks(request, document_id: int, unit_id: int):
    return _render(request, _page(request, unit_id, document_id))


@login_required
@require_GET
def directive_tasks_export(request, document_id: int, unit_id: int, fmt: str):
    fmt = _fmt(fmt)
    return _export(_page(request, unit_id, document_id, per_page=None), fmt)
