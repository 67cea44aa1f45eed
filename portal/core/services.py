"""API token lifecycle. The plain key is returned once, at creation, and never stored."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from portal.audit.services import event_record
from portal.core.models import ApiToken


class TokenError(Exception):
    pass


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    name = (name or "").strip()
    if not name:
        raise TokenError("Hãy đặt tên cho khóa (ví dụ: «Phần mềm tổng hợp của văn phòng»).")
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= 20:
        raise TokenError("Mỗi tài khoản có tối đa 20 khóa đang dùng; hãy thu hồi khóa cũ.")
    key = ApiToken.generate()
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=key[:10], key_hash=ApiToken.hash(key))
    event_record(actor=user, action="api_token.created", obj=token)
    return token, key


@transaction.atomic
def api_token_revoke(*, user, token_id: int) -> bool:
    changed = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if changed:
        event_record(actor=user, action="api_token.revoked", obj=ApiToken.objects.get(pk=token_id))
    return bool(changed)
