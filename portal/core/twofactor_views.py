"""The two-factor pages (portal/core/twofactor.py has the rule): the code after the password, setting up the
authenticator app, setting up a new one from «Tài khoản», and an administrator's reset of someone's app.

A wrong code on the login step or before setting up a new app counts as a failed login for django-axes (the
lockout rules of portal/core/lockout.py): when it reaches a lock the session is ended and the lockout page
answers, as for a wrong password.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from portal.core import services, twofactor
from portal.core.forms import OtpTokenForm
from portal.core.lockout import lockout_response
from portal.lib.errors import Refused, show_on_form
from portal.org import access as org_access


def _next(request) -> str:
    """Where the person was going (kept through the steps), when it is an address of this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path of this site only: anything else (another host, a bare word redirect() would take for a view name)
    # goes home.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _elsewhere(request, step: str | None):
    """A step this session does not owe: on to the one it owes, or where it was going."""
    if step is None:
        return HttpResponseRedirect(_next(request))
    return redirect_to_login(_next(request), reverse(step))


def _passed(request, device) -> None:
    """The session is verified with device: a new session key (the step's key could have been seen), the
    device in the session (django-otp), and no open re-enrolment."""
    request.session.cycle_key()
    otp_login(request, device)
    twofactor.reenrol_end(request)


def _axes_credentials(request) -> dict:
    return {"username": request.user.get_username()}


def _locked(request, credentials: dict):
    """The account is locked out for this address: the session ends and the lockout page says until when."""
    logout(request)
    return lockout_response(request, credentials=credentials)


def _count_failure(request, credentials: dict) -> bool:
    """A wrong code as a failed login for django-axes; True when it started a lock."""
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return bool(getattr(request, "axes_locked_out", False))


def _check_code(request, form, purpose: str):
    """The code of the person's confirmed device, with the lockout rules: (device, None) when accepted,
    (None, response) when the account is locked, (None, None) when refused (the reason is on the form)."""
    credentials = _axes_credentials(request)
    if AxesProxyHandler.is_locked(request, credentials):
        return None, _locked(request, credentials)
    try:
        device = services.otp_verify(user=request.user, token=form.cleaned_data["otp_token"], purpose=purpose)
    except services.SecondFactorRefused as exc:
        show_on_form(form, exc)
        if isinstance(exc, services.SecondFactorWrongCode) and _count_failure(request, credentials):
            return None, _locked(request, credentials)
        return None, None
    return device, None


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    """«Mã xác thực»: the second step of a signer's or clerk's login."""
    step = twofactor.second_factor_step(request)
    if step != "otp_verify":
        return _elsewhere(request, step)
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, response = _check_code(request, form, "login")
        if response is not None:
            return response
        if device is not None:
            _passed(request, device)
            return HttpResponseRedirect(_next(request))
    return render(
        request,
        "registration/otp_verify.html",
        {"form": form, "next": _next(request), "second_factor_pending": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def otp_enrol(request):
    """«Thiết lập xác thực hai lớp»: the QR code and the secret of a new device, confirmed by a code from it.

    Reached right after the password by a signer or clerk without a device, or from «Tài khoản» after a current
    code (a new phone)."""
    step = twofactor.second_factor_step(request)
    replacing = step is None and twofactor.reenrol_allowed(request)
    if step != "otp_enrol" and not replacing:
        return _elsewhere(request, step)
    device = services.otp_enrolment_begin(user=request.user)
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.otp_enrolment_confirm(user=request.user, token=form.cleaned_data["otp_token"])
        except services.SecondFactorRefused as exc:
            show_on_form(form, exc)
        else:
            _passed(request, device)
            messages.success(
                request,
                "Đã thiết lập xác thực hai lớp. Từ nay, mỗi lần đăng nhập hãy nhập mã 6 số đang hiện trong ứng dụng.",
            )
            return HttpResponseRedirect(reverse("account") if replacing else _next(request))
    return render(
        request,
        "registration/otp_enrol.html",
        {
            "form": form,
            "next": _next(request),
            "qr_svg": twofactor.qr_svg(device),
            "config_url": device.config_url,
            "secret": twofactor.secret_grouped(device),
            "issuer": settings.OTP_TOTP_ISSUER,
            "replacing": replacing,
            "second_factor_pending": not replacing,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def otp_reenrol(request):
    """From «Tài khoản»: a current code first, then the person sets up a new app (the old one works until the
    new one is confirmed)."""
    if not twofactor.otp_required_for(request.user) or twofactor.confirmed_device(request.user) is None:
        return redirect("account")
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, response = _check_code(request, form, "reenrol")
        if response is not None:
            return response
        if device is not None:
            twofactor.reenrol_allow(request)
            return redirect("otp_enrol")
    return render(request, "registration/otp_reenrol.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def otp_person(request, unit_id: int, person_id: int):
    """A unit administrator's view of a member's second factor, and its reset (a lost or changed phone)."""
    unit, person = org_access.member_for_admin(request.user, unit_id, person_id)
    if request.method == "POST":
        try:
            services.otp_reset(actor=request.user, person=person, unit=unit)
        except Refused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"Đã đặt lại xác thực hai lớp của {person.get_full_name() or person.username}: "
                "lần đăng nhập tới, người này thiết lập lại ứng dụng xác thực.",
            )
        return redirect("otp_person", unit_id=unit.pk, person_id=person.pk)
    return render(
        request,
        "core/otp_person.html",
        {
            "unit": unit,
            "person": person,
            "device": twofactor.confirmed_device(person),
            "required": twofactor.otp_required_for(person),
            "holds_role": twofactor.holds_second_factor_role(person),
            "manageable": org_access.person_manageable(request.user, person),
        },
    )
