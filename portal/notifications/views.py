from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from portal.notifications import selectors, services
from portal.notifications.models import Notification


@login_required
def inbox(request):
    unread_only = request.GET.get("loc") == "chua-doc"
    page = Paginator(selectors.notifications_for(request.user, unread_only=unread_only), 50).get_page(
        request.GET.get("trang")
    )
    return render(request, "notifications/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def open_notification(request, notification_id: int):
    n = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    services.notification_mark_read(user=request.user, notification_id=n.pk)
    if n.url and url_has_allowed_host_and_scheme(n.url, allowed_hosts={request.get_host()}):
        return redirect(n.url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    services.notification_mark_read(user=request.user)
    return redirect("notifications:inbox")
