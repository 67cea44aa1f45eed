"""Two-factor login for signers and clerks (issue 15, item 6): the rule, read in one place.

Signing is the most valuable act in the portal, so whoever holds a signer (lãnh đạo, người ký) or clerk (văn thư)
role in any unit passes a second factor after the password when ``settings.OTP_REQUIRED`` is on (on by default
in production): a 6-digit TOTP code from an authenticator app (RFC 6238, django-otp's TOTPDevice). Until the
session is verified, every page but logout and the two-factor pages sends the person to the step they owe
(portal.core.middleware.SecondFactorMiddleware), and the API answers 403 to that session; API keys are unaffected
(a key is created from a verified session only).

- no confirmed device yet → «Thiết lập xác thực hai lớp» (``otp_enrol``): the QR code and the secret, then a code;
- a confirmed device → «Mã xác thực» (``otp_verify``).

A wrong code counts twice: towards the login lockout (django-axes, the same locks as a wrong password,
portal/core/lockout.py) and on the device's own back-off (django-otp's throttling: after n successive failures
the next try waits 2^(n-1) seconds). The axes count restarts when the password is typed right again; the
device's does not, so logging in again does not buy more guesses.

The writes (enrolment, verification, a reset) are services in portal/core/services.py, each with its event.
"""

from __future__ import annotations

import re
import time
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.org.models import Membership, Role

#: The roles whose holders sign or apply the body's signature: they log in with a second factor.
SECOND_FACTOR_ROLES = (Role.SIGNER, Role.CLERK)

#: The name a device gets (shown nowhere but the admin: one device per person).
DEVICE_NAME = "Ứng dụng xác thực"

#: URL names a session that still owes its second factor may open: the two-factor steps, logging out, and
#: what a browser fetches without being asked (favicon) or a load balancer asks (health).
EXEMPT_VIEWS = frozenset(
    {"otp_verify", "otp_enrol", "logout", "health", "security_txt", "favicon", "set_language"}
)

#: What the API answers a session that has not passed its second factor (403).
API_MESSAGE = (
    "Tài khoản này cần xác thực hai lớp: hãy nhập mã xác thực ở trang đăng nhập trước khi dùng API bằng phiên "
    "đăng nhập, hoặc dùng khóa API (Authorization: Token …)."
)

#: After a current code is entered on «Tài khoản», the person may set up a new device for this long.
REENROL_SESSION_KEY = "thongsuot_otp_reenrol_until"
REENROL_SECONDS = 10 * 60


def holds_second_factor_role(user) -> bool:
    """The user signs or keeps a body's seal somewhere (a signer or clerk role in any unit)."""
    return Membership.objects.filter(user=user, role__in=SECOND_FACTOR_ROLES).exists()


def otp_required_for(user) -> bool:
    """Whether this user must pass the second factor: the setting is on and they hold a signer or clerk role."""
    if not settings.OTP_REQUIRED or not getattr(user, "is_authenticated", False):
        return False
    return holds_second_factor_role(user)


def confirmed_device(user) -> TOTPDevice | None:
    """The person's authenticator (one at most: a new enrolment replaces the old one)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def pending_device(user) -> TOTPDevice | None:
    """The device being set up: its secret is on the enrolment page until a code from it confirms it."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def is_verified(request: HttpRequest) -> bool:
    """The session passed the second factor (django-otp's OTPMiddleware keeps the device in the session)."""
    user = request.user
    return bool(getattr(user, "is_verified", lambda: False)())


def second_factor_step(request: HttpRequest) -> str | None:
    """The URL name of the step this session still owes (``otp_enrol`` or ``otp_verify``), or None.

    A verified session owes nothing, so the query for the roles is only made until the code is given.
    """
    user = request.user
    if not settings.OTP_REQUIRED or not user.is_authenticated or is_verified(request):
        return None
    if not otp_required_for(user):
        return None
    return "otp_verify" if confirmed_device(user) else "otp_enrol"


def reenrol_allowed(request: HttpRequest) -> bool:
    """The person entered a current code on «Tài khoản» within REENROL_SECONDS: they may set up a new device."""
    until = request.session.get(REENROL_SESSION_KEY)
    return isinstance(until, int | float) and time.time() < until


def reenrol_allow(request: HttpRequest) -> None:
    request.session[REENROL_SESSION_KEY] = time.time() + REENROL_SECONDS


def reenrol_end(request: HttpRequest) -> None:
    request.session.pop(REENROL_SESSION_KEY, None)


# --- What the enrolment page shows -----------------------------------------------------------------------


def secret_base32(device: TOTPDevice) -> str:
    """The secret as an authenticator app takes it when typed (RFC 4648 base32, no padding)."""
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def secret_grouped(device: TOTPDevice) -> str:
    """The secret in groups of four, as a person copies it into the app by hand («ABCD EFGH …»)."""
    secret = secret_base32(device)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code: no image request, no inline style (the CSP allows
    neither a third-party image nor a style attribute); its size comes from portal.css (``.qr``)."""
    image = qrcode.make(
        device.config_url,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=10,
        border=4,
    )
    svg = image.to_string(encoding="unicode")
    # The factory writes a size in millimetres; the page sizes the code itself and names it for screen readers.
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', '<svg class="qr" role="img"', svg, count=1)
    return svg.replace(
        "<svg ", '<svg aria-label="Mã QR để thêm tài khoản vào ứng dụng xác thực" ', 1
    ).replace('id="qr-path" ', "")
