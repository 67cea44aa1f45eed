"""Reporting pages: a unit's obligations, the report form, received reports, đột xuất requests,
the calendar feed. Thin: an access helper fetches and authorises, a service writes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.lib import params
from portal.lib.errors import Refused, show_on_form
from portal.org.access import scope_for, unit_for_user
from portal.org.models import Role
from portal.org.picker import picker_json
from portal.org.selectors import unit_children, unit_subtree
from portal.signing import keys
from reporting import access, selectors, services
from reporting.errors import ReportStale, RollupUnavailable
from reporting.forms import AdhocRequestForm, AttachmentForm, ExcuseForm, ReportForm, ReturnForm, UnitPickForm
from reporting.ics import calendar_for
from reporting.rendering import report_pdf_bytes
from reporting.services.form_template import template_for
from reporting.services.report_signing import leader_for
from reporting.services.rollup import rollup_prefill, rollup_preview, rollup_sources
from reporting.signature import awaiting_signature, is_signer, sent_pdf, unit_signers


def _pick_unit(request, unit_id: int | None):
    """The unit a list page is about: the one asked for (if visible), else the user's first own unit."""
    own = selectors.reporting_units_for(request.user)
    if unit_id is not None:
        return unit_for_user(request.user, unit_id), own
    return (own[0] if own else None), own


