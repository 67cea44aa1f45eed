from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.urls import reverse

from portal.core import twofactor
from portal.lib.params import BadParameter, refuse_nul


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class LanguageMiddleware:
    """Vietnamese unless the user chose English (the language cookie set by set_language).

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is ignored: an office PC
    with an English browser still gets the Vietnamese interface.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# --- The database out of reach ----------------------------------------------------------------------

DATABASE_UNAVAILABLE_MESSAGE = (
    "Hệ thống tạm thời không kết nối được cơ sở dữ liệu; dữ liệu bạn vừa gửi chưa "
    "được lưu, vui lòng thử lại sau ít phút."
)
RETRY_AFTER_SECONDS = 30


def database_unavailable(exc: BaseException | None) -> bool:
    """True when exc says the database cannot be reached: refused or lost connection, server shutting
    down or starting up (SQLSTATE class 08 and 57P0x, or no SQLSTATE at all: a failed connect).

    Other operational errors (a deadlock, a statement timeout) are not an outage and stay 500s.
    """
    from django.db import InterfaceError, OperationalError

    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    sqlstate = getattr(exc.__cause__, "sqlstate", None) or getattr(exc, "sqlstate", None)
    return not sqlstate or sqlstate.startswith(("08", "57P"))


def database_unavailable_response(request):
    """503 with Retry-After: the API's stable error body under /api/, a plain Vietnamese page elsewhere.

    The page is rendered without the request's context processors and does not extend base.html:
    both would query the database that is just out of reach.
    """
    from django.http import HttpResponse, JsonResponse
    from django.template import loader

    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"code": "service_unavailable", "message": DATABASE_UNAVAILABLE_MESSAGE, "fields": {}},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = HttpResponse(
            loader.get_template("503.html").render({"message": DATABASE_UNAVAILABLE_MESSAGE}), status=503
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A request that finds PostgreSQL down (restarting, failing over) gets a clean 503, not a 500.

    Every write service runs in one transaction, so a request that fails this way has saved nothing;
    the page says so. Recovery needs no step: CONN_HEALTH_CHECKS makes the next request drop the dead
    persistent connection and open a new one. Errors raised outside the view (a middleware saving the
    session) reach Django's 500 handler instead, which answers the same way (portal.views.server_error).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_unavailable(exception):
            return None
        import logging

        logging.getLogger("portal.database").warning(
            "database unavailable on %s %s: %s", request.method, request.path, exception
        )
        return database_unavailable_response(request)


# --- A parameter that cannot mean anything ------------------------------------------------------------


class BadParameterMiddleware:
    """A parameter refused by portal.lib.params (BadParameter) answers 400 with its Vietnamese message:
    the API's problem body under /api/, the 400 page elsewhere — never a 500, and nothing written (the
    parameter is parsed before any service runs)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A NUL in any parameter is refused before any view reads it (after the session and the user are
        known, so the 400 page is the portal's own)."""
        try:
            refuse_nul(request)
        except BadParameter as exc:
            return bad_parameter_response(request, exc)
        return None

    def process_exception(self, request, exception):
        if not isinstance(exception, BadParameter):
            return None
        return bad_parameter_response(request, exception)


def bad_parameter_response(request, exc):
    from django.http import JsonResponse
    from django.shortcuts import render

    if request.path.startswith("/api/"):
        return JsonResponse(
            {"code": "bad_parameter", "message": exc.message, "fields": {exc.name: [exc.message]}},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return render(request, "400.html", {"message": exc.message}, status=400)


# --- The second factor owed ------------------------------------------------------------------------------


class SecondFactorMiddleware:
    """A session that has not passed its second factor (portal.core.twofactor) reaches only the two-factor
    steps and logout: a page redirects to the step it owes (enrolment or the code), keeping where the person
    was going; the API answers 403 with the Vietnamese reason. An API key (Authorization: Token …) is not a
    session and is left to the API's own authentication.

    After AuthenticationMiddleware and django-otp's OTPMiddleware (request.user.is_verified()); it acts in
    process_view, where the URL name is known, so an address that resolves to nothing stays a plain 404.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.OTP_REQUIRED:
            return None
        match = request.resolver_match
        if match is None or match.view_name in twofactor.EXEMPT_VIEWS:
            return None
        is_api = request.path.startswith("/api/")
        if is_api and request.headers.get("Authorization", "").split(" ", 1)[0].lower() == "token":
            return None
        step = twofactor.second_factor_step(request)
        if step is None:
            return None
        if is_api:
            return JsonResponse(
                {"code": "second_factor_required", "message": twofactor.API_MESSAGE, "fields": {}},
                status=403,
                json_dumps_params={"ensure_ascii": False},
            )
        return redirect_to_login(request.get_full_path(), reverse(step))
