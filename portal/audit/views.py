from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from portal.audit.selectors import events_visible_to
from portal.org.access import can_read_audit


@login_required
def event_list(request):
    if not can_read_audit(request.user):
        raise PermissionDenied("Chỉ lãnh đạo và quản trị viên được xem nhật ký.")
    events = events_visible_to(request.user, action=request.GET.get("hanh_dong", "").strip())
    page = Paginator(events, 100).get_page(request.GET.get("trang"))
    return render(request, "audit/event_list.html", {"page": page, "action": request.GET.get("hanh_dong", "")})