@login_required
@require_GET
def obligations(request, unit_id: int | None = None):
    unit, own = _pick_unit(request, unit_id)
    context = {"unit": unit, "own_units": own, "calendar_token": selectors.calendar_token_for(request.user)}
    if unit is not None:
        scope = scope_for(request.user)
        context.update(
            lists=selectors.obligations_of_unit(unit),
            counts=selectors.obligation_counts(unit),
            can_request=access.can_request(scope, unit.pk),
            can_write=access.writes_for(scope, unit.pk),
            sees_received=access.sees_received(scope, unit),
        )
    return render(request, "reporting/obligations.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, obligation_id: int):
    obligation = access.obligation_for_writer(request.user, obligation_id)
    report = selectors.report_of(obligation)
    if report is not None and not report.is_editable:
        return redirect("reporting:report_detail", obligation_id=obligation.pk)
    template = template_for(obligation.requirement)
    sources = rollup_sources(
        unit=obligation.unit, requirement=obligation.requirement, period_key=obligation.period_key
    )
    prefilled = None
    if request.method == "POST":
        form = ReportForm(template, request.POST)
        action = request.POST.get("action", "luu")
        try:
            if action == "trinh_ky":
                report = services.report_sign_request(
                    actor=request.user,
                    obligation=obligation,
                    leader=leader_for(obligation, request.POST.get("leader")),
                    data=form.report_data(),
                    expected_revision=_revision(request),
                )
                messages.success(request, "Đã trình lãnh đạo ký báo cáo.")
                return redirect("reporting:report_detail", obligation_id=obligation.pk)
            if action == "nop":
                report = services.report_submit(
                    actor=request.user,
                    obligation=obligation,
                    data=form.report_data(),
                    expected_revision=_revision(request),
                    secret=request.POST.get("pin") or None,
                    seal_secret=request.POST.get("seal_pin") or None,
                )
                messages.success(
                    request,
                    f"Đã ký và gửi báo cáo số {report.number_symbol}"
                    + (
                        " (sau hạn, được ghi nhận nộp muộn)."
                        if report.is_late and report.version_count == 1
                        else "."
                    ),
                )
                return redirect("reporting:report_detail", obligation_id=obligation.pk)
            if action == "tong_hop":
                # Keep what was typed, then show what the roll-up would fill: nothing is replaced unasked.
                if not sources["accepted"]:
                    raise RollupUnavailable(
                        "Chưa có báo cáo nào của đơn vị cấp dưới được tiếp nhận cho kỳ này; "
                        "không có số liệu để tổng hợp."
                    )
                services.report_save_draft(
                    actor=request.user,
                    obligation=obligation,
                    data=form.report_data(),
                    expected_revision=_revision(request),
                )
                return redirect("reporting:report_rollup", obligation_id=obligation.pk)
            services.report_save_draft(
                actor=request.user,
                obligation=obligation,
                data=form.report_data(),
                expected_revision=_revision(request),
            )
            messages.success(request, "Đã lưu bản nháp.")
            return redirect("reporting:report_edit", obligation_id=obligation.pk)
        except Refused as exc:
            show_on_form(form, exc)
    else:
        data = report.data if report is not None else None
        if data is None and sources["accepted"]:
            # No draft yet, so nothing to overwrite: start from the roll-up (saved only when the reporter types).
            prefilled = rollup_prefill(
                unit=obligation.unit, requirement=obligation.requirement, period_key=obligation.period_key
            )
            data = prefilled
        form = ReportForm(template, initial=ReportForm.initial_from(data or {}))
    versions, attachments = selectors.report_history(report)
    return render(
        request,
        "reporting/report_edit.html",
        {
            "obligation": obligation,
            "report": report,
            "form": form,
            "attachments": attachments,
            "attachment_checks": selectors.attachment_checks(attachments),
            "attachment_form": AttachmentForm(),
            "prefilled": prefilled,
            "sources": sources,
            "now": timezone.now(),
            "error_list": form.error_list() if form.is_bound else [],
            **_signing_context(request, obligation),
        },
    )


def _signing_context(request, obligation) -> dict:
    """What the signing step shows: whether the person signs for the unit (then «Ký và gửi», with a PIN box
    when they hold a signing credential, and the seal's PIN when the unit has one), else the leaders to pick
    for «Trình ký»."""
    signs = is_signer(request.user, obligation.unit)
    return {
        "can_sign": signs,
        "signers": [] if signs else unit_signers(obligation.unit),
        "needs_pin": signs and keys.person_credential(request.user) is not None,
        "needs_seal_pin": signs
        and keys.person_credential(request.user) is not None
        and keys.body_credential(obligation.unit) is not None,
        "chosen_leader": request.POST.get("leader", ""),
    }


@login_required
@require_http_methods(["GET", "POST"])
def report_rollup(request, obligation_id: int):
    """The roll-up beside the draft: the reporter ticks what to fill (empty fields ticked, written ones not)."""
    obligation = access.obligation_for_writer(request.user, obligation_id)
    report = selectors.report_of(obligation)
    if report is not None and not report.is_editable:
        return redirect("reporting:report_detail", obligation_id=obligation.pk)
    error = ""
    if request.method == "POST":
        try:
            _, filled = services.report_fill_from_rollup(
                actor=request.user,
                obligation=obligation,
                fields=request.POST.getlist("muc"),
                seen=request.POST.get("ban_nhap", ""),
            )
        except Refused as exc:
            error = exc.message
            report = selectors.report_of(obligation)
        else:
            messages.success(
                request, f"Đã điền {filled} mục từ báo cáo của đơn vị cấp dưới. Kiểm tra lại trước khi nộp."
            )
            return redirect("reporting:report_edit", obligation_id=obligation.pk)
    template = template_for(obligation.requirement)
    rollup = rollup_prefill(
        unit=obligation.unit, requirement=obligation.requirement, period_key=obligation.period_key
    )
    preview = rollup_preview(template=template, draft=report.data if report else {}, rollup=rollup)
    return render(
        request,
        "reporting/report_rollup.html",
        {
            "obligation": obligation,
            "preview": preview,
            "error": error,
            "chosen": set(request.POST.getlist("muc")) if request.method == "POST" else None,
        },
    )


@login_required
@require_POST
def report_autosave(request, obligation_id: int):
    """htmx: save the draft as the reporter types; answers a small status line."""
    obligation = access.obligation_for_writer(request.user, obligation_id)
    form = ReportForm(template_for(obligation.requirement), request.POST)
    error, status, report = "", 200, None
    try:
        report = services.report_save_draft(
            actor=request.user,
            obligation=obligation,
            data=form.report_data(),
            expected_revision=_revision(request),
        )
    except Refused as exc:
        error = exc.message
        # Saved elsewhere since the form was loaded (or no revision named): a conflict, nothing overwritten.
        # Other refusals keep the status line's own place (200), as before.
        status = 409 if isinstance(exc, ReportStale) else 200
    return render(
        request,
        "reporting/_autosave_status.html",
        {"saved_at": timezone.now(), "error": error, "revision": report.revision if report else None},
        status=status,
    )


def _revision(request) -> int | None:
    """The draft revision the form was loaded at (None when the request carried none: refused by the service)."""
    return params.parse_int(request.POST.get("version"), name="version", minimum=0, maximum=2**31 - 1)


@login_required
@require_POST
def attachment_upload(request, obligation_id: int):
    obligation = access.obligation_for_writer(request.user, obligation_id)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Hãy chọn một tệp để đính kèm.")
    else:
        try:
            services.report_attachment_add(
                actor=request.user, obligation=obligation, upload=form.cleaned_data["file"]
            )
        except Refused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã đính kèm tệp.")
    return redirect("reporting:report_edit", obligation_id=obligation.pk)


@login_required
@require_POST
def attachment_remove(request, obligation_id: int, attachment_id: int):
    obligation = access.obligation_for_writer(request.user, obligation_id)
    try:
        services.report_attachment_remove(
            actor=request.user, obligation=obligation, attachment_id=attachment_id
        )
    except Refused as exc:
        messages.error(request, exc.message)
    return redirect("reporting:report_edit", obligation_id=obligation.pk)


@login_required
@require_GET
def attachment_download(request, attachment_id: int):
    attachment = access.attachment_for_viewer(request.user, attachment_id)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


@login_required
@require_GET
def report_detail(request, obligation_id: int):
    obligation = access.obligation_for_viewer(request.user, obligation_id)
    scope = scope_for(request.user)
    report = selectors.report_of(obligation)
    versions, attachments = selectors.report_history(report)
    return render(
        request,
        "reporting/report_detail.html",
        {
            "obligation": obligation,
            "report": report,
            "versions": versions,
            "attachments": attachments,
            "attachment_checks": selectors.attachment_checks(attachments),
            "template": template_for(obligation.requirement),
            "can_write": access.can_write(scope, obligation),
            "sees_unit": scope.sees_unit(obligation.unit),
            "can_receive": access.can_receive(scope, obligation),
            "return_form": ReturnForm(),
            "excuse_form": ExcuseForm(),
            **_signing_context(request, obligation),
        },
    )


@login_required
@require_POST
def report_sign_send(request, obligation_id: int):
    """«Ký và gửi» of a report awaiting the leader's signature (the leader read it on its page)."""
    obligation = access.obligation_for_writer(request.user, obligation_id)
    try:
        report = services.report_submit(
            actor=request.user,
            obligation=obligation,
            secret=request.POST.get("pin") or None,
            seal_secret=request.POST.get("seal_pin") or None,
        )
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã ký và gửi báo cáo số {report.number_symbol}.")
    return redirect("reporting:report_detail", obligation_id=obligation.pk)


@login_required
@require_POST
def report_sign_return(request, obligation_id: int):
    """«Trả lại»: the leader hands the report back to the person who prepared it, with a comment."""
    obligation = access.obligation_for_writer(request.user, obligation_id)
    try:
        services.report_sign_return(
            actor=request.user, obligation=obligation, comment=request.POST.get("sign_comment", "")
        )
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã trả lại báo cáo cho người soạn để chỉnh sửa.")
    return redirect("reporting:report_detail", obligation_id=obligation.pk)


@login_required
@require_GET
def awaiting_signature_list(request):
    """«Báo cáo chờ ký»: the reports of the units the person signs for, waiting for a leader's signature. Only
    a leader (signer) of some unit has one (403 for anyone else)."""
    if not scope_for(request.user).unit_ids_with_role(Role.SIGNER):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị (người ký) có danh sách báo cáo chờ ký.")
    page = Paginator(awaiting_signature(request.user), 50).get_page(request.GET.get("trang"))
    return render(request, "reporting/awaiting_signature.html", {"page": page})


def _message_form_errors(request, form) -> None:
    """The errors of a small form posted from the report's page (return, excuse), each naming its field, shown
    as messages on that page: nothing was written."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@login_required
@require_POST
def report_return(request, obligation_id: int):
    obligation = access.obligation_for_receiver(request.user, obligation_id)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        _message_form_errors(request, form)
        return redirect("reporting:report_detail", obligation_id=obligation.pk)
    try:
        services.report_return(
            actor=request.user, obligation=obligation, comment=form.cleaned_data["comment"]
        )
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã trả lại báo cáo để đơn vị chỉnh sửa.")
    return redirect("reporting:report_detail", obligation_id=obligation.pk)


@login_required
@require_POST
def report_accept(request, obligation_id: int):
    obligation = access.obligation_for_receiver(request.user, obligation_id)
    try:
        services.report_accept(actor=request.user, obligation=obligation)
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã tiếp nhận báo cáo của {obligation.unit.name}.")
    back = request.POST.get("next", "")
    if back.startswith("/bao-cao/") and "//" not in back:
        return redirect(back)
    return redirect("reporting:report_detail", obligation_id=obligation.pk)


@login_required
@require_POST
def obligation_excuse(request, obligation_id: int):
    obligation = access.obligation_for_receiver(request.user, obligation_id)
    form = ExcuseForm(request.POST)
    if not form.is_valid():
        _message_form_errors(request, form)
        return redirect("reporting:report_detail", obligation_id=obligation.pk)
    try:
        services.obligation_excuse(
            actor=request.user, obligation=obligation, reason=form.cleaned_data["reason"]
        )
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã miễn báo cáo kỳ này cho {obligation.unit.name}.")
    return redirect("reporting:report_detail", obligation_id=obligation.pk)


@login_required
@require_GET
def received_reports(request, unit_id: int | None = None):
    unit, own = _pick_unit(request, unit_id)
    if unit is not None:
        access.unit_for_received(request.user, unit)
    context = {"unit": unit, "own_units": own}
    if unit is not None:
        filters = UnitPickForm(request.GET or None)
        values = filters.cleaned_data if filters.is_valid() else {}
        requirement_id, period_key = params.parse_period_choice(request.GET.get("ky"), name="ky")
        qs = selectors.received_obligations(
            unit, requirement_id=requirement_id, period_key=period_key, state=values.get("tinh_trang", "")
        )
        page = Paginator(qs, 100).get_page(request.GET.get("trang"))
        scope = scope_for(request.user)
        context.update(
            page=page,
            filters=filters,
            periods=selectors.received_periods(unit),
            summary=selectors.received_summary(unit, requirement_id=requirement_id, period_key=period_key),
            selected=values.get("ky", ""),
            reviewer=access.reviews_for(scope, unit.pk),
        )
    return render(request, "reporting/received_reports.html", context)


@login_required
@require_POST
def chase_letter(request, unit_id: int):
    """Draft a công văn đôn đốc to the units overdue with a report to this unit, then open it in the editor."""
    unit = access.unit_for_chase_letter(request.user, unit_id)
    ky = request.POST.get("ky", "")
    raw_id, _, period_key = ky.partition(":")
    try:
        document = services.chase_letter_create(
            actor=request.user,
            unit=unit,
            period_key=period_key,
            requirement_id=int(raw_id) if raw_id.isdigit() else None,
        )
    except Refused as exc:
        messages.error(request, exc.message)
        return redirect("reporting:received_reports_unit", unit_id=unit.pk)
    messages.success(
        request, "Đã soạn dự thảo công văn đôn đốc; kiểm tra, trình ký và ban hành như văn bản khác."
    )
    try:
        return redirect(reverse("directives:edit", args=[document.pk]))
    except NoReverseMatch:
        return redirect("reporting:received_reports_unit", unit_id=unit.pk)


def _adhoc_unit(request, unit_id: int):
    """The unit whose leader asks for a đột xuất report, and the units below it that may be asked."""
    unit = access.unit_for_adhoc_request(request.user, unit_id)
    return unit, unit_subtree(unit, include_self=False).filter(active_to__isnull=True)


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_request(request, unit_id: int):
    unit, below = _adhoc_unit(request, unit_id)
    children = unit_children(unit).filter(active_to__isnull=True)
    form = AdhocRequestForm(
        request.POST or None,
        requesting_unit=unit,
        below=below,
        url=reverse("reporting:adhoc_units", args=[unit.pk]),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = {"children": children, "subtree": below, "chosen": data["units"]}[data["target"]]
        try:
            requirement = services.adhoc_request_create(
                actor=request.user,
                from_unit=unit,
                to_units=list(target),
                title=data["title"],
                due_date=data["due_date"],
                instructions=data["instructions"],
            )
        except Refused as exc:
            show_on_form(form, exc)
        else:
            messages.success(
                request, f"Đã gửi yêu cầu báo cáo đột xuất tới {requirement.named_units.count()} đơn vị."
            )
            return redirect("reporting:received_reports_unit", unit_id=unit.pk)
    return render(
        request, "reporting/adhoc_request.html", {"unit": unit, "form": form, "children_count": unit.numchild}
    )


@login_required
@require_GET
def adhoc_units(request, unit_id: int):
    """JSON for the đột xuất request's unit picker: the active units below the requesting unit."""
    _, below = _adhoc_unit(request, unit_id)
    return picker_json(below, request.GET)


@require_GET
def unit_calendar(request, unit_id: int):
    """The unit's deadlines as iCalendar: a logged-in session, or the user's secret token (?token=…).

    A token opens the feeds of its owner's own units only (not a leader's whole subtree): it travels in a URL,
    so it may end up in an access log or a shared calendar."""
    by_token = not request.user.is_authenticated
    user = request.user if not by_token else selectors.user_for_calendar_token(request.GET.get("token", ""))
    if user is None:
        if request.GET.get("token"):
            raise Http404("Không tìm thấy lịch.")
        return redirect_to_login(request.get_full_path())
    unit = access.unit_for_calendar(user, unit_id, by_token=by_token)
    body = calendar_for(
        unit_name=unit.name,
        obligations=selectors.calendar_obligations(unit),
        url_for=lambda ob: request.build_absolute_uri(reverse("reporting:report_detail", args=[ob.pk])),
        host=request.get_host().split(":")[0] or "thongsuot",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="han-bao-cao-{unit.pk}.ics"'
    return response


@login_required
@require_POST
def calendar_token(request):
    """Make (or remake) the user's calendar secret and show the feed addresses once; or revoke it."""
    if request.POST.get("action") == "thu_hoi":
        if services.calendar_token_revoke(user=request.user):
            messages.success(
                request,
                "Đã thu hồi địa chỉ lịch riêng; ứng dụng lịch đang dùng địa chỉ cũ sẽ "
                "không nhận được hạn nộp nữa.",
            )
        return redirect("reporting:obligations")
    secret = services.calendar_token_issue(user=request.user)
    feeds = [
        (
            unit,
            request.build_absolute_uri(reverse("reporting:unit_calendar", args=[unit.pk]))
            + "?"
            + urlencode({"token": secret}),
        )
        for unit in selectors.reporting_units_for(request.user)
    ]
    return render(
        request,
        "reporting/calendar_token.html",
        {"feeds": feeds, "token": selectors.calendar_token_for(request.user)},
    )


@login_required
def report_pdf(request, obligation_id: int):
    """The report as an official Báo cáo (PDF) — for whoever may read the report."""
    obligation = access.obligation_for_viewer(request.user, obligation_id)
    name = f"bao-cao-{obligation.unit.code}-{obligation.period_key}.pdf"
    # A sent report is the file as sent (numbered, signed), stored once: never rendered again differently.
    sent = sent_pdf(obligation)
    if sent is not None:
        with sent.open("rb") as stored:
            data = stored.read()
        return HttpResponse(
            data,
            content_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{name}"'},
        )
    return HttpResponse(
        report_pdf_bytes(obligation),
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )
