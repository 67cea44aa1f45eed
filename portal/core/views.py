from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from portal.org import selectors as org_selectors
from portal.org.access import scope_for


def health(request):
    """Liveness and database reachability for load balancers; anonymous by design."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        db = "ok"
    except Exception:  # noqa: BLE001
        db = "error"
    return JsonResponse({"status": "ok" if db == "ok" else "degraded", "database": db},
                        status=200 if db == "ok" else 503)


@login_required
def home(request):
    scope = scope_for(request.user)
    return render(request, "core/home.html", {
        "own_units": org_selectors.units_for_home(request.user),
        "memberships": request.user.memberships.select_related("unit").order_by("unit__path"),
        "scope": scope,
        "today": timezone.localdate(),
    })
