"""People of a unit: a unit administrator adds them, sets their roles and sends them the link to set a password.

Writes here are services in the house sense (atomic, an audit event naming the actor, refusals as PersonError with
a Vietnamese message). The link is Django's password reset (token bound to the current password hash and last
login, so it works once and dies when the password changes), e-mailed in Vietnamese; for a person created without a
password (added here or imported) it is the first-login link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from portal.audit.services import event_record
from portal.lib.errors import Refused
from portal.lib.queue import enqueue_on_commit
from portal.org.access import person_manageable
from portal.org.models import Membership, Role, Unit
from portal.org.services import membership_grant, membership_revoke, membership_title_set


class PersonError(Refused):
    """A refused change to a person; the message is shown to the administrator."""

    code = "person_refused"


@dataclass(frozen=True)
class PersonData:
    username: str
    full_name: str
    email: str = ""
    title: str = ""


def _check_email(email: str) -> str:
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise PersonError(f"Địa chỉ thư điện tử «{email}» không hợp lệ.") from exc
    return email


@transaction.atomic
def person_create(*, actor, data: PersonData, unit: Unit | None = None):
    """Create an account without a password (the person sets it through the e-mailed first-login link), with
    a 'user.created' event (unit: where the person is being added, for who may read the event).

    Refuses a user name or e-mail the account model does not accept. The caller has checked that the user name
    is free."""
    User = get_user_model()
    # Vietnamese names are written family name first: the whole name stays in one field.
    user = User(
        username=data.username.strip(),
        first_name=data.full_name.strip(),
        last_name="",
        email=_check_email(data.email),
    )
    user.set_unusable_password()
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise PersonError(" ".join(m for msgs in exc.message_dict.values() for m in msgs)) from exc
    user.save()
    event_record(actor=actor, action="user.created", obj=user, unit=unit, details={"username": user.username})
    return user


@transaction.atomic
def person_details_set(*, actor, person, full_name: str, email: str, unit: Unit | None = None) -> bool:
    """Set a person's name and e-mail, with a 'user.updated' event holding both before and after; False (and no
    event) when nothing changes. Refuses an empty name and a malformed e-mail. Whether the actor may touch this
    account is the caller's check (person_manageable, or the import's scope check)."""
    full_name, email = full_name.strip(), _check_email(email)
    if (full_name, email) == (person.first_name, person.email):
        return False
    if not full_name:
        raise PersonError("Họ tên không được để trống.")
    old = {"full_name": person.first_name, "email": person.email}
    person.first_name, person.last_name, person.email = full_name, "", email
    person.save(update_fields=["first_name", "last_name", "email"])
    event_record(
        actor=actor,
        action="user.updated",
        obj=person,
        unit=unit,
        details={"from": old, "to": {"full_name": full_name, "email": email}},
    )
    return True


@transaction.atomic
def person_add(*, actor, unit: Unit, data: PersonData, role: str):
    """Give a person a role in unit, creating the account (without a password) when the user name is new.

    An existing account gets the role only when the actor may manage that person (every role of theirs inside the
    actor's administration); its name and e-mail stay as they are. Refuses an unknown role.
    """
    if role not in Role.values:
        raise PersonError("Vai trò không hợp lệ.")
    username, full_name = data.username.strip(), data.full_name.strip()
    if not username or not full_name:
        raise PersonError("Tên đăng nhập và họ tên không được để trống.")
    User = get_user_model()
    user = User.objects.filter(username__iexact=username).first()
    if user is None:
        user = person_create(actor=actor, data=data, unit=unit)
    elif not person_manageable(actor, user):
        raise PersonError(
            f"Tên đăng nhập «{username}» đã được dùng cho một người ngoài phạm vi quản trị của bạn; "
            "hãy chọn tên đăng nhập khác."
        )
    elif Membership.objects.filter(user=user, unit=unit, role=role).exists():
        raise PersonError(f"{user.get_full_name() or user.username} đã có vai trò này trong đơn vị.")
    membership_grant(actor=actor, user=user, unit=unit, role=role, title=data.title.strip())
    return user


@transaction.atomic
def person_update(*, actor, unit: Unit, person, full_name: str, email: str, roles: Iterable[str], title: str):
    """Set the person's roles in unit to exactly roles (granting and revoking), their title there, and — when the
    actor may manage the person — their name and e-mail. Returns the roles removed.

    Refuses an unknown role, and a unit administrator taking away their own administration of the unit."""
    roles = set(roles)
    if roles - set(Role.values):
        raise PersonError("Vai trò không hợp lệ.")
    if (
        person.pk == actor.pk
        and Role.UNIT_ADMIN not in roles
        and not actor.is_superuser
        and Membership.objects.filter(user=person, unit=unit, role=Role.UNIT_ADMIN).exists()
    ):
        raise PersonError("Bạn không thể tự bỏ vai trò quản trị của chính mình; hãy nhờ quản trị cấp trên.")
    if (full_name.strip(), _check_email(email)) != (person.first_name, person.email):
        if not person_manageable(actor, person):
            raise PersonError(
                "Người này còn có vai trò ở đơn vị ngoài phạm vi quản trị của bạn: không sửa được "
                "họ tên, thư điện tử."
            )
        person_details_set(actor=actor, person=person, full_name=full_name, email=email, unit=unit)
    current = {
        m.role: m for m in Membership.objects.filter(user=person, unit=unit).select_related("user", "unit")
    }
    for role in sorted(roles - set(current)):
        membership_grant(actor=actor, user=person, unit=unit, role=role, title=title.strip())
    removed = sorted(set(current) - roles)
    for role in removed:
        membership_revoke(actor=actor, membership=current[role])
    for role, membership in current.items():
        if role in roles:
            membership_title_set(actor=actor, membership=membership, title=title)
    return removed


def password_link_send(*, actor, person, base_url: str, unit: Unit | None = None) -> None:
    """E-mail the person a link to set their password: the first-login link when they have none yet, else a reset.

    base_url ("https://portal.example/") makes the link absolute. Refuses a person without an e-mail address or
    whose account is disabled. The audit row records that a link went out, never the link."""
    if not person.is_active:
        raise PersonError("Tài khoản này đã bị khóa: không gửi liên kết.")
    if not person.email:
        raise PersonError(
            f"{person.get_full_name() or person.username} chưa có địa chỉ thư điện tử: hãy nhập "
            "thư điện tử trước khi gửi liên kết."
        )
    first = not person.has_usable_password()
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
            "token": default_token_generator.make_token(person),
        },
    )
    context = {
        "person": person,
        "first_login": first,
        "url": base_url.rstrip("/") + path,
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "unit": unit,
    }
    subject = render_to_string("registration/password_link_subject.txt", context).strip()
    body = render_to_string("registration/password_link_email.txt", context)
    EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email]).send()
    event_record(
        actor=actor, action="user.password_link_sent", obj=person, unit=unit, details={"first_login": first}
    )


def people_invite(*, actor, user_ids: list[int], base_url: str) -> int:
    """Queue the first-login link for the listed people who have an e-mail address (after an import), sent by a
    worker after commit. Returns how many will get one."""
    from portal.org.tasks import send_password_links  # tasks imports this module for password_link_send

    User = get_user_model()
    ids = list(
        User.objects.filter(pk__in=user_ids, is_active=True).exclude(email="").values_list("pk", flat=True)
    )
    if ids:
        enqueue_on_commit(send_password_links, getattr(actor, "pk", None), ids, base_url)
    return len(ids)
