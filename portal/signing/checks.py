"""System checks of the signing settings: a production deployment that would sign or verify against nothing.

Registered from SigningConfig.ready(). Each reads its setting through portal.signing.conf (one reader per
setting). In the embedded default (THONGSUOT_PRODUCTION off) the demo PKI and the in-process TSA stand in, so
these checks only speak in production, and only while issuing goes through signatures (SIGNING_REQUIRED).
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.checks import Warning, register

from portal.signing import conf


def _applies() -> bool:
    return bool(getattr(settings, "PRODUCTION", False)) and conf.signing_required()


@register()
def check_trust_roots(app_configs, **kwargs):
    """No root to trust: every signature — ours and every received one — would verify as untrusted."""
    if not _applies() or conf.demo_pki():
        return []
    roots = conf.trust_roots()
    if not roots:
        return [
            Warning(
                "Chữ ký số đang bắt buộc nhưng chưa khai báo chứng thư gốc tin cậy nào.",
                hint=(
                    "Đặt THONGSUOT_SIGNING_TRUST_ROOTS tới các tệp PEM chứng thư gốc của Tổ chức cung cấp dịch vụ "
                    "chứng thực chữ ký số (cách nhau bằng dấu phẩy)."
                ),
                id="thongsuot.W005",
            )
        ]
    missing = [path for path in roots if not os.path.isfile(path) or not os.access(path, os.R_OK)]
    if missing:
        return [
            Warning(
                f"Không đọc được tệp chứng thư gốc tin cậy: {', '.join(missing)}.",
                hint="Kiểm tra đường dẫn và quyền đọc của các tệp trong THONGSUOT_SIGNING_TRUST_ROOTS.",
                id="thongsuot.W006",
            )
        ]
    return []


@register()
def check_timestamp_authority(app_configs, **kwargs):
    """Without a TSA URL the stamps would come from the demo TSA, which production does not have or trust."""
    if not _applies() or conf.demo_pki() or conf.tsa_url():
        return []
    return [
        Warning(
            "Chữ ký số đang bắt buộc nhưng chưa khai báo máy chủ cấp dấu thời gian (TSA).",
            hint="Đặt THONGSUOT_SIGNING_TSA_URL=https://… (dịch vụ dấu thời gian RFC 3161 của nhà cung cấp).",
            id="thongsuot.W007",
        )
    ]


@register()
def check_pkcs11_module(app_configs, **kwargs):
    """The key devices' driver is not there: every signature with a USB token would fail at the PIN step."""
    if not _applies():
        return []
    module = conf.pkcs11_module()
    if module and os.path.isfile(module):
        return []
    return [
        Warning(
            f"Không tìm thấy thư viện PKCS#11 của thiết bị ký số: {module or '(chưa đặt)'}.",
            hint="Cài trình điều khiển token của nhà cung cấp và đặt THONGSUOT_SIGNING_PKCS11_MODULE tới tệp .so.",
            id="thongsuot.W008",
        )
    ]
