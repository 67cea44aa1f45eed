"""API token lifecycle. The plain key is returned once, at creation, and never stored.

A key expires after API_TOKEN_TTL_DAYS, ends when its owner's password changes (portal/lib/tokens.py), is
revoked by its owner at any time, and may be limited to reading (GET, HEAD, OPTIONS).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.audit.services import event_record
from portal.core.models import ApiToken
from portal.lib.errors import Refused
from portal.lib.tokens import expires_in, password_stamp


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
