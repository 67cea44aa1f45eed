"""Refusals of the signing app: one class, one stable code per cause, a Vietnamese message a person can act on.

A signing step refuses *before* any signature is made (the certificate is checked first, the PIN is tried
before the document is touched), so a refusal always leaves the document as it was.
"""

from __future__ import annotations

from portal.lib.errors import Refused

#: code → what the person reads. The PIN's codes name the field "pin", so the signing form shows the message
#: beside the PIN box.
MESSAGES: dict[str, str] = {
    "no_certificate": (
        "Bạn chưa có chứng thư số còn hiệu lực để ký. Hãy liên hệ quản trị để được cấp chứng thư số "
        "(hoặc đăng ký thiết bị ký số) trước khi ký."
    ),
    "certificate_expired": "Chứng thư số đã hết hạn sử dụng, không thể dùng để ký. Hãy gia hạn chứng thư số.",
    "certificate_not_yet_valid": "Chứng thư số chưa đến ngày có hiệu lực, chưa thể dùng để ký.",
    "certificate_revoked": "Chứng thư số đã bị thu hồi, không thể dùng để ký. Hãy liên hệ quản trị.",
    "not_trusted": (
        "Chứng thư số không do một tổ chức cung cấp dịch vụ chứng thực được tin cậy cấp, không thể dùng để ký."
    ),
    "revocation_unknown": (
        "Không kiểm tra được tình trạng thu hồi của chứng thư số (không lấy được danh sách thu hồi). "
        "Hãy thử lại sau."
    ),
    "wrong_pin": "Mã PIN không đúng. Hãy nhập lại mã PIN của thiết bị ký số.",
    "pin_locked": (
        "Mã PIN của thiết bị ký số đã bị khóa vì nhập sai quá số lần cho phép. "
        "Hãy liên hệ quản trị hoặc nhà cung cấp chứng thư số để mở khóa."
    ),
    "token_missing": (
        "Không tìm thấy thiết bị ký số (USB token) chứa khóa của chứng thư số này. "
        "Hãy cắm thiết bị vào máy và thử lại."
    ),
    "remote_refused": "Yêu cầu ký số từ xa đã bị từ chối trên thiết bị xác nhận. Văn bản chưa được ký.",
    "remote_timeout": (
        "Hết thời gian chờ xác nhận ký số từ xa. Văn bản chưa được ký; hãy thử lại và xác nhận trên "
        "thiết bị của bạn."
    ),
    "remote_unavailable": "Không kết nối được dịch vụ ký số từ xa. Văn bản chưa được ký; hãy thử lại sau.",
}

PIN_CODES = frozenset({"wrong_pin", "pin_locked"})


class SigningRefused(Refused):
    """A signature was refused before it was made: ``SigningRefused("wrong_pin")``.

    The code picks the message (``MESSAGES``); a caller may give a more precise one. The PIN's refusals are
    about the field ``pin``."""

    code = "signing_refused"

    def __init__(self, code: str, message: str | None = None, *, field: str | None = None) -> None:
        if field is None and code in PIN_CODES:
            field = "pin"
        super().__init__(message or MESSAGES[code], field=field, code=code)


class CredentialRefused(Refused):
    """A credential could not be registered (a certificate that does not parse, no place for its key)."""

    code = "credential_refused"
