"""Stable error bodies: {"code": machine-readable, "message": Vietnamese, "fields": {...}}."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from portal.lib.errors import Refused

_MESSAGES = {
    "not_authenticated": "Cần đăng nhập hoặc gửi khóa API.",
    "authentication_failed": "Khóa API không hợp lệ, đã hết hạn, đã bị thu hồi hoặc mất hiệu lực vì mật khẩu của "
    "tài khoản đã đổi.",
    "read_only_token": "Khóa API này chỉ được đọc (GET); không thể dùng để thay đổi dữ liệu.",
    "permission_denied": "Bạn không có quyền thực hiện thao tác này.",
    # A session-authenticated write without the CSRF token (portal.api.auth.CsrfFailed).
    "csrf_failed": "Thiếu mã chống giả mạo (CSRF): gửi tiêu đề X-CSRFToken cùng phiên đăng nhập, hoặc dùng khóa "
    "API (Authorization: Token …).",
    "not_found": "Không tìm thấy.",
    "method_not_allowed": "Phương thức không được hỗ trợ.",
    "parse_error": "Dữ liệu gửi lên không đọc được (JSON hỏng?).",
    "unsupported_media_type": "Kiểu dữ liệu không được hỗ trợ.",
    "throttled": "Quá nhiều yêu cầu; hãy thử lại sau.",
    "invalid": "Dữ liệu không hợp lệ.",
}


def api_exception_handler(exc, context):
    if isinstance(exc, Refused):
        # A service's refusal: its class names the status (portal.lib.errors), nothing here reads its code.
        return Response(exc.body(), status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        code, fields = (
            "invalid",
            response.data if isinstance(response.data, dict) else {"non_field_errors": response.data},
        )
    else:
        code, fields = getattr(exc, "default_code", "error"), {}
    message = _MESSAGES.get(code) or str(getattr(exc, "detail", "")) or "Lỗi."
    if code == "invalid" and fields:
        first = next(iter(fields.items()))
        detail = first[1][0] if isinstance(first[1], list) and first[1] else first[1]
        message = f"Dữ liệu không hợp lệ — {first[0]}: {detail}"
    response.data = {"code": code, "message": message, "fields": fields}
    return response
