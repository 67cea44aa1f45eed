"""The project's own pages, on the top floor because they gather every app: the home page (each app's
panels), the account page and its API keys, health, favicon and security.txt, and the 500 handler.

The URL root (portal/urls.py) routes to them; no app imports this module.
"""

import sys
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.db import connection
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import timezone

from portal.core import services, twofactor
from portal.core.forms import ThrottledPasswordChangeForm
from portal.core.middleware import RETRY_AFTER_SECONDS, database_unavailable, database_unavailable_response
from portal.core.models import ApiToken
from portal.org import selectors as org_selectors
from portal.org.access import can_administer_units, scope_for
from reporting.dashboard.home import home_panels


def favicon(request):
    """/favicon.ico: what a browser asks for on a page without a <link rel="icon"> — a PDF opened in a tab, an
    htmx fragment — answered with the portal's mark (static/favicon.svg) instead of a 404 in its console."""
    path = finders.find("favicon.svg")
    if not path:
        raise Http404
    response = FileResponse(open(path, "rb"), content_type="image/svg+xml")  # noqa: SIM115 — closed by Django
    response["Cache-Control"] = "public, max-age=86400"
    return response


def security_txt(request):
    """RFC 9116: whom to tell about a security problem (SECURITY.md). Anonymous by design."""
    expires = (timezone.now() + timedelta(days=365)).replace(microsecond=0)
    body = (
        f"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}\n"
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}\n"
        "Preferred-Languages: vi, en\n"
        f"Canonical: {request.build_absolute_uri(request.path)}\n"
    )
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def health(request):
    """Liveness and database reachability for load balancers; anonymous by design."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        db = "ok"
    except Exception:  # noqa: BLE001
        db = "unavailable"
    response = JsonResponse(
        {"status": "ok" if db == "ok" else "degraded", "database": db}, status=200 if db == "ok" else 503
    )
    if db != "ok":
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@login_required
def home(request):
    """The home page by role: a leader's dashboard, a reporter's obligations, a drafter's drafts and inbox."""
    scope = scope_for(request.user)
    return render(
        request,
        "core/home.html",
        {
            "own_units": org_selectors.units_for_home(request.user),
            "memberships": request.user.memberships.select_related("unit").order_by("unit__path"),
            "scope": scope,
            "today": timezone.localdate(),
            **home_panels(request.user),
        },
    )


@login_required
def account(request):
    """The person's own page: who they are, their roles, and the account's tools — password, API keys (kept off
    the top bar: few people need them), people management for unit administrators, the technical administration
    for a system administrator."""
    return render(
        request,
        "core/account.html",
        {
            "memberships": org_selectors.memberships_of(request.user),
            "administers": can_administer_units(request.user),
            # «Xác thực hai lớp»: shown to those who must pass it (portal/core/twofactor.py).
            "second_factor": twofactor.otp_required_for(request.user),
            "otp_device": twofactor.confirmed_device(request.user),
        },
    )


@login_required
def api_tokens(request):
    """The user's API keys: create (the key is shown once; optionally read-only) and revoke."""
    new_key = None
    if request.method == "POST":
        try:
            _, new_key = services.api_token_create(
                user=request.user,
                name=request.POST.get("name", ""),
                read_only=request.POST.get("read_only") == "1",
            )
        except services.TokenError as exc:
            messages.error(request, str(exc))
    tokens = list(ApiToken.objects.filter(user=request.user).select_related("user"))
    now = timezone.now()
    return render(
        request,
        "core/api_tokens.html",
        {
            "tokens": [(t, t.state(now)) for t in tokens],
            "new_key": new_key,
            "ttl_days": settings.API_TOKEN_TTL_DAYS,
        },
    )


@login_required
def api_token_revoke(request, token_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if services.api_token_revoke(user=request.user, token_id=token_id):
        messages.success(request, "Đã thu hồi khóa API.")
    return redirect("api_tokens")


def server_error(request):
    """Django's 500 handler: a database out of reach (an error raised outside the view, e.g. while a
    middleware saves the session) still answers the clean 503 of DatabaseUnavailableMiddleware."""
    if database_unavailable(sys.exc_info()[1]):
        return database_unavailable_response(request)
    return HttpResponseServerError(loader.get_template("500.html").render())


class PasswordChangeView(auth_views.PasswordChangeView):
    """/doi-mat-khau/ with the old-password check throttled like a login (portal.core.forms)."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}
