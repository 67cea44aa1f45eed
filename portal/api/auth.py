"""Token authentication over hashed keys ("Authorization: Token ts_…")."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from portal.core.models import ApiToken


class CsrfFailed(exceptions.PermissionDenied):
    """A session-authenticated write without the CSRF token (its own code, so the client is told what to send)."""

    default_code = "csrf_failed"


class CsrfSessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, with its CSRF refusal raised as CsrfFailed instead of a bare 403."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as exc:
            raise CsrfFailed(exc.detail) from exc


AUTHENTICATION_FAILED = (
    "Khóa API không hợp lệ, đã hết hạn, đã bị thu hồi hoặc mất hiệu lực vì mật khẩu của tài khoản đã đổi."
)


class ReadOnlyToken(exceptions.PermissionDenied):
    """A write (POST, PATCH, PUT, DELETE) with a key its owner limited to reading."""

    default_code = "read_only_token"
    default_detail = "Khóa API này chỉ được đọc (GET); không thể dùng để thay đổi dữ liệu."


class HashedTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Khóa API không đúng định dạng: «Authorization: Token <khóa>»."
            )
        key = header[1].decode(errors="replace")
        token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(key)).first()
        # Revoked, expired, or made before the owner's latest password change: all the same refusal.
        if token is None or not token.user.is_active or token.state() != "active":
            raise exceptions.AuthenticationFailed(AUTHENTICATION_FAILED)
        if token.read_only and request.method not in permissions.SAFE_METHODS:
            raise ReadOnlyToken()
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class HashedTokenScheme(OpenApiAuthenticationExtension):
    target_class = "portal.api.auth.HashedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token ts_… (tạo trong trang «Khóa API» của tài khoản)",
        }


class CsrfSessionScheme(SessionScheme):
    """The session cookie in the schema, as drf-spectacular describes DRF's own session authentication."""

    target_class = "portal.api.auth.CsrfSessionAuthentication"
