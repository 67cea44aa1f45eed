"""The audit log page (/nhat-ky/): the events a person may read, by the organisation's scope rule.

Events are written by every service through portal.audit (the floor below the organisation); who may read
which of them is the organisation's rule (leaders read their subtrees' events, a system administrator
everything), so the reading side lives here, above both.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.shortcuts import render

from portal.audit.models import Event
from portal.org.access import can_read_audit, scope_for


def events_visible_to(user, *, action: str = "", object_type: str = "") -> QuerySet[Event]:
    """Events within the user's scope: everything for a system admin, the subtrees a leader leads."""
    scope = scope_for(user)
    qs = Event.objects.select_related("actor", "unit")
    if not scope.is_system_admin:
        q = Q(pk__in=[])
        for path in scope.subtree_paths:
            q |= Q(unit_path__startswith=path)
        qs = qs.filter(q)
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    return qs


@login_required
def event_list(request):
    if not can_read_audit(request.user):
        raise PermissionDenied("Chỉ lãnh đạo và quản trị viên được xem nhật ký.")
    events = events_visible_to(request.user, action=request.GET.get("hanh_dong", "").strip())
    page = Paginator(events, 100).get_page(request.GET.get("trang"))
    return render(
        request, "audit/event_list.html", {"page": page, "action": request.GET.get("hanh_dong", "")}
    )
