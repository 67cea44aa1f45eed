"""The account's writes: API keys and the second factor.

API token lifecycle. The plain key is returned once, at creation, and never stored.

A key expires after API_TOKEN_TTL_DAYS, ends when its owner's password changes (portal/lib/tokens.py), is
revoked by its owner at any time, and may be limited to reading (GET, HEAD, OPTIONS).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]  # no stubs

from portal.audit.services import event_record
from portal.core import twofactor
from portal.core.models import ApiToken
from portal.lib.errors import NotAllowed, Refused
from portal.lib.tokens import expires_in, password_stamp
from portal.org.access import person_manageable
from portal.org.models import Membership


class TokenError(Refused):
    """A key not created: no name, or too many keys in use."""

    code = "token_refused"


@transaction.atomic
def api_token_create(*, user, name: str, read_only: bool = False) -> tuple[ApiToken, str]:
    name = (name or "").strip()
    if not name:
        raise TokenError("Hãy đặt tên cho khóa (ví dụ: «Phần mềm tổng hợp của văn phòng»).")
    if (
        ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()).count()
        >= 20
    ):
        raise TokenError("Mỗi tài khoản có tối đa 20 khóa đang dùng; hãy thu hồi khóa cũ.")
    key = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=key[:10],
        key_hash=ApiToken.hash(key),
        read_only=read_only,
        expires_at=expires_in(settings.API_TOKEN_TTL_DAYS),
        password_stamp=password_stamp(user),
    )
    event_record(
        actor=user,
        action="api_token.created",
        obj=token,
        details={"read_only": read_only, "expires_at": token.expires_at.isoformat()},
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, user, token_id: int) -> bool:
    changed = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if changed:
        event_record(actor=user, action="api_token.revoked", obj=ApiToken.objects.get(pk=token_id))
    return bool(changed)


# --- Two-factor login (portal/core/twofactor.py) ---------------------------------------------------------


class SecondFactorRefused(Refused):
    """A second-factor step refused: nothing changed but the device's count of wrong codes."""

    code = "otp_refused"


class SecondFactorWrongCode(SecondFactorRefused):
    code = "otp_wrong_code"

    def __init__(self) -> None:
        super().__init__("Mã xác thực không đúng hoặc đã hết hạn.", field="otp_token")


class SecondFactorThrottled(SecondFactorRefused):
    """Too many wrong codes in a row: the device waits before it checks another (django-otp's back-off)."""

    code = "otp_throttled"
    status = 429

    def __init__(self, until: dt.datetime) -> None:
        local = timezone.localtime(until)
        super().__init__(
            "Bạn đã nhập sai mã xác thực nhiều lần liên tiếp. Vì an toàn, hãy đợi đến "
            f"{local:%H:%M:%S} rồi nhập mã mới đang hiện trong ứng dụng.",
            field="otp_token",
        )
        self.until = until


def _otp_unit(user):
    """The unit whose leaders read a person's two-factor events: where they sign or keep the seal."""
    memberships = Membership.objects.filter(user=user).select_related("unit").order_by("pk")
    held = memberships.filter(role__in=twofactor.SECOND_FACTOR_ROLES).first() or memberships.first()
    return held.unit if held else None


def _otp_check(device: TOTPDevice, token: str) -> None:
    """Check a code on the device, refusing a wrong one or one tried while the device waits.

    The check runs in its own transaction, committed before the refusal is raised: a wrong code must stay
    counted (the back-off) and an accepted one stays spent (a code is never accepted twice: last_t).
    """
    allowed, info = device.verify_is_allowed()
    if not allowed:
        raise SecondFactorThrottled((info or {}).get("locked_until") or timezone.now())
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        verified = locked.verify_token(token)
    if not verified:
        raise SecondFactorWrongCode()
    device.refresh_from_db()


@transaction.atomic
def otp_enrolment_begin(*, user) -> TOTPDevice:
    """The device being set up for user: the one already pending (its secret may be in the app by now) or a new
    one with a fresh random secret. Not confirmed, so it protects nothing and unlocks nothing until
    otp_enrolment_confirm; no event until then."""
    device = twofactor.pending_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=twofactor.DEVICE_NAME, confirmed=False)
    return device


def otp_enrolment_confirm(*, user, token: str) -> TOTPDevice:
    """A code from the new app confirms the pending device; it replaces any device the person had.

    Refuses a wrong code (SecondFactorWrongCode) or a device waiting after wrong codes (SecondFactorThrottled);
    ``account.otp_enrolled`` records the change, with whether a previous device was replaced.
    """
    device = twofactor.pending_device(user)
    if device is None:
        raise SecondFactorRefused("Chưa có thiết lập nào đang chờ xác nhận; hãy mở lại trang thiết lập.")
    _otp_check(device, token)
    with transaction.atomic():
        replaced, _ = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        event_record(
            actor=user,
            action="account.otp_enrolled",
            obj=user,
            unit=_otp_unit(user),
            details={"replaced": bool(replaced)},
        )
    return device


def otp_verify(*, user, token: str, purpose: str = "login") -> TOTPDevice:
    """A code from the person's app, checked on their confirmed device: ``account.otp_verified`` with the
    purpose («login», or «reenrol» before setting up a new app). Refuses as otp_enrolment_confirm does, and
    when there is no confirmed device."""
    device = twofactor.confirmed_device(user)
    if device is None:
        raise SecondFactorRefused("Tài khoản chưa thiết lập xác thực hai lớp.")
    _otp_check(device, token)
    event_record(
        actor=user,
        action="account.otp_verified",
        obj=user,
        unit=_otp_unit(user),
        details={"purpose": purpose},
    )
    return device


@transaction.atomic
def otp_reset(*, actor, person, unit=None) -> int:
    """An administrator removes a person's authenticator (a lost phone): their sessions are no longer verified
    (the device they name is gone) and their next login sets up a new app. ``account.otp_reset``.

    Refuses (NotAllowed) when the person holds a role outside the actor's administration or is a system
    administrator — the rule for changing someone's account (portal.org.access.person_manageable) — and when
    the person has nothing to reset.
    """
    if not person_manageable(actor, person):
        raise NotAllowed(
            "Người này còn có vai trò ở đơn vị ngoài phạm vi quản trị của bạn: chỉ quản trị viên cấp trên "
            "đặt lại được xác thực hai lớp của họ."
        )
    deleted, _ = TOTPDevice.objects.filter(user=person).delete()
    if not deleted:
        raise SecondFactorRefused("Người này chưa thiết lập xác thực hai lớp: không có gì để đặt lại.")
    event_record(
        actor=actor,
        action="account.otp_reset",
        obj=person,
        unit=unit or _otp_unit(person),
        details={"devices": deleted},
    )
    return deleted
